import { fail, redirect } from '@sveltejs/kit';
import { incidentListInput, readIncidentFilters } from '$lib/list-filters';
import { whenAllowed } from '$lib/navigation';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { clientRequestIdOf } from '$lib/offline/client-request';
import { warningsBeforeSave, type EntryWarning } from '$lib/entry-warnings';
import { fromOutbox, outboxSaved } from '$lib/server/outbox';
import { earlyWarningCharts } from '$lib/server/charts';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import { checkIncidentForm, emptyIncident, quarterOf, readIncidentForm } from './incident-form';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ url, fetch, parent }) => {
  const filters = readIncidentFilters(url.searchParams);
  const { period, page } = filters;

  const { me } = await parent();
  const api = createApiClient(fetch, { locale: getLocale() });
  // The organisation-wide figures are asked for only by a role that may read them (a programme
  // officer keeps her programmes' register).
  const summaryBy = (by: 'month' | 'category' | 'region') =>
    whenAllowed(me, 'incident.summary', () => api.incident.summary.query({ period, by }));
  // One batched HTTP call; the summary and the register can each fail on their own.
  const [byMonth, byCategory, byRegion, register, programmes, places] = await Promise.allSettled([
    summaryBy('month'),
    summaryBy('category'),
    summaryBy('region'),
    api.incident.list.query({
      ...incidentListInput(filters),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    // For the entry form.
    api.programme.list.query(),
    api.place.list.query({ sort: 'name', limit: 1000 }),
  ]);
  for (const result of [byMonth, byCategory, byRegion, register, programmes, places]) {
    if (result.status === 'rejected')
      console.error('[web] /alerte-precoce: API call failed', result.reason);
  }

  const programmeItems = programmes.status === 'fulfilled' ? programmes.value.items : [];

  const summaryFailure = [byMonth, byCategory, byRegion].find((r) => r.status === 'rejected');
  // The charts, drawn here from the same answers as the tables (SVG strings, no script).
  const charts =
    byMonth.status === 'fulfilled' &&
    byCategory.status === 'fulfilled' &&
    byRegion.status === 'fulfilled' &&
    byMonth.value &&
    byCategory.value &&
    byRegion.value
      ? earlyWarningCharts(
          {
            months: byMonth.value.groups,
            categories: byCategory.value.groups,
            regions: byRegion.value.groups,
          },
          getLocale(),
        )
      : null;
  return {
    charts,
    filters,
    deleted: url.searchParams.get('deleted'),
    pageSize: PAGE_SIZE,
    summary:
      byMonth.status === 'fulfilled' &&
      byCategory.status === 'fulfilled' &&
      byRegion.status === 'fulfilled'
        ? byMonth.value === null || byCategory.value === null || byRegion.value === null
          ? null
          : {
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
    // the register's place filter: a region finds what happened anywhere within it
    regions:
      places.status === 'fulfilled'
        ? places.value.items
            .filter((p) => p.level === 'region')
            .map((p) => ({ id: p.id, name: p.name }))
        : [],
    incidentForm: {
      saved: url.searchParams.get('saved'),
      programmes: programmeItems,
      places:
        places.status === 'fulfilled'
          ? places.value.items.map((p) => ({ id: p.id, name: p.name }))
          : [],
      values: emptyIncident({
        programmeId: programmeItems.find((p) => p.code === 'NEWS')?.id ?? '',
      }),
    },
  };
};

export const actions = {
  /** Records an incident, then shows the register of its quarter with it. */
  incident: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = readIncidentForm(form);
    const check = checkIncidentForm(values, getLocale());
    if (!check.ok) return fail(400, { incident: { values, errors: check.errors, apiError: null } });
    const api = createApiClient(fetch, { locale: getLocale() });
    // a probable duplicate or a date to come: shown with « Enregistrer quand même », nothing saved
    const warnings = await warningsBeforeSave(form, () =>
      api.incident.check.query({ incident: check.input }),
    );
    if (warnings.length > 0)
      return fail(422, { incident: { values, errors: [], apiError: null, warnings } });
    let saved: { id: string; code: string; warnings?: EntryWarning[] };
    try {
      saved = await api.incident.create.mutate({ ...check.input, ...clientRequestIdOf(form) });
    } catch (error) {
      console.error('[web] /alerte-precoce: incident refused', error);
      const apiError = describeApiError(error);
      return fail(apiError.code === 'UNREACHABLE' ? 502 : 400, {
        incident: { values, errors: [], apiError },
      });
    }
    if (fromOutbox(form))
      return outboxSaved(localizeHref(`/alerte-precoce/${saved.id}`), saved.warnings);
    const query = new URLSearchParams({ period: quarterOf(check.input.date), saved: saved.code });
    redirect(303, `${localizeHref('/alerte-precoce')}?${query}#register`);
  },
} satisfies Actions;
