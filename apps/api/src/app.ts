import { trpcServer } from '@hono/trpc-server';
import { appRouter, createContext, localeFrom, type LoginThrottle } from '@jalon/api';
import { ping, type Database } from '@jalon/db';
import { Hono, type Context as HonoContext } from 'hono';
import { authRoutes } from './routes/auth';
import { reportRoutes } from './routes/reports';
import { actorOf, csrfGuard, type SessionOptions } from './session';

export interface AppOptions {
  db: Database;
  /** A read replica for report, dashboard and pivot reads (`DATABASE_READ_URL`); `db` otherwise. */
  readDb?: Database | undefined;
  databaseKind: string;
  /** Served over HTTPS (directly or behind a proxy): Secure, `__Host-` cookies. */
  https?: boolean;
  /** Other origins allowed to send mutations (the web dev server on another port). */
  trustedOrigins?: readonly string[];
  /** The login throttle (tests bring their own; the process's otherwise). */
  throttle?: LoginThrottle;
}

const loopback = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The client's address for login throttling: the socket's, or — when the request comes from this
 * machine (the web app's server relaying a sign-in) — the first `X-Forwarded-For` address.
 */
function clientAddress(c: HonoContext): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? null;
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded && (socket === null || loopback.test(socket))) return forwarded;
  return socket;
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
          readDb: options.readDb,
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
  app.route(
    '/api/reports',
    reportRoutes({ db, readDb: options.readDb, actorOf: (c) => actorOf(c, session) }),
  );

  return app;
}
