import { error, fail } from '@sveltejs/kit';
import { valuesFromActivity } from '$lib/activity-form';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import { loadChoices, saveActivity } from '../../form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, fetch }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const [activity, choices] = await Promise.all([
    api.activity.byId.query({ id: params.id }).then(
      (value) => ({ ok: true as const, value }),
      (e: unknown) => ({ ok: false as const, error: describeApiError(e) }),
    ),
    loadChoices(api),
  ]);
  if (!activity.ok) {
    if (activity.error.code === 'NOT_FOUND') error(404, m.activityForm_not_found());
    return { activity, choices, values: null };
  }
  return {
    activity: {
      ok: true as const,
      id: activity.value.id,
      title: activity.value.title,
      version: activity.value.version,
      status: activity.value.status,
    },
    choices,
    values: valuesFromActivity(activity.value, getLocale()),
  };
};

export const actions = {
  /**
   * An update, at the version read. Refused because someone saved first (CONFLICT) or because
   * the period is locked, the answer carries what the server holds now (`theirs`), for the form
   * to show beside what was typed, field by field.
   */
  default: async ({ request, fetch, params }) => {
    const api = createApiClient(fetch, { locale: getLocale() });
    const result = await saveActivity(request, (input, form) =>
      api.activity.update.mutate({
        id: params.id,
        version: Number(form.get('version')) || 1,
        activity: input,
      }),
    );
    const code = result.data.apiError?.code;
    if (code !== 'CONFLICT' && code !== 'PRECONDITION_FAILED') return result;
    try {
      const current = await api.activity.byId.query({ id: params.id });
      return fail(result.status, {
        ...result.data,
        theirs: {
          version: current.version,
          values: valuesFromActivity(current, getLocale()),
          locked: code === 'PRECONDITION_FAILED',
        },
      });
    } catch {
      // The record could not be read back (deleted, the API gone): the refusal alone is said.
      return result;
    }
  },
} satisfies Actions;
