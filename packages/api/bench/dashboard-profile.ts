/**
 * Profile of the dashboard's calls (not a benchmark): for each call alone, the statements it
 * sends and its median time; then every statement run alone with EXPLAIN (ANALYZE, BUFFERS), the
 * slowest printed with their rows, and all plans written to /tmp/dash/plans-<engine>.txt.
 *
 *   pnpm --filter @jalon/api exec tsx bench/dashboard-profile.ts [pglite|postgres]
 */
import { findOrganisationByCode } from '@jalon/db';
import { must } from '@jalon/domain';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { createContext } from '../src/context';
import { createCaller } from '../src/router';
import { demoActor } from '../src/routers/test-actors';

const PERIOD = '2023-Q2';
const QUARTERS = ['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2'];
const only = process.argv[2];
const kinds = (await testDatabaseKinds()).filter((k) => !only || k === only);
for (const kind of kinds) {
  const sent: { text: string; params: readonly unknown[] }[] = [];
  const handle = await openTestDatabase(kind, {
    onQuery: (text, params) => {
      if (!text.includes('pg_catalog.pg_type')) sent.push({ text, params });
    },
  });
  try {
    await seedDemo(handle.db);
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const actor = await demoActor(handle.db, org, 'suivi@wanep-mali.demo');
    const me = createCaller(createContext({ db: handle.db, actor, locale: 'fr' }));
    const calls: [string, () => Promise<unknown>][] = [
      ['bulletin.figures', () => me.bulletin.figures({ period: PERIOD })],
      [
        'dashboard.summary',
        () => me.dashboard.summary({ period: PERIOD, trend: QUARTERS.slice(0, 3) }),
      ],
      ['incident.summary', () => me.incident.summary({ period: PERIOD, by: 'region' })],
    ];
    for (const [, f] of calls) await f();
    const all: { call: string; text: string; params: readonly unknown[] }[] = [];
    for (const [name, f] of calls) {
      const ts: number[] = [];
      for (let i = 0; i < 3; i++) {
        sent.length = 0;
        const t0 = performance.now();
        await f();
        ts.push(performance.now() - t0);
      }
      ts.sort((a, b) => a - b);
      console.log(
        `${kind} ${name}: ${sent.length} statements, median ${ts[1]?.toFixed(1)} ms alone`,
      );
      for (const s of sent) all.push({ call: name, ...s });
    }
    // Each statement alone, EXPLAIN ANALYZE'd.
    const run = async (text: string, params: readonly unknown[]) => {
      const d = handle.driver;
      if (d.kind === 'postgres') return d.client.unsafe(text, params as never[]);
      return (await d.client.query(text, params as unknown[])).rows;
    };
    const timed: { call: string; ms: number; text: string; plan: string }[] = [];
    for (const s of all) {
      if (!/^\s*(select|with)/i.test(s.text)) continue;
      const ts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await run(s.text, s.params);
        ts.push(performance.now() - t0);
      }
      ts.sort((a, b) => a - b);
      const result = (await run(s.text, s.params)) as unknown[];
      const size = `${result.length} rows, ${JSON.stringify(result).length} chars`;
      const plan = (await run(`explain (analyze, buffers) ${s.text}`, s.params)) as Record<
        string,
        string
      >[];
      timed.push({
        call: s.call,
        ms: ts[1] ?? 0,
        text: `${size} | ${s.text}`,
        plan: plan.map((r) => Object.values(r)[0]).join('\n'),
      });
    }
    timed.sort((a, b) => b.ms - a.ms);
    const total = timed.reduce((t, x) => t + x.ms, 0);
    console.log(`${kind}: sum of statements alone ${total.toFixed(1)} ms over ${timed.length}`);
    for (const t of timed.slice(0, 12))
      console.log(
        `  ${t.ms.toFixed(1)} ms [${t.call}] ${t.text.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync('/tmp/dash', { recursive: true });
    writeFileSync(
      `/tmp/dash/plans-${kind}.txt`,
      timed
        .map((t) => `=== ${t.ms.toFixed(1)} ms [${t.call}]\n${t.text}\n--- \n${t.plan}\n`)
        .join('\n'),
    );
  } finally {
    await handle.close();
  }
}
