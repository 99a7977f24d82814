import type { EChartsOption, LineSeriesOption } from 'echarts';
import { formatFigure, formatNumber, type Figure, type Locale } from '@jalon/domain';
import { checkedInput, chartSizeSchema, indicatorChartSeriesSchema } from './input';
import { DEFAULT_SIZE, renderSvg, type ChartSize } from './render';
import type { DataTable } from './table';
import { chartWords } from './messages';

/**
 * One period of an indicator, shaped from one item of `indicator.values`: the period's code and
 * its label in the page's language, the value as every output states it (the item's `figure`,
 * null when not computable), the period's target and the baseline.
 */
export type IndicatorChartPoint = {
  periodCode: string;
  label: string;
  figure: Figure | null;
  target: number | null;
  baseline: number | null;
};

/** An indicator over periods, oldest first. */
export type IndicatorChartSeries = {
  /** The indicator's title in the page's language; the chart's title and the table's caption. */
  title: string;
  points: IndicatorChartPoint[];
};

/**
 * How a value is drawn: a closed bar (exact or approximate), an open marker (at least: the truth
 * may be larger without limit), an error bar from lower to upper (bounds of cells never recorded),
 * or nothing (not computable).
 */
export type PointShape = 'bar' | 'at-least' | 'range' | 'none';

/** The shape of a figure (see {@link PointShape}); a range wins over its `at-least` qualifier. */
export function pointShape(figure: Figure | null): PointShape {
  if (!figure) return 'none';
  const b = figure.bounds;
  if (b && b.upper !== null && b.upper !== b.lower) return 'range';
  if (figure.atLeast || figure.qualifier === 'at-least') return 'at-least';
  return 'bar';
}

/** One row of the chart and of its table: everything both print, computed once. */
type Row = {
  label: string;
  shape: PointShape;
  value: number | null;
  lower: number | null;
  upper: number | null;
  target: number | null;
  baseline: number | null;
  actualText: string;
  targetText: string;
  baselineText: string;
};

function rowsOf(series: IndicatorChartSeries, locale: Locale): Row[] {
  const w = chartWords[locale];
  return series.points.map((p) => {
    const shape = pointShape(p.figure);
    const bounds = p.figure?.bounds ?? null;
    return {
      label: p.label,
      shape,
      value: p.figure?.value ?? null,
      lower: shape === 'range' && bounds ? bounds.lower : null,
      upper: shape === 'range' && bounds ? bounds.upper : null,
      target: p.target,
      baseline: p.baseline,
      actualText: p.figure ? formatFigure(p.figure, locale) : w.notComputable,
      targetText: p.target === null ? w.none : formatNumber(p.target, locale),
      baselineText: p.baseline === null ? w.none : formatNumber(p.baseline, locale),
    };
  });
}

const COLORS = {
  actual: '#2f5f8a',
  atLeast: '#b25d00',
  range: '#6a3d9a',
  target: '#1b7f3b',
  baseline: '#666666',
};

/** A line through the periods that have a value (the target, the baseline). */
function referenceLine(
  name: string,
  color: string,
  type: 'dashed' | 'dotted',
  symbol: 'diamond' | 'none',
  values: (number | null)[],
): LineSeriesOption {
  return {
    name,
    type: 'line',
    symbol,
    itemStyle: { color },
    lineStyle: { type, width: 2 },
    data: values.map((v) => v ?? '-'),
  };
}

function optionOf(rows: Row[], title: string, locale: Locale): EChartsOption {
  const w = chartWords[locale];
  const text = (i: number) => rows[i]?.actualText ?? '';
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: [w.actual, w.atLeast, w.range, w.target, w.baseline] },
    grid: { left: 64, right: 24, top: 64, bottom: 64 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { interval: 0 },
    },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatNumber(v, locale) },
    },
    series: [
      // Series 0: closed bars, only for closed values.
      {
        name: w.actual,
        type: 'bar',
        barMaxWidth: 48,
        itemStyle: { color: COLORS.actual },
        data: rows.map((r) => (r.shape === 'bar' ? r.value : '-')),
        label: { show: true, position: 'top', formatter: (p) => text(p.dataIndex) },
      },
      // Series 1: an at-least value is an open marker (a triangle pointing up), never a bar.
      {
        name: w.atLeast,
        type: 'scatter',
        symbol: 'triangle',
        symbolSize: 14,
        itemStyle: { color: '#ffffff', borderColor: COLORS.atLeast, borderWidth: 2 },
        data: rows.map((r, i) => (r.shape === 'at-least' ? [i, r.value] : [i, '-'])),
        label: { show: true, position: 'top', formatter: (p) => text(p.dataIndex) },
      },
      // Series 2: bounds of cells never recorded, an error bar from lower to upper, no point.
      {
        name: w.range,
        type: 'custom',
        itemStyle: { color: COLORS.range },
        encode: { x: 0, y: [1, 2] },
        // Only the ranges, each carrying its row's index (the x category).
        data: rows.flatMap((r, i) => (r.shape === 'range' ? [[i, r.lower, r.upper]] : [])),
        renderItem: (_params, api) => {
          const i = Number(api.value(0));
          const lo = api.coord([api.value(0), api.value(1)]);
          const hi = api.coord([api.value(0), api.value(2)]);
          const [x = 0, yLo = 0] = lo;
          const yHi = hi[1] ?? 0;
          const cap = 8;
          const style = { stroke: COLORS.range, lineWidth: 2 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: x, y1: yLo, x2: x, y2: yHi }, style },
              { type: 'line', shape: { x1: x - cap, y1: yLo, x2: x + cap, y2: yLo }, style },
              { type: 'line', shape: { x1: x - cap, y1: yHi, x2: x + cap, y2: yHi }, style },
              {
                type: 'text',
                x,
                y: yHi - 4,
                style: {
                  text: text(i),
                  fill: COLORS.range,
                  align: 'center',
                  verticalAlign: 'bottom',
                  fontSize: 12,
                },
              },
            ],
          };
        },
      },
      // Series 3 and 4: the target and the baseline, lines without labels (the table has them).
      referenceLine(
        w.target,
        COLORS.target,
        'dashed',
        'diamond',
        rows.map((r) => r.target),
      ),
      referenceLine(
        w.baseline,
        COLORS.baseline,
        'dotted',
        'none',
        rows.map((r) => r.baseline),
      ),
    ],
  };
}

/**
 * An indicator's actual against its target per period, with the baseline: closed values as bars,
 * at-least values as open markers, ranges as error bars. Returns the SVG (rendered on the server)
 * and the same numbers as a data table; both print the texts of one list of rows. Input it cannot
 * draw (a number that is not finite, bounds out of order, an empty label) throws a ChartInputError.
 */
export function indicatorChart(
  series: IndicatorChartSeries,
  locale: Locale,
  size: ChartSize = DEFAULT_SIZE,
): { svg: string; table: DataTable } {
  const w = chartWords[locale];
  const input = checkedInput(indicatorChartSeriesSchema, series, 'series');
  const { width, height } = checkedInput(chartSizeSchema, size, 'size');
  const rows = rowsOf(input, locale);
  const svg = renderSvg(optionOf(rows, input.title, locale), input.title, { width, height });
  const table: DataTable = {
    caption: input.title,
    columns: [w.period, w.actual, w.target, w.baseline],
    rows: rows.map((r) => ({
      header: r.label,
      cells: [r.actualText, r.targetText, r.baselineText],
    })),
  };
  return { svg, table };
}
