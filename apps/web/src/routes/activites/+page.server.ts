import { fail, redirect } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { activityListInput, readActivityFilters } from '$lib/list-filters';
import { whenAllowed } from '$lib/navigation';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError, type ApiFailure } from '$lib/server/trpc';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ url, fetch, parent }) => {
  const filters = readActivityFilters(url.searchParams);
  const page = filters.page;

  const { me } = await parent();
  const api = createApiClient(fetch, { locale: getLocale() });
  // One batched HTTP call; each part can fail on its own, and the page says which. A role that
  // may not read programmes, grants or places gets no such filter.
  const [programmes, activities, grants, places] = await Promise.allSettled([
    whenAllowed(me, 'programme.list', () => api.programme.list.query()),
    api.activity.list.query({
      ...activityListInput(filters),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    whenAllowed(me, 'grant.list', () => api.grant.list.query()),
    // the regions: a region finds what was held anywhere within it
    whenAllowed(me, 'place.list', () =>
      api.place.list.query({ level: 'region', sort: 'name', limit: 1000 }),
    ),
  ]);

  for (const result of [programmes, activities, grants, places]) {
    if (result.status === 'rejected')
      console.error('[web] /activites: API call failed', result.reason);
  }

  const validated = Number.parseInt(url.searchParams.get('validees') ?? '', 10);
  return {
    filters,
    validated: Number.isInteger(validated) && validated > 0 ? validated : null,
    deleted: url.searchParams.has('supprimee'),
    pageSize: PAGE_SIZE,
    programmes:
      programmes.status === 'fulfilled'
        ? programmes.value && { ok: true as const, items: programmes.value.items }
        : { ok: false as const, error: describeApiError(programmes.reason) },
    grants:
      grants.status === 'fulfilled' && grants.value
        ? grants.value.items.map((g) => ({ id: g.id, code: g.code }))
        : [],
    places:
      places.status === 'fulfilled' && places.value
        ? places.value.items.map((p) => ({ id: p.id, name: p.name }))
        : [],
    activities:
      activities.status === 'fulfilled'
        ? { ok: true as const, ...activities.value }
        : { ok: false as const, error: describeApiError(activities.reason) },
  };
};

/** What validating several activities at once answers when some were refused: each by name. */
export interface BulkValidation {
  validated: number;
  refused: { id: string; title: string; error: ApiFailure }[];
  errors: string[];
}

/** A ticked box of the queue: `id:version`, the version the list showed. */
const ticked = /^([0-9a-f-]{36}):([1-9][0-9]*)$/i;

export const actions = {
  /**
   * Validates the ticked activities of the « À valider » list, one API call each (each keeps its
   * own version check, permission and separation of duties); every refusal is named with the
   * API's reason, the others stay validated. All done: back to the same list, with the count.
   */
  validate: async ({ request, fetch, url }) => {
    const form = await request.formData();
    const picks = form
      .getAll('activity')
      .map((v) => ticked.exec(String(v)))
      .filter((match) => match !== null)
      .map((match) => ({ id: match[1] ?? '', version: Number(match[2]) }));
    if (picks.length === 0)
      return fail(400, {
        bulk: {
          validated: 0,
          refused: [],
          errors: [m.activities_bulk_none()],
        } satisfies BulkValidation,
      });
    const api = createApiClient(fetch, { locale: getLocale() });
    const refused: BulkValidation['refused'] = [];
    let validated = 0;
    for (const pick of picks) {
      try {
        await api.activity.validate.mutate(pick);
        validated += 1;
      } catch (e) {
        console.error(`[web] /activites: validation of ${pick.id} refused`, e);
        const error = describeApiError(e);
        const title = await api.activity.byId.query({ id: pick.id }).then(
          (a) => a.title,
          () => pick.id,
        );
        refused.push({ id: pick.id, title, error });
      }
    }
    const first = refused[0]?.error;
    if (!first) {
      // the same list (its filters, not the action's `/validate` key), from its first page
      const back = new URLSearchParams(
        [...url.searchParams].filter(([key]) => !key.startsWith('/') && key !== 'page'),
      );
      back.set('validees', String(validated));
      redirect(303, `${url.pathname}?${back}`);
    }
    const bulk = { validated, refused, errors: [] } satisfies BulkValidation;
    // some validated: the page answers them and the refusals; none: the first refusal's status
    return validated > 0 ? { bulk } : fail(failureStatus(first), { bulk });
  },
} satisfies Actions;
