import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, aggregateRecords, checkConsistency, type CountRecord } from '@jalon/domain';
import { enteredRecord } from '@jalon/domain/test-support';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

/** The record with approximate counts taken at their word, as the engine first reads them. */
function asStated(r: CountRecord): CountRecord {
  const stated = <T extends { qualifier: string }>(c: T): T =>
    c.qualifier === 'approximate' ? { ...c, qualifier: 'exact' } : c;
  return { total: r.total && stated(r.total), cells: r.cells.map(stated) };
}

describe.each(kinds)('records entered through activity.create (property) on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let programmeId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    programmeId = must(
      (await caller.programme.list()).items.find((p) => p.code === 'CCS-C'),
      "(await caller.programme.list()).items.find((p) => p.code === 'CCS-C')",
    ).id;
  }, 60_000);
  afterAll(async () => handle?.close());

  it('never make a period fail; a doubtful one is saved with a warning', async () => {
    let accepted = 0;
    let doubtful = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ record: enteredRecord, day: fc.integer({ min: 1, max: 28 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 7, max: 9 }),
        async (entries, month) => {
          for (const { record, day } of entries) {
            const date = `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
            const refused = checkConsistency(record).some((i) => i.severity === 'error');
            const created = await caller.activity
              .create({
                programmeId,
                title: 'Session générée',
                type: 'training',
                startDate: date,
                endDate: date,
                participants: record,
              })
              .then(
                (r) => r,
                (e: unknown) => {
                  // The entry refuses exactly what its consistency check calls an error.
                  expect(e).toBeInstanceOf(TRPCError);
                  expect((e as TRPCError).code).toBe('BAD_REQUEST');
                  return null;
                },
              );
            expect(created === null).toBe(refused);
            if (!created) continue;
            accepted += 1;
            // Taken at their word its counts contradict each other: the figures adjust it.
            const stated = aggregateRecords([asStated(record)]);
            if (!stated.ok || stated.value.doubtful) {
              doubtful += 1;
              expect(created.issues.some((i) => i.severity === 'warning')).toBe(true);
            }
          }
          for (const period of [`2023-${String(month).padStart(2, '0')}`, '2023-Q3', '2023']) {
            const figures = await caller.bulletin.figures({ period });
            const ccsc = must(
              figures.programmes.find((p) => p.code === 'CCS-C'),
              "figures.programmes.find((p) => p.code === 'CCS-C')",
            );
            // The parts certainly counted never exceed the total stated.
            expect(ccsc.women.value).toBeLessThanOrEqual(ccsc.participants.value);
            expect(ccsc.youth.value).toBeLessThanOrEqual(ccsc.participants.value);
          }
        },
      ),
      { seed: 1718, numRuns: kind === 'pglite' ? 12 : 16 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(doubtful).toBeGreaterThan(0);
    const summary = await caller.dashboard.summary({ period: '2023' });
    expect(
      summary.indicators.filter((v) => v.notComputable?.reason === 'inconsistent-data'),
    ).toEqual([]);
  }, 600_000);
});
