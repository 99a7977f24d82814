import type { Handle, HandleFetch } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { readEnv } from '$lib/server/env';
import { localizeHref } from '$lib/paraglide/runtime';
import { apiHeaders, openRoutes, sessionCookieName } from '$lib/server/session';

export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    // The middleware hands back the de-localised request (`/en/activities` → `/activites`).
    event.request = request;
    // No session cookie at all: straight to the sign-in page, before any load runs (the layout
    // also sends there a cookie the API no longer accepts).
    if (
      event.route.id &&
      !openRoutes.has(event.route.id) &&
      !event.cookies.get(sessionCookieName(readEnv().https))
    ) {
      const next = `${event.url.pathname}${event.url.search}`;
      return new Response(null, {
        status: 303,
        headers: { location: `${localizeHref('/connexion')}?suite=${encodeURIComponent(next)}` },
      });
    }
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
    });
  });

/**
 * In production the API and this app share one origin (the Hono server mounts us). SvelteKit
 * answers same-origin `fetch` calls itself, without the network, and it has no `/trpc` route:
 * so calls to the API go to the network directly, as the signed-in user (her session cookie,
 * a CSRF proof and her address: see lib/server/session.ts).
 */
export const handleFetch: HandleFetch = ({ event, request, fetch }) => {
  const env = readEnv();
  if (!request.url.startsWith(`${env.apiUrl}/`)) return fetch(request);
  const headers = new Headers(request.headers);
  let clientAddress: string | null = null;
  try {
    clientAddress = event.getClientAddress();
  } catch {
    // no socket (prerendering): nothing to forward
  }
  for (const [name, value] of Object.entries(
    apiHeaders(event.cookies, { https: env.https, clientAddress, relaySecret: env.relaySecret }),
  ))
    headers.set(name, value);
  return globalThis.fetch(new Request(request, { headers }));
};
