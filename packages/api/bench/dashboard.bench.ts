/**
 * Benchmark: the API's share of the dashboard's server time on the demo data. The dashboard page
 * (apps/web/src/routes/tableau-de-bord/+page.server.ts) asks, at once, `bulletin.figures` for the
 * period, `dashboard.summary` for the period with the three quarters before it as its `trend`
 * (the status and trend charts) and `incident.summary` by region (the map), as the M&E officer:
 * the page's server time in the API. Timed here through the API's caller on the same database as
 * the tests (PostgreSQL when it answers, and PGlite), against two baselines measured in the same
 * run, so that a loaded machine shows in all: `grant.list` (one small read), and the raw SQL of
 * the same aggregations (`rawDashboard`: three plain GROUP BY statements on the stored month
 * keys, without the engine's rules — the floor of what the database must do); prints the medians
 * and their ratios, and the statements sent.
 * Twice: computed (every call computes, as on the first visit after a write) and through the
 * server's read cache (`ReadCache`, as a second visit while nothing was written). The web page
 * adds its HTTP hops and the SVG drawing on top (see tests/browser/charts.test.ts).
 *
 *   pnpm --filter @jalon/api exec tsx bench/dashboard.bench.ts     [runs, 20 by default]
 *   (or, from the root: tsx packages/api/bench/dashboard.bench.ts 5)
 */
import { findOrganisationByCode, queryRows, sql, type Database } from '@jalon/db';
import { must } from '@jalon/domain';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { createContext } from '../src/context';
import { ReadCache } from '../src/services/read-cache';
import { createCaller } from '../src/router';
import { demoActor } from '../src/routers/test-actors';

const RUNS = Number(process.argv[2] ?? 20);
const PERIOD = '2023-Q2';
const TREND = ['2022-Q3', '2022-Q4', '2023-Q1'];

/**
 * The dashboard's numbers as plain SQL: activities and recorded participants per quarter (the
 * stored month key made a quarter key), distinct named people per quarter, and the period's
 * incidents, deaths and injuries by place.
 */
function rawDashboard(db: Database, organisationId: string) {
  const quarter = (month: string) => sql.raw(`(${month} / 100) * 10 + (${month} % 100 + 2) / 3`);
  return Promise.all([
    queryRows(
      db,
      sql`select ${quarter('a.start_month')} as q, count(*)::int as activities,
                 coalesce(sum(pc.total), 0)::int as participants
            from activity a left join participation_count pc on pc.activity_id = a.id
           where a.organisation_id = ${organisationId} and a.start_month between 202207 and 202306
           group by 1`,
    ),
    queryRows(
      db,
      sql`select ${quarter('t.month')} as q, count(distinct t.person_id)::int as people
            from attendance t
           where t.organisation_id = ${organisationId} and t.month between 202207 and 202306
           group by 1`,
    ),
    queryRows(
      db,
      sql`select pl.path, count(*)::int as incidents, sum(i.deaths)::int as deaths,
                 sum(i.injuries)::int as injuries
            from incident i left join place pl on pl.id = i.place_id
           where i.organisation_id = ${organisationId} and i.month between 202304 and 202306
           group by 1`,
    ),
  ]);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

const kinds = await testDatabaseKinds();
for (const kind of kinds) {
  const sent = { count: 0 };
  // Every statement but postgres.js's reading of the array types on a new connection.
  const handle = await openTestDatabase(kind, {
    onQuery: (text) => {
      if (!text.includes('pg_catalog.pg_type')) sent.count++;
    },
  });
  try {
    await seedDemo(handle.db);
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const actor = await demoActor(handle.db, org, 'suivi@wanep-mali.demo');
    const callers = {
      computed: createCaller(createContext({ db: handle.db, actor, locale: 'fr' })),
      'read cache': createCaller(
        createContext({ db: handle.db, actor, locale: 'fr', readCache: new ReadCache() }),
      ),
    };
    for (const [how, me] of Object.entries(callers)) {
      const dashboard = () =>
        Promise.all([
          me.bulletin.figures({ period: PERIOD }),
          me.dashboard.summary({ period: PERIOD, trend: TREND }),
          me.incident.summary({ period: PERIOD, by: 'region' }),
        ]);
      const baseline = () => me.grant.list();
      const raw = () => rawDashboard(handle.db, org);
      // Warm all (first queries plan and fill caches), then alternate so load affects all alike.
      await dashboard();
      await baseline();
      await raw();
      sent.count = 0;
      await dashboard();
      const statements = sent.count;
      const d: number[] = [];
      const b: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        d.push(await time(dashboard));
        b.push(await time(baseline));
        r.push(await time(raw));
      }
      const md = median(d);
      const mb = median(b);
      const mr = median(r);
      console.log(
        `${kind}, ${how}: the dashboard page's API calls median ${ms(md)} (min ${ms(Math.min(...d))}, ` +
          `${statements} statements); grant.list median ${ms(mb)}, ratio ${(md / mb).toFixed(1)}; ` +
          `raw SQL of the same aggregations median ${ms(mr)}, ratio ${(md / mr).toFixed(1)} ` +
          `(${RUNS} runs; goal: dashboard < 300 ms)`,
      );
    }
  } finally {
    await handle.close();
  }
}
