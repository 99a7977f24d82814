import { getLocale } from '$lib/paraglide/runtime';
import { doneOf, editingOf, loadOrSay, setupActions } from '$lib/server/setup';
import { createApiClient } from '$lib/server/trpc';
import { checkDonor, DONOR_FIELDS, readValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/** The donors, and the one being edited (`?modifier=<id>`). */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const donors = await loadOrSay('/parametres/bailleurs', async () => ({
    items: (await api.donor.list.query({ limit: 500 })).items,
  }));
  return { donors, editing: editingOf(donors.ok ? donors.items : [], url), done: doneOf(url) };
};

/**
 * Creates a donor, or corrects the one named by `id`; removes a donor, refused with what uses it
 * and how many while a grant names it.
 */
export const actions = setupActions({
  path: '/parametres/bailleurs',
  form: 'donor',
  read: (form) => readValues(form, DONOR_FIELDS),
  check: (values) => checkDonor(values),
  save: (api, donor, id) =>
    id ? api.donor.update.mutate({ id, donor }) : api.donor.create.mutate(donor),
  remove: (api, input) => api.donor.delete.mutate(input),
}) satisfies Actions;
