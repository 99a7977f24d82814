import { must } from '@jalon/domain';
import { DEFAULT_PERIOD } from '$lib/format/period';
import { can, whenAllowed } from '$lib/navigation';
import { getLocale } from '$lib/paraglide/runtime';
import { regionMap, statusChart, trailingQuarters, trendCharts } from '$lib/server/charts';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

/**
 * The organisation's bulletin figures for whoever may read them all (`bulletin.figures`); a
 * programme officer or a donor viewer gets the same figures narrowed to her programmes or grants
 * (`dashboard.summary`), without the early warning and the per-programme table, which are the
 * whole organisation's. The charts, drawn here on the server: the four quarters up to the period
 * (the other three asked of `dashboard.summary` as its `trend`, computed with the period's status
 * in one reading of their windows), the status of each grant's indicators (`dashboard.summary`)
 * and the incidents by region on the map (`incident.summary`, for a role that may read it). A
 * chart whose data fails is left out, never the page.
 */
export const load: PageServerLoad = async ({ url, fetch, parent }) => {
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const { me } = await parent();
  const locale = getLocale();
  const api = createApiClient(fetch, { locale });
  const scoped = !can(me, 'bulletin.figures');
  // The period itself, when a quarter, is the trend's last: asked once.
  const quarters = trailingQuarters(period) ?? [];
  const others = quarters.filter((code) => code !== period);
  const summary = whenAllowed(me, 'dashboard.summary', () =>
    api.dashboard.summary.query({ period, ...(others.length ? { trend: others } : {}) }),
  );
  const main = scoped
    ? summary.then((s) => must(s, 'the summary of a scoped reader'))
    : api.bulletin.figures.query({ period });
  // Awaited below; a failure must not count as unhandled while the charts' data is awaited.
  main.catch(() => undefined);
  summary.catch(() => undefined);
  const [trend, status, regions] = await Promise.allSettled([
    Promise.all([main, summary]).then(([answer, s]) => {
      const own = 'totals' in answer ? answer.totals : answer.figures;
      const trendOf = new Map((s?.trend ?? []).map((t) => [t.period.code, t.figures]));
      return quarters.map((code) => ({
        code,
        figures: must(code === period ? own : trendOf.get(code), `the figures of ${code}`),
      }));
    }),
    summary,
    whenAllowed(me, 'incident.summary', () => api.incident.summary.query({ period, by: 'region' })),
  ]);
  for (const r of [trend, status, regions])
    if (r.status === 'rejected')
      console.error('[web] /tableau-de-bord: chart data failed', r.reason);
  const charts = {
    trends: trend.status === 'fulfilled' ? trendCharts(trend.value, locale) : null,
    status:
      status.status === 'fulfilled' && status.value
        ? statusChart(status.value.indicators, locale)
        : null,
    map:
      regions.status === 'fulfilled' && regions.value
        ? regionMap(regions.value.groups, locale)
        : null,
  };
  try {
    const answer = await main;
    if ('totals' in answer)
      return { period, scoped: false, figures: { ok: true as const, ...answer }, charts };
    return {
      period,
      scoped: true,
      figures: {
        ok: true as const,
        period: answer.period,
        totals: { ...answer.figures, incidents: null, deaths: null, injuries: null },
        programmes: [],
      },
      charts,
    };
  } catch (error) {
    console.error('[web] /tableau-de-bord: API call failed', error);
    return {
      period,
      scoped: false,
      figures: { ok: false as const, error: describeApiError(error) },
      charts: { trends: null, status: null, map: null },
    };
  }
};
