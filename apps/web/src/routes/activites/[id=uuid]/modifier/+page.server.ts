import { error, fail, redirect } from '@sveltejs/kit';
import type { ActivityFormValues } from '$lib/activity-form';
import { checkActivityForm, valuesFromActivity } from '$lib/activity-form';
import { sameRecord } from '$lib/offline/conflict';
import { fromOutbox, outboxSaved } from '$lib/server/outbox';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
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
   * to show beside what was typed, field by field — unless the server already holds exactly what
   * was typed (the same save sent again, its first answer lost): that is the save, done.
   */
  default: async ({ request, fetch, params }) => {
    const api = createApiClient(fetch, { locale: getLocale() });
    const outbox = fromOutbox(await request.clone().formData());
    const result = await saveActivity(
      request,
      (input, form) =>
        api.activity.update.mutate({
          id: params.id,
          version: Number(form.get('version')) || 1,
          activity: input,
        }),
      (activity) => api.activity.check.query({ id: params.id, activity }),
    );
    if ('saved' in result) return result;
    const code = result.data.apiError?.code;
    if (code !== 'CONFLICT' && code !== 'PRECONDITION_FAILED') return result;
    const current = await api.activity.byId.query({ id: params.id }).catch(() => null);
    // The record could not be read back (deleted, the API gone): the refusal alone is said.
    if (!current) return result;
    const now = valuesFromActivity(current, getLocale());
    if (code === 'CONFLICT' && sameSave(result.data.values, now)) {
      const href = localizeHref(`/activites/${params.id}`);
      if (outbox) return outboxSaved(href, []);
      redirect(303, `${href}?saved=1`);
    }
    return fail(result.status, {
      ...result.data,
      theirs: { version: current.version, values: now, locked: code === 'PRECONDITION_FAILED' },
    });
  },
} satisfies Actions;

/** Whether what was typed is what the server holds (both read as the API would take them). */
function sameSave(typed: ActivityFormValues, now: ActivityFormValues): boolean {
  const a = checkActivityForm(typed, getLocale());
  const b = checkActivityForm(now, getLocale());
  return a.ok && b.ok && sameRecord(a.input, b.input);
}
