import { error } from '@sveltejs/kit';
import { auditInput, readAuditFilters, recordName } from '$lib/audit';
import { fieldChanges } from '$lib/audit-diff';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

/** Entries per page. */
export const _PAGE_SIZE = 50;

/**
 * The audit trail (`audit.list`: the network admin and the M&E officer), filtered by record, user
 * and dates, paged. A role the API refuses gets a 403 page, as when it opens any page it may not.
 */
export const load: PageServerLoad = async ({ url, fetch }) => {
  const locale = getLocale();
  const { filters, problems } = readAuditFilters(url.searchParams);
  if (problems.length > 0) return { filters, problems, pageSize: _PAGE_SIZE, audit: null };
  const api = createApiClient(fetch, { locale });
  try {
    // Places and programmes by name, so an incident's move from one to another reads in words.
    const [result, places, programmes] = await Promise.all([
      api.audit.list.query(auditInput(filters, _PAGE_SIZE)),
      api.place.list.query({ limit: 1000 }).then(
        (r) => r.items,
        () => [],
      ),
      api.programme.list.query().then(
        (r) => r.items,
        () => [],
      ),
    ]);
    const names = {
      places: new Map(places.map((p) => [p.id, p.name])),
      programmes: new Map(
        programmes.map((p) => [p.id, locale === 'en' ? p.nameEn : p.name] as const),
      ),
    };
    return {
      filters,
      problems,
      pageSize: _PAGE_SIZE,
      audit: {
        ok: true as const,
        total: result.total,
        // What the page shows: each changed field, before → after, in words.
        items: result.items.map(({ before, after, ...entry }) => ({
          ...entry,
          name: recordName(after, before),
          changes: fieldChanges(before, after, locale, names),
        })),
      },
    };
  } catch (e) {
    const failure = describeApiError(e);
    if (failure.code === 'FORBIDDEN') error(403, failure.detail ?? m.audit_load_error());
    console.error('[web] /journal: audit.list failed', e);
    return {
      filters,
      problems,
      pageSize: _PAGE_SIZE,
      audit: { ok: false as const, error: failure },
    };
  }
};
