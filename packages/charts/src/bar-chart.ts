import type { BarSeriesOption, EChartsOption, LineSeriesOption } from 'echarts';
import {
  formatFigure,
  formatNumber,
  formatPercent,
  withPercentSign,
  type Figure,
  type Locale,
} from '@jalon/domain';
import { pointShape, type PointShape } from './indicator-chart';
import {
  barChartSchema,
  chartSizeSchema,
  checkedInput,
  lineChartSchema,
  stackedChartSchema,
} from './input';
import { DEFAULT_SIZE, renderSvg, type ChartSize } from './render';
import type { DataTable } from './table';
import { chartWords } from './messages';

/** A category of a chart (a quarter, a programme, a domain…): its code and its label. */
export type ChartCategory = { code: string; label: string };

/** How the values of a chart read: counts (`1 234`) or percentages out of 100 (`86,85 %`). */
export type ChartUnit = 'count' | 'percent';

/** A value of a bar chart: the domain's `Figure` as every output states it, an exact number, or none. */
export type ChartValue = Figure | number | null;

export type BarChartInput = {
  title: string;
  /** The header of the table's first column (« Trimestre », « Programme »…). */
  categoryHeader: string;
  categories: ChartCategory[];
  /** One series per measure, one value per category. */
  series: { name: string; values: ChartValue[] }[];
  unit?: ChartUnit;
};

/** Colours of the series, in order: distinguishable in grey as well as in colour. */
export const PALETTE = ['#2f5f8a', '#c27c0e', '#1b7f3b', '#8a1c1c', '#6a3d9a', '#4d4d4d'];

const asFigure = (v: ChartValue): Figure | null =>
  v === null
    ? null
    : typeof v === 'number'
      ? { value: v, qualifier: 'exact', atLeast: false, bounds: null, uncounted: 0 }
      : v;

/** A value's text, as the table and the chart's label both print it. */
export function valueText(v: ChartValue, unit: ChartUnit, locale: Locale): string {
  const f = asFigure(v);
  if (!f) return chartWords[locale].notComputable;
  if (unit === 'percent' && pointShape(f) === 'bar' && f.qualifier === 'exact')
    return formatPercent(f.value / 100, locale, 2);
  return formatFigure(f, locale);
}

const axisLabel = (unit: ChartUnit, locale: Locale) => (v: number) =>
  unit === 'percent' ? withPercentSign(formatNumber(v, locale), locale) : formatNumber(v, locale);

type Cell = { shape: PointShape; value: number; lower: number; upper: number; text: string };

/**
 * Grouped bars whose values may be open or ranges, drawn as the domain states them: an exact or
 * approximate value is a filled bar; an **at-least** value an open bar (white, dashed outline),
 * never a closed one; the **bounds** of cells never recorded a floating box from the lower to the
 * upper bound, never a point; a value that cannot be computed is not drawn. Each series becomes
 * four ECharts series stacked together (series index 4j: the invisible base under a range, 4j+1:
 * closed bars, 4j+2: open bars, 4j+3: ranges), so each shape can be told from the SVG.
 */
export function barChart(
  input: BarChartInput,
  locale: Locale,
  size: ChartSize = DEFAULT_SIZE,
): { svg: string; table: DataTable } {
  const w = chartWords[locale];
  const data = checkedInput(barChartSchema, input, 'input') as BarChartInput;
  const { width, height } = checkedInput(chartSizeSchema, size, 'size');
  const unit = data.unit ?? 'count';
  const cells: Cell[][] = data.series.map((s) =>
    data.categories.map((_, i) => {
      const v = s.values[i] ?? null;
      const f = asFigure(v);
      const shape = pointShape(f);
      const lower = f?.bounds?.lower ?? f?.value ?? 0;
      const upper = f?.bounds?.upper ?? lower;
      return { shape, value: f?.value ?? 0, lower, upper, text: valueText(v, unit, locale) };
    }),
  );
  const label = (j: number) => ({
    show: true,
    position: 'top' as const,
    fontSize: 11,
    formatter: (p: { dataIndex: number }) => cells[j]?.[p.dataIndex]?.text ?? '',
  });
  const pick = (j: number, shape: PointShape, value: (c: Cell) => number) =>
    (cells[j] ?? []).map((c) => (c.shape === shape ? value(c) : '-'));
  const series: BarSeriesOption[] = data.series.flatMap((s, j) => {
    const color = PALETTE[j % PALETTE.length] ?? '#2f5f8a';
    const stack = `s${j}`;
    return [
      {
        name: `${s.name}\u200b`,
        type: 'bar',
        stack,
        barMaxWidth: 40,
        silent: true,
        itemStyle: { color: 'rgba(0,0,0,0)' },
        data: pick(j, 'range', (c) => c.lower),
      },
      {
        name: s.name,
        type: 'bar',
        stack,
        barMaxWidth: 40,
        itemStyle: { color },
        data: pick(j, 'bar', (c) => c.value),
        label: label(j),
      },
      {
        name: w.atLeast,
        type: 'bar',
        stack,
        barMaxWidth: 40,
        itemStyle: { color: '#ffffff', borderColor: color, borderWidth: 2, borderType: 'dashed' },
        data: pick(j, 'at-least', (c) => c.value),
        label: label(j),
      },
      {
        name: w.range,
        type: 'bar',
        stack,
        barMaxWidth: 40,
        itemStyle: { color: 'rgba(106,61,154,0.15)', borderColor: color, borderWidth: 2 },
        data: pick(j, 'range', (c) => c.upper - c.lower),
        label: label(j),
      },
    ];
  });
  const shapes = new Set(cells.flat().map((c) => c.shape));
  const option: EChartsOption = {
    title: { text: data.title, left: 'center', textStyle: { fontSize: 14 } },
    legend: {
      bottom: 0,
      data: [
        ...data.series.map((s) => s.name),
        ...(shapes.has('at-least') ? [w.atLeast] : []),
        ...(shapes.has('range') ? [w.range] : []),
      ],
    },
    grid: { left: 64, right: 24, top: 64, bottom: 64 },
    xAxis: {
      type: 'category',
      data: data.categories.map((c) => c.label),
      axisLabel: { interval: 0 },
    },
    yAxis: {
      type: 'value',
      ...(unit === 'percent' ? { max: 100 } : {}),
      axisLabel: { formatter: axisLabel(unit, locale) },
    },
    series,
  };
  return {
    svg: renderSvg(option, data.title, { width, height }),
    table: {
      caption: data.title,
      columns: [data.categoryHeader, ...data.series.map((s) => s.name)],
      rows: data.categories.map((c, i) => ({
        header: c.label,
        cells: cells.map((col) => col[i]?.text ?? ''),
      })),
    },
  };
}

export type LineChartInput = {
  title: string;
  categoryHeader: string;
  categories: ChartCategory[];
  series: { name: string; values: (number | null)[] }[];
  unit?: ChartUnit;
};

/**
 * Exact values over time as lines (the institutional index over the cycles), each point labelled
 * with its value; a missing value breaks the line. The same numbers as a table.
 */
export function lineChart(
  input: LineChartInput,
  locale: Locale,
  size: ChartSize = DEFAULT_SIZE,
): { svg: string; table: DataTable } {
  const data = checkedInput(lineChartSchema, input, 'input') as LineChartInput;
  const { width, height } = checkedInput(chartSizeSchema, size, 'size');
  const unit = data.unit ?? 'count';
  const texts = data.series.map((s) =>
    data.categories.map((_, i) => {
      const v = s.values[i] ?? null;
      return v === null ? '–' : valueText(v, unit, locale);
    }),
  );
  const series: LineSeriesOption[] = data.series.map((s, j) => ({
    name: s.name,
    type: 'line',
    symbol: 'circle',
    symbolSize: 8,
    connectNulls: false,
    itemStyle: { color: PALETTE[j % PALETTE.length] },
    lineStyle: { width: 2 },
    data: data.categories.map((_, i) => s.values[i] ?? '-'),
    label: {
      show: true,
      position: 'top',
      fontSize: 11,
      formatter: (p: { dataIndex: number }) => texts[j]?.[p.dataIndex] ?? '',
    },
  }));
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const option: EChartsOption = {
    title: { text: data.title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: data.series.map((s) => s.name) },
    grid: { left: 64, right: 32, top: 64, bottom: 64 },
    xAxis: {
      type: 'category',
      data: data.categories.map((c) => c.label),
      axisLabel: { interval: 0 },
    },
    yAxis: {
      type: 'value',
      // Percentages keep their scale near the values (an index moves by points, not by tens).
      scale: unit === 'percent' && values.length > 0,
      ...(unit === 'percent' ? { max: 100 } : {}),
      axisLabel: { formatter: axisLabel(unit, locale) },
    },
    series,
  };
  return {
    svg: renderSvg(option, data.title, { width, height }),
    table: {
      caption: data.title,
      columns: [data.categoryHeader, ...data.series.map((s) => s.name)],
      rows: data.categories.map((c, i) => ({
        header: c.label,
        cells: texts.map((col) => col[i] ?? ''),
      })),
    },
  };
}

export type StackedChartInput = {
  title: string;
  categoryHeader: string;
  categories: ChartCategory[];
  /** Exact counts only: a stack of open values would be a false total. */
  series: { name: string; color?: string; values: number[] }[];
  totalHeader: string;
};

/**
 * Exact counts stacked in one horizontal bar per category (the status of each grant's
 * indicators at a glance), each segment labelled with its count, and the table with a total.
 */
export function stackedBarChart(
  input: StackedChartInput,
  locale: Locale,
  size: ChartSize = DEFAULT_SIZE,
): { svg: string; table: DataTable } {
  const data = checkedInput(stackedChartSchema, input, 'input') as StackedChartInput;
  const { width, height } = checkedInput(chartSizeSchema, size, 'size');
  const n = (v: number) => formatNumber(v, locale);
  const option: EChartsOption = {
    title: { text: data.title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: data.series.map((s) => s.name) },
    grid: { left: 120, right: 24, top: 48, bottom: 72 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.categories.map((c) => c.label),
      axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: n } },
    series: data.series.map((s, j) => ({
      name: s.name,
      type: 'bar',
      stack: 'all',
      barMaxWidth: 32,
      itemStyle: { color: s.color ?? PALETTE[j % PALETTE.length] },
      data: data.categories.map((_, i) => {
        const v = s.values[i] ?? 0;
        return v === 0 ? '-' : v;
      }),
      label: {
        show: true,
        color: '#ffffff',
        formatter: (p: { dataIndex: number }) => n(s.values[p.dataIndex] ?? 0),
      },
    })),
  };
  return {
    svg: renderSvg(option, data.title, { width, height }),
    table: {
      caption: data.title,
      columns: [data.categoryHeader, ...data.series.map((s) => s.name), data.totalHeader],
      rows: data.categories.map((c, i) => ({
        header: c.label,
        cells: [
          ...data.series.map((s) => n(s.values[i] ?? 0)),
          n(data.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)),
        ],
      })),
    },
  };
}
