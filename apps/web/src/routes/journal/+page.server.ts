import { error } from '@sveltejs/kit';
import { auditInput, readAuditFilters, recordName } from '$lib/audit';
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
  const { filters, problems } = readAuditFilters(url.searchParams);
  if (problems.length > 0) return { filters, problems, pageSize: _PAGE_SIZE, audit: null };
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    const result = await api.audit.list.query(auditInput(filters, _PAGE_SIZE));
    return {
      filters,
      problems,
      pageSize: _PAGE_SIZE,
      audit: {
        ok: true as const,
        total: result.total,
        // What the page shows: the values before and after stay in the API.
        items: result.items.map(({ before, after, ...entry }) => ({
          ...entry,
          name: recordName(after, before),
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
