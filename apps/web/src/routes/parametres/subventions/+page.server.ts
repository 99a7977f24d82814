import { getLocale } from '$lib/paraglide/runtime';
import { doneOf, editingOf, loadOrSay, setupActions } from '$lib/server/setup';
import { createApiClient } from '$lib/server/trpc';
import { checkGrant, GRANT_FIELDS, readValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/** The grants, what their form chooses from, and the grant being edited (`?modifier=<id>`). */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const data = await loadOrSay('/parametres/subventions', async () => {
    const [grants, donors, programmes, templates] = await Promise.all([
      api.grant.list.query(),
      api.donor.list.query({ limit: 500 }),
      api.programme.list.query(),
      api.report.templates.query(),
    ]);
    return {
      grants: grants.items,
      donors: donors.items,
      programmes: programmes.items,
      templates: templates.items.map((t) => ({ id: t.id, name: t.name })),
    };
  });
  return { data, editing: editingOf(data.ok ? data.grants : [], url), done: doneOf(url) };
};

const ticked = (form: FormData) => form.getAll('programmeIds').map(String).filter(Boolean);

/**
 * Records a grant from its agreement, or corrects the one named by `id` (its code stays);
 * removes a grant recorded by mistake, refused, saying what uses it and how many.
 */
export const actions = setupActions({
  path: '/parametres/subventions',
  form: 'grant',
  read: (form) => ({ ...readValues(form, GRANT_FIELDS), programmeIds: ticked(form).join(',') }),
  check: (values, id, form) => checkGrant(values, ticked(form), id === null),
  save: (api, { code, ...grant }, id) =>
    id ? api.grant.update.mutate({ id, grant }) : api.grant.create.mutate({ code, ...grant }),
  remove: (api, input) => api.grant.delete.mutate(input),
}) satisfies Actions;
