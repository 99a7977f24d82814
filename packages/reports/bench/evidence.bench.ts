/**
 * Benchmark: a 100,000-row activity evidence sheet written through the report code (renderWorkbook
 * with an evidence-only template) and through bare exceljs streaming, each in its own child process so
 * each peak memory is honest. Prints the time ratio (goal ≤ 1.3) and the peak memory of each.
 *
 *   pnpm --filter @jalon/reports bench            (ROWS=20000 RUNS=1 for a quicker run)
 *
 * The variants run alternately RUNS times (default 3) and the medians are compared: on a shared
 * 2-core machine one run of the same variant varies by 30 %.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { buildFixtureModel } from '../src/fixture/fixture-model';
import type { Activity } from '../src/model/evidence';
import { getTemplate } from '../src/template/built-in-templates';
import { parseTemplate } from '../src/template/parse-template';
import { renderWorkbook } from '../src/xlsx/render-workbook';

const ROWS = Number(process.env.ROWS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const REGIONS = [
  'Bamako',
  'Kayes',
  'Koulikoro',
  'Sikasso',
  'Ségou',
  'Mopti',
  'Tombouctou',
  'Gao',
  'Kidal',
  'Bandiagara',
];

/** Synthetic activities, generated lazily so neither variant holds them all. */
function* activities(n: number): Generator<Activity> {
  for (let i = 0; i < n; i++) {
    const total = 10 + (i % 90);
    const female = Math.floor(total * 0.4);
    yield {
      id: `a${i}`,
      date: `2023-${String(4 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      title: `Session de sensibilisation communautaire n° ${i}`,
      type: 'awareness',
      typeLabel: { fr: 'Sensibilisation', en: 'Awareness session' },
      programmeCode: 'SSG',
      places: [REGIONS[i % REGIONS.length] ?? 'Bamako'],
      participants: {
        total: { value: total, qualifier: i % 17 === 0 ? 'approximate' : 'exact' },
        cells:
          i % 5 === 0
            ? []
            : [
                { key: { sex: 'female' }, value: female, qualifier: 'exact' },
                { key: { age: 'youth' }, value: Math.floor(total / 2), qualifier: 'exact' },
              ],
      },
      grantCodes: ['PNUD-PROSMED-CCSC'],
      indicatorCodes: ['OP1.2'],
    };
  }
}

/** The model and an evidence-only template are the caller's: built before the clock starts. */
function prepareReport() {
  const base = getTemplate('undp-quarterly');
  const evidence = base?.sheets.find((s) => s.kind === 'activities');
  const parsed = parseTemplate({ ...base, id: 'evidence-only', sheets: [evidence] });
  if (!parsed.ok || !base) throw new Error(JSON.stringify(parsed));
  return {
    template: parsed.value,
    model: buildFixtureModel({ grant: 'prosmed', template: base, activities: [] }),
  };
}

async function viaReport(file: string, prepared: ReturnType<typeof prepareReport>): Promise<void> {
  const r = await renderWorkbook(prepared.model, prepared.template, {
    stream: createWriteStream(file),
    activities: activities(ROWS),
  });
  if (!r.ok) throw new Error(r.error.message);
}

async function viaBareExceljs(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('Activités');
  ws.columns = [12, 60, 16, 30, 24, 16, 22, 18, 14, 14, 14, 14].map((width) => ({ width }));
  // The same content as the report's sheet (title rows, header, strings), so only the code differs.
  ws.addRow(["PNUD — rapport trimestriel d'avancement — Activités"]).commit();
  ws.addRow([
    'Projet : Mise en place des Comités consultatifs de sécurité communaux (CCS-C) (PNUD-PROSMED-CCSC) — WANEP-Mali',
  ]).commit();
  ws.addRow(['Période : T2 2023 (1er avril 2023 – 30 juin 2023)']).commit();
  ws.addRow([
    'Date',
    'Activité',
    'Type',
    'Programme',
    'Lieux',
    'Participants',
    'Subventions',
    'Indicateurs',
    'femmes',
    'hommes',
    'jeunes (18–35 ans)',
    'personnes handicapées',
  ]).commit();
  for (const a of activities(ROWS)) {
    const female = a.participants.cells.find((c) => c.key.sex === 'female')?.value ?? null;
    const youth = a.participants.cells.find((c) => c.key.age === 'youth')?.value ?? null;
    const row = ws.addRow([
      new Date(`${a.date}T00:00:00Z`),
      a.title,
      a.typeLabel.fr,
      'Gouvernance sécuritaire et relation État-citoyens (CCS-C)',
      a.places.join(', '),
      a.participants.total?.value ?? null,
      a.grantCodes.join(', '),
      a.indicatorCodes.join(', '),
      female,
      null,
      youth,
      null,
    ]);
    row.getCell(1).numFmt = 'dd/mm/yyyy';
    row.getCell(6).numFmt = '#,##0';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

async function child(variant: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-bench-'));
  const file = join(dir, `${variant}.xlsx`);
  const prepared = variant === 'report' ? prepareReport() : null;
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const start = process.hrtime.bigint();
  await (prepared ? viaReport(file, prepared) : viaBareExceljs(file));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const size = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    JSON.stringify({
      variant,
      ms,
      baselineMb: baseline / 2 ** 20,
      peakAboveBaselineMb: (peak - baseline) / 2 ** 20,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      fileMb: size / 2 ** 20,
    }),
  );
}

function run(variant: string): {
  ms: number;
  peakAboveBaselineMb: number;
  maxRssMb: number;
  fileMb: number;
} {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', self, '--child', variant],
    { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 },
  );
  if (out.status !== 0) throw new Error(`${variant} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}');
}

if (process.argv.includes('--child')) {
  await child(process.argv[process.argv.indexOf('--child') + 1] ?? 'bare');
} else {
  console.log(
    `Evidence sheet, ${ROWS.toLocaleString('en')} rows × 12 columns, each variant in its own process`,
  );
  const runs: Record<'bare' | 'report', ReturnType<typeof run>[]> = { bare: [], report: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.bare.push(run('bare'));
    runs.report.push(run('report'));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const summary = (rs: ReturnType<typeof run>[]) => ({
    ms: median(rs.map((r) => r.ms)),
    peakAboveBaselineMb: Math.max(...rs.map((r) => r.peakAboveBaselineMb)),
    maxRssMb: Math.max(...rs.map((r) => r.maxRssMb)),
    fileMb: rs[0]?.fileMb ?? NaN,
    all: rs.map((r) => (r.ms / 1000).toFixed(2)).join(' / '),
  });
  const bare = summary(runs.bare);
  const report = summary(runs.report);
  const best = (rs: ReturnType<typeof run>[]) => Math.min(...rs.map((r) => r.ms));
  const fmt = (r: typeof bare) =>
    `median ${(r.ms / 1000).toFixed(2)} s (runs ${r.all} s), peak +${r.peakAboveBaselineMb.toFixed(0)} MB over baseline (max RSS ${r.maxRssMb.toFixed(0)} MB), file ${r.fileMb.toFixed(1)} MB`;
  console.log(`bare exceljs streaming : ${fmt(bare)}`);
  console.log(`report code (Jalon)    : ${fmt(report)}`);
  const ratio = report.ms / bare.ms;
  console.log(
    `time ratio report/bare : ${ratio.toFixed(2)} of medians, ${(best(runs.report) / best(runs.bare)).toFixed(2)} of best runs (goal ≤ 1.3) ${ratio <= 1.3 ? 'OK' : 'ABOVE GOAL'}`,
  );
}
