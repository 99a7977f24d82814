import { redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { postedId, saveOrFail } from '$lib/server/setup';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import { checkDonor, DONOR_FIELDS, readValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/** The donors, and the one being edited (`?modifier=<id>`). */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const done = {
    saved: url.searchParams.get('enregistre'),
    deleted: url.searchParams.has('supprime'),
  };
  try {
    const { items } = await api.donor.list.query({ limit: 500 });
    const editing = items.find((d) => d.id === url.searchParams.get('modifier')) ?? null;
    return { donors: { ok: true as const, items }, editing, done };
  } catch (error) {
    console.error('[web] /parametres/bailleurs: API call failed', error);
    return { donors: { ok: false as const, error: describeApiError(error) }, editing: null, done };
  }
};

const back = (query: string) => `${localizeHref('/parametres/bailleurs')}?${query}`;

export const actions = {
  /** Creates a donor, or corrects the one named by `id`. */
  save: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = postedId(form) || null;
    const values = readValues(form, DONOR_FIELDS);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail({ form: 'donor', id, values }, checkDonor(values), (donor) =>
      id ? api.donor.update.mutate({ id, donor }) : api.donor.create.mutate(donor),
    );
    if (failed) return failed;
    redirect(303, back(`enregistre=${encodeURIComponent(values.code ?? '')}`));
  },

  /** Removes a donor; refused, with what uses it and how many, while a grant names it. */
  delete: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = postedId(form);
    const api = createApiClient(fetch, { locale: getLocale() });
    const failed = await saveOrFail(
      { form: 'delete', id, values: {} },
      { ok: true, input: { id } },
      (input) => api.donor.delete.mutate(input),
    );
    if (failed) return failed;
    redirect(303, back('supprime=1'));
  },
} satisfies Actions;
