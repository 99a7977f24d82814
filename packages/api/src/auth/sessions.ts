import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  deleteSession,
  findMembership,
  findSessionActor,
  insertSession,
  listMemberships,
  type Database,
} from '@jalon/db';
import type { Role } from '@jalon/db/schema';

/** Who is calling: the organisation the session acts for, the role there and what it is limited to. */
export interface Actor {
  /** the signed-in user; null only for the system actor of trusted local callers (the CLI) */
  userId: string | null;
  organisationId: string;
  role: Role;
  /** the programmes a programme officer is limited to (empty for other roles) */
  programmeIds: string[];
  /** the grants a donor viewer is limited to (empty for other roles) */
  grantIds: string[];
}

/** An actor read from a live session, with what the interface shows about the user. */
export interface SessionActor extends Actor {
  userId: string;
  sessionId: string;
  expiresAt: Date;
  email: string;
  name: string;
  locale: 'fr' | 'en';
  /** her password is a temporary one: every call but changing it is refused until she does */
  mustChangePassword: boolean;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'jalon_session';
/** With HTTPS the cookie is `__Host-` prefixed: the browser then insists on Secure, Path=/ and no Domain. */
export const SECURE_SESSION_COOKIE = '__Host-jalon_session';
export const CSRF_COOKIE = 'jalon_csrf';
export const SECURE_CSRF_COOKIE = '__Host-jalon_csrf';
export const CSRF_HEADER = 'x-csrf-token';

// 32 random bytes in base64url: exactly 43 characters of [A-Za-z0-9_-].
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Opens a session for a user in one of her organisations (the first membership when none is
 * named): a fresh random token for the cookie, of which the database keeps only the hash.
 * Undefined when the user has no membership there.
 */
export async function createSession(
  db: Database,
  userId: string,
  options: { organisationId?: string; now?: Date; ttlMs?: number } = {},
): Promise<
  { token: string; expiresAt: Date; sessionId: string; organisationId: string } | undefined
> {
  const membership = options.organisationId
    ? await findMembership(db, options.organisationId, userId)
    : (await listMemberships(db, userId))[0];
  if (!membership) return undefined;
  const token = newToken();
  const expiresAt = new Date(
    (options.now ?? new Date()).getTime() + (options.ttlMs ?? SESSION_TTL_MS),
  );
  const row = await insertSession(db, {
    organisationId: membership.organisationId,
    userId,
    token,
    expiresAt,
  });
  return { token, expiresAt, sessionId: row.id, organisationId: membership.organisationId };
}

/**
 * The actor behind a session token, or null for anything else: no token, a malformed or forged
 * one, an expired or logged-out session, a user who lost her membership. The role and scopes are
 * read at every call, so revoking them takes effect at the next request.
 */
export async function resolveSession(
  db: Database,
  token: string | null | undefined,
  now: Date = new Date(),
): Promise<SessionActor | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  // One statement: every request comes through here.
  const found = await findSessionActor(db, token, now);
  if (!found) return null;
  const { session, user, membership } = found;
  return {
    userId: user.id,
    organisationId: membership.organisationId,
    role: membership.role,
    programmeIds: membership.role === 'programme-officer' ? membership.programmeIds : [],
    grantIds: membership.role === 'donor-viewer' ? membership.grantIds : [],
    sessionId: session.id,
    expiresAt: session.expiresAt,
    email: user.email,
    name: user.name,
    locale: user.locale,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Ends the session of this token; true when there was one. A replay of the token then resolves to null. */
export async function logout(db: Database, token: string | null | undefined): Promise<boolean> {
  if (!token || !TOKEN_SHAPE.test(token)) return false;
  return deleteSession(db, token);
}

export function sessionCookieName(https: boolean): string {
  return https ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * The `Set-Cookie` value for a session: HttpOnly (no script reads it), SameSite=Lax (not sent on
 * cross-site POSTs), Path=/, Secure behind HTTPS, and expiring with the session.
 */
export function sessionCookie(
  token: string,
  options: { https: boolean; expiresAt: Date; now?: Date },
): string {
  const maxAge = Math.max(
    0,
    Math.floor((options.expiresAt.getTime() - (options.now ?? new Date()).getTime()) / 1000),
  );
  return [
    `${sessionCookieName(options.https)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    `Expires=${options.expiresAt.toUTCString()}`,
    ...(options.https ? ['Secure'] : []),
  ].join('; ');
}

/** The `Set-Cookie` value that removes the session cookie (logout). */
export function clearSessionCookie(options: { https: boolean }): string {
  return [
    `${sessionCookieName(options.https)}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ...(options.https ? ['Secure'] : []),
  ].join('; ');
}

export function csrfCookieName(https: boolean): string {
  return https ? SECURE_CSRF_COOKIE : CSRF_COOKIE;
}

/**
 * The double-submit CSRF cookie: readable by the page's script (not HttpOnly), which echoes it in
 * `x-csrf-token`; `__Host-` behind HTTPS so a sibling subdomain cannot plant one.
 */
export function csrfCookie(token: string, options: { https: boolean }): string {
  return [
    `${csrfCookieName(options.https)}=${token}`,
    'Path=/',
    'SameSite=Strict',
    ...(options.https ? ['Secure'] : []),
  ].join('; ');
}

/** The value of one cookie in a `Cookie` header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** The session token a request carries (the `__Host-` cookie behind HTTPS, the plain one otherwise). */
export function readSessionToken(
  cookieHeader: string | null | undefined,
  https: boolean,
): string | null {
  return readCookie(cookieHeader, sessionCookieName(https));
}

export interface CsrfRequest {
  method: string;
  /**
   * The origins Jalon is reached at (its configured public URL, plus trusted ones such as the web
   * dev server), as a browser writes them in `Origin`. Never derived from the request's `Host`: a
   * client chooses that header, and an Origin equal to a forged Host proves nothing.
   */
  allowedOrigins: readonly string[];
  origin?: string | null;
  referer?: string | null;
  /** `Sec-Fetch-Site`, sent by current browsers */
  secFetchSite?: string | null;
  /** the `x-csrf-token` header */
  csrfHeader?: string | null;
  /** the session token of the request's cookie, when it carries one */
  sessionToken?: string | null;
  /** the CSRF cookie (`csrfCookieName`): the double-submit proof of a request without a session */
  csrfCookie?: string | null;
}

export type CsrfDecision =
  | { ok: true; by: 'safe-method' | 'origin' | 'referer' | 'token' }
  | { ok: false; reason: 'cross-site' | 'no-proof' };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** An origin as a browser writes it (`https://jalon.example`, no path, default port dropped), or null. */
export function normaliseOrigin(url: string): string | null {
  return originOf(url);
}

/**
 * The CSRF token of a session: an HMAC keyed by the session token, which only its holder knows
 * (the cookie is HttpOnly). A token planted with a cookie from a sibling subdomain or over plain
 * HTTP does not match another user's session, unlike a bare double-submit pair.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('jalon-csrf-v1').digest('base64url');
}

/**
 * Whether a cookie-authenticated request may change something. Safe methods pass. Otherwise the
 * browser must show it comes from Jalon: an `Origin` (or, without one, a `Referer`) among the
 * allowed origins, or the `x-csrf-token` of the session ({@link csrfTokenFor}; without a
 * session, a double-submit pair equal to the `jalon_csrf` cookie). A request a browser marks
 * cross-site, or whose Origin names another site, is refused whatever else it carries. An opaque
 * `Origin: null` (sandboxed frame, data: page) is no proof, and a Referer does not make up for it.
 *
 *   checkCsrf({ method: 'POST', allowedOrigins: ['https://jalon.example'], origin: 'https://jalon.example' }) → { ok: true, by: 'origin' }
 */
export function checkCsrf(request: CsrfRequest): CsrfDecision {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true, by: 'safe-method' };
  const allowed = new Set(
    request.allowedOrigins.map((o) => originOf(o)).filter((o): o is string => o !== null),
  );
  const fetchSite = request.secFetchSite?.toLowerCase();
  const opaque = request.origin === 'null';
  const origin = request.origin && !opaque ? originOf(request.origin) : null;
  if (request.origin && !opaque && !origin) return { ok: false, reason: 'cross-site' };
  if (origin && !allowed.has(origin)) return { ok: false, reason: 'cross-site' };
  if ((fetchSite === 'cross-site' || fetchSite === 'same-site') && !origin)
    return { ok: false, reason: 'cross-site' };
  if (origin) return { ok: true, by: 'origin' };
  const referer = !opaque && request.referer ? originOf(request.referer) : null;
  if (referer && allowed.has(referer)) return { ok: true, by: 'referer' };
  if (request.csrfHeader) {
    const expected = request.sessionToken
      ? csrfTokenFor(request.sessionToken)
      : (request.csrfCookie ?? null);
    if (expected && sameToken(request.csrfHeader, expected)) return { ok: true, by: 'token' };
  }
  return { ok: false, reason: referer ? 'cross-site' : 'no-proof' };
}
