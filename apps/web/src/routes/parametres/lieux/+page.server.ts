import { getLocale } from '$lib/paraglide/runtime';
import { doneOf, loadOrSay, setupActions } from '$lib/server/setup';
import { createApiClient, type ApiClient } from '$lib/server/trpc';
import {
  CHILD_LEVEL,
  checkPlace,
  PLACE_FIELDS,
  readValues,
  type PlaceLevel,
} from '$lib/setup-forms';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

/** The level a place's parent has: where it may be moved to (none for a country). */
const PARENT_LEVEL: Record<PlaceLevel, PlaceLevel | null> = {
  country: null,
  region: 'country',
  cercle: 'region',
  commune: 'cercle',
  locality: 'commune',
};

/** The place and the places above it, the country first (the path the page is browsing). */
async function trail(api: ApiClient, id: string) {
  const out = [];
  let next: string | null = id;
  for (let depth = 0; next && depth < 6; depth++) {
    const found = await api.place.byId.query({ id: next });
    out.unshift(found);
    next = found.parentId;
  }
  return out;
}

/**
 * The places of the administrative tree (country → region → cercle → commune), a level at a time:
 * the countries, or the places under `?sous=<id>`; with `?recherche=`, the places whose name holds
 * the words typed, accents and case ignored (« segou » finds Ségou). `?modifier=<id>` opens a
 * place in the form (rename, move under another parent of the right level).
 */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const under = url.searchParams.get('sous');
  const search = (url.searchParams.get('recherche') ?? '').trim().slice(0, 100);
  const editId = url.searchParams.get('modifier');
  const data = await loadOrSay('/parametres/lieux', async () => {
    const path = under && isUuid(under) ? await trail(api, under) : [];
    const current = path.at(-1) ?? null;
    const { items, total } = search
      ? await api.place.list.query({ search, sort: 'name', limit: 200 })
      : current
        ? await api.place.list.query({ parentId: current.id, sort: 'name', limit: 1000 })
        : await api.place.list.query({ level: 'country', sort: 'name' });
    const editing =
      editId && isUuid(editId)
        ? (items.find((p) => p.id === editId) ?? (await api.place.byId.query({ id: editId })))
        : null;
    // Where a place may go: the places of its parent's level (a cercle goes under a region).
    const parentLevel = editing ? PARENT_LEVEL[editing.level] : current ? current.level : null;
    const parents = parentLevel
      ? (await api.place.list.query({ level: parentLevel, sort: 'name', limit: 1000 })).items
      : [];
    return { path, current, items, total, editing, parents };
  });
  return {
    data,
    search,
    newLevel: data.ok && data.current ? CHILD_LEVEL[data.current.level] : ('country' as const),
    editing: data.ok ? data.editing : null,
    done: doneOf(url),
  };
};

/**
 * Adds a place under the one being browsed, or renames / moves the one named by `id` (its code and
 * level stay; its path and its descendants' follow); removes a place recorded by mistake, refused
 * with what still uses it.
 */
export const actions = setupActions({
  path: '/parametres/lieux',
  form: 'place',
  // The code is written in capitals (`ml-youwarou` is saved, and said, as ML-YOUWAROU).
  read: (form) => {
    const values = readValues(form, PLACE_FIELDS);
    return { ...values, code: (values.code ?? '').toUpperCase() };
  },
  check: (values, id) => checkPlace(values, id === null),
  save: (api, { code, name, level, parentId }, id) =>
    id
      ? api.place.update.mutate({ id, name, parentId })
      : api.place.create.mutate({ code, name, level, parentId }),
  remove: (api, input) => api.place.delete.mutate(input),
  stay: (form) => {
    const under = String(form.get('sous') ?? '');
    return isUuid(under) ? `sous=${under}` : '';
  },
}) satisfies Actions;
