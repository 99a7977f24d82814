import { redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { can } from '$lib/navigation';
import { accountHeader, accountOf } from '$lib/offline/sw-rules';
import { openRoutes } from '$lib/server/session';
import { createApiClient, describeApiError } from '$lib/server/trpc';
import type { LayoutServerLoad } from './$types';

/** What a person with a temporary password may still open. */
const passwordRoutes: ReadonlySet<string> = new Set(['/mot-de-passe', '/deconnexion']);

/**
 * Who is signed in, for every page: the header shows her and the modules her role opens. Without
 * a session every page but the sign-in page sends her there, and back afterwards. With a temporary
 * password (an admin reset it) every page but the password page and signing out sends her to
 * choose her own first — the API refuses her everything else meanwhile.
 */
export const load: LayoutServerLoad = async ({ fetch, url, route, setHeaders }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  let me: Awaited<ReturnType<typeof api.session.me.query>> = null;
  try {
    me = await api.session.me.query();
  } catch (error) {
    // The API is down: the page says so itself; do not bounce between pages.
    console.error('[web] session.me failed', describeApiError(error));
    return { me: null, apiDown: true, queue: null };
  }
  if (!me && !openRoutes.has(route.id ?? '')) {
    const next = `${url.pathname}${url.search}`;
    redirect(303, `${localizeHref('/connexion')}?suite=${encodeURIComponent(next)}`);
  }
  if (me?.mustChangePassword && !passwordRoutes.has(route.id ?? ''))
    redirect(303, `${localizeHref('/mot-de-passe')}?obligatoire=1`);
  // Whose page this is: the service worker keeps the entry pages per account (organisation and
  // user), never answering one account's pages to another (src/service-worker.ts).
  if (me) setHeaders({ [accountHeader]: accountOf(me) });
  // What awaits validation, for the navigation of those who validate.
  const queue = can(me, 'activity.validate')
    ? await api.activity.list
        .query({ status: 'submitted', limit: 1 })
        .then((r) => r.total)
        .catch(() => null)
    : null;
  return { me, apiDown: false, queue };
};
