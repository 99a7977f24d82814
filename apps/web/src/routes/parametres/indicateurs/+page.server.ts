import { fail } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { getLocale } from '$lib/paraglide/runtime';
import {
  checkIndicator,
  LIVE_PREVIEW_HEADER,
  previewPeriodOf,
  readIndicatorForm,
} from '$lib/indicator-form';
import { doneOf, editingOf, loadOrSay, postedId, setupActions } from '$lib/server/setup';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The indicators, what their form chooses from (the results-framework nodes of every grant, the
 * programmes, grants, places and codes a filter or a formula may name) and the indicator being
 * edited (`?modifier=<id>`). A place is chosen by its path (`ml/mopti`), as the engine's filter
 * reads it: the place and everything below it.
 */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const data = await loadOrSay('/parametres/indicateurs', async () => {
    const [indicators, grants, programmes, places] = await Promise.all([
      api.indicator.list.query(),
      api.grant.list.query(),
      api.programme.list.query(),
      api.place.list.query({ sort: 'path', limit: 1000 }),
    ]);
    const names = new Map(places.items.map((p) => [p.path, p.name]));
    const frameworks = await Promise.all(
      grants.items.map((g) => api.grant.byId.query({ id: g.id })),
    );
    return {
      indicators: indicators.items,
      grants: frameworks.map((g) => ({
        id: g.id,
        code: g.code,
        title: g.title,
        nodes: g.framework.map((n) => ({
          id: n.id,
          code: n.code,
          level: n.level,
          title: n.title,
          titleEn: n.titleEn,
        })),
      })),
      programmes: programmes.items.map((p) => ({ code: p.code, name: p.name })),
      // The country itself would filter nothing out; each place is named with its parent's name.
      places: places.items
        .filter((p) => p.level !== 'country')
        .map((p) => {
          const parent = p.path.includes('/')
            ? names.get(p.path.slice(0, p.path.lastIndexOf('/')))
            : undefined;
          return { path: p.path, name: p.name, level: p.level, parent: parent ?? null };
        }),
    };
  });
  return {
    data,
    editing: editingOf(data.ok ? data.indicators : [], url),
    done: doneOf(url),
  };
};

/**
 * Defines an indicator, or corrects the one named by `id` (its code stays). The engine's refusals
 * (a formula naming an unknown code or looping back, a cumulative indicator without a node, a
 * definition frozen by a submitted report) come back in the API's words with what was typed.
 * An indicator is removed only while nothing depends on it: the API's refusal names what does
 * (targets, values, formulas naming it, submitted reports) and how many.
 */
export const actions = {
  ...setupActions({
    path: '/parametres/indicateurs',
    form: 'indicator',
    read: readIndicatorForm,
    check: (values, id) => checkIndicator(values, id === null),
    save: (api, { code, ...fields }, id) =>
      id
        ? api.indicator.update.mutate({ id, ...fields })
        : api.indicator.create.mutate({ code, ...fields }),
    remove: (api, input) => api.indicator.delete.mutate(input),
  }),
  /**
   * « Aperçu »: the value the definition being written would have for a period on today's data
   * (`indicator.preview`: the same checks as a save, nothing written). The form comes back as
   * typed, with the value — or the reasons, as a refused save says them. Asked by the page itself
   * as she types (`x-jalon-live-preview`), a refusal is an answer like a value (200, not 400): a
   * half-typed definition is no error of the page.
   */
  preview: async ({ request, fetch }: RequestEvent) => {
    const live = request.headers.get(LIVE_PREVIEW_HEADER) === '1';
    const refuse = <T extends Record<string, unknown>>(status: number, data: T) =>
      live ? data : fail(status, data);
    const form = await request.formData();
    const id = postedId(form) || null;
    const period = previewPeriodOf(form, new Date());
    const values = { ...readIndicatorForm(form), previewPeriod: period };
    const target = { form: 'indicator', id, values };
    const checked = checkIndicator(values, id === null);
    if (!checked.ok) return refuse(400, { ...target, errors: checked.errors, apiError: null });
    const { code, ...fields } = checked.input;
    try {
      const api = createApiClient(fetch, { locale: getLocale() });
      const value = await api.indicator.preview.query({ ...fields, code: code ?? '', id, period });
      return { ...target, errors: [], apiError: null, preview: value };
    } catch (error) {
      const apiError = describeApiError(error);
      return refuse(failureStatus(apiError), { ...target, errors: [], apiError });
    }
  },
} satisfies Actions;
