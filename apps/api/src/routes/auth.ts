import {
  clearSessionCookie,
  defaultLoginThrottle,
  login,
  logout,
  readSessionToken,
  sessionCookie,
  type LoginThrottle,
} from '@jalon/api';
import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { problem } from '../http/problems';
import { messageText } from '../messages';
import type { SessionOptions } from '../session';

const credentials = z.object({
  email: z.string().max(1000),
  password: z.string().max(10_000),
});

/**
 * Sign-in and sign-out for the web app: `POST /api/auth/login` (JSON or form `email`, `password`)
 * opens a database session and sets its HttpOnly cookie; `POST /api/auth/logout` ends it. The
 * same message for an unknown email and a wrong password; 429 with Retry-After when throttled.
 */
export function authRoutes(
  options: SessionOptions & {
    throttle?: LoginThrottle;
    /** the client's address as the proxy in front reports it; the socket's otherwise */
    clientAddress: (c: HonoContext) => string | null;
  },
): Hono {
  const app = new Hono();

  app.post('/login', async (c) => {
    const type = c.req.header('content-type') ?? '';
    const raw = type.includes('application/json')
      ? await c.req.json().catch(() => null)
      : Object.fromEntries(Object.entries(await c.req.parseBody().catch(() => ({}))));
    const parsed = credentials.safeParse(raw);
    if (!parsed.success)
      return problem(c, 400, 'BAD_REQUEST', messageText('auth.credentials-missing'));
    const result = await login(
      options.db,
      parsed.data.email,
      parsed.data.password,
      options.clientAddress(c),
      { throttle: options.throttle ?? defaultLoginThrottle },
    );
    if (!result.ok) {
      if (result.reason === 'throttled') {
        c.header('retry-after', String(result.retryAfterSeconds));
        return problem(c, 429, 'TOO_MANY_REQUESTS', result.message);
      }
      return problem(c, 401, 'UNAUTHORIZED', result.message);
    }
    c.header(
      'set-cookie',
      sessionCookie(result.token, { https: options.https, expiresAt: result.expiresAt }),
    );
    return c.json({ ok: true, expiresAt: result.expiresAt.toISOString() });
  });

  app.post('/logout', async (c) => {
    await logout(options.db, readSessionToken(c.req.header('cookie'), options.https));
    c.header('set-cookie', clearSessionCookie({ https: options.https }));
    return c.json({ ok: true });
  });

  return app;
}
