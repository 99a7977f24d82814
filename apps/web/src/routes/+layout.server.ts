import { redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { openRoutes } from '$lib/server/session';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { LayoutServerLoad } from './$types';

/**
 * Who is signed in, for every page: the header shows her and the modules her role opens. Without
 * a session every page but the sign-in page sends her there, and back afterwards.
 */
export const load: LayoutServerLoad = async ({ fetch, url, route }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  let me: Awaited<ReturnType<typeof api.session.me.query>> = null;
  try {
    me = await api.session.me.query();
  } catch (error) {
    // The API is down: the page says so itself; do not bounce between pages.
    console.error('[web] session.me failed', describeApiError(error));
    return { me: null, apiDown: true };
  }
  if (!me && !openRoutes.has(route.id ?? '')) {
    const next = `${url.pathname}${url.search}`;
    redirect(303, `${localizeHref('/connexion')}?suite=${encodeURIComponent(next)}`);
  }
  return { me, apiDown: false };
};
