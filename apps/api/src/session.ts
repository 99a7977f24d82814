import {
  checkCsrf,
  csrfCookieName,
  readCookie,
  readSessionToken,
  resolveSession,
  type SessionActor,
} from '@jalon/api';
import type { Database } from '@jalon/db';
import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { edgeMessages, problem } from './http/problems';

/** How the server is reached: behind HTTPS the cookies are `__Host-` prefixed and Secure. */
export interface SessionOptions {
  db: Database;
  https: boolean;
  /**
   * The origins allowed to send mutations: Jalon's public URL(s) and the trusted ones (the web
   * dev server), as the browser writes them. The request's Host header plays no part.
   */
  allowedOrigins: readonly string[];
}

/** The signed-in actor of a request (its session cookie), or null. */
export function actorOf(c: HonoContext, options: SessionOptions): Promise<SessionActor | null> {
  return resolveSession(options.db, readSessionToken(c.req.header('cookie'), options.https));
}

/**
 * Refuses a state-changing request a browser could have been tricked into sending (403): it must
 * come from one of Jalon's origins (Origin or Referer), or carry its session's CSRF token.
 */
export function csrfGuard(options: SessionOptions): MiddlewareHandler {
  return async (c, next) => {
    const cookie = c.req.header('cookie');
    const decision = checkCsrf({
      method: c.req.method,
      allowedOrigins: options.allowedOrigins,
      origin: c.req.header('origin'),
      referer: c.req.header('referer'),
      secFetchSite: c.req.header('sec-fetch-site'),
      csrfHeader: c.req.header('x-csrf-token'),
      sessionToken: readSessionToken(cookie, options.https),
      csrfCookie: readCookie(cookie, csrfCookieName(options.https)),
    });
    if (decision.ok) return next();
    return problem(c, 403, 'CSRF', edgeMessages.csrf);
  };
}
