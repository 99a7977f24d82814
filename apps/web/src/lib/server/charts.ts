import {
  incidentsCategoryChart,
  incidentsMonthChart,
  incidentsRegionMap,
  indicatorProgressChart,
  indicatorStatusChart,
  pivotRegionMap,
  quarterlyTrendCharts,
  scorecardCharts,
  type Chart,
  type IncidentGroup,
  type IndicatorValueItem,
  type PeriodFigures,
  type PivotLike,
  type ScorecardLike,
} from '@jalon/charts';
import type { Status } from '@jalon/domain';
import { spellOutPeriodCode } from '$lib/format/period';
import { incidentCategoryLabels } from '$lib/labels';
import type { Locale } from '$lib/paraglide/runtime';

/*
 * The pages' charts, drawn on the server from the API's answers by @jalon/charts (SVG strings and
 * their tables, no script sent): the same functions the bulletin and the tests use, so the numbers
 * are the API's. A chart that cannot be drawn is left out and logged; the page keeps its tables.
 */

/**
 * The `count` quarters ending with the period's (`2023-Q2` → 2022-Q3 … 2023-Q2); a year ends with
 * its fourth quarter, a month with its quarter. Null for a code it does not read.
 * @example trailingQuarters('2023-Q2') // ['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2']
 */
export function trailingQuarters(period: string, count = 4): string[] | null {
  const year = Number(period.slice(0, 4));
  if (!/^\d{4}/.test(period)) return null;
  const quarter = /^\d{4}-Q([1-4])$/.exec(period)?.[1];
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.exec(period)?.[1];
  const q = quarter
    ? Number(quarter)
    : month
      ? Math.ceil(Number(month) / 3)
      : /^\d{4}$/.test(period)
        ? 4
        : null;
  if (q === null) return null;
  const last = year * 4 + (q - 1);
  return Array.from({ length: count }, (_, i) => {
    const k = last - (count - 1 - i);
    return `${Math.floor(k / 4)}-Q${(k % 4) + 1}`;
  });
}

function drawn<T>(what: string, draw: () => T): T | null {
  try {
    return draw();
  } catch (error) {
    console.error(`[web] chart ${what} not drawn`, error);
    return null;
  }
}

/** The period label the pages print (`2e trimestre 2023`), for axes and tables too. */
const label = (locale: Locale) => (code: string) => spellOutPeriodCode(code, locale);

export function trendCharts(
  quarters: { code: string; figures: PeriodFigures }[],
  locale: Locale,
): { activities: Chart; participants: Chart; uniquePeople: Chart } | null {
  return drawn('trends', () =>
    quarterlyTrendCharts(
      quarters.map((q) => ({ ...q, label: label(locale)(q.code) })),
      locale,
    ),
  );
}

export function statusChart(
  indicators: { indicator: { grant: string | null }; status: Status }[],
  locale: Locale,
): Chart | null {
  if (indicators.length === 0) return null;
  return drawn('status', () => indicatorStatusChart(indicators, locale));
}

const categoryLabel = (key: string) =>
  key in incidentCategoryLabels
    ? incidentCategoryLabels[key as keyof typeof incidentCategoryLabels]()
    : key;

export function earlyWarningCharts(
  summary: { months: IncidentGroup[]; categories: IncidentGroup[]; regions: IncidentGroup[] },
  locale: Locale,
): { months: Chart | null; categories: Chart | null; map: Chart | null } {
  return {
    months: drawn('incidents by month', () =>
      incidentsMonthChart(summary.months, locale, label(locale)),
    ),
    categories: drawn('incidents by category', () =>
      incidentsCategoryChart(summary.categories, locale, categoryLabel),
    ),
    map: drawn('incidents map', () => incidentsRegionMap(summary.regions, locale)),
  };
}

export function regionMap(regions: IncidentGroup[], locale: Locale): Chart | null {
  return drawn('incidents map', () => incidentsRegionMap(regions, locale));
}

/**
 * The pivot's regions on the map, when the regions are one of its axes: each region's total over
 * the other axis as pivot.query computed it (activities, participants, people or incidents).
 */
export function pivotMap(
  answer: PivotLike,
  query: { rows: string; columns: string | null },
  words: { title: string; measure: string },
  locale: Locale,
): Chart | null {
  const axis = query.rows === 'region' ? 'rows' : query.columns === 'region' ? 'columns' : null;
  if (axis === null) return null;
  return drawn('pivot map', () => pivotRegionMap(answer, axis, words, locale));
}

/** Each indicator's chart over the quarters, by indicator id, from `indicator.values` per quarter. */
export function indicatorCharts(
  perQuarter: { items: IndicatorValueItem[] }[],
  locale: Locale,
): Record<string, Chart> {
  const ids = [...new Set(perQuarter.flatMap((q) => q.items.map((v) => v.indicator.id)))];
  const out: Record<string, Chart> = {};
  for (const id of ids) {
    const items = perQuarter
      .map((q) => q.items.find((v) => v.indicator.id === id))
      .filter((v): v is IndicatorValueItem => v !== undefined);
    const chart = drawn(`indicator ${id}`, () =>
      indicatorProgressChart(items, locale, label(locale), { width: 640, height: 320 }),
    );
    if (chart) out[id] = chart;
  }
  return out;
}

export function scorecardChartsOf(
  card: ScorecardLike,
  locale: Locale,
): { domains: Chart; history: Chart | null } | null {
  return drawn('scorecard', () => scorecardCharts(card, locale));
}
