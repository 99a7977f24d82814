import { trpcServer } from '@hono/trpc-server';
import { appRouter, createContext, localeFrom } from '@jalon/api';
import { findOrganisationByCode, ping, type Database } from '@jalon/db';
import { Hono } from 'hono';
import { reportRoutes } from './routes/reports';

export interface AppOptions {
  db: Database;
  databaseKind: string;
  /** Code of the organisation requests act for, until accounts arrive. */
  organisationCode: string;
}

/**
 * The HTTP API: `/health`, tRPC under `/trpc`, and file downloads under `/api/reports` as plain Hono routes
 * (tRPC costs ~57 µs of CPU per call: fine for the UI, not for bulk bytes).
 */
export function createApp(options: AppOptions): Hono {
  const { db } = options;
  let organisationId: string | null = null;
  const resolveOrganisation = async () => {
    if (organisationId) return organisationId;
    organisationId = (await findOrganisationByCode(db, options.organisationCode))?.id ?? null;
    return organisationId;
  };

  const app = new Hono();

  app.get('/health', async (c) => {
    const ok = await ping(db);
    return c.json(
      { status: ok ? 'ok' : 'unavailable', database: options.databaseKind },
      ok ? 200 : 503,
    );
  });

  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      createContext: async (_opts, c) =>
        createContext({
          db,
          organisationId: await resolveOrganisation(),
          locale: localeFrom(c.req.header('accept-language'), c.req.header('cookie')),
        }) as unknown as Record<string, unknown>,
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
      },
    }),
  );

  app.route('/api/reports', reportRoutes({ db, resolveOrganisation }));

  return app;
}
