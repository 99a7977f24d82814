import type { Handle, HandleFetch } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { readEnv } from '$lib/server/env';

export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    // The middleware hands back the de-localised request (`/en/activities` → `/activites`).
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
    });
  });

/**
 * In production the API and this app share one origin (the Hono server mounts us). SvelteKit
 * answers same-origin `fetch` calls itself, without the network, and it has no `/trpc` route:
 * so calls to the API go to the network directly.
 */
export const handleFetch: HandleFetch = ({ request, fetch }) => {
  if (request.url.startsWith(`${readEnv().apiUrl}/`)) return globalThis.fetch(request);
  return fetch(request);
};
