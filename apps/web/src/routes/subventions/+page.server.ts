import { whenAllowed } from '$lib/navigation';
import { getLocale } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { me } = await parent();
  const api = createApiClient(fetch, { locale: getLocale() });
  const [grants, programmes] = await Promise.allSettled([
    api.grant.list.query(),
    // English names of the programmes, for the roles that read them (not a donor viewer).
    whenAllowed(me, 'programme.list', () => api.programme.list.query()),
  ]);
  if (grants.status === 'rejected') {
    console.error('[web] /subventions: API call failed', grants.reason);
    return {
      grants: { ok: false as const, error: describeApiError(grants.reason) },
      programmes: [],
    };
  }
  return {
    grants: { ok: true as const, items: grants.value.items },
    // English names of the programmes (the grant carries the French one only).
    programmes: programmes.status === 'fulfilled' ? (programmes.value?.items ?? []) : [],
  };
};
