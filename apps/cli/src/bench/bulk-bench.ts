import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '@jalon/db';
import { seedSynthetic } from '@jalon/db/synthetic';
import { createScratchDatabase } from '@jalon/db/testing';

export interface BulkBenchOptions {
  /** Activities of the generated set (22 participations each, as the list bench). */
  activities: number;
  seed: number;
  /** Loads of each kind, alternated (with the flag, without, with…) so both see the same machine. */
  runs: number;
  engines: ('postgres' | 'pglite')[];
  log: (s: string) => void;
}

export interface BulkTiming {
  engine: string;
  bulk: boolean;
  seconds: number;
  /** of which attendance's COPY (and the recount at its end with the flag) */
  attendanceSeconds: number;
  /** one-minute load average when the load started and when it ended */
  loadBefore: number;
  loadAfter: number;
}

async function loadOnce(engine: 'postgres' | 'pglite', options: BulkBenchOptions, bulk: boolean) {
  const scratch =
    engine === 'postgres' ? await createScratchDatabase('jalon_bulk_bench') : undefined;
  const handle = await openDatabase(scratch ? { url: scratch.url } : { dataDir: 'memory' });
  try {
    const loadBefore = loadavg()[0] ?? 0;
    const t0 = performance.now();
    const { attendanceSeconds } = await seedSynthetic(handle, {
      participations: options.activities * 22,
      seed: options.seed,
      organisations: 1,
      bulk,
    });
    const seconds = (performance.now() - t0) / 1000;
    return { engine, bulk, seconds, attendanceSeconds, loadBefore, loadAfter: loadavg()[0] ?? 0 };
  } finally {
    await handle.close();
    await scratch?.drop();
  }
}

/**
 * The synthetic load with `jalon.bulk` (the triggers skip their upkeep, one recount at the end)
 * against the same load with the triggers keeping the counts, alternated in one process on the
 * same data, with the load average beside each run (printed, not asserted: the machine is shared).
 */
export async function runBulkBench(options: BulkBenchOptions): Promise<BulkTiming[]> {
  const out: BulkTiming[] = [];
  options.log(
    `Bulk load: ${options.activities.toLocaleString('en')} activities, ${options.runs} runs each, with and without jalon.bulk, alternated`,
  );
  for (const engine of options.engines)
    for (let run = 0; run < options.runs; run++)
      for (const bulk of run % 2 ? [false, true] : [true, false]) {
        const t = await loadOnce(engine, options, bulk);
        out.push(t);
        options.log(
          `  ${engine} run ${run + 1} ${bulk ? 'with jalon.bulk   ' : 'with the triggers'}: ${t.seconds.toFixed(1)} s, attendance ${t.attendanceSeconds.toFixed(1)} s (load average ${t.loadBefore.toFixed(1)} → ${t.loadAfter.toFixed(1)})`,
        );
      }
  for (const engine of options.engines) {
    const median = (bulk: boolean, of: 'seconds' | 'attendanceSeconds' = 'seconds') => {
      const xs = out
        .filter((t) => t.engine === engine && t.bulk === bulk)
        .map((t) => t[of])
        .sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)] ?? NaN;
    };
    options.log(
      `  ${engine}: median with jalon.bulk ${median(true).toFixed(1)} s (attendance ${median(true, 'attendanceSeconds').toFixed(1)} s), with the triggers ${median(false).toFixed(1)} s (attendance ${median(false, 'attendanceSeconds').toFixed(1)} s), ratio ${(median(true) / median(false)).toFixed(2)} (attendance ${(median(true, 'attendanceSeconds') / median(false, 'attendanceSeconds')).toFixed(2)})`,
    );
  }
  return out;
}
