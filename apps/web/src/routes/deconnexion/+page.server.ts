import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { readEnv } from '$lib/server/env';
import { sessionCookieName } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state: only by POST (the header's button), never by following a link.
export const load: PageServerLoad = () => redirect(303, localizeHref('/connexion'));

export const actions: Actions = {
  /** Ends the session in the database (a replayed cookie is then refused) and drops the cookie. */
  default: async ({ fetch, cookies }) => {
    const env = readEnv();
    await fetch(`${env.apiUrl}/api/auth/logout`, { method: 'POST' }).catch(() => undefined);
    cookies.delete(sessionCookieName(env.https), { path: '/', secure: env.https });
    redirect(303, localizeHref('/connexion'));
  },
};
