import { redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { postedId, saveOrFail } from '$lib/server/setup';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import { checkProgramme, PROGRAMME_FIELDS, readValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/** The programmes, and the one being edited (`?modifier=<id>`). */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const done = {
    saved: url.searchParams.get('enregistre'),
    deleted: url.searchParams.has('supprime'),
  };
  try {
    const { items } = await api.programme.list.query();
    const editing = items.find((p) => p.id === url.searchParams.get('modifier')) ?? null;
    return { programmes: { ok: true as const, items }, editing, done };
  } catch (error) {
    console.error('[web] /parametres/programmes: API call failed', error);
    return {
      programmes: { ok: false as const, error: describeApiError(error) },
      editing: null,
      done,
    };
  }
};

const back = (query: string) => `${localizeHref('/parametres/programmes')}?${query}`;

export const actions = {
  /** Opens a programme, or renames the one named by `id` (its code stays). */
  save: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = postedId(form) || null;
    const values = readValues(form, PROGRAMME_FIELDS);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'programme', id, values },
      checkProgramme(values, id === null),
      ({ code: _code, ...programme }) =>
        id
          ? api.programme.update.mutate({ id, programme })
          : api.programme.create.mutate({ code: _code, ...programme }),
    );
    if (failed) return failed;
    redirect(303, back(`enregistre=${encodeURIComponent(values.code ?? '')}`));
  },

  /** Removes a programme; refused, saying what uses it and how many, while anything does. */
  delete: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = postedId(form);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'delete', id, values: {} },
      { ok: true, input: { id } },
      (input) => api.programme.delete.mutate(input),
    );
    if (failed) return failed;
    redirect(303, back('supprime=1'));
  },
} satisfies Actions;
