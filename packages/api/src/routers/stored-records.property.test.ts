import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import {
  must,
  cellKeyToString,
  checkConsistency,
  QUALIFIERS,
  type CellKey,
  type CountRecord,
} from '@jalon/domain';
import { renderWorkbook } from '@jalon/reports';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

const KEYS: CellKey[] = [
  { sex: 'female' },
  { sex: 'male' },
  { age: 'youth' },
  { age: 'adult' },
  { sex: 'female', age: 'youth' },
  { sex: 'male', age: 'adult' },
];

/**
 * Any record a table can hold, whatever the entry would say of it: counts drawn freely, mostly
 * exact, so many contradict each other (« 10 participants dont 40 femmes »).
 */
const storedRecord: fc.Arbitrary<CountRecord> = fc.record({
  total: fc.option(
    fc.record({
      value: fc.nat(60),
      qualifier: fc.constantFrom(...QUALIFIERS, 'exact', 'exact'),
    }),
    { nil: null },
  ),
  cells: fc.uniqueArray(
    fc.record({
      key: fc.constantFrom(...KEYS),
      value: fc.nat(60),
      qualifier: fc.constantFrom(...QUALIFIERS, 'exact', 'exact'),
    }),
    { selector: (c) => cellKeyToString(c.key), maxLength: 4 },
  ),
});

/** What the entry would refuse: counts that contradict each other (pairwise or all together). */
const contradicts = (r: CountRecord) => checkConsistency(r).some((i) => i.severity === 'error');

describe.each(kinds)('records stored around the entry (property) on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let organisationId: string;
  let programmeId: string;
  let grantId: string;
  let indicatorIds: string[];

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    programmeId = must(
      (await caller.programme.list()).items.find((p) => p.code === 'CCS-C'),
      "(await caller.programme.list()).items.find((p) => p.code === 'CCS-C')",
    ).id;
    grantId = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((g) => g.code === 'PROSMED-C...",
    ).id;
    indicatorIds = (await caller.indicator.list()).items.map((i) => i.id).slice(0, 200);
  }, 60_000);
  afterAll(async () => handle?.close());

  /** Writes the record straight into the tables, as an old version or a script could have. */
  async function store(activityId: string, record: CountRecord) {
    await queryRows(
      handle.db,
      sql`delete from participation_count where activity_id = ${activityId}`,
    );
    await queryRows(
      handle.db,
      sql`insert into participation_count (organisation_id, activity_id, total, total_qualifier)
          values (${organisationId}, ${activityId}, ${record.total?.value ?? null}, ${record.total?.qualifier ?? 'exact'})`,
    );
    for (const c of record.cells)
      await queryRows(
        handle.db,
        sql`insert into participation_cell (organisation_id, activity_id, cell_key, dims, value, qualifier)
            values (${organisationId}, ${activityId}, ${cellKeyToString(c.key)}, ${JSON.stringify(c.key)}::jsonb, ${c.value}, ${c.qualifier})`,
      );
  }

  it('never make a figure, an indicator or a report fail; a contradiction is a finding', async () => {
    let contradictory = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ record: storedRecord, day: fc.integer({ min: 1, max: 28 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 10, max: 12 }),
        async (entries, month) => {
          const mm = String(month).padStart(2, '0');
          const stored: { code: string; record: CountRecord }[] = [];
          for (const { record, day } of entries) {
            const date = `2023-${mm}-${String(day).padStart(2, '0')}`;
            const { activity } = await caller.activity.create({
              programmeId,
              title: 'Session écrite hors saisie',
              type: 'training',
              startDate: date,
              endDate: date,
              grantIds: [grantId],
            });
            await store(activity.id, record);
            stored.push({ code: activity.code, record });
            if (contradicts(record)) contradictory += 1;
          }
          for (const period of [`2023-${mm}`, '2023-Q4', '2023']) {
            const figures = await caller.bulletin.figures({ period });
            const ccsc = must(
              figures.programmes.find((p) => p.code === 'CCS-C'),
              "figures.programmes.find((p) => p.code === 'CCS-C')",
            );
            expect(ccsc.women.value).toBeLessThanOrEqual(ccsc.participants.value);
            expect(ccsc.youth.value).toBeLessThanOrEqual(ccsc.participants.value);
            const summary = await caller.dashboard.summary({ period });
            const values = await caller.indicator.values({ indicatorIds, period });
            for (const v of [...summary.indicators, ...values.items])
              expect(v.notComputable?.reason).not.toBe('inconsistent-data');
          }
          const request = { grant: 'PROSMED-CCSC', period: '2023-Q4' };
          const { model, template } = await caller.report.model(request);
          const rendered = await renderWorkbook(model, template, { locale: 'fr' });
          expect(rendered.ok).toBe(true);
          await caller.report.preview(request);
          // Each contradictory record is named among the report's data-quality findings.
          for (const { code, record } of stored) {
            if (!contradicts(record)) continue;
            expect(
              model.dataQuality.filter((f) => f.activityId === code && f.severity === 'error'),
            ).not.toEqual([]);
          }
        },
      ),
      { seed: 1819, numRuns: kind === 'pglite' ? 6 : 8 },
    );
    // The generator does write the records the property is about.
    expect(contradictory).toBeGreaterThan(3);
  }, 600_000);
});
