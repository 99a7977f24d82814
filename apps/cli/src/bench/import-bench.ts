import { performance } from 'node:perf_hooks';
import { createCaller, createContext, stageFile, systemActor } from '@jalon/api';
import { findOrganisationByCode, openDatabase, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { createScratchDatabase } from '@jalon/db/testing';
import { formatNumber, must } from '@jalon/domain';
import { cellText, mappingProfile, readSource } from '@jalon/import';

export interface ImportBenchOptions {
  rows: number;
  databaseUrl?: string | undefined;
  log: (s: string) => void;
}

export interface ImportBenchResult {
  rows: number;
  stageSeconds: number;
  planSeconds: number;
  commitSeconds: number;
  importSeconds: number;
  floorSeconds: number;
  ratio: number;
  peakRssAboveBaselineMb: number;
  counts: Record<string, number>;
}

const PROFILE = mappingProfile.parse({
  format: 1,
  name: 'Banc d’essai',
  kind: 'activities',
  columns: [
    { source: 'Identifiant', target: { field: 'externalId' } },
    { source: 'Titre', target: { field: 'title' } },
    { source: 'Type', target: { field: 'type' } },
    { source: 'Programme', target: { field: 'programme' } },
    { source: 'Date de début', target: { field: 'startDate' } },
    { source: 'Lieux', target: { field: 'places' } },
    { source: 'Participants', target: { cell: {} } },
    { source: 'Femmes', target: { cell: { sex: 'female' } } },
  ],
});

const TYPES = ['Atelier', 'Formation', 'Dialogue', 'Sensibilisation', 'Réunion'];
const PROGRAMMES = ['FPS', 'JPS', 'femme, paix et securite'];
const PLACES = ['Bamako', 'Segou', 'Mopti', 'Ségou; Mopti'];

/**
 * `n` activity rows as a French CSV (`;`, dd/mm/yyyy, « environ 50 », « plus de 325 »),
 * deterministic: row i is always the same row.
 */
export function benchCsv(n: number): Uint8Array {
  const lines = ['Identifiant;Titre;Type;Programme;Date de début;Lieux;Participants;Femmes'];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + (i % 3000) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const total = 10 + (i % 90);
    const participants =
      i % 10 === 0 ? `environ ${total}` : i % 17 === 0 ? `plus de ${total}` : String(total);
    const women = i % 3 === 0 ? '' : String(Math.floor(total / 3));
    lines.push(
      [
        `BENCH-${i}`,
        `Activité de terrain n° ${i}`,
        TYPES[i % TYPES.length],
        PROGRAMMES[i % PROGRAMMES.length],
        date,
        `"${PLACES[i % PLACES.length]}"`,
        participants,
        women,
      ].join(';'),
    );
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

async function seconds<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const s = performance.now();
  const v = await fn();
  return [v, (performance.now() - s) / 1000];
}

/**
 * The import of `rows` activities from a CSV on PostgreSQL — staged (read, checked, planned,
 * kept), planned (`import.plan`), committed (`import.commit`: every row through the activity
 * repository, all or nothing) — against a floor measured in the same run on the same bytes:
 * the same CSV reader, then a COPY of the rows into a scratch table. Prints both and the ratio,
 * and the process's peak resident memory above its level before the import.
 */
export async function runImportBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const { log } = options;
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  if (options.databaseUrl) handle = await openDatabase({ url: options.databaseUrl });
  else {
    const scratch = await createScratchDatabase('jalon_bench_import');
    drop = scratch.drop;
    handle = await openDatabase({ url: scratch.url });
  }
  try {
    await seedDemo(handle.db);
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'the demo organisation');
    const actor = systemActor(org.id);
    const caller = createCaller(createContext({ db: handle.db, actor, locale: 'fr' }));
    const bytes = benchCsv(options.rows);
    log(
      `import bench: ${formatNumber(options.rows, 'en')} activity rows, CSV of ${(bytes.length / 1_048_576).toFixed(1)} MB, PostgreSQL`,
    );

    // The floor: the same reader, then COPY of the same rows into a scratch table.
    await handle.db.execute(
      sql`create table if not exists bench_import_floor (organisation_id uuid, external_id text, title text, type text, programme text, start_date text, places text, participants text, women text)`,
    );
    const [, floorSeconds] = await seconds(async () => {
      const table = await readSource(bytes, { fileName: 'bench.csv' });
      if (!table.ok) throw new Error(table.error.message.en);
      await handle.copyRows(
        'bench_import_floor',
        [
          'organisation_id',
          'external_id',
          'title',
          'type',
          'programme',
          'start_date',
          'places',
          'participants',
          'women',
        ],
        table.value.rows.map((r) => [
          org.id,
          ...table.value.headers.map((h) => cellText(r.cells[h] ?? null)),
        ]),
      );
    });

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    let staged: Awaited<ReturnType<typeof stageFile>>;
    let stageSeconds: number;
    let planSeconds: number;
    let commitSeconds: number;
    let counts: Record<string, number>;
    try {
      [staged, stageSeconds] = await seconds(() =>
        stageFile(
          handle.db,
          org.id,
          actor,
          { fileName: 'bench.csv', bytes, profile: PROFILE },
          'fr',
        ),
      );
      log(`  staged   ${stageSeconds.toFixed(2)} s  ${JSON.stringify(staged.counts)}`);
      [, planSeconds] = await seconds(() => caller.import.plan({ id: staged.id, limit: 0 }));
      log(`  planned  ${planSeconds.toFixed(2)} s`);
      let done;
      [done, commitSeconds] = await seconds(() =>
        caller.import.commit({ id: staged.id, validOnly: true }),
      );
      counts = done.counts;
      log(`  committed ${commitSeconds.toFixed(2)} s  ${JSON.stringify(done.counts)}`);
    } finally {
      clearInterval(sampler);
    }
    const importSeconds = stageSeconds + planSeconds + commitSeconds;
    const ratio = importSeconds / floorSeconds;
    const peakRssAboveBaselineMb = Math.round((peak - baseline) / 1_048_576);
    log(
      `  import ${importSeconds.toFixed(2)} s vs floor (read + COPY) ${floorSeconds.toFixed(2)} s: ratio ${ratio.toFixed(1)}; peak memory +${peakRssAboveBaselineMb} MB`,
    );
    return {
      rows: options.rows,
      stageSeconds,
      planSeconds,
      commitSeconds,
      importSeconds,
      floorSeconds,
      ratio,
      peakRssAboveBaselineMb,
      counts,
    };
  } finally {
    await handle.close();
    await drop?.();
  }
}
