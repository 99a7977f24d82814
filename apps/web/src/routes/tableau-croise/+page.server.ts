import { DEFAULT_PERIOD } from '$lib/format/period';
import { getLocale } from '$lib/paraglide/runtime';
import { readPivotQuery } from '$lib/pivot';
import { loadPivot } from '$lib/server/pivot';
import { createApiClient } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

/** The pivot table: the form's choice from the URL, the cells computed by `pivot.query`. */
export const load: PageServerLoad = async ({ url, fetch }) => {
  const query = readPivotQuery(url.searchParams, DEFAULT_PERIOD);
  const locale = getLocale();
  const api = createApiClient(fetch, { locale });
  return { query, pivot: await loadPivot(api, query, locale, { map: true }) };
};
