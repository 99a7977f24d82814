import { error } from '@sveltejs/kit';
import { DEFAULT_PERIOD } from '$lib/format/period';
import { m } from '$lib/paraglide/messages';
import { whenAllowed } from '$lib/navigation';
import { getLocale } from '$lib/paraglide/runtime';
import { loadIndicatorValues } from '$lib/server/indicator-values';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, fetch, parent }) => {
  // Not an id at all: the page does not exist, no need to ask the API.
  const period = url.searchParams.get('period')?.trim() || DEFAULT_PERIOD;
  const { me } = await parent();
  const api = createApiClient(fetch, { locale: getLocale() });
  const [grant, indicators, programmes, statuses] = await Promise.allSettled([
    api.grant.byId.query({ id: params.id }),
    api.indicator.list.query({ grantId: params.id }),
    // English names of the programmes, for the roles that read them (not a donor viewer).
    whenAllowed(me, 'programme.list', () => api.programme.list.query()),
    // The statuses the grant's report states (its template's period, target and rule): the one
    // rule of the indicators page, the preview and the workbook — never a status of its own.
    api.indicator.statuses.query({ period, grantId: params.id }),
  ]);
  for (const result of [grant, indicators, programmes, statuses]) {
    if (result.status === 'rejected')
      console.error(`[web] /subventions/${params.id}: API call failed`, result.reason);
  }
  if (grant.status === 'rejected') {
    const failure = describeApiError(grant.reason);
    if (failure.code === 'NOT_FOUND') error(404, m.grant_not_found());
    return {
      period,
      grant: { ok: false as const, error: failure },
      indicators: null,
      values: null,
      programmes: [],
      statuses: null,
    };
  }
  const items = indicators.status === 'fulfilled' ? indicators.value.items : [];
  return {
    period,
    grant: { ok: true as const, ...grant.value },
    indicators:
      indicators.status === 'fulfilled'
        ? { ok: true as const, items }
        : { ok: false as const, error: describeApiError(indicators.reason) },
    values: await loadIndicatorValues(api, items, period),
    programmes: programmes.status === 'fulfilled' ? (programmes.value?.items ?? []) : [],
    // null when they could not be read: the page then shows no status (not one of its own).
    statuses:
      statuses.status === 'fulfilled'
        ? { ok: true as const, grant: statuses.value.grants[0] ?? null }
        : { ok: false as const, error: describeApiError(statuses.reason) },
  };
};
