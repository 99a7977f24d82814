import { trpcServer } from '@hono/trpc-server';
import { appRouter, createContext, localeFrom, type LoginThrottle } from '@jalon/api';
import { ping, type Database } from '@jalon/db';
import { Hono } from 'hono';
import { clientAddressReader, parseTrustedProxies, relaySecret } from './client-address';
import { authRoutes } from './routes/auth';
import { reportRoutes } from './routes/reports';
import { actorOf, csrfGuard, type SessionOptions } from './session';

export interface AppOptions {
  db: Database;
  databaseKind: string;
  /** Served over HTTPS (directly or behind a proxy): Secure, `__Host-` cookies. */
  https?: boolean;
  /** Other origins allowed to send mutations (the web dev server on another port). */
  trustedOrigins?: readonly string[];
  /** The login throttle (tests bring their own; the process's otherwise). */
  throttle?: LoginThrottle;
  /**
   * Proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client; nobody's by
   * default, so a client cannot choose the address its sign-in attempts are counted against.
   */
  trustedProxies?: readonly string[];
}

/**
 * The HTTP API: `/health`, tRPC under `/trpc`, sign-in under `/api/auth`, and file downloads under
 * `/api/reports` as plain Hono routes (tRPC costs ~57 µs of CPU per call: fine for the UI, not
 * for bulk bytes). Every call acts as the user of its session cookie; state-changing requests
 * must prove they come from Jalon's own pages (CSRF guard).
 */
export function createApp(options: AppOptions): Hono {
  const { db } = options;
  const session: SessionOptions = {
    db,
    https: options.https ?? false,
    trustedOrigins: options.trustedOrigins ?? [],
  };

  const clientAddress = clientAddressReader(parseTrustedProxies(options.trustedProxies ?? []));
  // The web app's server (mounted in this process) reads it to vouch for the addresses it relays.
  relaySecret();

  const app = new Hono();

  app.get('/health', async (c) => {
    const ok = await ping(db);
    return c.json(
      { status: ok ? 'ok' : 'unavailable', database: options.databaseKind },
      ok ? 200 : 503,
    );
  });

  app.use('/trpc/*', csrfGuard(session));
  app.use('/api/*', csrfGuard(session));

  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      createContext: async (_opts, c) =>
        createContext({
          db,
          actor: await actorOf(c, session),
          locale: localeFrom(c.req.header('accept-language'), c.req.header('cookie')),
        }) as unknown as Record<string, unknown>,
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
      },
    }),
  );

  app.route('/api/auth', authRoutes({ ...session, throttle: options.throttle, clientAddress }));
  app.route('/api/reports', reportRoutes({ db, actorOf: (c) => actorOf(c, session) }));

  return app;
}
