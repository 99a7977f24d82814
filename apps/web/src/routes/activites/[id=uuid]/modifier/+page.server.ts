import { error } from '@sveltejs/kit';
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
  default: ({ request, fetch, params }) => {
    const api = createApiClient(fetch, { locale: getLocale() });
    return saveActivity(
      request,
      (input, form) =>
        api.activity.update.mutate({
          id: params.id,
          version: Number(form.get('version')) || 1,
          activity: input,
        }),
      (activity) => api.activity.check.query({ id: params.id, activity }),
    );
  },
} satisfies Actions;
