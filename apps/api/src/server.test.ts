import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { csrfTokenFor } from '@jalon/api';
import type { DatabaseHandle } from '@jalon/db';
import { demoPassword, seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBodyLimits, MAX_BATCH_CALLS } from './http/limits';
import { jsonLogger } from './http/logger';
import { defaultTimeouts, startServer, type RunningServer } from './server';
import { must } from '@jalon/domain';

/*
 * The real HTTP server (node:http + Hono), in this process, on each database: what only shows
 * over a socket — start-up, body limits before reading, security headers on every kind of
 * answer, CSRF against the configured origins (never the Host), batch caps, request logs and a
 * graceful stop. The web app is left out (pages: tests/api/hardening.test.ts).
 */
const kinds = await testDatabaseKinds();
const noWeb = '/nonexistent/jalon-web-build';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request over its own connection, with any Host and headers (fetch would not send a forged Host). */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: must(res.statusCode, 'res.statusCode'),
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * A client that sends its whole request before it reads anything (as fetch and most libraries
 * do), over a raw socket: it must read a clean answer, never a reset.
 */
function sendWhole(
  port: number,
  head: string,
  body: Buffer[],
): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    socket.on('error', reject);
    socket.on('connect', async () => {
      socket.write(head);
      for (const chunk of body)
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
      // Every byte is out; now read the answer to its end.
      // Read as bytes (latin1), so chunk sizes count bytes; the body is decoded at the end.
      const text = () => Buffer.concat(received).toString('latin1');
      const utf8 = (t: string) => Buffer.from(t, 'latin1').toString('utf8');
      const done = () => {
        const [h = '', ...rest] = text().split('\r\n\r\n');
        let b = rest.join('\r\n\r\n');
        if (/transfer-encoding: chunked/i.test(h)) {
          // Chunked: size lines and data, up to the empty last chunk.
          let out = '';
          for (;;) {
            const line = /^([0-9a-f]+)\r\n/i.exec(b);
            if (!line) return null;
            const size = parseInt(must(line[1], 'line[1]'), 16);
            if (size === 0) return { head: h, body: utf8(out) };
            out += b.slice(line[0].length, line[0].length + size);
            b = b.slice(line[0].length + size + 2);
          }
        }
        const length = Number(/content-length: (\d+)/i.exec(h)?.[1] ?? NaN);
        return b.length >= length ? { head: h, body: utf8(b.slice(0, length)) } : null;
      };
      const check = () => {
        const d = done();
        if (!d) return;
        socket.off('data', check);
        socket.destroy();
        resolve(d);
      };
      socket.on('data', check);
      socket.on('end', () => {
        const d = done();
        if (d) resolve(d);
        else
          reject(
            new Error(`connection ended before an answer: ${JSON.stringify(text().slice(0, 800))}`),
          );
      });
      check();
    });
  });
}

/**
 * A raw keep-alive connection, as a client that reuses its sockets sees it: `ask` writes one
 * request (optionally from inside a chosen moment, `write`) and reads its whole answer.
 */
function keptAlive(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = Buffer.alloc(0);
  let waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;
  const settle = () => {
    if (!waiting) return;
    const text = received.toString('latin1');
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = text.slice(0, end);
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    if (received.length < end + 4 + length) return;
    const headers: IncomingHttpHeaders = {};
    for (const line of head.split('\r\n').slice(1)) {
      const at = line.indexOf(':');
      headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
    }
    const answer = {
      status: Number(head.split(' ')[1]),
      headers,
      body: received.subarray(end + 4, end + 4 + length),
    };
    received = received.subarray(end + 4 + length);
    const w = waiting;
    waiting = null;
    w.resolve(answer);
  };
  const fail = (why: string) => (e?: Error) =>
    waiting?.reject(
      Object.assign(new Error(`${why}: ${e?.message ?? ''}`), {
        code: e && 'code' in e ? e.code : why,
      }),
    );
  socket.on('data', (d: Buffer) => {
    received = Buffer.concat([received, d]);
    settle();
  });
  socket.on('error', fail('reset'));
  socket.on('end', fail('closed before an answer'));
  const connected = new Promise((r) => socket.once('connect', r));
  return {
    socket,
    async ask(path: string, write: (send: () => void) => void = (go) => go()): Promise<Answer> {
      await connected;
      return new Promise<Answer>((resolve, reject) => {
        waiting = { resolve, reject };
        write(() => socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`));
      });
    },
  };
}

const json = (a: Answer) => JSON.parse(a.body.toString('utf8')) as Record<string, unknown>;

function expectSecurityHeaders(a: Answer, https = false) {
  expect(a.headers['x-content-type-options']).toBe('nosniff');
  expect(a.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(a.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(a.headers['referrer-policy']).toBe('same-origin');
  expect(a.headers['x-request-id']).toMatch(/\S/);
  if (https) expect(a.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  else expect(a.headers['strict-transport-security']).toBeUndefined();
}

describe.each(kinds)('the HTTP server on %s', (kind) => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let release: () => void;
  const lines: string[] = [];
  const early: Promise<Answer>[] = [];
  let origin: string;
  let cookie: string;
  let session: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const gate = new Promise<void>((r) => (release = r));
    server = await startServer({
      // The database "is being migrated" until the test releases it.
      database: async () => {
        await gate;
        return { db: handle.db, databaseKind: handle.kind };
      },
      port: 0,
      host: '127.0.0.1',
      webBuildDir: noWeb,
      lastResort: false,
      logger: jsonLogger((line) => lines.push(line)),
    });
    origin = `http://127.0.0.1:${server.port}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await handle?.close();
  }, 60_000);

  it('answers during start-up, 503 "starting", then serves once the database is ready', async () => {
    for (const path of ['/health', '/trpc/session.me', '/api/reports/iati', '/activites'])
      early.push(send(server.port, path));
    const starting = await Promise.all(early);
    for (const a of starting) {
      expect(a.status).toBe(503);
      expect(json(a)).toMatchObject({ status: 'starting', error: { code: 'UNAVAILABLE' } });
      expect(a.headers['retry-after']).toBe('2');
      expectSecurityHeaders(a);
    }
    release();
    await server.ready;
    const health = await send(server.port, '/health');
    expect(health.status).toBe(200);
    expect(json(health)).toEqual({ status: 'ok', database: kind });

    const login = await send(server.port, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'suivi@wanep-mali.demo', password: demoPassword }),
    });
    expect(login.status).toBe(200);
    cookie = must(
      String(login.headers['set-cookie']).split(';')[0],
      "String(login.headers['set-cookie']).split(';')[0]",
    );
    session = must(cookie.split('=')[1], "cookie.split('=')[1]");
  });

  it('refuses a body over the limit with 413 from its declared length, before reading it, and keeps serving', async () => {
    const before = process.memoryUsage();
    const declared = 100 * 1024 * 1024;
    const { status, sent } = await new Promise<{ status: number; sent: number }>(
      (resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let sent = 0;
        let answer = '';
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = () => {
          while (sent < declared && !answer) {
            sent += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
        };
        socket.on('connect', () => {
          socket.write(
            `POST /api/auth/login HTTP/1.1\r\nhost: 127.0.0.1\r\norigin: ${origin}\r\ncontent-type: application/json\r\ncontent-length: ${declared}\r\n\r\n`,
          );
          pump();
        });
        socket.on('data', (d: Buffer) => {
          answer += d.toString('latin1');
          const m = answer.match(/^HTTP\/1\.1 (\d+)/);
          if (m) {
            socket.destroy();
            resolve({ status: Number(m[1]), sent });
          }
        });
        socket.on('error', (e) => (answer ? undefined : reject(e)));
      },
    );
    expect(status).toBe(413);
    // The answer came long before the 100 MB were sent: the server did not wait to read them.
    expect(sent).toBeLessThan(declared / 2);
    const after = process.memoryUsage();
    expect(
      after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
    ).toBeLessThan(32 * 1024 * 1024);

    // A chunked body (no declared length) is cut at the limit while it is read.
    const chunked = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/auth/login',
          method: 'POST',
          headers: { 'content-type': 'application/json', origin, 'transfer-encoding': 'chunked' },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: must(res.statusCode, 'res.statusCode'),
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.write('{"email":"');
      req.write('x'.repeat(defaultBodyLimits.auth * 2));
      req.end('"}');
    });
    expect(chunked.status).toBe(413);
    expect(json(chunked)).toMatchObject({ error: { status: 413, code: 'PAYLOAD_TOO_LARGE' } });
    expectSecurityHeaders(chunked);
    expect((await send(server.port, '/health')).status).toBe(200);
  });

  it('answers 413 cleanly to a client that sends its whole body first: never a reset', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let round = 0; round < 2; round++) {
      // A declared length over the tRPC limit, every byte sent before reading.
      const size = defaultBodyLimits.trpc + 3 * 1024 * 1024;
      const declared = await sendWhole(
        server.port,
        `POST /trpc/activity.create HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\norigin: ${origin}\r\ncookie: ${cookie}\r\ncontent-type: application/json\r\ncontent-length: ${size}\r\n\r\n`,
        Array.from({ length: size / chunk.length }, () => chunk),
      );
      expect(declared.head).toMatch(/^HTTP\/1\.1 413 /);
      expect(JSON.parse(declared.body)).toMatchObject({
        error: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
      });
      // A chunked body that passes the sign-in limit while it is read, every byte sent first.
      const piece = (b: Buffer) => [
        Buffer.from(`${b.length.toString(16)}\r\n`),
        b,
        Buffer.from('\r\n'),
      ];
      const chunked = await sendWhole(
        server.port,
        `POST /api/auth/login HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\norigin: ${origin}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
        [...Array.from({ length: 32 }, () => piece(chunk)).flat(), Buffer.from('0\r\n\r\n')],
      );
      expect(chunked.head).toMatch(/^HTTP\/1\.1 413 /);
      expect(JSON.parse(chunked.body)).toMatchObject({
        error: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
      });
    }
    expect((await send(server.port, '/health')).status).toBe(200);
  });

  it('answers only for the hosts it is reached at (DNS rebinding): its public names, IPs, loopback', async () => {
    // A page of attacker.example whose name now resolves to this machine.
    for (const host of [
      'attacker.example',
      `attacker.example:${server.port}`,
      'localhost.attacker.example',
    ]) {
      for (const path of ['/health', '/trpc/session.me', '/api/reports/iati', '/activites']) {
        const refused = await send(server.port, path, {
          headers: { host, cookie, 'accept-language': 'en' },
        });
        expect(refused.status).toBe(421);
        expect(json(refused)).toMatchObject({ error: { status: 421, code: 'HOST_NOT_ALLOWED' } });
        expect((json(refused).error as { message: string }).message).toMatch(/JALON_PUBLIC_URL/);
        expectSecurityHeaders(refused);
      }
    }
    const fr = await send(server.port, '/health', { headers: { host: 'attacker.example' } });
    expect((json(fr).error as { message: string }).message).toMatch(/^Adresse refusée/);
    // Names a rebinding page cannot send: loopback names and IP addresses, any port.
    for (const host of [
      `localhost:${server.port}`,
      `127.0.0.1:${server.port}`,
      '[::1]',
      '10.1.2.3:80',
      'app.localhost',
    ])
      expect((await send(server.port, '/health', { headers: { host } })).status).toBe(200);

    // Its public URL's name and the names listed in JALON_ALLOWED_HOSTS (a leading dot: subdomains).
    const named = await startServer({
      database: { db: handle.db, databaseKind: handle.kind },
      publicUrls: ['https://jalon.example'],
      allowedHosts: ['suivi.wanep.example', '.ong.example'],
      port: 0,
      host: '127.0.0.1',
      webBuildDir: noWeb,
      lastResort: false,
      accessLog: false,
    });
    try {
      await named.ready;
      const status = async (host: string) =>
        (await send(named.port, '/health', { headers: { host } })).status;
      expect(await status('jalon.example')).toBe(200);
      expect(await status('JALON.example:443')).toBe(200);
      expect(await status('suivi.wanep.example')).toBe(200);
      expect(await status('mali.ong.example')).toBe(200);
      expect(await status('ong.example.attacker.example')).toBe(421);
      expect(await status('jalon.example.attacker.example')).toBe(421);
      expect(await status(`127.0.0.1:${named.port}`)).toBe(200);
    } finally {
      await named.close();
    }
  });

  it('caps a tRPC batch, with a message saying so', async () => {
    const names = (n: number) => Array.from({ length: n }, () => 'session.me').join(',');
    const input = (n: number) =>
      encodeURIComponent(
        JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]))),
      );
    const ok = await send(
      server.port,
      `/trpc/${names(MAX_BATCH_CALLS)}?batch=1&input=${input(MAX_BATCH_CALLS)}`,
      {
        headers: { cookie },
      },
    );
    expect(ok.status, ok.body.toString().slice(0, 300)).toBe(200);
    expect(JSON.parse(ok.body.toString())).toHaveLength(MAX_BATCH_CALLS);
    const many = await send(server.port, `/trpc/${names(100)}?batch=1&input=${input(100)}`, {
      headers: { cookie, 'accept-language': 'en' },
    });
    expect(many.status).toBe(400);
    expect(json(many)).toEqual({
      error: {
        status: 400,
        code: 'BATCH_TOO_LARGE',
        message: `Too many batched calls in one request: 100, at most ${MAX_BATCH_CALLS}. Send them in several requests.`,
      },
    });
  });

  it('checks CSRF against its configured origins, never the Host, and ties the token to the session', async () => {
    const logout = (headers: Record<string, string>) =>
      send(server.port, '/trpc/activity.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    // An Origin equal to a forged Host (an address the Host allow-list lets through).
    const forged = await logout({
      cookie,
      host: '127.0.0.2:3000',
      origin: 'http://127.0.0.2:3000',
    });
    expect(forged.status).toBe(403);
    expect(json(forged)).toMatchObject({ error: { code: 'CSRF' } });
    expectSecurityHeaders(forged);
    // An opaque Origin with a same-origin Referer.
    expect((await logout({ cookie, origin: 'null', referer: `${origin}/activites` })).status).toBe(
      403,
    );
    // A double-submit pair planted next to the session is not the session's token.
    expect(
      (await logout({ cookie: `${cookie}; jalon_csrf=abc`, 'x-csrf-token': 'abc' })).status,
    ).toBe(403);
    // The configured origin and the session's token pass the guard (and reach the procedure: 400 for the empty input).
    expect((await logout({ cookie, origin })).status).toBe(400);
    expect((await logout({ cookie, 'x-csrf-token': csrfTokenFor(session) })).status).toBe(400);
    expect(
      (await logout({ cookie, 'x-csrf-token': csrfTokenFor(session), 'accept-language': 'en' }))
        .status,
    ).toBe(400);
    // The refusal is in the caller's language (csrfGuard reads the locale like every route).
    const en = await logout({ cookie, origin: 'http://evil.example', 'accept-language': 'en' });
    expect((json(en).error as { message: string }).message).toMatch(/^Request refused/);
    const fr = await logout({
      cookie: `${cookie}; PARAGLIDE_LOCALE=fr`,
      origin: 'http://evil.example',
      'accept-language': 'en',
    });
    expect((json(fr).error as { message: string }).message).toMatch(/^Requête refusée/);
  });

  it('sets the security headers on every kind of answer: health, tRPC, files, errors', async () => {
    const answers = [
      await send(server.port, '/health'),
      await send(server.port, '/trpc/session.me', { headers: { cookie } }),
      await send(server.port, '/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2', {
        headers: { cookie },
      }),
      await send(server.port, '/api/reports/bulletin?period=2023-Q2&format=html', {
        headers: { cookie },
      }),
      await send(server.port, '/api/reports/xlsx?grant=NOPE&period=2023-Q2', {
        headers: { cookie },
      }),
      await send(server.port, '/api/nowhere'),
      await send(server.port, '/activites'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 404, 404, 503]);
    for (const a of answers) expectSecurityHeaders(a);

    const secure = await startServer({
      database: { db: handle.db, databaseKind: handle.kind },
      https: true,
      port: 0,
      host: '127.0.0.1',
      webBuildDir: noWeb,
      lastResort: false,
      accessLog: false,
    });
    try {
      await secure.ready;
      for (const path of ['/health', '/api/nowhere', '/trpc/session.me'])
        expectSecurityHeaders(await send(secure.port, path), true);
      // Behind HTTPS the allowed origin is the https one.
      expect(secure.allowedOrigins).toContain(`https://127.0.0.1:${secure.port}`);
    } finally {
      await secure.close();
    }
  });

  it('logs one JSON line per request: its id (also answered), method, path without secrets, status, duration', async () => {
    const mark = lines.length;
    const a = await send(server.port, '/health?token=s3cret&x=1', {
      headers: { 'x-request-id': 'trace-7' },
    });
    const b = await send(server.port, '/api/nowhere');
    await new Promise((r) => setImmediate(r));
    const logged = lines
      .slice(mark)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');
    expect(a.headers['x-request-id']).toBe('trace-7');
    expect(logged.find((l) => l.requestId === 'trace-7')).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/health?token=***&x=1',
      status: 200,
    });
    const other = logged.find((l) => l.requestId === b.headers['x-request-id']);
    expect(other).toMatchObject({ method: 'GET', path: '/api/nowhere', status: 404 });
    expect(typeof must(other, 'other').durationMs).toBe('number');
    expect(lines.slice(mark).join('\n')).not.toMatch(/s3cret/);
  });

  it('answers a request the HTTP parser refuses with its status: 400 malformed, 431 headers too large', async () => {
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let got = '';
        socket.on('data', (d: Buffer) => (got += d.toString('latin1')));
        socket.on('close', () => resolve(got));
        socket.on('error', reject);
        socket.write(text);
      });
    expect(await raw('BONJOUR / HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(
      await raw(`GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`),
    ).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect((await send(server.port, '/health')).status).toBe(200);
  });

  it('keeps idle connections longer than its clients do (keep-alive 65 s, headers 70 s)', async () => {
    // Node's agent closes its idle sockets after 5 s, undici (the web app's fetch) 1 s before
    // the advertised timeout, a proxy after 60 s: the client closes first, never the server under it.
    const a = await send(server.port, '/health', { headers: { connection: 'keep-alive' } });
    expect(a.headers['keep-alive']).toBe('timeout=65');
    expect(defaultTimeouts.keepAlive).toBeGreaterThan(60_000);
    expect(defaultTimeouts.headers).toBeGreaterThan(defaultTimeouts.keepAlive);
    expect(defaultTimeouts.request).toBeGreaterThanOrEqual(defaultTimeouts.headers);
  });

  it('answers a request waiting in a connection at its keep-alive deadline: a busy server never resets it', async () => {
    // CI once got ECONNRESET (socket hang up) on a download over a reused keep-alive socket.
    // Here the server is busy (a busy-wait stands for a workbook being rendered) when the deadline
    // of an idle connection passes, and the client has just sent its next request on it.
    const edge = await startServer({
      database: { db: handle.db, databaseKind: handle.kind },
      port: 0,
      host: '127.0.0.1',
      webBuildDir: noWeb,
      lastResort: false,
      accessLog: false,
      timeouts: { keepAlive: 1_000 },
    });
    try {
      await edge.ready;
      // When does it close a connection left idle? Never before it says (timeout=1).
      const idle = keptAlive(edge.port);
      const first = await idle.ask('/health');
      expect(first.headers['keep-alive']).toBe('timeout=1');
      const answered = Date.now();
      await new Promise((r) => idle.socket.once('close', r));
      const closesAfter = Date.now() - answered;
      expect(closesAfter).toBeGreaterThanOrEqual(1_000);

      for (let round = 0; round < 2; round++) {
        const client = keptAlive(edge.port);
        expect((await client.ask('/health')).status).toBe(200);
        const since = Date.now();
        // Still within what the server advertised: reusing the connection is allowed.
        await new Promise((r) => setTimeout(r, 700));
        const reused = await client.ask('/health', (go) =>
          // After the poll phase: the request sits unread in the server's socket while the
          // server is busy past the deadline; its timer then fires before the next read.
          setImmediate(() => {
            go();
            while (Date.now() - since < closesAfter + 150);
          }),
        );
        expect(reused.status, `round ${round}`).toBe(200);
        client.socket.destroy();
      }
    } finally {
      await edge.close();
    }
  });

  it('serves downloads in a row on one keep-alive connection while other clients drop theirs', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const download = (path: string) =>
      new Promise<Answer & { reused: boolean }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: server.port, path, headers: { cookie }, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: must(res.statusCode, 'the status'),
                headers: res.headers,
                body: Buffer.concat(chunks),
                reused: req.reusedSocket,
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      });
    // Dropped downloads, on their own connections, at moments spread over the rendering.
    const drops = Array.from(
      { length: 8 },
      (_, i) =>
        new Promise<void>((resolve) => {
          const req = httpRequest({
            host: '127.0.0.1',
            port: server.port,
            path: '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly',
            headers: { cookie },
            agent: false,
          });
          req.on('error', () => {});
          req.on('close', () => resolve());
          setTimeout(() => req.destroy(), 15 * i);
          req.end();
        }),
    );
    const files = [
      '/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2',
      '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly',
      '/api/reports/bulletin?period=2023-Q2&format=md',
    ];
    const mark = lines.length;
    const answers = [];
    for (let i = 0; i < 9; i++)
      answers.push(await download(must(files[i % files.length], 'a file route')));
    await Promise.all(drops);
    // A download dropped while its model was built stops that build (ReportBuildAborted): logged
    // as « the client went away », never as a failure (which timing reaches it varies).
    await new Promise((r) => setTimeout(r, 200));
    expect(lines.slice(mark).filter((l) => /request failed/.test(l))).toEqual([]);
    agent.destroy();
    expect(answers.map((a) => a.status)).toEqual(Array(9).fill(200));
    // One connection for all of them, reused each time.
    expect(answers.slice(1).every((a) => a.reused)).toBe(true);
    for (const a of answers.filter((a) => /spreadsheetml/.test(String(a.headers['content-type']))))
      expect(a.body.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(true);
    expect((await send(server.port, '/health')).status).toBe(200);
  });

  it('stops gracefully: a download in flight finishes, new connections are refused', async () => {
    const stopping = await startServer({
      database: { db: handle.db, databaseKind: handle.kind },
      port: 0,
      host: '127.0.0.1',
      webBuildDir: noWeb,
      lastResort: false,
      accessLog: false,
    });
    await stopping.ready;
    const download = new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: stopping.port,
          path: '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly',
          headers: { cookie },
          agent: false,
        },
        (res) => {
          // Headers are out: the workbook is being written. Now the server is told to stop.
          closed = stopping.close();
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: must(res.statusCode, 'res.statusCode'),
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    let closed: Promise<void> | undefined;
    const done = await download;
    await closed;
    expect(done.status).toBe(200);
    // A whole xlsx (zip): its end-of-central-directory record is there.
    expect(done.body.subarray(0, 2).toString()).toBe('PK');
    expect(done.body.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(true);
    await expect(send(stopping.port, '/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
