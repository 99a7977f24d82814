import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError, type ApiFailure } from '$lib/server/trpc';
import type { Actions, PageServerLoad } from './$types';

/**
 * Deleting an activity asks first: this page names it and its state, and deletes only when the
 * box « je confirme » is ticked and the form posted (no script needed). The API refuses in words a
 * validated activity, one in a locked period, one with people named on it, or one changed since
 * (its version): the page says so and nothing is removed.
 */
export const load: PageServerLoad = async ({ params, fetch }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  try {
    const a = await api.activity.byId.query({ id: params.id });
    return {
      activity: {
        ok: true as const,
        id: a.id,
        code: a.code,
        title: a.title,
        status: a.status,
        version: a.version,
        startDate: a.startDate,
        endDate: a.endDate,
      },
    };
  } catch (e) {
    const failure = describeApiError(e);
    if (failure.code === 'NOT_FOUND') error(404, m.activityForm_not_found());
    return { activity: { ok: false as const, error: failure } };
  }
};

export interface DeleteFailure {
  /** the box was not ticked */
  unconfirmed: boolean;
  apiError: ApiFailure | null;
}

export const actions = {
  default: async ({ request, fetch, params }) => {
    const form = await request.formData();
    if (form.get('confirm') !== 'yes')
      return fail(400, { unconfirmed: true, apiError: null } satisfies DeleteFailure);
    const version = Number(form.get('version'));
    const api = createApiClient(fetch, { locale: getLocale() });
    try {
      await api.activity.delete.mutate({
        id: params.id,
        version: Number.isInteger(version) && version > 0 ? version : 1,
      });
    } catch (e) {
      console.error(`[web] activity ${params.id}: delete refused`, e);
      const apiError = describeApiError(e);
      const status =
        apiError.code === 'CONFLICT'
          ? 409
          : apiError.code === 'PRECONDITION_FAILED'
            ? 412
            : apiError.code === 'FORBIDDEN'
              ? 403
              : apiError.code === 'UNREACHABLE'
                ? 502
                : 400;
      return fail(status, { unconfirmed: false, apiError } satisfies DeleteFailure);
    }
    redirect(303, `${localizeHref('/activites')}?${new URLSearchParams({ supprimee: '1' })}`);
  },
} satisfies Actions;
