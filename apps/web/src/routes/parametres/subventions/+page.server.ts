import { redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { postedId, saveOrFail } from '$lib/server/setup';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import { checkGrant, GRANT_FIELDS, readValues, type FormValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/** The grants, what their form chooses from, and the grant being edited (`?modifier=<id>`). */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const done = {
    saved: url.searchParams.get('enregistre'),
    deleted: url.searchParams.has('supprime'),
  };
  try {
    const [grants, donors, programmes, templates] = await Promise.all([
      api.grant.list.query(),
      api.donor.list.query({ limit: 500 }),
      api.programme.list.query(),
      api.report.templates.query(),
    ]);
    const editing = grants.items.find((g) => g.id === url.searchParams.get('modifier')) ?? null;
    return {
      data: {
        ok: true as const,
        grants: grants.items,
        donors: donors.items,
        programmes: programmes.items,
        templates: templates.items.map((t) => ({ id: t.id, name: t.name })),
      },
      editing,
      done,
    };
  } catch (error) {
    console.error('[web] /parametres/subventions: API call failed', error);
    return { data: { ok: false as const, error: describeApiError(error) }, editing: null, done };
  }
};

const back = (query: string) => `${localizeHref('/parametres/subventions')}?${query}`;

export const actions = {
  /** Records a grant from its agreement, or corrects the one named by `id` (its code stays). */
  save: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = postedId(form) || null;
    const programmeIds = form.getAll('programmeIds').map(String).filter(Boolean);
    const values: FormValues = {
      ...readValues(form, GRANT_FIELDS),
      programmeIds: programmeIds.join(','),
    };
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'grant', id, values },
      checkGrant(values, programmeIds, id === null),
      ({ code, ...grant }) =>
        id ? api.grant.update.mutate({ id, grant }) : api.grant.create.mutate({ code, ...grant }),
    );
    if (failed) return failed;
    redirect(303, back(`enregistre=${encodeURIComponent(values.code ?? '')}`));
  },

  /** Removes a grant recorded by mistake; refused, saying what uses it and how many. */
  delete: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = postedId(form);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'delete', id, values: {} },
      { ok: true, input: { id } },
      (input) => api.grant.delete.mutate(input),
    );
    if (failed) return failed;
    redirect(303, back('supprime=1'));
  },
} satisfies Actions;
