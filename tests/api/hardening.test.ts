import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJalon, stopChild, type RunningJalon } from '../src/server';

/*
 * The real `jalon start` (built web app included) in a child process, on PostgreSQL and on
 * PGlite: what a client can do to the process itself. Dropped downloads must not end it, requests
 * sent while it starts must all be answered, every kind of answer carries the security headers,
 * and SIGTERM stops it cleanly.
 */
const kinds = await testDatabaseKinds();

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on('error', reject);
    });
    // A hang detector, not a timing assertion: Node's defaults kept such requests 300 s.
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error('no answer'), { code: 'HUNG' })),
    );
    req.on('error', reject);
    req.end();
  });
}

/** mulberry32: the drop moments are random but the same at every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sends a download and cuts the connection: `afterMs` after sending it (mostly while the report is
 * computed), or `afterMs` after the response headers (while the file streams).
 */
function dropAfter(
  url: string,
  cookie: string,
  afterMs: number,
  from: 'request' | 'headers',
): Promise<'before-headers' | 'mid-body' | 'complete'> {
  return new Promise((resolve) => {
    let stage: 'before-headers' | 'mid-body' | 'complete' = 'before-headers';
    const req = httpRequest(url, { headers: { cookie }, agent: false }, (res) => {
      stage = 'mid-body';
      if (from === 'headers') setTimeout(() => req.destroy(), afterMs);
      res.on('data', () => {});
      res.on('end', () => (stage = 'complete'));
      res.on('error', () => {});
    });
    req.on('error', () => {});
    req.on('close', () => resolve(stage));
    if (from === 'request') setTimeout(() => req.destroy(), afterMs);
    req.end();
  });
}

async function signIn(jalon: RunningJalon): Promise<string> {
  const login = await fetch(`${jalon.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: jalon.url },
    body: JSON.stringify({ email: 'pnud@wanep-mali.demo', password: 'jalon-demo-2023' }),
  });
  expect(login.status).toBe(200);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

describe.each(kinds)('the running jalon on %s', (kind) => {
  let jalon: RunningJalon & { child: ChildProcess };
  let dir: string | undefined;
  let cookie: string;

  beforeAll(async () => {
    if (kind === 'pglite') dir = await mkdtemp(join(tmpdir(), 'jalon-hardening-'));
    jalon = await startJalon(dir ? { dataDir: dir } : {});
    // The read-only donor: the least any signed-in user is.
    cookie = await signIn(jalon);
  }, 120_000);
  afterAll(async () => {
    await jalon?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('survives 200 downloads dropped at random moments, then answers /health', async () => {
    const random = seeded(19);
    const paths = [
      '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly',
      '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=generic&lang=en',
      '/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2',
      '/api/reports/bulletin?period=2023-Q2&format=html',
    ];
    const plan = Array.from({ length: 200 }, () => ({
      path: paths[Math.floor(random() * paths.length)]!,
      from: random() < 0.5 ? ('request' as const) : ('headers' as const),
      afterMs: Math.floor(random() * 120),
    }));
    const stages: Record<string, number> = { 'before-headers': 0, 'mid-body': 0, complete: 0 };
    // Eight at a time, as a few users' browsers (and autocannon's end of run) would.
    for (let i = 0; i < plan.length; i += 8) {
      const batch = plan
        .slice(i, i + 8)
        .map((p) => dropAfter(`${jalon.url}${p.path}`, cookie, p.afterMs, p.from));
      for (const stage of await Promise.all(batch)) stages[stage]!++;
    }
    console.log(`${kind}: 200 downloads dropped —`, stages);
    // The reports of downloads dropped early are still being computed: /health may wait its turn.
    const health = await get(`${jalon.url}/health`, {}, 180_000);
    expect(health.status).toBe(200);
    expect(jalon.child.exitCode).toBeNull();
    expect(jalon.child.signalCode).toBeNull();
    // Kept alive by the stream handling itself, not by the last resort.
    expect(jalon.output()).not.toMatch(/uncaught exception|unhandled rejection|ERR_INVALID_STATE/);
    // Still serving whole files afterwards.
    const file = await get(`${jalon.url}/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2`, {
      cookie,
    });
    expect(file.status).toBe(200);
    expect(file.body).toMatch(/<\/iati-activities>\s*$/);
  }, 300_000);

  it('carries the security headers on pages (with a nonce CSP), the API, files and errors', async () => {
    const page = await get(`${jalon.url}/connexion`);
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    // SvelteKit's own inline start-up script carries it.
    expect(page.body).toContain(`nonce="${nonce}"`);
    const answers = [
      page,
      await get(`${jalon.url}/activites`),
      await get(`${jalon.url}/health`),
      await get(`${jalon.url}/trpc/session.me`, { cookie }),
      await get(`${jalon.url}/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2`, { cookie }),
      await get(`${jalon.url}/api/reports/iati?grant=JUST-FUTURE&period=2023-Q2`, { cookie }),
      await get(`${jalon.url}/api/nowhere`),
      await get(`${jalon.url}/page-qui-n-existe-pas`, { cookie }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 303, 200, 200, 200, 403, 404, 404]);
    for (const a of answers) {
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(a.headers['referrer-policy']).toBe('same-origin');
      expect(a.headers['x-request-id']).toMatch(/\S/);
      // Plain HTTP here: no HSTS (apps/api/src/server.test.ts checks it behind JALON_HTTPS).
      expect(a.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('stops on SIGTERM: logs it, closes the database, exits 0', async () => {
    const exited = new Promise<number | null>((r) => jalon.child.once('exit', (code) => r(code)));
    jalon.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = jalon
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'stopped' && l.signal === 'SIGTERM')).toBe(true);
    // One structured line per request, with its id.
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(200);
    for (const r of requests)
      expect(r).toMatchObject({ requestId: expect.any(String), method: expect.any(String) });
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

describe.each(kinds)('start-up on %s', (kind) => {
  it('answers every request sent while jalon starts: 503 "starting" until ready, never a hang', async () => {
    const dir = kind === 'pglite' ? await mkdtemp(join(tmpdir(), 'jalon-startup-')) : undefined;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const outcomes: { status: number | string; body?: string; path: string; ms: number }[] = [];
    const inFlight: Promise<void>[] = [];
    let ready = false;
    const fire = (path: string) => {
      const sent = Date.now();
      return get(`${base}${path}`, {}, 120_000).then(
        (a) => {
          outcomes.push({ status: a.status, body: a.body, path, ms: Date.now() - sent });
          if (path === '/health' && a.status === 200) ready = true;
        },
        (e: NodeJS.ErrnoException) =>
          void outcomes.push({ status: e.code ?? 'error', path, ms: Date.now() - sent }),
      );
    };
    const starting = startJalon({ port, ...(dir ? { dataDir: dir } : {}) });
    starting.catch(() => {});
    // Until /health says ready: /health, a page and a tRPC call every 50 ms.
    while (!ready) {
      for (const path of ['/health', '/connexion', '/trpc/session.me']) inFlight.push(fire(path));
      await new Promise((r) => setTimeout(r, 50));
      if (outcomes.length > 3000) break;
    }
    await Promise.all(inFlight);
    const jalon = await starting;
    try {
      const counts: Record<string, number> = {};
      for (const o of outcomes) counts[String(o.status)] = (counts[String(o.status)] ?? 0) + 1;
      const slowest = Math.max(...outcomes.map((o) => o.ms));
      console.log(`${kind}: requests during start-up —`, counts, `slowest answer ${slowest} ms`);
      // A refused connection (not listening yet) is an answer a client can act on; silence is not.
      expect(outcomes.filter((o) => o.status === 'HUNG' || o.status === 'ECONNRESET')).toEqual([]);
      const unavailable = outcomes.filter((o) => o.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      for (const o of unavailable)
        expect(JSON.parse(o.body!)).toMatchObject({ status: 'starting' });
      expect(outcomes.every((o) => [200, 503, 'ECONNREFUSED'].includes(o.status))).toBe(true);
    } finally {
      await stopChild(jalon.child);
      await jalon.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
