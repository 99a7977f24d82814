import { findUserByEmail, updatePasswordHash, type DatabaseHandle } from '@jalon/db';
import { demoPassword, demoUsers, seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidCredentialsMessage, login, throttledMessage } from './login';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { resolveSession } from './sessions';
import { LoginThrottle } from './throttle';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('login on %s', (kind) => {
  let handle: DatabaseHandle;
  let t = 1_700_000_000_000;
  const fresh = () => new LoginThrottle({ now: () => t });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
  });
  afterAll(async () => handle?.close());

  it('signs every demo account in with the documented password, in any case of the email', async () => {
    for (const u of demoUsers) {
      const r = await login(handle.db, ` ${u.email.toUpperCase()} `, demoPassword, '10.0.0.1', {
        throttle: fresh(),
      });
      expect(r.ok, u.email).toBe(true);
      if (!r.ok) continue;
      expect((await resolveSession(handle.db, r.token))?.role).toBe(u.role);
    }
  });

  it('says the same thing for an unknown email and a wrong password', async () => {
    const throttle = fresh();
    const unknown = await login(handle.db, 'personne@wanep-mali.demo', demoPassword, '10.0.0.2', {
      throttle,
    });
    const wrong = await login(handle.db, 'suivi@wanep-mali.demo', 'not-the-password', '10.0.0.2', {
      throttle,
    });
    const empty = await login(handle.db, '', '', '10.0.0.2', { throttle });
    expect(unknown).toEqual({
      ok: false,
      reason: 'invalid-credentials',
      message: invalidCredentialsMessage,
    });
    expect(wrong).toEqual(unknown);
    expect(empty).toEqual(unknown);
    expect(invalidCredentialsMessage).toEqual({
      fr: 'Adresse ou mot de passe incorrect.',
      en: 'Wrong email or password.',
    });
  });

  it('takes a comparable time for an unknown email and a wrong password (both run scrypt)', async () => {
    const throttle = new LoginThrottle({ limits: { perPair: 100, perIp: 100 } });
    const time = async (email: string) => {
      const start = performance.now();
      await login(handle.db, email, 'not-the-password', '10.0.0.3', { throttle });
      return performance.now() - start;
    };
    const median = (xs: number[]) =>
      must(
        xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)],
        'xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]',
      );
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknown.push(await time(`inconnu${i}@wanep-mali.demo`));
      known.push(await time('direction@wanep-mali.demo'));
    }
    // Generous bounds (shared CI machines): a skipped hash would be ~100× faster, not 2×.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    expect(median(known)).toBeGreaterThan(median(unknown) * 0.4);
  });

  it('throttles an (email, address) pair after 5 failures, with a message that reads the same whether the account exists or not', async () => {
    const throttle = fresh();
    for (const email of ['pnud@wanep-mali.demo', 'fantome@wanep-mali.demo']) {
      for (let i = 0; i < 5; i++) {
        expect((await login(handle.db, email, 'guess-' + i, '10.1.0.1', { throttle })).ok).toBe(
          false,
        );
      }
      const r = await login(
        handle.db,
        email,
        email === 'pnud@wanep-mali.demo' ? demoPassword : 'x',
        '10.1.0.1',
        { throttle },
      );
      expect(r).toEqual({
        ok: false,
        reason: 'throttled',
        message: throttledMessage,
        retryAfterSeconds: 15 * 60,
      });
    }
    // The right password does not get through while throttled; it does once the window has passed.
    t += 15 * 60 * 1000;
    expect(
      (await login(handle.db, 'pnud@wanep-mali.demo', demoPassword, '10.1.0.1', { throttle })).ok,
    ).toBe(true);
  });

  it('lets the real user sign in from her own address after another address failed 5 times', async () => {
    const throttle = fresh();
    for (let i = 0; i < 5; i++)
      await login(handle.db, 'programme@wanep-mali.demo', `guess-${i}`, '192.0.2.66', { throttle });
    expect(
      (
        await login(handle.db, 'programme@wanep-mali.demo', demoPassword, '192.0.2.66', {
          throttle,
        })
      ).ok,
    ).toBe(false);
    expect(
      (await login(handle.db, 'programme@wanep-mali.demo', demoPassword, '10.3.0.7', { throttle }))
        .ok,
    ).toBe(true);
  });

  it('answers an email holding NUL or another control character like an unknown one', async () => {
    for (const email of [
      'suivi@wanep-mali.demo\u0000',
      'su\u0000ivi@wanep-mali.demo',
      'a\u0001@b.ml',
    ])
      expect(
        await login(handle.db, email, demoPassword, '10.4.0.1', { throttle: fresh() }),
      ).toEqual({ ok: false, reason: 'invalid-credentials', message: invalidCredentialsMessage });
  });

  it('throttles an address after 20 failures over any emails', async () => {
    const throttle = fresh();
    for (let i = 0; i < 20; i++)
      await login(handle.db, `u${i}@wanep-mali.demo`, 'x', '198.51.100.9', { throttle });
    expect(
      await login(handle.db, 'admin@wanep-mali.demo', demoPassword, '198.51.100.9', { throttle }),
    ).toMatchObject({ ok: false, reason: 'throttled' });
    expect(
      (await login(handle.db, 'admin@wanep-mali.demo', demoPassword, '198.51.100.10', { throttle }))
        .ok,
    ).toBe(true);
  });

  it('refuses an over-long password like any wrong one', async () => {
    const r = await login(
      handle.db,
      'admin@wanep-mali.demo',
      demoPassword + 'x'.repeat(5000),
      '10.0.0.4',
      { throttle: fresh() },
    );
    expect(r).toEqual({
      ok: false,
      reason: 'invalid-credentials',
      message: invalidCredentialsMessage,
    });
  });

  it('re-hashes a password stored with weaker parameters at the next login', async () => {
    const user = must(
      await findUserByEmail(handle.db, 'direction@wanep-mali.demo'),
      "(await findUserByEmail(handle.db, 'direction@wanep-mali.demo'))",
    );
    await updatePasswordHash(
      handle.db,
      user.id,
      await hashPassword(demoPassword, { ln: 14, r: 8, p: 1 }),
    );
    expect(
      (await login(handle.db, user.email, demoPassword, '10.0.0.5', { throttle: fresh() })).ok,
    ).toBe(true);
    const after = must(
      must(
        await findUserByEmail(handle.db, user.email),
        '(await findUserByEmail(handle.db, user.email))',
      ).passwordHash,
      '(await findUserByEmail(handle.db, user.email))!.passwordHash',
    );
    expect(needsRehash(after)).toBe(false);
    expect(await verifyPassword(demoPassword, after)).toBe(true);
    await seedDemo(handle.db);
  });
});

// Simultaneous guesses race only with several writers: PostgreSQL.
describe.each(kinds.filter((k) => k === 'postgres'))('login under a burst on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
  }, 60_000);
  afterAll(async () => handle?.close());

  it('checks at most 5 of 60 wrong passwords sent at once for one account from one address', async () => {
    const throttle = new LoginThrottle();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        login(handle.db, 'admin@wanep-mali.demo', `guess-${i}`, '198.51.100.60', { throttle }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === 'invalid-credentials');
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(
      60 - checked.length,
    );
  });
});
