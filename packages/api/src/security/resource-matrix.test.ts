import type { DatabaseHandle } from '@jalon/db';
import { roles, type Role } from '@jalon/db/schema';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../auth/permissions';
import { call, leakIn, procedures, rolledBack, rowCounts, type Outcome } from './harness';
import { samples, situations, type Sample, type Situation } from './samples';
import { buildWorld, type World } from './world';
import { must } from '@jalon/domain';

/**
 * The authorisation matrix on real data: every procedure of the router × every role of the demo
 * organisation (and nobody) × own / other organisation / other programme / other grant, called
 * through `createCaller` with the sample inputs of `samples.ts`. What happens must be what
 * `authorize` decides for that resource:
 * - allowed: the call succeeds (the samples are valid inputs), and returns nothing of B;
 * - refused: FORBIDDEN (UNAUTHORIZED for nobody); for another organisation's record, NOT_FOUND
 *   or an unknown reference (BAD_REQUEST) does as well — the record is not even seen — and a
 *   collection filtered on B's ids may answer, empty of B's data.
 * Allowed mutations run in a transaction rolled back after the call, so every case sees the same
 * data; refused ones run for real, and every table must count the same rows afterwards.
 */
const kinds = await testDatabaseKinds();

type Who = Role | 'anonymous';
const everyone: Who[] = [...roles, 'anonymous'];

describe.each(kinds)('resource matrix on %s', (kind) => {
  let handle: DatabaseHandle;
  let world: World;
  const tally = { allowed: 0, refused: 0, skipped: 0 };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    world = await buildWorld(handle.db);
  }, 120_000);
  afterAll(async () => handle?.close(), 60_000);

  it('has samples for every procedure of the router, and none for a procedure that is gone', () => {
    const paths = procedures.map((p) => p.path);
    expect(paths.filter((p) => !(p in samples))).toEqual([]);
    expect(Object.keys(samples).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it.each(procedures)(
    '$path × role × situation',
    async ({ path, type }) => {
      const table = samples[path];
      // A new procedure must say how it is called on each situation (security/samples.ts).
      expect(table, `${path} has no samples in security/samples.ts`).toBeDefined();
      const cases = must(table, 'table')(world);
      expect(cases.own, `${path}: the own sample is required`).not.toBeNull();

      const problems: string[] = [];
      const before = type === 'mutation' ? await rowCounts(handle.db) : null;
      for (const situation of situations) {
        const sample = cases[situation];
        if (!sample) continue;
        for (const who of everyone) {
          const actor = who === 'anonymous' ? null : world.actors[who];
          const expected = authorize(actor, path, sample.resource);
          tally[expected.allow ? 'allowed' : 'refused'] += 1;
          const outcome: Outcome =
            type === 'mutation' && expected.allow
              ? await rolledBack(handle.db, (tx) => call(tx, actor, path, sample.input))
              : await call(handle.db, actor, path, sample.input);
          const problem = judge(situation, expected, outcome, world.leakMarkers, sample);
          if (problem) problems.push(`${situation} as ${who}: ${problem}`);
        }
      }
      if (before)
        expect(await rowCounts(handle.db), `${path}: refused calls wrote`).toEqual(before);
      expect(problems, path).toEqual([]);
    },
    60_000,
  );
});

function judge(
  situation: Situation,
  expected: ReturnType<typeof authorize>,
  outcome: Outcome,
  markers: readonly string[],
  sample: Sample,
): string | null {
  const describe = (o: Outcome) =>
    o.ok ? 'succeeded' : `${o.code} (${(o.error as Error).message.slice(0, 160)})`;
  if (outcome.ok) {
    const leak = leakIn(outcome.value, markers);
    if (leak) return `returned another organisation's data (${leak})`;
  }
  if (expected.allow)
    return outcome.ok || outcome.code === sample.contentRefusal
      ? null
      : `expected to succeed, ${describe(outcome)}`;
  if (expected.reason === 'unauthenticated')
    return !outcome.ok && outcome.code === 'UNAUTHORIZED'
      ? null
      : `expected UNAUTHORIZED, ${describe(outcome)}`;
  if (expected.reason === 'other-organisation' && situation === 'otherOrganisation') {
    if (outcome.ok || ['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(outcome.code)) return null;
    return `expected a refusal (403/404), ${describe(outcome)}`;
  }
  return !outcome.ok && outcome.code === 'FORBIDDEN'
    ? null
    : `expected FORBIDDEN (${expected.reason}), ${describe(outcome)}`;
}
