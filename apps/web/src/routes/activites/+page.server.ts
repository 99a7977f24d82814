import { DEFAULT_PERIOD } from '$lib/format/period';
import { parseStatus, whenAllowed } from '$lib/navigation';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ url, fetch, parent }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const programme = url.searchParams.get('programme')?.trim() || null;
  const status = parseStatus(url.searchParams.get('status'));
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '', 10) || 1);

  const { me } = await parent();
  const api = createApiClient(fetch, { locale: getLocale() });
  // One batched HTTP call; each half can fail on its own, and the page says which. A donor
  // viewer reads no programmes: she gets no programme filter.
  const [programmes, activities] = await Promise.allSettled([
    whenAllowed(me, 'programme.list', () => api.programme.list.query()),
    api.activity.list.query({
      period,
      ...(programme ? { programmeCode: programme } : {}),
      ...(status ? { status } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  ]);

  for (const result of [programmes, activities]) {
    if (result.status === 'rejected')
      console.error('[web] /activites: API call failed', result.reason);
  }

  return {
    filters: { period, programme, status, page },
    pageSize: PAGE_SIZE,
    programmes:
      programmes.status === 'fulfilled'
        ? programmes.value && { ok: true as const, items: programmes.value.items }
        : { ok: false as const, error: describeApiError(programmes.reason) },
    activities:
      activities.status === 'fulfilled'
        ? { ok: true as const, ...activities.value }
        : { ok: false as const, error: describeApiError(activities.reason) },
  };
};
