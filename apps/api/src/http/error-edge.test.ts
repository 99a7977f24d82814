import { LoginThrottle, toTRPCError } from '@jalon/api';
import type { Database, DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { signIn, testOrigin } from '../testing';
import { jsonLogger } from './logger';
import { localeOf } from './problems';

const kinds = await testDatabaseKinds();

type Locale = 'fr' | 'en';
type Row = {
  kind: string;
  /** The request, in the language of `headers`. */
  send: (headers: Record<string, string>) => Response | Promise<Response>;
  status: number;
  code: string;
  says: Record<Locale, RegExp>;
};

const languages: Record<Locale, Record<string, string>> = {
  fr: { 'accept-language': 'fr-FR,fr;q=0.9' },
  en: { 'accept-language': 'en-GB,en;q=0.9' },
};

/** A database whose every use fails (the server lost it): what a route meets unexpectedly. */
const lostDatabase = new Proxy({} as Database, {
  get: () => {
    throw new Error('database lost: password=hunter2');
  },
});

/**
 * The app's one error edge, over HTTP: every kind of refusal or failure the routes give, thrown
 * from a tRPC caller, an HTTP route, the edge's own guards or a route that fails unexpectedly,
 * answers `{ error: { status, code, message } }` as JSON with its own status, in French or in
 * English as the request asks.
 */
describe.each(kinds)('the error edge over HTTP on %s', (kind) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let lost: ReturnType<typeof createApp>;
  let officer: string;
  let donor: string;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    app = createApp({
      db: handle.db,
      databaseKind: kind,
      // One attempt per address and account, so the second is throttled.
      throttle: new LoginThrottle({ limits: { perPair: 1 } }),
      logger: jsonLogger(() => {}),
    });
    // What the report routes' callers throw, and a bug: routes of the app, behind its edge.
    app.get('/api/conflict', (c) => {
      throw toTRPCError(
        { kind: 'conflict', entity: { fr: 'le rapport', en: 'the report' }, currentVersion: 3 },
        localeOf(c),
      );
    });
    app.get('/api/bug', () => {
      throw new Error('secret detail: password=hunter2');
    });
    lost = createApp({
      db: lostDatabase,
      databaseKind: kind,
      logger: jsonLogger(() => {}),
    });
    officer = await signIn(app, 'suivi@wanep-mali.demo');
    donor = await signIn(app, 'pnud@wanep-mali.demo');
  }, 180_000);
  afterAll(async () => handle?.close());

  const get = (path: string, cookie?: () => string) => (headers: Record<string, string>) =>
    app.request(path, { headers: { ...headers, ...(cookie ? { cookie: cookie() } : {}) } });
  const login = (body: unknown) => (headers: Record<string, string>) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', origin: testOrigin },
      body: JSON.stringify(body),
    });

  const rows: Row[] = [
    {
      kind: 'a query the route refuses (HttpProblem)',
      send: get('/api/reports/xlsx?period=2023-Q2', () => officer),
      status: 400,
      code: 'BAD_REQUEST',
      says: { fr: /^Requête invalide — «\u202fgrant\u202f» manque/, en: /^Invalid request — / },
    },
    {
      kind: 'a sign-in without credentials',
      send: login({}),
      status: 400,
      code: 'BAD_REQUEST',
      says: { fr: /^Indiquez une adresse/, en: /^Give an email and a password/ },
    },
    {
      kind: 'too many procedures in one tRPC batch (the edge’s guard)',
      send: get(`/trpc/${Array.from({ length: 11 }, () => 'session.me').join(',')}?batch=1`),
      status: 400,
      code: 'BATCH_TOO_LARGE',
      says: { fr: /11/, en: /11/ },
    },
    {
      kind: 'nobody signed in (tRPC caller)',
      send: get('/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2'),
      status: 401,
      code: 'UNAUTHORIZED',
      says: { fr: /connect/i, en: /sign/i },
    },
    {
      kind: 'a wrong password',
      send: (headers) =>
        login({ email: `inconnu-${headers['accept-language']}@x.demo`, password: 'x' })(headers),
      status: 401,
      code: 'UNAUTHORIZED',
      says: { fr: /^Adresse ou mot de passe incorrect/, en: /password/ },
    },
    {
      kind: 'another grant than the donor’s (tRPC caller)',
      send: get('/api/reports/iati?grant=JUST-FUTURE&period=2023-Q2', () => donor),
      status: 403,
      code: 'FORBIDDEN',
      says: { fr: /./, en: /./ },
    },
    {
      kind: 'a cross-site post (CSRF guard)',
      send: (headers) =>
        app.request('/api/auth/logout', {
          method: 'POST',
          headers: { ...headers, origin: 'https://evil.example' },
        }),
      status: 403,
      code: 'CSRF',
      says: { fr: /./, en: /./ },
    },
    {
      kind: 'an unknown grant (tRPC caller)',
      send: get('/api/reports/xlsx?grant=NOPE&period=2023-Q2', () => officer),
      status: 404,
      code: 'NOT_FOUND',
      says: { fr: /^Subvention «\u202fNOPE\u202f» introuvable/, en: /NOPE/ },
    },
    {
      kind: 'an unknown address',
      send: get('/api/nowhere'),
      status: 404,
      code: 'NOT_FOUND',
      says: { fr: /^Adresse inconnue/, en: /^Unknown Jalon API address/ },
    },
    {
      kind: 'a version changed meanwhile (tRPC caller)',
      send: get('/api/conflict'),
      status: 409,
      code: 'CONFLICT',
      says: { fr: /rapport/, en: /report/ },
    },
    {
      kind: 'a body over the limit',
      send: (headers) =>
        app.request('/api/reports/xlsx', {
          method: 'POST',
          headers: { ...headers, origin: testOrigin, 'content-length': String(64 * 1024) },
          body: 'x'.repeat(64 * 1024),
        }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      says: { fr: /./, en: /./ },
    },
    {
      kind: 'a sign-in throttled',
      send: async (headers) => {
        await login({ email: 'direction@wanep-mali.demo', password: 'wrong' })(headers);
        return login({ email: 'direction@wanep-mali.demo', password: 'wrong' })(headers);
      },
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      says: { fr: /./, en: /./ },
    },
    {
      kind: 'a route that throws a bug',
      send: get('/api/bug'),
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      says: { fr: /^Erreur interne/, en: /^Internal error/ },
    },
    {
      kind: 'a report route whose database is lost (thrown outside any try)',
      send: (headers) =>
        lost.request('/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2', {
          headers: { ...headers, cookie: officer },
        }),
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      says: { fr: /^Erreur interne/, en: /^Internal error/ },
    },
  ];

  it.each(rows)('$kind: $status $code, JSON, in French and in English', async (row) => {
    const said: Partial<Record<Locale, string>> = {};
    for (const locale of ['fr', 'en'] as const) {
      const res = await row.send(languages[locale]);
      expect(res.status).toBe(row.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as {
        error: { status: number; code: string; message: string };
      };
      expect(Object.keys(body)).toEqual(['error']);
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'status']);
      expect(body.error).toMatchObject({ status: row.status, code: row.code });
      expect(body.error.message).toMatch(row.says[locale]);
      expect(body.error.message).not.toMatch(/hunter2|database lost/);
      said[locale] = body.error.message;
    }
    // The two languages are two texts (a message said in one language only would be the same).
    expect(said.fr).not.toBe(said.en);
  });
});
