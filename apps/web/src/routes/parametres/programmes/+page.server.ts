import { getLocale } from '$lib/paraglide/runtime';
import { doneOf, editingOf, loadOrSay, setupActions } from '$lib/server/setup';
import { createApiClient } from '$lib/server/trpc';
import { checkProgramme, PROGRAMME_FIELDS, readValues } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/** The programmes, and the one being edited (`?modifier=<id>`). */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const programmes = await loadOrSay('/parametres/programmes', async () => ({
    items: (await api.programme.list.query()).items,
  }));
  return {
    programmes,
    editing: editingOf(programmes.ok ? programmes.items : [], url),
    done: doneOf(url),
  };
};

/**
 * Opens a programme, or renames the one named by `id` (its code stays); removes a programme,
 * refused, saying what uses it and how many, while anything does.
 */
export const actions = setupActions({
  path: '/parametres/programmes',
  form: 'programme',
  read: (form) => readValues(form, PROGRAMME_FIELDS),
  check: (values, id) => checkProgramme(values, id === null),
  save: (api, { code, ...programme }, id) =>
    id
      ? api.programme.update.mutate({ id, programme })
      : api.programme.create.mutate({ code, ...programme }),
  remove: (api, input) => api.programme.delete.mutate(input),
}) satisfies Actions;
