import { fail, redirect } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { FieldProblem } from '$lib/setup-forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * Her own password: what the last change did (`?change=<sessions closed>`), and whether she must
 * change it before anything else (a temporary one an admin gave her).
 */
export const load: PageServerLoad = async ({ parent, url }) => {
  const { me } = await parent();
  if (!me) redirect(303, localizeHref('/connexion'));
  const changed = url.searchParams.get('change');
  return {
    closed: changed === null ? null : Number(changed) || 0,
    required: me.mustChangePassword,
  };
};

export const actions = {
  /**
   * Replaces the signed-in person's password: the current one, the new one typed twice. The API
   * checks the current one and the policy (length, common passwords) and says why in words; the
   * passwords are never sent back to the page.
   */
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    const confirm = String(form.get('confirm') ?? '');
    const errors: FieldProblem[] = [];
    if (current === '') errors.push({ field: 'current', message: m.password_current_required() });
    if (next === '') errors.push({ field: 'next', message: m.password_next_required() });
    else if (next !== confirm)
      errors.push({ field: 'confirm', message: m.password_confirm_differs() });
    if (errors.length) return fail(400, { errors, apiError: null });
    const api = createApiClient(fetch, { locale: getLocale() });
    let closed: number;
    try {
      closed = (await api.session.changePassword.mutate({ current, next })).sessionsClosed;
    } catch (cause) {
      // the error names no password: only its code is logged
      const apiError = describeApiError(cause);
      console.error('[web] /mot-de-passe: change refused', apiError.code);
      return fail(failureStatus(apiError), { errors: [], apiError });
    }
    redirect(303, `${localizeHref('/mot-de-passe')}?change=${closed}`);
  },
} satisfies Actions;
