import { csrfTokenFor, LoginThrottle } from '@jalon/api';
import type { DatabaseHandle } from '@jalon/db';
import { demoPassword, seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { signIn, testOrigin } from '../testing';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

type TrpcBody = {
  result?: { data: unknown };
  error?: { message: string; data: { code: string; httpStatus: number } };
};

describe.each(kinds)('sign-in, sessions and CSRF over HTTP on %s', (kind) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    app = createApp({ db: handle.db, databaseKind: handle.kind, throttle: new LoginThrottle() });
  }, 60_000);
  afterAll(async () => handle?.close());

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: testOrigin, ...headers },
      body: JSON.stringify({ email, password }),
    });
  const query = async (path: string, cookie?: string, input?: unknown) => {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await app.request(`/trpc/${path}${q}`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, body: (await res.json()) as TrpcBody };
  };

  it('opens a session with an HttpOnly, SameSite cookie and answers session.me', async () => {
    const res = await login('suivi@wanep-mali.demo', demoPassword);
    expect(res.status).toBe(200);
    const setCookie = must(res.headers.get('set-cookie'), "res.headers.get('set-cookie')");
    expect(setCookie).toMatch(/^jalon_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const me = await query('session.me', setCookie.split(';')[0]);
    expect(me.body.result?.data).toMatchObject({
      user: { email: 'suivi@wanep-mali.demo' },
      role: 'me-officer',
      organisation: { code: 'WANEP-ML' },
    });
    const procedures = (me.body.result?.data as { procedures: string[] }).procedures;
    expect(procedures).toContain('activity.create');
    expect(procedures).not.toContain('report.setComment-that-does-not-exist');
  });

  it('marks the cookie Secure and __Host- behind HTTPS', async () => {
    const secure = createApp({ db: handle.db, databaseKind: kind, https: true });
    const res = await secure.request('https://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://localhost' },
      body: JSON.stringify({ email: 'suivi@wanep-mali.demo', password: demoPassword }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-jalon_session=.*; Secure$/);
  });

  it('says the same thing for an unknown email and a wrong password', async () => {
    const unknown = await login('nobody@wanep-mali.demo', demoPassword);
    const wrong = await login('suivi@wanep-mali.demo', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const a = (await unknown.json()) as { error: { message: string } };
    const b = (await wrong.json()) as { error: { message: string } };
    expect(a.error.message).toBe(b.error.message);
    expect(a.error.message).toBe('Adresse ou mot de passe incorrect.');
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('throttles repeated failures for an address with 429 and Retry-After, even with the right password', async () => {
    const throttled = createApp({
      db: handle.db,
      databaseKind: kind,
      throttle: new LoginThrottle(),
    });
    let last: Response | undefined;
    for (let i = 0; i < 12; i++)
      last = await throttled.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: testOrigin },
        body: JSON.stringify({ email: 'direction@wanep-mali.demo', password: `wrong-${i}` }),
      });
    expect(must(last, 'last').status).toBe(429);
    expect(Number(must(last, 'last').headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await throttled.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: testOrigin },
      body: JSON.stringify({ email: 'direction@wanep-mali.demo', password: demoPassword }),
    });
    expect(right.status).toBe(429);
  });

  it('refuses a session replayed after logout', async () => {
    const cookie = await signIn(app, 'admin@wanep-mali.demo');
    expect((await query('programme.list', cookie)).status).toBe(200);
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: testOrigin },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^jalon_session=; .*Max-Age=0/);
    const replay = await query('programme.list', cookie);
    expect(replay.status).toBe(401);
    expect(replay.body.error?.data.code).toBe('UNAUTHORIZED');
  });

  it('refuses cross-site mutations and accepts same-origin ones or the session’s token', async () => {
    const cookie = await signIn(app, 'admin@wanep-mali.demo');
    const mutate = (headers: Record<string, string>) =>
      app.request('/trpc/incident.delete', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', version: 1 }),
      });
    expect((await mutate({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await mutate({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await mutate({})).status).toBe(403); // no proof at all
    // Passing the guard, the call reaches the procedure: the incident does not exist.
    expect((await mutate({ origin: testOrigin })).status).toBe(404);
    // With a session, the token must be that session's: a double-submit pair planted beside it is not.
    const token = 'b'.repeat(43);
    expect(
      (await mutate({ 'x-csrf-token': token, cookie: `${cookie}; jalon_csrf=${token}` })).status,
    ).toBe(403);
    expect(
      (
        await mutate({
          'x-csrf-token': csrfTokenFor(must(cookie.split('=')[1], "cookie.split('=')[1]")),
        })
      ).status,
    ).toBe(404);
    // A login from another site is refused too (login CSRF).
    expect(
      (await login('suivi@wanep-mali.demo', demoPassword, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
  });

  it('holds each role to what it may do over HTTP', async () => {
    const donor = await signIn(app, 'pnud@wanep-mali.demo');
    const grants = await query('grant.list', donor);
    expect(
      (grants.body.result?.data as { items: { code: string }[] }).items.map((g) => g.code),
    ).toEqual(['PROSMED-CCSC']);
    expect((await query('bulletin.figures', donor, { period: '2023-Q2' })).status).toBe(403);
    const create = await app.request('/trpc/activity.delete', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: donor, origin: testOrigin },
      body: JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', version: 1 }),
    });
    expect(create.status).toBe(403);
    const officer = await signIn(app, 'programme@wanep-mali.demo');
    const programmes = await query('programme.list', officer);
    expect(
      (programmes.body.result?.data as { items: { code: string }[] }).items.map((p) => p.code),
    ).toEqual(['FPS']);
  });
});

describe.each(kinds)('login throttling by client address over HTTP on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
  }, 60_000);
  afterAll(async () => handle?.close());

  /** A login as it reaches the server from `socket`, with extra headers. */
  const attempt = (
    app: ReturnType<typeof createApp>,
    socket: string,
    email: string,
    password: string,
    headers: Record<string, string> = {},
  ) =>
    app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: testOrigin, ...headers },
        body: JSON.stringify({ email, password }),
      },
      { incoming: { socket: { remoteAddress: socket } } },
    );

  it('does not let a rotating X-Forwarded-For from loopback walk around the limit without a trusted proxy', async () => {
    const app = createApp({ db: handle.db, databaseKind: kind });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (
          await attempt(app, '127.0.0.1', 'suivi@wanep-mali.demo', `wrong-${i}`, {
            'x-forwarded-for': `203.0.113.${i}`,
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it('believes X-Forwarded-For from a configured proxy, and only the hops it vouches for', async () => {
    const app = createApp({
      db: handle.db,
      databaseKind: kind,
      trustedProxies: ['10.20.0.0/16'],
    });
    for (let i = 0; i < 5; i++)
      await attempt(app, '10.20.0.5', 'direction@wanep-mali.demo', `wrong-${i}`, {
        'x-forwarded-for': '198.51.100.1',
      });
    // The attacker's address is throttled for that account…
    expect(
      (
        await attempt(app, '10.20.0.5', 'direction@wanep-mali.demo', demoPassword, {
          'x-forwarded-for': '198.51.100.1',
        })
      ).status,
    ).toBe(429);
    // …and prepending a made-up address changes nothing: the proxy vouches for the last hop only.
    expect(
      (
        await attempt(app, '10.20.0.5', 'direction@wanep-mali.demo', demoPassword, {
          'x-forwarded-for': '192.0.2.99, 198.51.100.1',
        })
      ).status,
    ).toBe(429);
    // The real user, behind the same proxy from her own address, signs in.
    expect(
      (
        await attempt(app, '10.20.0.5', 'direction@wanep-mali.demo', demoPassword, {
          'x-forwarded-for': '192.0.2.10',
        })
      ).status,
    ).toBe(200);
  });

  it('keeps counting across a new app on the same database (a restart, a second instance)', async () => {
    const first = createApp({ db: handle.db, databaseKind: kind });
    for (let i = 0; i < 5; i++)
      await attempt(first, '192.0.2.50', 'pnud@wanep-mali.demo', `wrong-${i}`);
    const second = createApp({ db: handle.db, databaseKind: kind });
    expect((await attempt(second, '192.0.2.50', 'pnud@wanep-mali.demo', demoPassword)).status).toBe(
      429,
    );
  });

  it('answers an email holding NUL with the normal refusal, not a server error', async () => {
    const app = createApp({ db: handle.db, databaseKind: kind });
    for (const email of ['admin@wanep-mali.demo\u0000', '\u0000', 'ad\u0000min@wanep-mali.demo']) {
      const res = await attempt(app, '192.0.2.77', email, demoPassword);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'Adresse ou mot de passe incorrect.',
      );
    }
  });
});
