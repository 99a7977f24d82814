import { DIMENSION_NAMES } from '@jalon/domain';
import type { Chart } from '@jalon/charts';
import { spellOutPeriodCode } from '$lib/format/period';
import { activityTypeLabels, incidentCategoryLabels } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { pivotGrid, type PivotDimension, type PivotGrid, type PivotQuery } from '$lib/pivot';
import { pivotMap } from './charts';
import { describeApiError, type ApiClient, type ApiFailure } from './trpc';

/** A member's label on the page: the app's own words for codes the API does not name. */
function labeller(dimension: PivotDimension, locale: Locale) {
  return (member: { code: string; label: { fr: string; en: string } }): string => {
    if (dimension === 'period') return spellOutPeriodCode(member.code, locale);
    if (dimension === 'activity-type' && member.code in activityTypeLabels)
      return activityTypeLabels[member.code as keyof typeof activityTypeLabels]();
    if (dimension === 'incident-category' && member.code in incidentCategoryLabels)
      return incidentCategoryLabels[member.code as keyof typeof incidentCategoryLabels]();
    return member.label[locale];
  };
}

export type PivotResult =
  { ok: true; grid: PivotGrid; map: Chart | null } | { ok: false; error: ApiFailure };

const measureLabels = {
  activities: m.pivot_measure_activities,
  participants: m.pivot_measure_participants,
  'unique-people': m.pivot_measure_unique_people,
  incidents: m.pivot_measure_incidents,
};

/** `pivot.query` laid out as the page, the CSV and the workbook show it. */
export async function loadPivot(
  api: ApiClient,
  query: PivotQuery,
  locale: Locale,
  /** The page draws the regions on the map when they are an axis; the exports do not. */
  options: { map?: boolean } = {},
): Promise<PivotResult> {
  try {
    const answer = await api.pivot.query.query(query);
    const rowsLabel = labeller(query.rows, locale);
    const columnsLabel = query.columns ? labeller(query.columns, locale) : rowsLabel;
    const grid = pivotGrid(
      {
        ...answer,
        // Each axis labelled by its own dimension's words.
        rows: answer.rows.map((r) => ({ ...r, label: { fr: rowsLabel(r), en: rowsLabel(r) } })),
        columns: answer.columns.map((c) => ({
          ...c,
          label: { fr: columnsLabel(c), en: columnsLabel(c) },
        })),
      },
      locale,
      {
        rows: m.pivot_rows_header(),
        total: m.row_total(),
        notComputable: m.pivot_not_computable(),
      },
      (member) => member.label[locale],
    );
    const measure = measureLabels[query.measure]();
    const map = options.map
      ? pivotMap(
          answer,
          query,
          {
            title: m.pivot_caption({
              measure,
              rows: DIMENSION_NAMES.region[locale],
              period: spellOutPeriodCode(query.period, locale),
            }),
            measure,
          },
          locale,
        )
      : null;
    return { ok: true, grid, map };
  } catch (error) {
    const failure = describeApiError(error);
    if (failure.code !== 'BAD_REQUEST') console.error('[web] pivot: API call failed', error);
    return { ok: false, error: failure };
  }
}
