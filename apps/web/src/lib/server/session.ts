import { randomBytes } from 'node:crypto';
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
 * The headers a server-side call to the API carries for the browser it serves: the user's session
 * cookie, a fresh double-submit CSRF pair (this server is not a browser a third-party site could
 * drive, and SvelteKit has already checked the origin of the form post that led here), and the
 * browser's address for login throttling.
 */
export function apiHeaders(
  cookies: Cookies,
  options: { https: boolean; clientAddress: string | null; relaySecret?: string | null },
): Record<string, string> {
  const token = randomBytes(32).toString('base64url');
  const session = cookies.get(sessionCookieName(options.https));
  const jar = [`${csrfCookieName(options.https)}=${token}`];
  if (session) jar.unshift(`${sessionCookieName(options.https)}=${session}`);
  return {
    cookie: jar.join('; '),
    'x-csrf-token': token,
    ...(options.clientAddress ? { 'x-forwarded-for': options.clientAddress } : {}),
    // Without the server's secret the API does not believe the address (see client-address.ts).
    ...(options.clientAddress && options.relaySecret
      ? { 'x-jalon-relay': options.relaySecret }
      : {}),
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
