import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { loginThrottle } from '../../schema/index';

/** A counter to bump: its key and the length of the window a first attempt opens. */
export interface ThrottleCounter {
  key: string;
  windowMs: number;
}

/** A counter after an attempt: how many attempts its current window holds, and when it ends. */
export interface ThrottleCount {
  key: string;
  attempts: number;
  expiresAt: Date;
}

/**
 * Counts one attempt against every counter in a single statement and returns the counts that
 * include it: the row of each key is locked while it is bumped, so concurrent attempts each get
 * their own number (1, 2, 3…) and no two see the same count. A window that has ended starts
 * over at 1. Keys are bumped in a fixed order, so two attempts never wait on each other in a
 * circle.
 * @example await countLoginAttempt(db, [{ key: 'ip:10.0.0.1', windowMs: 900_000 }], now) // [{ key: 'ip:10.0.0.1', attempts: 1, … }]
 */
export async function countLoginAttempt(
  db: Database,
  counters: readonly ThrottleCounter[],
  now: Date,
): Promise<ThrottleCount[]> {
  if (counters.length === 0) return [];
  const sorted = [...counters].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ended = sql`${loginThrottle.expiresAt} <= ${now.toISOString()}::timestamptz`;
  return db
    .insert(loginThrottle)
    .values(
      sorted.map((c) => ({
        key: c.key,
        attempts: 1,
        expiresAt: new Date(now.getTime() + c.windowMs),
      })),
    )
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        attempts: sql`case when ${ended} then 1 else ${loginThrottle.attempts} + 1 end`,
        expiresAt: sql`case when ${ended} then excluded.expires_at else ${loginThrottle.expiresAt} end`,
      },
    })
    .returning({
      key: loginThrottle.key,
      attempts: loginThrottle.attempts,
      expiresAt: loginThrottle.expiresAt,
    });
}

/** Gives an attempt back to counters whose window is still open (a sign-in that succeeded). */
export async function refundLoginAttempt(db: Database, keys: readonly string[], now: Date) {
  if (keys.length === 0) return;
  await db
    .update(loginThrottle)
    .set({ attempts: sql`greatest(${loginThrottle.attempts} - 1, 0)` })
    .where(and(inArray(loginThrottle.key, [...keys]), gt(loginThrottle.expiresAt, now)));
}

/** Drops counters outright (a pair whose owner has just signed in). */
export async function clearLoginCounters(db: Database, keys: readonly string[]) {
  if (keys.length === 0) return;
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [...keys]));
}

/** Remembers a marker until `until` (a known sign-in place); no attempts, only a date. */
export async function rememberLoginMarker(db: Database, key: string, until: Date) {
  await db
    .insert(loginThrottle)
    .values({ key, attempts: 0, expiresAt: until })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { expiresAt: until } });
}

/** Whether a marker is remembered at `now`. */
export async function hasLoginMarker(db: Database, key: string, now: Date): Promise<boolean> {
  const rows = await db
    .select({ key: loginThrottle.key })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.key, key), gt(loginThrottle.expiresAt, now)));
  return rows.length > 0;
}

/** Forgets counters and markers that ended before `before`: the table holds only live windows. */
export async function forgetEndedLoginCounters(db: Database, before: Date) {
  await db.delete(loginThrottle).where(lt(loginThrottle.expiresAt, before));
}
