import type { Cell, Worksheet } from 'exceljs';
import { indicatorChart, type IndicatorChartSeries } from '@jalon/charts';
import type { PeriodRef } from '../model/common';
import { actualFigure, type Indicator } from '../model/results';
import type { SheetTemplate } from '../template/template-schema';
import { svgToPng } from './chart-png';
import { figureFormat, valueFormat } from './number-formats';
import type { RenderContext } from './render-context';
import { styleHeader, TITLE_ROWS, writeTitleRows } from './sheet-frame';
import type { PlacedImage } from './stream-drawing';

/** The size a chart is drawn at (ECharts' pixels, the PNG's) and the size it is shown at on the sheet. */
export const CHART_DRAWN = { width: 720, height: 360 };
const CHART_SHOWN = { width: 600, height: 300 };
/** Height of a default row in pixels (15 points): how many rows a chart covers. */
const ROW_PX = 20;
/** The chart's column (0-based): right of the four columns of figures and a gap. */
const CHART_COLUMN = 5;

/** The periods the charts show: the sub-periods (quarters of the year), else the reporting period alone. */
function chartPeriods(ctx: RenderContext): PeriodRef[] {
  const subs = ctx.periodsWith('sub-period');
  return subs.length > 0 ? subs : [ctx.reportingPeriod];
}

/** An indicator over the chart's periods, as `@jalon/charts` draws it. */
function seriesOf(
  ind: Indicator,
  periods: readonly PeriodRef[],
  ctx: RenderContext,
): IndicatorChartSeries {
  return {
    title: `${ind.code} — ${ind.title[ctx.locale]}`,
    points: periods.map((p) => {
      const v = ind.values.find((x) => x.period === p.code);
      return {
        periodCode: p.code,
        label: p.label[ctx.locale],
        figure: v ? actualFigure(v) : null,
        target: v?.target ?? null,
        baseline: ind.baseline?.value ?? null,
      };
    }),
  };
}

/** A number in a cell with the indicator's format, or nothing. */
function setNumber(cell: Cell, value: number | null, format: string): void {
  if (value === null) return;
  cell.value = value;
  cell.numFmt = format;
}

/**
 * Writes « Graphiques » / "Charts": for each numeric indicator, its figures per period (actual,
 * target, baseline — numbers in cells, formatted as on the indicators sheet) and, to their right,
 * the chart of the same figures (`@jalon/charts`' indicator chart, drawn as a PNG). Returns the
 * pictures to place ({@link placeImages}); qualitative indicators have no chart.
 */
export function writeChartsSheet(
  ws: Worksheet,
  sheet: Extract<SheetTemplate, { kind: 'charts' }>,
  ctx: RenderContext,
): PlacedImage[] {
  const { model, template, locale } = ctx;
  ws.columns = [{ width: 18 }, { width: 16 }, { width: 14 }, { width: 14 }, { width: 3 }];
  writeTitleRows(ws, ctx, sheet.name[locale]);
  const periods = chartPeriods(ctx);
  const indicators = model.indicators.filter((i) => i.unit !== 'qualitative');
  let row = TITLE_ROWS + 1;
  ws.getRow(row).values = [ctx.label(indicators.length ? 'charts.note' : 'charts.none')];
  ws.getRow(row).commit();
  row += 2;
  const span = Math.ceil(CHART_SHOWN.height / ROW_PX) + 1;
  const images: PlacedImage[] = [];
  for (const ind of indicators) {
    const series = seriesOf(ind, periods, ctx);
    const chart = indicatorChart(series, locale, CHART_DRAWN);
    const title = ws.getRow(row);
    title.values = [series.title];
    title.font = { bold: true };
    title.commit();
    const header = ws.getRow(row + 1);
    header.values = ['charts.period', 'measure.actual', 'measure.target', 'field.baseline'].map(
      (k) => ctx.label(k),
    );
    styleHeader(header);
    header.commit();
    const exact = valueFormat(template, ind.unit, 'exact', locale);
    periods.forEach((p, i) => {
      const r = ws.getRow(row + 2 + i);
      const point = series.points[i];
      r.getCell(1).value = p.label[locale];
      const figure = point?.figure ?? null;
      setNumber(
        r.getCell(2),
        figure?.value ?? null,
        figure ? figureFormat(template, ind.unit, figure, locale) : exact,
      );
      setNumber(r.getCell(3), point?.target ?? null, exact);
      setNumber(r.getCell(4), point?.baseline ?? null, exact);
      r.commit();
    });
    images.push({
      png: svgToPng(chart.svg, CHART_DRAWN.width),
      col: CHART_COLUMN,
      row: row - 1,
      ...CHART_SHOWN,
      description: series.title,
    });
    row += Math.max(span, periods.length + 3);
  }
  return images;
}
