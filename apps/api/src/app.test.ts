import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import type { DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { signIn } from './testing';
import { readEnv } from './env';

const kinds = await testDatabaseKinds();

describe.each(kinds)('Hono app on %s', (kind) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  /** A request of the signed-in M&E officer. */
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { cookie, ...headers } });
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    app = createApp({ db: handle.db, databaseKind: handle.kind });
    cookie = await signIn(app, 'suivi@wanep-mali.demo');
  });
  afterAll(async () => handle?.close());

  it('answers /health after checking the database', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: kind });
  });

  it('serves tRPC queries at /trpc', async () => {
    const input = encodeURIComponent(JSON.stringify({ period: '2023-Q2', programmeCode: 'CCS-C' }));
    const res = await get(`/trpc/activity.list?input=${input}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      result: { data: { total: number; items: { code: string }[] } };
    };
    expect(body.result.data.items.map((a) => a.code)).toContain('CCS-C-2023-T2-FORMATIONS');
  });

  it('maps bad input to 400 with a French message, English on request', async () => {
    const input = encodeURIComponent(JSON.stringify({ period: '2023-Q9' }));
    const fr = await get(`/trpc/activity.list?input=${input}`);
    expect(fr.status).toBe(400);
    const frBody = (await fr.json()) as { error: { message: string; data: { code: string } } };
    expect(frBody.error.data.code).toBe('BAD_REQUEST');
    const en = await get(`/trpc/activity.list?input=${input}`, { 'accept-language': 'en-GB,en' });
    const enBody = (await en.json()) as { error: { message: string } };
    expect(enBody.error.message).not.toBe(frBody.error.message);
    const zod = await get(
      `/trpc/activity.byId?input=${encodeURIComponent(JSON.stringify({ id: 42 }))}`,
    );
    expect(zod.status).toBe(400);
    expect(((await zod.json()) as { error: { message: string } }).error.message).toMatch(
      /^Saisie invalide/,
    );
  });

  it('answers 404 for an unknown procedure and an unknown activity', async () => {
    expect((await app.request('/trpc/nothing.here')).status).toBe(404);
    const input = encodeURIComponent(
      JSON.stringify({ id: '00000000-0000-4000-8000-000000000000' }),
    );
    expect((await get(`/trpc/activity.byId?input=${input}`)).status).toBe(404);
  });

  it('refuses every procedure but session.me without a session (401), and forged cookies alike', async () => {
    const input = encodeURIComponent(JSON.stringify({ period: '2023-Q2' }));
    expect((await app.request(`/trpc/activity.list?input=${input}`)).status).toBe(401);
    const forged = await app.request(`/trpc/activity.list?input=${input}`, {
      headers: { cookie: `jalon_session=${'A'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
    const me = (await (await app.request('/trpc/session.me')).json()) as {
      result: { data: unknown };
    };
    expect(me.result.data).toBeNull();
  });
});

describe('environment', () => {
  it('defaults to port 3000 and PGlite, and rejects a malformed DATABASE_URL', () => {
    expect(readEnv({})).toMatchObject({ PORT: 3000, JALON_DATA_DIR: './.jalon/data' });
    expect(readEnv({}).DATABASE_URL).toBeUndefined();
    const blank = readEnv({ PORT: '', DATABASE_URL: '' });
    expect(blank.PORT).toBe(3000);
    expect(blank.DATABASE_URL).toBeUndefined();
    expect(readEnv({ PORT: '4000' }).PORT).toBe(4000);
    expect(() => readEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readEnv({ PORT: 'abc' })).toThrow(/PORT/);
  });
});
