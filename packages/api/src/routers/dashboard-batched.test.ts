import {
  WindowCache,
  computeIndicatorInDatabase,
  findOrganisationByCode,
  listProgrammes,
  listRegions,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, parsePeriod, type IncidentFilter, type Period } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import {
  bulletinFigures,
  periodFigures,
  periodFiguresWithPeople,
} from '../services/bulletin-figures';
import { incidentDefinition, incidentTotals } from '../services/incident-totals';
import { demoActor } from './test-actors';

/*
 * The dashboard's calls read each window once, whatever the number of regions or programmes
 * (they read it once per region and measure, once per programme before), and say what the
 * per-item path says: each group computed alone, without a shared cache.
 */
const kinds = await testDatabaseKinds();

const quarter = (code: string): Period => {
  const p = parsePeriod(code);
  if (!p.ok) throw new Error(code);
  return p.value;
};

describe.each(kinds)('the dashboard’s calls, batched, on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let me: ReturnType<typeof createCaller>;
  const statements: string[] = [];
  /** The statements one call sends (on PostgreSQL BEGIN, COMMIT and SET LOCAL count too). */
  const sent = async <T>(call: () => Promise<T>): Promise<{ answer: T; count: number }> => {
    statements.length = 0;
    const answer = await call();
    return { answer, count: statements.length };
  };

  beforeAll(async () => {
    // postgres.js reads the array types once on each new connection: not the code's statements.
    handle = await openTestDatabase(kind, {
      onQuery: (text) => {
        if (!text.includes('pg_catalog.pg_type')) statements.push(text);
      },
    });
    await seedDemo(handle.db);
    organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    me = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, organisationId, 'suivi@wanep-mali.demo'),
      }),
    );
  }, 120_000);
  afterAll(async () => handle?.close());

  /** Each group's incidents, deaths and injuries computed alone, measure by measure, uncached. */
  const alone = async (period: Period, filter: IncidentFilter) => {
    const value = async (measure: 'count' | 'deaths' | 'injuries') => {
      const r = await computeIndicatorInDatabase(
        handle.db,
        organisationId,
        incidentDefinition(measure, filter),
        period,
      );
      if (!r.ok) throw new Error(r.error.message.en);
      return r.value.value;
    };
    return {
      incidents: await value('count'),
      deaths: await value('deaths'),
      injuries: await value('injuries'),
    };
  };

  it('counts the incidents of every region in one statement, each as counted alone', async () => {
    const regions = await listRegions(handle.db, organisationId);
    expect(regions.length).toBeGreaterThan(5);
    const { answer, count } = await sent(() =>
      me.incident.summary({ period: '2023-Q2', by: 'region' }),
    );
    // The regions, then one reading of the quarter's incidents (it was 3 per region, and 3).
    expect(count).toBeLessThanOrEqual(2);
    const period = quarter('2023-Q2');
    expect(answer.totals).toEqual(await alone(period, {}));
    expect(answer.totals.incidents).toBeGreaterThan(0);
    expect(answer.groups.map((g) => g.key)).toEqual(regions.map((r) => r.path));
    for (const g of answer.groups)
      expect({ key: g.key, ...(await alone(period, { places: [g.key] })) }).toEqual({
        key: g.key,
        incidents: g.incidents,
        deaths: g.deaths,
        injuries: g.injuries,
      });
    expect(answer.groups.some((g) => g.incidents > 0)).toBe(true);
  });

  it('counts each month and each category as alone, one statement a window', async () => {
    const byMonth = await sent(() => me.incident.summary({ period: '2023-Q2', by: 'month' }));
    expect(byMonth.count).toBeLessThanOrEqual(4);
    const withoutLabel = ({ label: _l, ...g }: { label: string; key: string }) => g;
    for (const g of byMonth.answer.groups)
      expect({ key: g.key, ...(await alone(quarter(g.key), {})) }).toEqual(withoutLabel(g));
    const byCategory = await sent(() => me.incident.summary({ period: '2023-Q2', by: 'category' }));
    expect(byCategory.count).toBeLessThanOrEqual(1);
    for (const g of byCategory.answer.groups)
      expect({
        key: g.key,
        ...(await alone(quarter('2023-Q2'), {
          categories: [g.key] as IncidentFilter['categories'],
        })),
      }).toEqual(withoutLabel(g));
    // Asked together with other windows, each keeps its own answer.
    const [q1, q2] = await incidentTotals(handle.db, organisationId, [
      { period: quarter('2023-Q1'), filter: {} },
      { period: quarter('2023-Q2'), filter: {} },
    ]);
    expect(q1).toEqual(await alone(quarter('2023-Q1'), {}));
    expect(q2).toEqual(byMonth.answer.totals);
  });

  it('reads the bulletin’s figures of every programme at once, each as computed alone', async () => {
    const programmes = await listProgrammes(handle.db, organisationId);
    expect(programmes.length).toBeGreaterThan(2);
    for (const code of ['2022-Q4', '2023-Q2']) {
      const period = quarter(code);
      const { count } = await sent(() => me.bulletin.figures({ period: code }));
      // Programmes, the period's activities (with every programme's filter), their named
      // people, one statement of deliverables and incidents, the people of the period, the
      // activity list: it was 22 or more, two more for each programme.
      expect(count, code).toBeLessThanOrEqual(kind === 'postgres' ? 16 : 12);
      const batched = await bulletinFigures(handle.db, organisationId, period, {
        cache: new WindowCache(handle.db, organisationId),
      });
      for (const p of batched.programmes)
        expect(p, `${code} ${p.code}`).toEqual({
          code: p.code,
          name: p.name,
          nameEn: p.nameEn,
          ...(await periodFigures(handle.db, organisationId, period, { programmes: [p.code] })),
        });
      const { incidents, deaths, injuries, ...totals } = batched.totals;
      expect(totals).toEqual(await periodFiguresWithPeople(handle.db, organisationId, period));
      expect({ incidents, deaths, injuries }).toEqual(await alone(period, {}));
      if (code === '2023-Q2') expect(totals.activities).toBeGreaterThan(0);
    }
  });

  it('computes the trend’s periods with the period’s, each as its own summary alone says', async () => {
    // The demo's facts lie in 2023-Q2: a trend through it, and a year overlapping it.
    const trend = ['2023-Q1', '2023-Q2', '2023', '2022-Q3'];
    const { answer, count } = await sent(() => me.dashboard.summary({ period: '2022-Q4', trend }));
    // The periods are read with the period, in the same statements: what the period alone
    // sends (below), not five times it.
    const alone = await sent(() => me.dashboard.summary({ period: '2022-Q4' }));
    expect(count).toBeLessThanOrEqual(alone.count);
    expect(count).toBeLessThanOrEqual(kind === 'postgres' ? 14 : 10);
    expect(answer.trend.map((t) => t.period.code)).toEqual(trend);
    expect({ ...answer, trend: [] }).toEqual(alone.answer);
    for (const t of answer.trend) {
      // The per-window path: the quarter's own summary, and the bulletin's totals (the same
      // figures with the incidents), each on a cache of its own.
      const own = await me.dashboard.summary({ period: t.period.code });
      expect(t, t.period.code).toEqual({ period: own.period, figures: own.figures });
      const {
        incidents: _i,
        deaths: _d,
        injuries: _j,
        ...totals
      } = (await me.bulletin.figures({ period: t.period.code })).totals;
      expect(t.figures, t.period.code).toEqual(totals);
    }
    expect(answer.trend.some((t) => t.figures.activities > 0)).toBe(true);
  });

  it('sends a couple of dozen statements for the whole page, not hundreds', async () => {
    const { count } = await sent(() =>
      Promise.all([
        me.bulletin.figures({ period: '2023-Q2' }),
        me.dashboard.summary({ period: '2023-Q2', trend: ['2022-Q3', '2022-Q4', '2023-Q1'] }),
        me.incident.summary({ period: '2023-Q2', by: 'region' }),
      ]),
    );
    // 185 before the batching (22–24 per quarter, 11 for the summary, 64 for the map); 54 and
    // 44 with each quarter asked of bulletin.figures; 25 and 21 with the trend asked of the
    // summary (its quarters read with the period's window).
    expect(count).toBeLessThanOrEqual(kind === 'postgres' ? 25 : 21);
  });
});
