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

/** How the server is reached: behind HTTPS the cookies are `__Host-` prefixed and Secure. */
export interface SessionOptions {
  db: Database;
  https: boolean;
  /** other origins allowed to send mutations (the web dev server), as the browser writes them */
  trustedOrigins: readonly string[];
}

/** The signed-in actor of a request (its session cookie), or null. */
export function actorOf(c: HonoContext, options: SessionOptions): Promise<SessionActor | null> {
  return resolveSession(options.db, readSessionToken(c.req.header('cookie'), options.https));
}

/**
 * Refuses a state-changing request a browser could have been tricked into sending (403): it must
 * come from this site (Origin or Referer), or carry the double-submit token.
 */
export function csrfGuard(options: SessionOptions): MiddlewareHandler {
  return async (c, next) => {
    const cookie = c.req.header('cookie');
    const decision = checkCsrf({
      method: c.req.method,
      // node-server builds the URL from the Host header; in-process requests have only the URL
      host: c.req.header('host') ?? new URL(c.req.url).host,
      https: options.https,
      origin: c.req.header('origin'),
      referer: c.req.header('referer'),
      secFetchSite: c.req.header('sec-fetch-site'),
      csrfHeader: c.req.header('x-csrf-token'),
      csrfCookie: readCookie(cookie, csrfCookieName(options.https)),
      trustedOrigins: options.trustedOrigins,
    });
    if (decision.ok) return next();
    const en = /^en\b/i.test(c.req.header('accept-language') ?? '');
    return c.json(
      {
        error: {
          status: 403,
          code: 'CSRF',
          message: en
            ? 'Request refused: it does not come from Jalon itself (cross-site request protection).'
            : 'Requête refusée : elle ne vient pas de Jalon lui-même (protection contre la falsification de requêtes).',
        },
      },
      403,
    );
  };
}
