import { demoPassword, demoUsers } from '@jalon/db/seed';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  needsRehash,
  parsePasswordHash,
  unmatchableHash,
  verifyPassword,
} from './password';
import { must } from '@jalon/domain';

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a salt, never the password; the same password hashes differently each time', async () => {
    const a = await hashPassword('Bamako 2023 !');
    const b = await hashPassword('Bamako 2023 !');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toContain('Bamako');
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a)?.salt).toHaveLength(16);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Bamako 2023 !');
    expect(await verifyPassword('Bamako 2023 !', stored)).toBe(true);
    expect(await verifyPassword('bamako 2023 !', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    // The same word typed as composed or decomposed Unicode is the same password.
    const accented = await hashPassword('Ségou');
    expect(await verifyPassword('Se\u0301gou', accented)).toBe(true);
  });

  it('refuses a tampered or malformed hash instead of throwing', async () => {
    const stored = await hashPassword('secret');
    const [, , params, salt, key] = stored.split('$');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(
      await verifyPassword('secret', `$scrypt$${params}$${salt}$${flip(must(key, 'key'))}`),
    ).toBe(false);
    expect(
      await verifyPassword('secret', `$scrypt$${params}$${flip(must(salt, 'salt'))}$${key}`),
    ).toBe(false);
    expect(await verifyPassword('secret', `$scrypt$ln=14,r=8,p=1$${salt}$${key}`)).toBe(false);
    for (const bad of [
      '',
      'secret',
      '$scrypt$',
      `$scrypt$ln=40,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=15,r=8,p=1$${salt}$`,
      `$argon2id$v=19$${salt}$${key}`,
    ]) {
      expect(await verifyPassword('secret', bad), bad).toBe(false);
    }
  });

  it('asks for a re-hash when the parameters are weaker than today’s', async () => {
    const weak = await hashPassword('secret', { ln: 14, r: 8, p: 1 });
    expect(await verifyPassword('secret', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('secret'))).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('has an unmatchable hash of today’s shape for unknown emails', async () => {
    expect(needsRehash(unmatchableHash)).toBe(false);
    expect(await verifyPassword('', unmatchableHash)).toBe(false);
    expect(await verifyPassword(demoPassword, unmatchableHash)).toBe(false);
  });

  it('the seed’s demo hashes are this module’s, at today’s parameters, for the documented password', async () => {
    for (const u of demoUsers) {
      expect(needsRehash(u.passwordHash), u.email).toBe(false);
      expect(await verifyPassword(demoPassword, u.passwordHash), u.email).toBe(true);
      expect(await verifyPassword(`${demoPassword}x`, u.passwordHash), u.email).toBe(false);
    }
  });
});
