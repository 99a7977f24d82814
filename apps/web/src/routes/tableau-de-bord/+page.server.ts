import { DEFAULT_PERIOD } from '$lib/format/period';
import { can } from '$lib/navigation';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

/**
 * The organisation's bulletin figures for whoever may read them all (`bulletin.figures`); a
 * programme officer or a donor viewer gets the same figures narrowed to her programmes or grants
 * (`dashboard.summary`), without the early warning and the per-programme table, which are the
 * whole organisation's.
 */
export const load: PageServerLoad = async ({ url, fetch, parent }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const { me } = await parent();
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    if (can(me, 'bulletin.figures')) {
      return {
        period,
        scoped: false,
        figures: { ok: true as const, ...(await api.bulletin.figures.query({ period })) },
      };
    }
    const summary = await api.dashboard.summary.query({ period });
    return {
      period,
      scoped: true,
      figures: {
        ok: true as const,
        period: summary.period,
        totals: { ...summary.figures, incidents: null, deaths: null, injuries: null },
        programmes: [],
      },
    };
  } catch (error) {
    console.error('[web] /tableau-de-bord: API call failed', error);
    return {
      period,
      scoped: false,
      figures: { ok: false as const, error: describeApiError(error) },
    };
  }
};
