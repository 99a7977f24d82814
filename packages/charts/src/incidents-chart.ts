import type { EChartsOption } from 'echarts';
import { formatNumber, type Locale } from '@jalon/domain';
import { checkedInput, chartSizeSchema, incidentsByMonthSchema } from './input';
import { DEFAULT_SIZE, renderSvg, type ChartSize } from './render';
import type { DataTable } from './table';
import { chartWords } from './messages';

/** One month of `incident.summary` with `by: 'month'`: the group's key, its label and totals. */
export type IncidentMonth = {
  code: string;
  label: string;
  incidents: number;
  deaths: number;
  injuries: number;
};

const MEASURES = ['incidents', 'deaths', 'injuries'] as const;
const COLORS = { incidents: '#2f5f8a', deaths: '#8a1c1c', injuries: '#c27c0e' };

/**
 * Incidents, deaths and injuries by month as grouped bars, each bar labelled with its number, and
 * the same numbers as a data table. Input it cannot draw throws a ChartInputError.
 */
export function incidentsByMonthChart(
  input: { title: string; months: IncidentMonth[] },
  locale: Locale,
  size: ChartSize = DEFAULT_SIZE,
): { svg: string; table: DataTable } {
  const w = chartWords[locale];
  const { title, months } = checkedInput(incidentsByMonthSchema, input, 'input');
  const { width, height } = checkedInput(chartSizeSchema, size, 'size');
  // One list of texts, printed by the chart and by the table.
  const rows = months.map((m) => ({
    label: m.label,
    values: MEASURES.map((k) => m[k]),
    texts: MEASURES.map((k) => formatNumber(m[k], locale)),
  }));
  const option: EChartsOption = {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: MEASURES.map((k) => w[k]) },
    grid: { left: 64, right: 24, top: 64, bottom: 64 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, locale) } },
    series: MEASURES.map((k, j) => ({
      name: w[k],
      type: 'bar',
      itemStyle: { color: COLORS[k] },
      data: rows.map((r) => r.values[j] ?? 0),
      label: {
        show: true,
        position: 'top',
        formatter: (p: { dataIndex: number }) => rows[p.dataIndex]?.texts[j] ?? '',
      },
    })),
  };
  return {
    svg: renderSvg(option, title, { width, height }),
    table: {
      caption: title,
      columns: [w.month, ...MEASURES.map((k) => w[k])],
      rows: rows.map((r) => ({ header: r.label, cells: r.texts })),
    },
  };
}
