import { findOrganisationByCode, listIndicators, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import {
  must,
  parsePeriod,
  rangePeriod,
  targetForWindow,
  type Period,
  type Target,
} from '@jalon/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { toDefinition } from './indicator-values';
import { reportStatuses } from './report-model';

const kinds = await testDatabaseKinds();

const QUARTERS = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4'] as const;

const period = (code: string): Period =>
  must(
    (() => {
      const p = parsePeriod(code);
      return p.ok ? p.value : undefined;
    })(),
    `the period ${code}`,
  );

/**
 * UNDP's annual target beside its milestone: for a Q2 report the fiscal year is judged to 30 June,
 * against the milestone to that day, and its whole target is the year's by the domain's rule for a
 * window (a summed indicator's quarters add up; a running total's is that of the last quarter).
 */
describe.each(kinds)('the whole fiscal year’s target beside the milestone, on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let organisationId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      'the demo organisation',
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
  }, 60_000);
  afterAll(async () => handle?.close());

  // A summed indicator (JF-LOBBYING) and a running total (CCSC-SESSIONS), under UNDP's template.
  for (const [grant, code, oracle] of [
    ['JUST-FUTURE', 'JF-LOBBYING', 'sum'],
    ['PROSMED-CCSC', 'CCSC-SESSIONS', 'last'],
  ] as const) {
    it(`${code}: the annual target is the year's by the domain's rule, the milestone the year to 30 June's`, async () => {
      const row = must(
        (await listIndicators(handle.db, organisationId)).find((r) => r.code === code),
        code,
      );
      const definition = toDefinition(row);
      expect(definition.timeRule).toBe('sum');
      expect(definition.cumulative).toBe(oracle === 'last');
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 4, maxLength: 4 }),
          fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
          async (quarters, year) => {
            // Only this run's 2023 targets: the quarters, and a year's own target or none.
            for (const t of (await caller.target.list({ indicatorId: row.id })).targets)
              if (!t.lifeOfGrant && t.periodStart.startsWith('2023'))
                await caller.target.remove({ id: t.id });
            for (const [i, q] of QUARTERS.entries())
              await caller.target.set({ indicatorId: row.id, period: q, value: quarters[i] ?? 0 });
            if (year !== undefined)
              await caller.target.set({ indicatorId: row.id, period: '2023', value: year });

            const stored: Target[] = (await caller.target.list({ indicatorId: row.id })).targets
              .filter((t) => t.cellKey === '')
              .map((t) => ({
                indicator: definition.code,
                period: { code: t.periodCode, start: t.periodStart, end: t.periodEnd },
                value: t.value,
                lifeOfGrant: t.lifeOfGrant,
              }));
            const r = await reportStatuses(handle.db, organisationId, {
              grant,
              period: '2023-Q2',
              template: 'undp-quarterly',
            });
            if (!r.ok) throw new Error(JSON.stringify(r.error));
            expect(r.value.statusPeriod).toMatchObject({ code: '2023', asOf: '2023-06-30' });
            const item = must(
              r.value.items.find((i) => i.code === code),
              `${code} in the statuses`,
            );
            const whole = targetForWindow(stored, definition, period('2023'));
            const toDate = targetForWindow(
              stored,
              definition,
              must(
                (() => {
                  const w = rangePeriod('2023-01-01', '2023-06-30');
                  return w.ok ? w.value : undefined;
                })(),
                'the year to 30 June',
              ),
            );
            const valueOf = (f: typeof whole) =>
              f.ok ? (typeof f.value === 'number' ? f.value : f.value.value) : null;
            // The domain's rule, as the report states it…
            expect(item.wholeTarget).toBeCloseTo(must(valueOf(whole), 'the year’s target'), 2);
            expect(item.target).toBeCloseTo(must(valueOf(toDate), 'the milestone'), 2);
            // …which is, for these indicators, the year's own target, else its quarters' sum
            // (events) or the last quarter's (a running total); the milestone stops at Q2.
            const [q1, q2, , q4] = quarters as [number, number, number, number];
            if (oracle === 'sum') {
              expect(item.wholeTarget).toBe(year ?? quarters.reduce((s, x) => s + x, 0));
              expect(item.target).toBe(q1 + q2);
            } else {
              expect(item.wholeTarget).toBe(year ?? q4);
              expect(item.target).toBe(q2);
            }
          },
        ),
        { numRuns: 4 },
      );
    }, 120_000);
  }
});
