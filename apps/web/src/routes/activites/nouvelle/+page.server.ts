import { emptyValues } from '$lib/activity-form';
import { clientRequestIdOf } from '$lib/offline/client-request';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient } from '$lib/server/trpc';
import { loadChoices, saveActivity } from '../form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const choices = await loadChoices(api);
  // `?programme=CCS-C` (from a programme's list) preselects it.
  const code = url.searchParams.get('programme');
  const programme = choices.ok ? choices.choices.programmes.find((p) => p.code === code) : null;
  return { choices, values: emptyValues({ programmeId: programme?.id ?? '' }) };
};

export const actions = {
  default: ({ request, fetch }) => {
    const api = createApiClient(fetch, { locale: getLocale() });
    return saveActivity(
      request,
      (input, form) => api.activity.create.mutate({ ...input, ...clientRequestIdOf(form) }),
      (activity) => api.activity.check.query({ activity }),
    );
  },
} satisfies Actions;
