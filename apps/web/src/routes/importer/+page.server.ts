import { error, fail, redirect } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { problemMessage, readImportQuery, readUploadForm } from '$lib/import-page';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { readEnv } from '$lib/server/env';
import { loadOrSay } from '$lib/server/setup';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

/** Rows with issues the page lists at most (the API counts them all). */
export const _ROWS_SHOWN = 500;

const here = (query = '') => `${localizeHref('/importer')}${query ? `?${query}` : ''}`;

/**
 * The import page (the M&E team: `import.*`): the batches of the organisation, newest first, and
 * the dry run of the batch named by `?lot=<id>` — its counts and each row with what is wrong, in
 * words. A role the API refuses gets a 403 page.
 */
export const load: PageServerLoad = async ({ url, fetch }) => {
  const query = readImportQuery(url.searchParams);
  const api = createApiClient(fetch, { locale: getLocale() });
  const batches = await loadOrSay('/importer', async () => ({
    items: (await api.import.list.query({ limit: 20 })).items,
  }));
  if (!batches.ok && batches.error.code === 'FORBIDDEN')
    error(403, batches.error.detail ?? m.import_forbidden());
  const plan = query.batch
    ? await loadOrSay('/importer', () =>
        api.import.plan.query({ id: query.batch ?? '', limit: _ROWS_SHOWN }),
      )
    : null;
  return { query, batches, plan };
};

export const actions = {
  /**
   * Sends the file to `POST /api/import/upload` (streamed to disk there, read through the
   * template of the kind chosen or the profile pasted, planned and staged), then shows its batch.
   */
  upload: async ({ request, fetch }) => {
    // A body cut short (the connection dropped mid-upload) is said, never a crash.
    const data = await request.formData().catch(() => null);
    if (!data)
      return fail(400, { upload: { kind: 'activities' as const, problem: 'truncated' as const } });
    const form = readUploadForm(data);
    if (!form.ok) return fail(400, { upload: { kind: form.kind, problem: form.problem } });
    const body = new FormData();
    body.set('kind', form.kind);
    if (form.profile) body.set('profile', form.profile);
    body.set('file', form.file, form.file.name);
    let res: Response;
    try {
      res = await fetch(`${readEnv().apiUrl}/api/import/upload`, {
        method: 'POST',
        headers: { 'accept-language': getLocale() },
        body,
      });
    } catch (e) {
      console.error('[web] /importer: upload failed', e);
      return fail(502, { upload: { kind: form.kind, problem: 'unreachable' as const } });
    }
    const answer: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const refused = problemMessage(answer);
      return fail(res.status === 413 ? 413 : 400, {
        upload: { kind: form.kind, problem: 'refused' as const, ...refused },
      });
    }
    const id = (answer as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !isUuid(id))
      return fail(502, { upload: { kind: form.kind, problem: 'unreachable' as const } });
    redirect(303, here(`lot=${id}&type=${form.kind}`));
  },

  /** Writes the batch all or nothing (or its valid rows only, when the user says so). */
  commit: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const validOnly = form.get('validOnly') === 'on';
    if (!isUuid(id)) return fail(400, { action: { id, problem: 'bad-id' as const } });
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.import.commit.mutate({ id, validOnly });
    } catch (e) {
      const apiError = describeApiError(e);
      return fail(failureStatus(apiError), { action: { id, kind: 'commit' as const, apiError } });
    }
    redirect(303, here(`lot=${id}&fait=importe`));
  },

  /** Undoes a committed batch, refused in words when anything it wrote changed since. */
  undo: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    if (!isUuid(id)) return fail(400, { action: { id, problem: 'bad-id' as const } });
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.import.undo.mutate({ id });
    } catch (e) {
      const apiError = describeApiError(e);
      return fail(failureStatus(apiError), { action: { id, kind: 'undo' as const, apiError } });
    }
    redirect(303, here(`lot=${id}&fait=annule`));
  },
} satisfies Actions;
