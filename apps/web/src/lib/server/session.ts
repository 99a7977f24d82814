import { createHmac, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';

/**
 * The cookies the API's sessions live in (see packages/api/src/auth/sessions.ts): plain names
 * over HTTP, `__Host-` prefixed (Secure, Path=/, no Domain) behind HTTPS.
 */
/** The pages anyone may open without a session (SvelteKit route ids). */
export const openRoutes: ReadonlySet<string> = new Set(['/connexion']);

export const sessionCookieName = (https: boolean) =>
  https ? '__Host-jalon_session' : 'jalon_session';
const csrfCookieName = (https: boolean) => (https ? '__Host-jalon_csrf' : 'jalon_csrf');

/**
 * The CSRF token of a session, as the API derives it (`csrfTokenFor` in
 * packages/api/src/auth/sessions.ts): an HMAC keyed by the session token.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('jalon-csrf-v1').digest('base64url');
}

/**
 * The headers a server-side call to the API carries for the browser it serves: the user's session
 * cookie with that session's CSRF token (this server is not a browser a third-party site could
 * drive, and SvelteKit has already checked the origin of the form post that led here), or, before
 * sign-in, a fresh double-submit pair; and the browser's address for login throttling.
 */
export function apiHeaders(
  cookies: Cookies,
  options: { https: boolean; clientAddress: string | null; relaySecret?: string | null },
): Record<string, string> {
  const session = cookies.get(sessionCookieName(options.https));
  // Without the server's secret the API does not believe the address (see client-address.ts).
  const address: Record<string, string> = options.clientAddress
    ? {
        'x-forwarded-for': options.clientAddress,
        ...(options.relaySecret ? { 'x-jalon-relay': options.relaySecret } : {}),
      }
    : {};
  if (session)
    return {
      cookie: `${sessionCookieName(options.https)}=${session}`,
      'x-csrf-token': csrfTokenFor(session),
      ...address,
    };
  const token = randomBytes(32).toString('base64url');
  return {
    cookie: `${csrfCookieName(options.https)}=${token}`,
    'x-csrf-token': token,
    ...address,
  };
}

/** The session token out of the API's `Set-Cookie`, with its expiry; null when there is none. */
export function sessionFromSetCookie(
  setCookie: string | null,
  https: boolean,
): { token: string; expires: Date } | null {
  if (!setCookie) return null;
  const name = sessionCookieName(https);
  const token = setCookie.match(new RegExp(`(?:^|,\\s*)${name}=([A-Za-z0-9_-]{43})`))?.[1];
  if (!token) return null;
  const expires = setCookie.match(/Expires=([^;]+)/i)?.[1];
  const date = expires ? new Date(expires) : new Date(Date.now() + 12 * 3600 * 1000);
  return { token, expires: Number.isNaN(date.getTime()) ? new Date(Date.now() + 3600_000) : date };
}

/** Where to go after signing in: only a path of this site (no `//host`, no scheme), the dashboard otherwise. */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  return next;
}
