import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ params, fetch, url }) => {
  if (!UUID.test(params.id)) error(404, m.activityForm_not_found());
  const api = createApiClient(fetch, { locale: getLocale() });
  const saved = url.searchParams.has('saved');
  try {
    return {
      saved,
      activity: { ok: true as const, ...(await api.activity.byId.query({ id: params.id })) },
    };
  } catch (e) {
    const failure = describeApiError(e);
    if (failure.code === 'NOT_FOUND') error(404, m.activityForm_not_found());
    console.error(`[web] /activites/${params.id}: API call failed`, e);
    return { saved, activity: { ok: false as const, error: failure } };
  }
};
