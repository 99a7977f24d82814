import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, parsePeriod } from '@jalon/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

/*
 * A period and the range of its days are one window: `indicator.values` gives the month `2023-08`
 * and the dates `2023-08-01..2023-08-31` the same value, target (a quarter's pro-rated by days),
 * achievement and status, and a monthly report's month column says what both say.
 */
const kinds = await testDatabaseKinds();

const periodCode = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2022, max: 2024 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 2022, max: 2024 }), fc.integer({ min: 1, max: 4 }))
    .map(([y, q]) => `${y}-Q${q}`),
  fc
    .tuple(fc.integer({ min: 2022, max: 2024 }), fc.integer({ min: 1, max: 2 }))
    .map(([y, s]) => `${y}-S${s}`),
  fc.integer({ min: 2022, max: 2024 }).map(String),
);

describe.each(kinds)('a period and the range of its days on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let indicatorIds: string[];

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    indicatorIds = (await caller.indicator.list()).items.map((i) => i.id);
  }, 300_000);
  afterAll(async () => handle?.close());

  it('give every indicator one value, target, achievement and status (fixed seed)', async () => {
    let proRated = 0;
    await fc.assert(
      fc.asyncProperty(periodCode, async (code) => {
        const parsed = parsePeriod(code);
        if (!parsed.ok) throw new Error(code);
        const period = parsed.value;
        const range = `${period.start}..${period.end}`;
        const named = (await caller.indicator.values({ indicatorIds, period: code })).items;
        const days = (await caller.indicator.values({ indicatorIds, period: range })).items;
        expect(days.map((v) => v.indicator.code)).toEqual(named.map((v) => v.indicator.code));
        for (const [i, v] of named.entries()) {
          const { period: p, ...rest } = v;
          const { period: q, ...same } = must(days[i], v.indicator.code);
          expect(p.code).toBe(code);
          expect(q.code).toBe(range);
          expect(same, `${v.indicator.code} ${code}`).toEqual(rest);
          if (v.targetBasis?.kind === 'pro-rated') proRated += 1;
        }
      }),
      { seed: 2308, numRuns: kind === 'pglite' ? 12 : 20 },
    );
    // The runs met targets of longer periods pro-rated to the period asked for.
    expect(proRated).toBeGreaterThan(0);
  }, 600_000);

  it('a monthly report’s month column holds the month’s pro-rated target, as indicator.values says for the month and its days', async () => {
    const { model } = await caller.report.model({
      grant: 'CEDEAO-NEWS',
      period: '2023-05',
      template: 'generic',
    });
    const month = must(
      model.periods.find((p) => p.code === '2023-05'),
      'the month column',
    );
    expect(month.asOf ?? null).toBeNull();
    let seen = 0;
    for (const indicator of model.indicators) {
      const id = must(
        (await caller.indicator.list()).items.find((i) => i.code === indicator.code),
        indicator.code,
      ).id;
      const column = must(
        indicator.values.find((v) => v.period === '2023-05'),
        `${indicator.code} 2023-05`,
      );
      for (const period of ['2023-05', '2023-05-01..2023-05-31']) {
        const [v] = (await caller.indicator.values({ indicatorIds: [id], period })).items;
        const api = must(v, `${indicator.code} ${period}`);
        if (api.target === null) expect(column.target ?? null, period).toBeNull();
        else expect(column.target, `${indicator.code} ${period}`).toBeCloseTo(api.target, 2);
        expect(column.targetProRated !== undefined).toBe(api.targetBasis?.kind === 'pro-rated');
      }
      if (column.targetProRated) seen += 1;
    }
    // NEWS-HEBDO's quarterly target, pro-rated to May's 31 of Q2's 91 days.
    expect(seen).toBeGreaterThan(0);
  }, 300_000);
});
