/**
 * The IATI 2.03 schema the tests validate against, vendored in `schemas/iati-2.03` so that a fresh
 * clone validates too, and the rule for a machine without xmllint: skipped with a warning on a
 * laptop, an error in CI (`CI=true`) or when `JALON_REQUIRE_XMLLINT` is set, so that a CI image
 * without libxml2-utils cannot pass by validating nothing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const IATI_ACTIVITIES_XSD = fileURLToPath(
  new URL('../../schemas/iati-2.03/iati-activities-schema.xsd', import.meta.url),
);

/** The ADX 1.0 message schema (`urn:ihe:qrph:adx:2015`), in `schemas/adx-1.0`. */
export const ADX_XSD = fileURLToPath(new URL('../../schemas/adx-1.0/adx.xsd', import.meta.url));

export const XMLLINT = '/usr/bin/xmllint';

/** Whether an environment flag is set: anything but empty, `0` or `false`. */
function flag(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Whether IATI documents can be validated here. Throws when they cannot and validation is
 * required (CI, or `JALON_REQUIRE_XMLLINT`); warns and returns false otherwise.
 */
export function iatiValidationAvailable(
  env: Record<string, string | undefined>,
  needed: readonly string[] = [XMLLINT, IATI_ACTIVITIES_XSD],
): boolean {
  const missing = needed.filter((path) => !existsSync(path));
  if (missing.length === 0) return true;
  const message = `IATI validation needs ${missing.join(' and ')} (xmllint: Debian package libxml2-utils)`;
  if (flag(env.CI) || flag(env.JALON_REQUIRE_XMLLINT)) throw new Error(message);
  console.warn(`${message}; the schema checks are skipped.`);
  return false;
}
