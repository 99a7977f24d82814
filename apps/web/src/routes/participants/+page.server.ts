import { error } from '@sveltejs/kit';
import { personListInput, readPersonFilters } from '$lib/list-filters';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

/** People per page. */
export const _PAGE_SIZE = 50;

/**
 * The register of named participants (`person.list`): searched, filtered, sorted and paged from
 * the URL. A role the API refuses (donors) gets a 403 page, as for any page it may not open.
 */
export const load: PageServerLoad = async ({ url, fetch }) => {
  const filters = readPersonFilters(url.searchParams);
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    const persons = await api.person.list.query({
      ...personListInput(filters),
      limit: _PAGE_SIZE,
      offset: (filters.page - 1) * _PAGE_SIZE,
    });
    return { filters, pageSize: _PAGE_SIZE, persons: { ok: true as const, ...persons } };
  } catch (e) {
    const failure = describeApiError(e);
    if (failure.code === 'FORBIDDEN') error(403, failure.detail ?? m.persons_load_error());
    console.error('[web] /participants: person.list failed', e);
    return { filters, pageSize: _PAGE_SIZE, persons: { ok: false as const, error: failure } };
  }
};
