import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IATI_ACTIVITIES_XSD, iatiValidationAvailable } from './iati-schema';

const absent = ['/nonexistent/jalon/xmllint'];

describe('IATI validation tools', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds the vendored schema inside the repository', () => {
    expect(existsSync(IATI_ACTIVITIES_XSD)).toBe(true);
    expect(IATI_ACTIVITIES_XSD).toMatch(/packages\/reports\/schemas\/iati-2\.03\//);
  });

  it('fails when xmllint is missing in CI or when required', () => {
    expect(() => iatiValidationAvailable({ CI: 'true' }, absent)).toThrow(/libxml2-utils/);
    expect(() => iatiValidationAvailable({ JALON_REQUIRE_XMLLINT: '1' }, absent)).toThrow(
      /nonexistent/,
    );
  });

  it('skips with a warning elsewhere', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(iatiValidationAvailable({}, absent)).toBe(false);
    expect(iatiValidationAvailable({ CI: 'false', JALON_REQUIRE_XMLLINT: '0' }, absent)).toBe(
      false,
    );
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('says yes when every tool is there', () => {
    expect(iatiValidationAvailable({ CI: 'true' }, [IATI_ACTIVITIES_XSD])).toBe(true);
  });
});
