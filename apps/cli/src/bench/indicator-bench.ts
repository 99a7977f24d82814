import { performance } from 'node:perf_hooks';
import { indicatorValues, type IndicatorPeriodValue } from '@jalon/api';
import {
  findOrganisationByCode,
  listGrants,
  listIndicators,
  openDatabase,
  type DatabaseHandle,
} from '@jalon/db';
import { quarterlyReportFloor, seedSynthetic } from '@jalon/db/synthetic';
import { createScratchDatabase, testServerUrl } from '@jalon/db/testing';
import { must, parsePeriod, type Period } from '@jalon/domain';
import { floorMismatches } from './floor-check';

export interface BenchOptions {
  participations: number;
  seed: number;
  period: string;
  runs: number;
  engines: ('postgres' | 'pglite')[];
  databaseUrl?: string | undefined;
  log: (s: string) => void;
}

export interface BenchResult {
  engine: string;
  loadSeconds: number;
  indicators: number;
  reportSeconds: number;
  floorSeconds: number;
  ratio: number;
  /** Where the floor's figures differ from the report's (empty: the same work). */
  mismatches: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return must(s[Math.floor(s.length / 2)], 's[Math.floor(s.length / 2)]');
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await fn();
  return (performance.now() - s) / 1000;
}

/**
 * Median times of two tasks, run in turns (a, b, a, b…) after a warm-up of each (plans, caches),
 * so that a change of load on the machine weighs on both alike.
 */
async function timeInTurns(
  runs: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(await seconds(a));
    tb.push(await seconds(b));
  }
  return [median(ta), median(tb)];
}

/** The quarterly report of every indicator of an organisation, through the API's own code. */
async function reportOf(handle: DatabaseHandle, org: string, period: Period) {
  const all = await listIndicators(handle.db, org);
  return indicatorValues(
    handle.db,
    org,
    all.map((i) => i.id),
    [period],
    { breakdown: 'declared' },
  );
}

/** The hand-written floor of an organisation's report, its cumulative figures since its grants' start. */
async function floorOf(handle: DatabaseHandle, org: string, period: Period) {
  const grants = await listGrants(handle.db, org);
  const since = grants.reduce((m, g) => (g.startDate < m ? g.startDate : m), '9999-12-31');
  return quarterlyReportFloor(handle.db, org, period.start, period.end, since);
}

/**
 * Whether the floor answers what the report answers, organisation by organisation: the mismatches
 * (none when the benchmark compares the same work).
 */
export async function checkFloor(
  handle: DatabaseHandle,
  orgs: readonly string[],
  period: Period,
): Promise<{ values: IndicatorPeriodValue[]; mismatches: string[] }> {
  const values: IndicatorPeriodValue[] = [];
  const mismatches: string[] = [];
  for (const org of orgs) {
    const report = await reportOf(handle, org, period);
    values.push(...report);
    mismatches.push(...floorMismatches(report, await floorOf(handle, org, period)));
  }
  return { values, mismatches };
}

/**
 * The quarterly report of every grant of every synthetic organisation (every indicator, every
 * breakdown it declares) through the API's own `indicatorValues`, against the hand-written SQL
 * that is the floor for the same figures (`quarterlyReportFloor`: activities, sessions,
 * participations, women, people by sex and age, new people, cumulative people by sex, per grant;
 * checked equal to the report's values first). Both are timed in the same run, on the same data,
 * organisation after organisation; each runs its own readings side by side.
 */
async function benchEngine(handle: DatabaseHandle, options: BenchOptions): Promise<BenchResult> {
  const { log } = options;
  const t0 = performance.now();
  const summary = await seedSynthetic(handle, {
    participations: options.participations,
    seed: options.seed,
  });
  const loadSeconds = (performance.now() - t0) / 1000;
  log(
    `  ${handle.kind}: ${summary.participations.toLocaleString('en')} participations, ${summary.activities.toLocaleString('en')} activities, ${summary.people.toLocaleString('en')} people loaded in ${loadSeconds.toFixed(1)} s`,
  );
  const period = parsePeriod(options.period);
  if (!period.ok) throw new Error(period.error.message.en);
  const orgs = await Promise.all(
    summary.organisations.map(
      async (code) =>
        must(
          await findOrganisationByCode(handle.db, code),
          '(await findOrganisationByCode(handle.db, code))',
        ).id,
    ),
  );
  const { values, mismatches } = await checkFloor(handle, orgs, period.value);
  log(
    mismatches.length === 0
      ? `  ${handle.kind}: the floor's figures equal the report's (${values.length} indicator values)`
      : `  ${handle.kind}: the floor differs from the report in ${mismatches.length} figures, e.g. ${mismatches.slice(0, 3).join('; ')}`,
  );

  const report = async () => {
    for (const org of orgs) await reportOf(handle, org, period.value);
  };
  const floor = async () => {
    for (const org of orgs) await floorOf(handle, org, period.value);
  };
  const [reportSeconds, floorSeconds] = await timeInTurns(options.runs, report, floor);
  return {
    engine: handle.kind,
    loadSeconds,
    indicators: values.length,
    reportSeconds,
    floorSeconds,
    ratio: reportSeconds / floorSeconds,
    mismatches,
  };
}

/** Runs the benchmark on each engine and prints both times and their ratio (goal: ≤ 1.5 on PostgreSQL). */
export async function runIndicatorBench(options: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  options.log(
    `Quarterly report benchmark: ${options.participations.toLocaleString('en')} participations, seed ${options.seed}, period ${options.period}, median of ${options.runs} runs`,
  );
  for (const engine of options.engines) {
    let handle: DatabaseHandle;
    let drop: (() => Promise<void>) | undefined;
    if (engine === 'postgres') {
      if (options.databaseUrl) handle = await openDatabase({ url: options.databaseUrl });
      else {
        const scratch = await createScratchDatabase('jalon_bench');
        drop = scratch.drop;
        handle = await openDatabase({ url: scratch.url });
        options.log(`  postgres: scratch database on ${testServerUrl.replace(/\/[^/]*$/, '')}`);
      }
    } else {
      handle = await openDatabase({ dataDir: 'memory' });
    }
    try {
      const r = await benchEngine(handle, options);
      results.push(r);
      options.log(
        `  ${r.engine}: report of ${r.indicators} indicator values ${r.reportSeconds.toFixed(3)} s | hand-written SQL floor ${r.floorSeconds.toFixed(3)} s | ratio ${r.ratio.toFixed(2)}`,
      );
    } finally {
      await handle.close();
      await drop?.();
    }
  }
  return results;
}
