import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { Actions, PageServerLoad } from './$types';

/**
 * The organisation's own rules, for its network administrator: separation of duties (whoever
 * submitted a record cannot validate it), on by default. Each change is audited.
 */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    return {
      saved: url.searchParams.has('saved'),
      settings: { ok: true as const, ...(await api.organisation.settings.query()) },
    };
  } catch (e) {
    const failure = describeApiError(e);
    if (failure.code === 'FORBIDDEN') error(403, failure.detail ?? m.error_generic());
    return { saved: false, settings: { ok: false as const, error: failure } };
  }
};

export const actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.organisation.updateSettings.mutate({
        separationOfDuties: form.get('separationOfDuties') === 'on',
      });
    } catch (e) {
      console.error('[web] /parametres/organisation: refused', e);
      const apiError = describeApiError(e);
      return fail(apiError.code === 'FORBIDDEN' ? 403 : 400, { apiError });
    }
    redirect(303, `${localizeHref('/parametres/organisation')}?saved=1`);
  },
} satisfies Actions;
