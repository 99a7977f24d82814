import type { DatabaseHandle } from '@jalon/db';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultThrottleLimits, ipKey, LoginThrottle } from './throttle';

const MINUTE = 60_000;
const kinds = await testDatabaseKinds();

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

let run = 0;
/** An email of its own per test, so the tests sharing a database do not share counters. */
const fresh = (name: string) => `${name}.${++run}@example.ml`;

describe.each(kinds)('login throttle on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => handle?.close());
  const db = () => handle.db;

  it('refuses a (email, address) pair after 5 attempts in 15 minutes, not the same email from elsewhere', async () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now });
    const awa = fresh('awa');
    for (let i = 0; i < 5; i++) {
      expect((await throttle.attempt(db(), awa, '10.0.0.1')).allowed).toBe(true);
      c.advance(MINUTE);
    }
    // 5 attempts from t0 to t0+4 min; now t0+5 min: the window opened at t0 ends at t0+15 min.
    expect(await throttle.attempt(db(), awa, '10.0.0.1')).toEqual({
      allowed: false,
      retryAfterMs: 10 * MINUTE,
    });
    expect((await throttle.attempt(db(), ` ${awa.toUpperCase()}`, '10.0.0.1')).allowed).toBe(false);
    expect((await throttle.attempt(db(), awa, '10.0.0.2')).allowed).toBe(true);
    expect((await throttle.attempt(db(), fresh('moussa'), '10.0.0.1')).allowed).toBe(true);
    c.advance(10 * MINUTE - 1);
    expect((await throttle.attempt(db(), awa, '10.0.0.1')).allowed).toBe(false);
    c.advance(1);
    expect((await throttle.attempt(db(), awa, '10.0.0.1')).allowed).toBe(true);
  });

  it('refuses an address after 20 attempts over many emails', async () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 20; i++) {
      expect((await throttle.attempt(db(), fresh('user'), '192.0.2.7')).allowed).toBe(true);
      c.advance(1000);
    }
    expect((await throttle.attempt(db(), fresh('new'), '192.0.2.7')).allowed).toBe(false);
    expect((await throttle.attempt(db(), fresh('new'), '192.0.2.8')).allowed).toBe(true);
    c.advance(15 * MINUTE);
    expect((await throttle.attempt(db(), fresh('new'), '192.0.2.7')).allowed).toBe(true);
  });

  it('slows an email guessed from many addresses, but not from an address it signed in from', async () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now, limits: { perAccount: 10 } });
    const fatou = fresh('fatou');
    // Her usual place: she signed in from it once.
    expect((await throttle.attempt(db(), fatou, '203.0.113.1')).allowed).toBe(true);
    await throttle.succeeded(db(), fatou, '203.0.113.1');
    for (let i = 0; i < 10; i++)
      expect((await throttle.attempt(db(), fatou, `198.51.100.${i}`)).allowed).toBe(true);
    const elsewhere = await throttle.attempt(db(), fatou, '198.51.100.200');
    expect(elsewhere.allowed).toBe(false);
    // A slower rate, not a lockout: the account's window is an hour, and then it opens again.
    expect(elsewhere.allowed ? 0 : elsewhere.retryAfterMs).toBe(60 * MINUTE);
    expect((await throttle.attempt(db(), fatou, '203.0.113.1')).allowed).toBe(true);
    c.advance(60 * MINUTE);
    expect((await throttle.attempt(db(), fatou, '198.51.100.201')).allowed).toBe(true);
  });

  it('counts IPv6 clients by their /64, so changing the interface id does not escape', async () => {
    const throttle = new LoginThrottle({ now: clock().now, limits: { perIp: 3 } });
    for (const ip of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:aaaa:bbbb:cccc:dddd',
      '2001:0db8:0001:0002::ffff',
    ])
      expect((await throttle.attempt(db(), fresh('a'), ip)).allowed).toBe(true);
    expect((await throttle.attempt(db(), fresh('d'), '2001:db8:1:2::42')).allowed).toBe(false);
    expect((await throttle.attempt(db(), fresh('d'), '2001:db8:1:3::42')).allowed).toBe(true);
    expect(ipKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('a success starts the pair over and is not counted against the address, whose failures stay', async () => {
    const throttle = new LoginThrottle({ now: clock().now, limits: { perPair: 2, perIp: 5 } });
    const awa = fresh('awa');
    const signIn = async (email: string, ip: string) => {
      const d = await throttle.attempt(db(), email, ip);
      if (d.allowed) await throttle.succeeded(db(), email, ip);
      return d.allowed;
    };
    expect((await throttle.attempt(db(), awa, '10.9.0.1')).allowed).toBe(true);
    expect(await signIn(awa, '10.9.0.1')).toBe(true);
    // Her pair starts over: two more tries before the third is refused.
    expect((await throttle.attempt(db(), awa, '10.9.0.1')).allowed).toBe(true);
    expect((await throttle.attempt(db(), awa, '10.9.0.1')).allowed).toBe(true);
    expect((await throttle.attempt(db(), awa, '10.9.0.1')).allowed).toBe(false);
    // 10.9.0.1 holds four failures; successes of an account the attacker owns do not erase them.
    for (let i = 0; i < 3; i++) expect(await signIn(fresh('mine'), '10.9.0.1')).toBe(true);
    expect((await throttle.attempt(db(), fresh('other'), '10.9.0.1')).allowed).toBe(true);
    expect((await throttle.attempt(db(), fresh('other'), '10.9.0.1')).allowed).toBe(false);
  });

  it('keeps its counts in the database: a new throttle (a restart, a second server) sees them', async () => {
    const c = clock();
    const awa = fresh('awa');
    for (let i = 0; i < 5; i++)
      await new LoginThrottle({ now: c.now }).attempt(db(), awa, '10.8.0.1');
    expect((await new LoginThrottle({ now: c.now }).attempt(db(), awa, '10.8.0.1')).allowed).toBe(
      false,
    );
  });

  it('decides like a reference model of fixed windows, whatever the order of attempts (property)', async () => {
    const limits = { ...defaultThrottleLimits, perPair: 3, perIp: 5, perAccount: 7 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 8 * MINUTE }),
            who: fc.integer({ min: 0, max: 2 }),
            from: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (steps) => {
          const c = clock();
          const throttle = new LoginThrottle({ now: c.now, limits });
          const tag = ++run;
          const model = new Map<string, { n: number; end: number }>();
          const bump = (key: string, windowMs: number, limit: number) => {
            const now = c.now();
            const w = model.get(key);
            const next =
              w && w.end > now ? { n: w.n + 1, end: w.end } : { n: 1, end: now + windowMs };
            model.set(key, next);
            return next.n > limit ? next.end - now : 0;
          };
          for (const s of steps) {
            c.advance(s.gap);
            const email = `p${s.who}.${tag}@example.ml`;
            const ip = `10.${tag % 250}.${s.from}.1`;
            const wait = Math.max(
              bump(`pair ${email} ${ip}`, limits.windowMs, limits.perPair),
              bump(`ip ${ip}`, limits.windowMs, limits.perIp),
              bump(`email ${email}`, limits.accountWindowMs, limits.perAccount),
            );
            expect(await throttle.attempt(db(), email, ip)).toEqual(
              wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true },
            );
          }
        },
      ),
      { seed: 20231, numRuns: 12 },
    );
  }, 60_000);
});

// Concurrent attempts only race with several writers: PostgreSQL.
describe.each(kinds.filter((k) => k === 'postgres'))('login throttle under load on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => handle?.close());

  it('lets at most the limit of 60 simultaneous attempts through, for one pair and for one address', async () => {
    const throttle = new LoginThrottle();
    const awa = fresh('awa');
    const pair = await Promise.all(
      Array.from({ length: 60 }, () => throttle.attempt(handle.db, awa, '10.7.0.1')),
    );
    expect(pair.filter((d) => d.allowed)).toHaveLength(5);
    const spread = await Promise.all(
      Array.from({ length: 60 }, (_, i) => throttle.attempt(handle.db, fresh(`u${i}`), '10.7.0.2')),
    );
    expect(spread.filter((d) => d.allowed)).toHaveLength(20);
  });
});
