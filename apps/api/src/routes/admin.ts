import { createHash, timingSafeEqual } from 'node:crypto';
import { checkCsrf, csrfCookieName, readCookie, readSessionToken, type Actor } from '@jalon/api';
import { Hono, type Context as HonoContext } from 'hono';
import { problem } from '../http/problems';
import { messageText } from '../messages';
import type { SessionOptions } from '../session';

export interface AdminRoutesOptions {
  session: SessionOptions;
  actorOf: (c: HonoContext) => Promise<Actor | null>;
  /**
   * The whole database as one archive (`createBackup`), taken by the process that holds it: a
   * PGlite data directory can be opened by one process only, so a backup of a live one must be
   * taken here. Absent: 501.
   */
  backup?:
    ((options: { native: boolean }) => Promise<{ archive: Buffer; summary: string }>) | undefined;
  /**
   * A secret the `jalon` CLI on this machine reads from a file only the server's user can read
   * (`<data dir>.admin.json`): `Authorization: Bearer <token>` acts as a network administrator
   * for the backup. Absent: only a signed-in network administrator may ask.
   */
  adminToken?: string | undefined;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compared in constant time, on digests so that lengths do not leak either. */
function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

const text = {
  unauthorized: messageText('backup.unauthorized'),
  forbidden: messageText('backup.forbidden'),
  passwordChange: messageText('backup.password-change'),
  csrf: messageText('edge.csrf'),
  unavailable: messageText('backup.unavailable'),
};

/**
 * `POST /api/admin/backup`: the archive of `jalon backup`, taken inside the running server (one
 * transaction; on PGlite the data directory's dump too, while every other query waits), so that a
 * live embedded database can be backed up without stopping it. Mounted before the CSRF guard:
 * a bearer token cannot be sent by a browser on a user's behalf, and a session caller is checked
 * here with the same guard.
 */
export function adminRoutes(options: AdminRoutesOptions): Hono {
  const app = new Hono();
  app.post('/backup', async (c) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let allowed = false;
    if (bearer !== undefined) {
      if (!options.adminToken || !sameToken(bearer, options.adminToken))
        return problem(c, 401, 'UNAUTHORIZED', text.unauthorized);
      allowed = true;
    } else {
      const cookie = c.req.header('cookie');
      const csrf = checkCsrf({
        method: c.req.method,
        allowedOrigins: options.session.allowedOrigins,
        origin: c.req.header('origin'),
        referer: c.req.header('referer'),
        secFetchSite: c.req.header('sec-fetch-site'),
        csrfHeader: c.req.header('x-csrf-token'),
        sessionToken: readSessionToken(cookie, options.session.https),
        csrfCookie: readCookie(cookie, csrfCookieName(options.session.https)),
      });
      if (!csrf.ok) return problem(c, 403, 'CSRF', text.csrf);
      const actor = await options.actorOf(c);
      if (!actor) return problem(c, 401, 'UNAUTHORIZED', text.unauthorized);
      if (actor.role !== 'network-admin') return problem(c, 403, 'FORBIDDEN', text.forbidden);
      // A temporary password (an admin opened the account or reset it): nothing until she chose hers.
      if ('mustChangePassword' in actor && actor.mustChangePassword === true)
        return problem(c, 403, 'FORBIDDEN', text.passwordChange);
      allowed = true;
    }
    if (!allowed) return problem(c, 403, 'FORBIDDEN', text.forbidden);
    if (!options.backup) return problem(c, 501, 'NOT_IMPLEMENTED', text.unavailable);
    // `?native=0` leaves out the engine's own dump, as `jalon backup --no-native` does.
    const { archive, summary } = await options.backup({ native: c.req.query('native') !== '0' });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new Response(new Uint8Array(archive), {
      status: 200,
      headers: {
        'content-type': 'application/gzip',
        'content-length': String(archive.byteLength),
        'content-disposition': `attachment; filename="jalon-backup-${stamp}.tar.gz"`,
        'cache-control': 'no-store',
        'x-jalon-backup': summary,
      },
    });
  });
  return app;
}
