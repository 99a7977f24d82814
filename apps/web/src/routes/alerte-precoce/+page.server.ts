import { parseCategory, parsePage } from '$lib/early-warning';
import { DEFAULT_PERIOD } from '$lib/format/period';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const category = parseCategory(url.searchParams.get('category'));
  const page = parsePage(url.searchParams.get('page'));

  const api = createApiClient(fetch, { locale: getLocale() });
  // One batched HTTP call; the summary and the register can each fail on their own.
  const [byMonth, byCategory, byRegion, register] = await Promise.allSettled([
    api.incident.summary.query({ period, by: 'month' }),
    api.incident.summary.query({ period, by: 'category' }),
    api.incident.summary.query({ period, by: 'region' }),
    api.incident.list.query({
      period,
      ...(category ? { category } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  ]);
  for (const result of [byMonth, byCategory, byRegion, register]) {
    if (result.status === 'rejected')
      console.error('[web] /alerte-precoce: API call failed', result.reason);
  }

  const summaryFailure = [byMonth, byCategory, byRegion].find((r) => r.status === 'rejected');
  return {
    filters: { period, category, page },
    pageSize: PAGE_SIZE,
    summary:
      byMonth.status === 'fulfilled' &&
      byCategory.status === 'fulfilled' &&
      byRegion.status === 'fulfilled'
        ? {
            ok: true as const,
            totals: byMonth.value.totals,
            months: byMonth.value.groups,
            categories: byCategory.value.groups,
            regions: byRegion.value.groups,
          }
        : {
            ok: false as const,
            error: describeApiError(
              summaryFailure?.status === 'rejected' ? summaryFailure.reason : null,
            ),
          },
    register:
      register.status === 'fulfilled'
        ? { ok: true as const, ...register.value }
        : { ok: false as const, error: describeApiError(register.reason) },
  };
};
