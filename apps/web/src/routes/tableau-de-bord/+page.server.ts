import { DEFAULT_PERIOD } from '$lib/format/period';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, fetch }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    return {
      period,
      figures: { ok: true as const, ...(await api.bulletin.figures.query({ period })) },
    };
  } catch (error) {
    console.error('[web] /tableau-de-bord: API call failed', error);
    return { period, figures: { ok: false as const, error: describeApiError(error) } };
  }
};
