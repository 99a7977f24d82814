import { trpcServer } from '@hono/trpc-server';
import { appRouter, createContext, localeFrom, ReadCache, type LoginThrottle } from '@jalon/api';
import { ping, type Database } from '@jalon/db';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientAddressReader, parseTrustedProxies, relaySecret } from './client-address';
import {
  batchSize,
  bodyLimitFor,
  defaultBodyLimits,
  MAX_BATCH_CALLS,
  type BodyLimits,
} from './http/limits';
import { jsonLogger, type Logger } from './http/logger';
import { describe, edgeMessages, notFound, onError, problem } from './http/problems';
import { adminRoutes, type AdminRoutesOptions } from './routes/admin';
import { authRoutes } from './routes/auth';
import { importRoutes } from './routes/import';
import { exportRoutes } from './routes/exports';
import { reportRoutes } from './routes/reports';
import { actorOf, csrfGuard, type SessionOptions } from './session';

export interface AppOptions {
  db: Database;
  /** A read replica for report, dashboard and pivot reads (`DATABASE_READ_URL`); `db` otherwise. */
  readDb?: Database | undefined;
  databaseKind: string;
  /** Served over HTTPS (directly or behind a proxy): Secure, `__Host-` cookies. */
  https?: boolean;
  /**
   * The origins allowed to send mutations: Jalon's public URL(s) and trusted others (the web dev
   * server). In-process tests default to `http(s)://localhost`, the origin `app.request` answers as.
   */
  allowedOrigins?: readonly string[];
  /** The login throttle (tests bring their own; the process's otherwise). */
  throttle?: LoginThrottle;
  /**
   * Proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client; nobody's by
   * default, so a client cannot choose the address its sign-in attempts are counted against.
   */
  trustedProxies?: readonly string[];
  /** Request body limits per kind of address. */
  bodyLimits?: BodyLimits;
  logger?: Logger;
  /**
   * The cache of indicator values and dashboard results (kept while the organisation's audit
   * log is unchanged; see packages/api/src/services/read-cache.ts); `false` computes every read.
   */
  readCache?: ReadCache | false;
  /** `POST /api/admin/backup` (routes/admin.ts): how to take the archive, and the CLI's token. */
  backup?: AdminRoutesOptions['backup'];
  adminToken?: string | undefined;
}

/** 413 before the body is read when its declared length is over the limit, and while reading a chunked one. */
function limitBody(limits: BodyLimits): MiddlewareHandler {
  return async (c, next) => {
    const limit = bodyLimitFor(new URL(c.req.url).pathname, limits);
    if (limit === null) return next();
    return bodyLimit({
      maxSize: limit,
      // No `connection: close`: the server reads and drops the rest of the body (server.ts), so
      // a client still sending reads this answer instead of a reset.
      onError: (c) => problem(c, 413, 'PAYLOAD_TOO_LARGE', edgeMessages.tooLarge(limit)),
    })(c, next);
  };
}

/** One URL may name many procedures (`/trpc/a,b,c?batch=1`): more than {@link MAX_BATCH_CALLS} is refused before any runs. */
const limitBatch: MiddlewareHandler = async (c, next) => {
  const calls = batchSize(new URL(c.req.url).pathname);
  if (calls > MAX_BATCH_CALLS)
    return problem(c, 400, 'BATCH_TOO_LARGE', edgeMessages.batch(MAX_BATCH_CALLS, calls));
  return next();
};

/**
 * The HTTP API: `/health`, tRPC under `/trpc`, sign-in under `/api/auth`, and file downloads under
 * `/api/reports` as plain Hono routes (tRPC costs ~57 µs of CPU per call: fine for the UI, not
 * for bulk bytes). Every call acts as the user of its session cookie; state-changing requests
 * must prove they come from Jalon's own pages (CSRF guard). Every refusal or failure outside
 * tRPC is answered in one JSON shape in the caller's language (http/problems.ts).
 */
export function createApp(options: AppOptions): Hono {
  const { db } = options;
  const log = options.logger ?? jsonLogger();
  const session: SessionOptions = {
    db,
    https: options.https ?? false,
    allowedOrigins: options.allowedOrigins ?? [
      options.https ? 'https://localhost' : 'http://localhost',
    ],
  };

  const readCache =
    options.readCache === false ? undefined : (options.readCache ?? new ReadCache());
  const clientAddress = clientAddressReader(parseTrustedProxies(options.trustedProxies ?? []));
  // The web app's server (mounted in this process) reads it to vouch for the addresses it relays.
  relaySecret();

  const app = new Hono();
  app.onError(onError(log));
  app.notFound(notFound);

  app.get('/health', async (c) => {
    const ok = await ping(db);
    return c.json(
      { status: ok ? 'ok' : 'unavailable', database: options.databaseKind },
      ok ? 200 : 503,
    );
  });

  app.use('*', limitBody(options.bodyLimits ?? defaultBodyLimits));
  app.use('/trpc/*', limitBatch);
  app.use('/trpc/*', csrfGuard(session));
  // Before the guard: it checks a session caller itself, and a bearer token is no browser's.
  app.route(
    '/api/admin',
    adminRoutes({
      session,
      actorOf: (c) => actorOf(c, session),
      backup: options.backup,
      adminToken: options.adminToken,
    }),
  );
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
          readCache,
        }) as unknown as Record<string, unknown>,
      onError: ({ error, path, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          log.error('tRPC call failed', {
            requestId: req.headers.get('x-request-id'),
            procedure: path ?? '?',
            error: describe(error.cause ?? error),
          });
      },
    }),
  );

  app.route('/api/auth', authRoutes({ ...session, throttle: options.throttle, clientAddress }));
  app.route(
    '/api/reports',
    reportRoutes({ db, readDb: options.readDb, actorOf: (c) => actorOf(c, session) }),
  );
  app.route(
    '/api/import',
    importRoutes({
      db,
      actorOf: (c) => actorOf(c, session),
      maxFileBytes: (options.bodyLimits ?? defaultBodyLimits).upload,
    }),
  );
  app.route(
    '/api/exports',
    exportRoutes({ db, readDb: options.readDb, actorOf: (c) => actorOf(c, session) }),
  );

  return app;
}
