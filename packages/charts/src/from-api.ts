import { STATUSES, type Figure, type Locale, type Status } from '@jalon/domain';
import {
  barChart,
  lineChart,
  stackedBarChart,
  type ChartCategory,
  type ChartValue,
} from './bar-chart';
import { incidentsByMonthChart } from './incidents-chart';
import { indicatorChart, type IndicatorChartSeries } from './indicator-chart';
import type { ChartSize } from './render';
import type { DataTable } from './table';
import { maliTileMap } from './tile-map';
import { chartWords } from './messages';

/*
 * From the API's answers to charts: each function takes the shape a procedure returns
 * (`indicator.values`, `bulletin.figures` / `dashboard.summary`, `incident.summary`,
 * `assessment.scorecard`) and nothing else, so the web pages, the bulletin and the tests that
 * compare a chart's table with the API draw from the same numbers.
 */

/** A chart as the pages and the bulletin embed it: the SVG and its table. */
export type Chart = { svg: string; table: DataTable };

const STATUS_COLORS: Record<Status, string> = {
  'on-track': '#1b7f3b',
  watch: '#b25d00',
  'off-track': '#8a1c1c',
  'no-data': '#6b6b6b',
};

/** One item of `indicator.values` (the fields a chart reads). */
export type IndicatorValueItem = {
  indicator: { id: string; title: string; titleEn: string };
  period: { code: string };
  figure: Figure | null;
  target: number | null;
  baseline: number | null;
};

/**
 * An indicator over periods from `indicator.values` items of that indicator, one per period in
 * the order given (oldest first). A cumulative indicator's values are already running totals,
 * so its bars accumulate.
 */
export function indicatorSeriesOf(
  items: IndicatorValueItem[],
  locale: Locale,
  periodLabel: (code: string) => string,
): IndicatorChartSeries {
  const first = items[0];
  return {
    title: first ? (locale === 'en' ? first.indicator.titleEn : first.indicator.title) : '–',
    points: items.map((v) => ({
      periodCode: v.period.code,
      label: periodLabel(v.period.code),
      figure: v.figure,
      target: v.target,
      baseline: v.baseline,
    })),
  };
}

/** An indicator's chart from its `indicator.values` items over periods. */
export function indicatorProgressChart(
  items: IndicatorValueItem[],
  locale: Locale,
  periodLabel: (code: string) => string,
  size?: ChartSize,
): Chart {
  return indicatorChart(indicatorSeriesOf(items, locale, periodLabel), locale, size);
}

/** The figures of a period (`bulletin.figures` totals, `dashboard.summary` figures). */
export type PeriodFigures = {
  activities: number;
  participants: Figure;
  women: Figure;
  youth: Figure;
  /**
   * Distinct named people (`unique-people`): open above (« au moins ») while some activity's
   * participants were not all named.
   */
  uniquePeople: Figure;
};

/**
 * The dashboard's quarterly trends: activities; participants with women and young people; and
 * the distinct people reached, each counted once in a quarter, drawn open above (an at-least bar)
 * when people were not all named.
 */
export function quarterlyTrendCharts(
  quarters: { code: string; label: string; figures: PeriodFigures }[],
  locale: Locale,
  size?: ChartSize,
): { activities: Chart; participants: Chart; uniquePeople: Chart } {
  const w = chartWords[locale];
  const categories: ChartCategory[] = quarters.map((q) => ({ code: q.code, label: q.label }));
  return {
    activities: barChart(
      {
        title: w.activitiesByQuarter,
        categoryHeader: w.quarter,
        categories,
        series: [{ name: w.activities, values: quarters.map((q) => q.figures.activities) }],
      },
      locale,
      size,
    ),
    participants: barChart(
      {
        title: w.participantsByQuarter,
        categoryHeader: w.quarter,
        categories,
        series: [
          { name: w.participants, values: quarters.map((q) => q.figures.participants) },
          { name: w.women, values: quarters.map((q) => q.figures.women) },
          { name: w.youth, values: quarters.map((q) => q.figures.youth) },
        ],
      },
      locale,
      size,
    ),
    uniquePeople: barChart(
      {
        title: w.uniquePeopleByQuarter,
        categoryHeader: w.quarter,
        categories,
        series: [{ name: w.uniquePeople, values: quarters.map((q) => q.figures.uniquePeople) }],
      },
      locale,
      size,
    ),
  };
}

/** Participants, women and young people per programme (the bulletin's programmes). */
export function participantsByProgrammeChart(
  programmes: {
    code: string;
    label: string;
    participants: ChartValue;
    women: ChartValue;
    youth: ChartValue;
  }[],
  locale: Locale,
  size?: ChartSize,
): Chart {
  const w = chartWords[locale];
  return barChart(
    {
      title: w.participantsByProgramme,
      categoryHeader: w.programme,
      categories: programmes.map((p) => ({ code: p.code, label: p.label })),
      series: [
        { name: w.participants, values: programmes.map((p) => p.participants) },
        { name: w.women, values: programmes.map((p) => p.women) },
        { name: w.youth, values: programmes.map((p) => p.youth) },
      ],
    },
    locale,
    size,
  );
}

/**
 * The status of each grant's indicators at a glance, from `dashboard.summary`'s indicators
 * (each with its grant's code and its status): one stacked bar per grant.
 */
export function indicatorStatusChart(
  indicators: { indicator: { grant: string | null }; status: Status }[],
  locale: Locale,
  grantLabel: (code: string | null) => string = (code) => code ?? '–',
  size?: ChartSize,
): Chart {
  const w = chartWords[locale];
  const grants = [...new Set(indicators.map((i) => i.indicator.grant))];
  const count = (g: string | null, s: Status) =>
    indicators.filter((i) => i.indicator.grant === g && i.status === s).length;
  return stackedBarChart(
    {
      title: w.statusByGrant,
      categoryHeader: w.grant,
      totalHeader: w.total,
      categories: grants.map((g) => ({ code: g ?? '-', label: grantLabel(g) })),
      series: STATUSES.map((s) => ({
        name: w.status[s],
        color: STATUS_COLORS[s],
        values: grants.map((g) => count(g, s)),
      })),
    },
    locale,
    size ?? { width: 720, height: Math.max(200, 120 + 48 * grants.length) },
  );
}

/** One group of `incident.summary`. */
export type IncidentGroup = {
  key: string;
  label: string;
  incidents: number;
  deaths: number;
  injuries: number;
};

/** `incident.summary` by month as grouped bars. */
export function incidentsMonthChart(
  groups: IncidentGroup[],
  locale: Locale,
  monthLabel: (code: string) => string,
  size?: ChartSize,
): Chart {
  return incidentsByMonthChart(
    {
      title: chartWords[locale].incidentsByMonth,
      months: groups.map((g) => ({
        code: g.key,
        label: monthLabel(g.key),
        incidents: g.incidents,
        deaths: g.deaths,
        injuries: g.injuries,
      })),
    },
    locale,
    size,
  );
}

/** `incident.summary` by category as grouped bars (incidents, deaths, injuries). */
export function incidentsCategoryChart(
  groups: IncidentGroup[],
  locale: Locale,
  categoryLabel: (code: string) => string,
  size?: ChartSize,
): Chart {
  const w = chartWords[locale];
  return barChart(
    {
      title: w.incidentsByCategory,
      categoryHeader: w.category,
      categories: groups.map((g) => ({ code: g.key, label: categoryLabel(g.key) })),
      series: [
        { name: w.incidents, values: groups.map((g) => g.incidents) },
        { name: w.deaths, values: groups.map((g) => g.deaths) },
        { name: w.injuries, values: groups.map((g) => g.injuries) },
      ],
    },
    locale,
    size ?? { width: 720, height: 400 },
  );
}

/** `incident.summary` by region on the tile map of Mali's regions. */
export function incidentsRegionMap(groups: IncidentGroup[], locale: Locale): Chart {
  const w = chartWords[locale];
  return maliTileMap(
    {
      title: w.incidentsByRegion,
      measure: w.incidents,
      regionHeader: w.region,
      regions: groups.map((g) => ({ code: g.key, label: g.label, value: g.incidents })),
    },
    locale,
  );
}

/** What the map reads of a `pivot.query` answer: its members and cells. */
export type PivotLike = {
  rows: { code: string; label: { fr: string; en: string } }[];
  columns: { code: string; label: { fr: string; en: string } }[];
  cells: { row: string | null; column: string | null; figure: Figure | null }[];
};

/**
 * A pivot split by region (on its rows or its columns) on the tile map: each region's total over
 * the other axis, as `pivot.query` computed it — activities, participants, unique people or
 * incidents, an open or a range figure said so on its tile and in the table. A region whose total
 * cannot be computed is left without data, never zero.
 */
export function pivotRegionMap(
  answer: PivotLike,
  axis: 'rows' | 'columns',
  words: { title: string; measure: string },
  locale: Locale,
): Chart {
  const members = axis === 'rows' ? answer.rows : answer.columns;
  const totalOf = (code: string) =>
    answer.cells.find((c) =>
      axis === 'rows' ? c.row === code && c.column === null : c.row === null && c.column === code,
    )?.figure ?? null;
  return maliTileMap(
    {
      title: words.title,
      measure: words.measure,
      regionHeader: chartWords[locale].region,
      regions: members.flatMap((m) => {
        const figure = totalOf(m.code);
        return figure
          ? [
              {
                code: m.code,
                label: m.label[locale],
                value: Math.max(0, Math.floor(figure.bounds?.lower ?? figure.value)),
                figure,
              },
            ]
          : [];
      }),
    },
    locale,
  );
}

/** What the scorecard charts read of `assessment.scorecard`. */
export type ScorecardLike = {
  cycle: number;
  domains: {
    code: string;
    label: { fr: string; en: string };
    score: number | null;
    peersMedian?: number | null;
  }[];
  history?: { cycle: number; index: number }[];
};

/** The domain scores against the peers' median, and the index over the cycles. */
export function scorecardCharts(
  card: ScorecardLike,
  locale: Locale,
  size?: ChartSize,
): { domains: Chart; history: Chart | null } {
  const w = chartWords[locale];
  const domains = barChart(
    {
      title: w.domains(card.cycle),
      categoryHeader: w.domain,
      unit: 'percent',
      categories: card.domains.map((d) => ({ code: d.code, label: d.label[locale] })),
      series: [
        { name: w.score, values: card.domains.map((d) => d.score) },
        { name: w.peersMedian, values: card.domains.map((d) => d.peersMedian ?? null) },
      ],
    },
    locale,
    size,
  );
  const history =
    card.history && card.history.length > 0
      ? lineChart(
          {
            title: w.indexOverCycles,
            categoryHeader: w.cycle,
            unit: 'percent',
            categories: card.history.map((h) => ({
              code: String(h.cycle),
              label: String(h.cycle),
            })),
            series: [{ name: w.index, values: card.history.map((h) => h.index) }],
          },
          locale,
          size,
        )
      : null;
  return { domains, history };
}
