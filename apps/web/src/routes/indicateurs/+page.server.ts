import { DEFAULT_PERIOD } from '$lib/format/period';
import { getLocale } from '$lib/paraglide/runtime';
import { loadIndicatorValues } from '$lib/server/indicator-values';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, fetch }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const api = createApiClient(fetch, { locale: getLocale() });
  const [indicators, grants] = await Promise.allSettled([
    api.indicator.list.query(),
    api.grant.list.query(),
  ]);
  for (const result of [indicators, grants]) {
    if (result.status === 'rejected')
      console.error('[web] /indicateurs: API call failed', result.reason);
  }
  if (indicators.status === 'rejected') {
    return {
      period,
      indicators: { ok: false as const, error: describeApiError(indicators.reason) },
      grants: [],
      values: null,
    };
  }
  const items = indicators.value.items;
  return {
    period,
    indicators: { ok: true as const, items },
    // Titles and donors of the grants; without them the page still groups by grant code.
    grants: grants.status === 'fulfilled' ? grants.value.items : [],
    values: await loadIndicatorValues(api, items, period),
  };
};
