/**
 * Benchmark: the time the chart sheet (« Graphiques », one PNG per numeric indicator drawn by
 * ECharts then resvg) adds to the generic workbook of the PROSMED fixture grant. Renders the
 * workbook with and without the sheet, alternately, RUNS times (default 5) after one warm-up
 * each, and prints the medians and their difference.
 *
 *   pnpm --filter @jalon/reports exec tsx bench/charts.bench.ts     (RUNS=9 for a steadier figure)
 */
import { buildFixtureModel } from '../src/fixture/fixture-model';
import { getTemplate } from '../src/template/built-in-templates';
import { parseTemplate } from '../src/template/parse-template';
import type { ReportTemplate } from '../src/template/template-schema';
import { renderWorkbook } from '../src/xlsx/render-workbook';

const RUNS = Number(process.env.RUNS ?? 5);
const generic = getTemplate('generic');
if (!generic) throw new Error('no generic template');
const parsed = parseTemplate({
  ...generic,
  sheets: generic.sheets.filter((s) => s.kind !== 'charts'),
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
const model = buildFixtureModel({ grant: 'prosmed', template: generic });
const charts = model.indicators.filter((i) => i.unit !== 'qualitative').length;

async function timed(template: ReportTemplate): Promise<number> {
  const start = performance.now();
  const r = await renderWorkbook(model, template);
  if (!r.ok) throw new Error(r.error.message);
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
await timed(generic);
await timed(parsed.value);
const withCharts: number[] = [];
const without: number[] = [];
for (let i = 0; i < RUNS; i++) {
  withCharts.push(await timed(generic));
  without.push(await timed(parsed.value));
}
const a = median(withCharts);
const b = median(without);
console.log(
  `generic workbook, ${charts} charts: ${a.toFixed(0)} ms with the chart sheet, ${b.toFixed(0)} ms without (median of ${RUNS}); the sheet adds ${(a - b).toFixed(0)} ms, ${((a - b) / charts).toFixed(0)} ms a chart`,
);
