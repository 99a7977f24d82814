/**
 * Benchmark: the API's share of the dashboard's server time on the demo data. The dashboard page
 * (apps/web/src/routes/tableau-de-bord/+page.server.ts) asks, at once, `bulletin.figures` for the
 * four quarters up to the period, `dashboard.summary` for the period (the status chart) and
 * `incident.summary` by region (the map), as the M&E officer. Timed here through the API's
 * caller on the same database as the tests (PostgreSQL when it answers, else PGlite), against
 * `grant.list` (one small read) measured in the same run; prints the medians and their ratio.
 * The web page adds its HTTP hops and the SVG drawing on top (see tests/browser/charts.test.ts).
 *
 *   pnpm --filter @jalon/api exec tsx bench/dashboard.bench.ts     [runs, 20 by default]
 */
import { findOrganisationByCode } from '@jalon/db';
import { must } from '@jalon/domain';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { createContext } from '../src/context';
import { createCaller } from '../src/router';
import { demoActor } from '../src/routers/test-actors';

const RUNS = Number(process.argv[2] ?? 20);
const PERIOD = '2023-Q2';
const QUARTERS = ['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

const kinds = await testDatabaseKinds();
for (const kind of kinds) {
  const handle = await openTestDatabase(kind);
  try {
    await seedDemo(handle.db);
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const me = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, org, 'suivi@wanep-mali.demo'),
        locale: 'fr',
      }),
    );
    const dashboard = () =>
      Promise.all([
        ...QUARTERS.map((period) => me.bulletin.figures({ period })),
        me.dashboard.summary({ period: PERIOD }),
        me.incident.summary({ period: PERIOD, by: 'region' }),
      ]);
    const baseline = () => me.grant.list();
    // Warm both (first queries plan and fill caches), then alternate so load affects both alike.
    await dashboard();
    await baseline();
    const d: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      d.push(await time(dashboard));
      b.push(await time(baseline));
    }
    const md = median(d);
    const mb = median(b);
    console.log(
      `${kind}: dashboard's API calls median ${md.toFixed(1)} ms (min ${Math.min(...d).toFixed(1)}), ` +
        `grant.list median ${mb.toFixed(1)} ms, ratio ${(md / mb).toFixed(1)} (${RUNS} runs; goal: dashboard < 300 ms)`,
    );
  } finally {
    await handle.close();
  }
}
