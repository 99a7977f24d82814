import { getLocale } from '$lib/paraglide/runtime';
import { scorecardChartsOf } from '$lib/server/charts';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

/** The latest cycle of the demo data (WANEP-Mali: 86,85 %, third of seven). */
const DEFAULT_CYCLE = 2022;
const FIRST_CYCLE = 2015;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const asked = Number.parseInt(url.searchParams.get('cycle') ?? '', 10);
  const lastCycle = new Date().getUTCFullYear();
  const cycle = asked >= FIRST_CYCLE && asked <= lastCycle ? asked : DEFAULT_CYCLE;
  // The API does not list the cycles assessed yet: offer the years, and say so when one has none.
  const cycles = Array.from({ length: lastCycle - FIRST_CYCLE + 1 }, (_, i) => lastCycle - i);
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    const scorecard = await api.assessment.scorecard.query({ cycle });
    // Domain scores against the peers' median, the index over the cycles: drawn here, as SVG.
    const charts = scorecardChartsOf(scorecard, getLocale());
    return { cycle, cycles, scorecard: { ok: true as const, ...scorecard }, charts };
  } catch (error) {
    const failure = describeApiError(error);
    if (failure.code !== 'NOT_FOUND')
      console.error('[web] /score-institutionnel: API call failed', error);
    return { cycle, cycles, scorecard: { ok: false as const, error: failure }, charts: null };
  }
};
