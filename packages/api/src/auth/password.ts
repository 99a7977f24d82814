import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { must } from '@jalon/domain';

/**
 * Password hashing with scrypt from `node:crypto` (OpenSSL's implementation: maintained, no
 * native add-on to build). The stored string carries its parameters, PHC-style:
 *
 *   $scrypt$ln=15,r=8,p=1$<salt, base64>$<key, base64>
 *
 * so the parameters can be raised later (`needsRehash`) without invalidating existing hashes.
 * N = 2^15, r = 8, p = 1 uses 32 MiB and about 0.2 s per hash on the 2-core machines Jalon runs
 * on; 2^16 doubles both, which a login burst would feel.
 */
export interface ScryptParams {
  /** log2 of N, the CPU/memory cost */
  ln: number;
  r: number;
  p: number;
}

export const defaultScryptParams: ScryptParams = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds on what a stored string may ask for: a tampered row must not make a login burn gigabytes.
const LIMITS = { ln: [14, 20], r: [1, 32], p: [1, 16] } as const;

function derive(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  keyLength: number,
): Promise<Buffer> {
  const N = 2 ** params.ln;
  const maxmem = 128 * N * params.r * params.p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function encode(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The parts of a stored hash, or null when it is not one this module wrote (or was tampered with). */
export function parsePasswordHash(
  stored: string,
): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([^$]+)\$([^$]+)$/.exec(stored);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  for (const k of ['ln', 'r', 'p'] as const) {
    if (params[k] < LIMITS[k][0] || params[k] > LIMITS[k][1]) return null;
  }
  if (
    !BASE64.test(must(m[4], 'the salt of the stored hash')) ||
    !BASE64.test(must(m[5], 'the digest of the stored hash'))
  )
    return null;
  const salt = Buffer.from(must(m[4], 'the salt of the stored hash'), 'base64');
  const key = Buffer.from(must(m[5], 'the digest of the stored hash'), 'base64');
  if (salt.length < SALT_BYTES || key.length < KEY_BYTES || key.length > 64) return null;
  return { params, salt, key };
}

/** Hashes a password with a fresh 16-byte salt: `await hashPassword('s3cret')` → `$scrypt$ln=15,…`. */
export async function hashPassword(
  password: string,
  params: ScryptParams = defaultScryptParams,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return encode(params, salt, await derive(password, salt, params, KEY_BYTES));
}

/**
 * True when `password` matches `stored`. Compares in constant time; a malformed or tampered hash
 * is simply false (never an exception a caller could turn into a different message).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash was made with weaker parameters than today's: re-hash it at the next login. */
export function needsRehash(stored: string, params: ScryptParams = defaultScryptParams): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return true;
  return (
    parsed.params.ln < params.ln ||
    parsed.params.r < params.r ||
    parsed.params.p < params.p ||
    parsed.key.length < KEY_BYTES
  );
}

/**
 * A well-formed hash that no password matches (its key is random): verifying against it costs what
 * verifying a real one costs, so an unknown email takes as long to refuse as a wrong password.
 */
export const unmatchableHash: string = encode(
  defaultScryptParams,
  randomBytes(SALT_BYTES),
  randomBytes(KEY_BYTES),
);
