import { createHash } from 'node:crypto';

/**
 * A value's canonical JSON: object keys sorted at every depth, `undefined` fields left out, no
 * spaces. The database's jsonb keeps neither key order nor spacing, so a snapshot's checksum is
 * taken on this form, which a model read back from the database gives again byte for byte.
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }) // '{"a":[{"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sorted(v)));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sorted(v);
    }
    return out;
  }
  return value;
}

/** The sha256 (hex) of a value's canonical JSON: a submitted report's checksum. */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
