import { DEFAULT_PERIOD } from '$lib/format/period';
import { getLocale } from '$lib/paraglide/runtime';
import type { Chart } from '@jalon/charts';
import { indicatorCharts, trailingQuarters } from '$lib/server/charts';
import { loadIndicatorValues } from '$lib/server/indicator-values';
import { filterPlaces, placeFilterNames } from '$lib/indicators';
import { createApiClient, describeApiError, type ApiClient } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, fetch }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  // Words in the code or the titles, accents ignored (the API searches).
  const q = url.searchParams.get('q')?.trim().slice(0, 200) || null;
  const api = createApiClient(fetch, { locale: getLocale() });
  // The statuses each grant's report states (its template's period and target), beside the list.
  const [indicators, grants, statuses] = await Promise.allSettled([
    api.indicator.list.query(q ? { search: q } : undefined),
    api.grant.list.query(),
    api.indicator.statuses.query({ period }),
  ]);
  for (const result of [indicators, grants, statuses]) {
    if (result.status === 'rejected')
      console.error('[web] /indicateurs: API call failed', result.reason);
  }
  if (indicators.status === 'rejected') {
    return {
      period,
      q,
      indicators: { ok: false as const, error: describeApiError(indicators.reason) },
      grants: [],
      values: null,
      statuses: null,
      charts: {} as Record<string, Chart>,
      places: {} as Record<string, string[]>,
    };
  }
  const items = indicators.value.items;
  const indicatorIds = items.map((i) => i.id);
  // Each indicator's actual against its target over the four quarters up to the period, drawn
  // here as SVG from indicator.values (a cumulative value is already its running total).
  const quarters = indicatorIds.length > 0 ? (trailingQuarters(period) ?? []) : [];
  const [values, perQuarter, places] = await Promise.all([
    loadIndicatorValues(api, items, period),
    Promise.all(quarters.map((q) => api.indicator.values.query({ indicatorIds, period: q }))).catch(
      (error: unknown) => {
        console.error('[web] /indicateurs: chart values failed', error);
        return null;
      },
    ),
    placeNames(api, items),
  ]);
  return {
    period,
    q,
    indicators: { ok: true as const, items },
    // Titles and donors of the grants; without them the page still groups by grant code.
    grants: grants.status === 'fulfilled' ? grants.value.items : [],
    values,
    // By grant id; null when they could not be read (the page then shows no status at all).
    statuses:
      statuses.status === 'fulfilled'
        ? Object.fromEntries(statuses.value.grants.map((g) => [g.grant.id, g]))
        : null,
    charts: perQuarter ? indicatorCharts(perQuarter, getLocale()) : {},
    places,
  };
};

/**
 * The places each indicator counts in, by name and by indicator id (the list of places is asked
 * only when an indicator names one); without it, a path is said as is.
 */
async function placeNames(
  api: ApiClient,
  items: readonly { id: string; source: Record<string, unknown> }[],
): Promise<Record<string, string[]>> {
  if (!items.some((i) => filterPlaces(i.source).length > 0)) return {};
  const names = await api.place.list
    .query({ sort: 'path', limit: 1000 })
    .then((places) => new Map(places.items.map((p) => [p.path, p.name])))
    .catch((error: unknown) => {
      console.error('[web] /indicateurs: places failed', error);
      return new Map<string, string>();
    });
  return placeFilterNames(items, names);
}
