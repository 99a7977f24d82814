import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { localeFrom, normaliseOrigin } from '@jalon/api';
import type { Database } from '@jalon/db';
import { createApp, type AppOptions } from './app';
import { hostAllowed } from './http/allowed-hosts';
import { bodyLimitFor, defaultBodyLimits, type BodyLimits } from './http/limits';
import { jsonLogger, loggablePath, type Logger } from './http/logger';
import { describe, edgeMessages } from './http/problems';
import { messageText } from './messages';
import { applySecurityHeaders } from './http/security-headers';
import { must } from '@jalon/domain';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** What the server serves once the database is migrated (and seeded). */
export interface ServedDatabase {
  db: Database;
  readDb?: Database | undefined;
  databaseKind: string;
  /** The whole database as one archive, taken by this process (`POST /api/admin/backup`). */
  backup?: AppOptions['backup'];
}

export interface StartServerOptions {
  /**
   * The database, or how to get it ready (open, migrate, seed): until it resolves the server
   * already answers, 503 "starting" for everything, so no request hangs during start-up.
   */
  database: ServedDatabase | (() => Promise<ServedDatabase>);
  /** Served over HTTPS (directly or behind a proxy): Secure, `__Host-` session cookies, HSTS. */
  https?: boolean;
  /** Jalon's public address(es) as users type it (`https://jalon.example`); loopback on the port otherwise. */
  publicUrls?: readonly string[];
  /** Other origins allowed to send mutations (e.g. the web dev server). */
  trustedOrigins?: readonly string[];
  /**
   * Host names answered besides the public URLs' (`JALON_ALLOWED_HOSTS`; `.example.org` for its
   * subdomains). IP addresses and loopback names always are; any other Host gets 421.
   */
  allowedHosts?: readonly string[];
  /** Reverse proxies whose `X-Forwarded-For` is believed (`JALON_TRUSTED_PROXIES`). */
  trustedProxies?: readonly string[];
  port: number;
  host?: string | undefined;
  /** The SvelteKit adapter-node build; `apps/web/build` by default. */
  webBuildDir?: string;
  bodyLimits?: BodyLimits;
  /** Socket timeouts in ms (Node's defaults keep a silent client 300 s). */
  timeouts?: Partial<ServerTimeouts>;
  logger?: Logger;
  /** Log one line per request (on by default). */
  accessLog?: boolean;
  /** See `AppOptions.readCache` (a cache of heavy reads by default; `false`: none). */
  readCache?: AppOptions['readCache'];
  /** The bearer token of `POST /api/admin/backup` for the CLI on this machine (see routes/admin.ts). */
  adminToken?: string | undefined;
  /** Install the process-wide last-resort handlers (on by default; tests let their runner see errors). */
  lastResort?: boolean;
}

export interface ServerTimeouts {
  /** the whole request (headers and body) must arrive within this */
  request: number;
  /** the headers must arrive within this */
  headers: number;
  /**
   * an idle keep-alive connection is closed after this (advertised in `Keep-Alive: timeout=`;
   * Node keeps the socket about a second longer). Longer than any client's own idle timeout, so
   * the client closes first and never reuses a socket the server is closing.
   */
  keepAlive: number;
  /** the rest of a refused body (413) is read and dropped for this long, then the connection is cut */
  discard: number;
}

/**
 * Explicit, bounded, and not so tight that a start-up on the embedded database (whose WASM
 * queries hold the event loop for seconds on a busy machine) cuts requests already received.
 *
 * Keep-alive is Node's advice for servers: longer than every client's idle timeout (Node's agent
 * 5 s, undici — the web app's fetch — the advertised timeout less 1 s, a proxy's 60 s), so that
 * the client is the one that closes an idle connection. With Node's own 5 s, a client that keeps
 * sockets without a timeout of its own (Playwright's request context, `new http.Agent({ keepAlive:
 * true })`) reused one exactly as the server closed it and got `ECONNRESET` (socket hang up).
 * Headers must arrive within a time longer than the keep-alive (Node's advice).
 */
export const defaultTimeouts: ServerTimeouts = {
  request: 120_000,
  headers: 70_000,
  keepAlive: 65_000,
  discard: 30_000,
};

export interface RunningServer {
  url: string;
  port: number;
  /** Resolves when the database is ready and requests are served; rejects if it could not be. */
  ready: Promise<void>;
  /** The origins the CSRF guard accepts. */
  allowedOrigins: readonly string[];
  /**
   * Stops gracefully: no new connection, requests in flight finish (up to `graceMs`, then their
   * connections are cut), idle keep-alive connections closed.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export const defaultWebBuildDir = fileURLToPath(new URL('../../web/build', import.meta.url));
const PROTOCOL_HEADER = 'x-jalon-protocol';
const apiPaths = /^\/(trpc|health|api)(\/|$|\?)/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,80}$/;

/** The origins a browser shows for this server when no public URL is configured: loopback on its port. */
export function defaultOrigins(port: number, host: string | undefined, https: boolean): string[] {
  const scheme = https ? 'https' : 'http';
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (host && host !== '0.0.0.0' && host !== '::')
    hosts.add(host.includes(':') ? `[${host}]` : host);
  return [...hosts].map((h) =>
    must(normaliseOrigin(`${scheme}://${h}:${port}`), 'the loopback origin of the port'),
  );
}

let lastResortInstalled = false;

/**
 * The last resort: an error nobody caught (a stream event, a timer) is logged and the server goes
 * on serving. No client behaviour may end the process; the fault is still fixed where it arises.
 */
export function installLastResort(log: Logger): void {
  if (lastResortInstalled) return;
  lastResortInstalled = true;
  process.on('uncaughtException', (error) =>
    log.error('uncaught exception (kept serving)', { error: describe(error) }),
  );
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled rejection (kept serving)', { error: describe(reason) }),
  );
}

/**
 * The requests under way: how many, and on which connections (the client-error handler must not
 * write into a connection with an answer under way), for a graceful stop to wait for.
 */
class InFlight {
  private count = 0;
  private readonly perSocket = new WeakMap<object, number>();
  private onDrained: (() => void) | null = null;

  start(socket: object): void {
    this.count++;
    this.perSocket.set(socket, (this.perSocket.get(socket) ?? 0) + 1);
  }

  end(socket: object): void {
    this.count--;
    const left = (this.perSocket.get(socket) ?? 1) - 1;
    if (left > 0) this.perSocket.set(socket, left);
    else this.perSocket.delete(socket);
    if (this.count === 0) this.onDrained?.();
  }

  /** Whether an answer is under way on this connection. */
  answering(socket: object): boolean {
    return this.perSocket.has(socket);
  }

  /** Resolves when no request is left under way, or after `graceMs`. */
  async drained(graceMs: number): Promise<void> {
    if (this.count === 0) return;
    await new Promise<void>((resolve) => {
      this.onDrained = resolve;
      setTimeout(resolve, graceMs).unref();
    });
  }
}

/** The access log's line of a request, once its connection is done with it. */
function logRequest(
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  started: bigint,
): void {
  log.info('request', {
    requestId,
    method: req.method,
    path: loggablePath(req.url ?? '/'),
    status: res.statusCode,
    durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    ...(res.writableFinished ? {} : { aborted: true }),
  });
}

/**
 * The answer to a malformed or too slow request: its status, unless an answer is already on its
 * way on this connection (a line written now would corrupt it) or the client is gone: then the
 * connection is cut.
 */
function answerClientError(answering: (socket: Duplex) => boolean) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const status = clientErrorStatus(error.code);
    if (status && socket.writable && !answering(socket))
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    else socket.destroy();
  };
}

/** Listens on the port, or rejects with the error that stopped it (the port taken). */
function listen(server: Server, port: number | undefined, host: string | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The origins a browser may call from: the public addresses (loopback by default) and the trusted ones. */
function originsOf(options: StartServerOptions, port: number, https: boolean): string[] {
  const publicOrigins = options.publicUrls?.length
    ? options.publicUrls.map((u) => normaliseOrigin(u)).filter((o): o is string => o !== null)
    : defaultOrigins(port, options.host, https);
  return [...publicOrigins, ...(options.trustedOrigins ?? [])];
}

/**
 * One address for everything: the API paths go to Hono, every other path to the SvelteKit
 * app, whose server-side loads call this same server's tRPC endpoint. The request handler is
 * attached before `listen()`; until the database is ready every request is answered 503.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const log = options.logger ?? jsonLogger();
  if (options.lastResort ?? true) installLastResort(log);
  const https = options.https ?? false;
  const limits = options.bodyLimits ?? defaultBodyLimits;
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const accessLog = options.accessLog ?? true;

  let state: 'starting' | 'ready' | 'stopping' = 'starting';
  let api: NodeHandler | null = null;
  let web: NodeHandler | null = null;
  const inFlight = new InFlight();
  // Set once the port is known (the public origins default to loopback on it).
  let knownHost: (host: string | undefined) => boolean = hostAllowed(
    [],
    options.allowedHosts ?? [],
  );

  const server: Server = createServer({
    requestTimeout: timeouts.request,
    headersTimeout: timeouts.headers,
    keepAliveTimeout: timeouts.keepAlive,
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    applySecurityHeaders(res, https, (req.url ?? '/').split('?')[0]);
    inFlight.start(req.socket);
    res.once('close', () => {
      if (accessLog) logRequest(log, req, res, requestId, started);
      inFlight.end(req.socket);
    });
    // A socket error of one client (reset mid-download) is that client's, not the server's.
    req.on('error', () => {});
    res.on('error', () => {});
    // Answered before its body was read (413, a refusal): the rest is read and dropped.
    res.once('finish', () => discardBody(req, timeouts.discard));

    const url = req.url ?? '/';
    const path = must(url.split('?')[0], 'the path of the request');
    // DNS rebinding: a name Jalon is not reached at is refused before anything else.
    if (!knownHost(req.headers.host)) return answer(res, 421, 'host', req);
    if (state !== 'ready') {
      if (state === 'stopping') res.setHeader('connection', 'close');
      return answer(res, 503, state, req, { 'retry-after': '2' });
    }
    const limit = bodyLimitFor(path, limits);
    const length = Number(req.headers['content-length'] ?? 0);
    if (limit !== null && length > limit) {
      // Refused from its declared length, before a byte of it is read (nothing of it is kept).
      return answer(res, 413, 'too-large', req, {}, limit);
    }
    if (apiPaths.test(url)) return void must(api, 'the API handler of a ready server')(req, res);
    if (web) {
      req.headers[PROTOCOL_HEADER] = https ? 'https' : 'http';
      return web(req, res, () => answer(res, 404, 'not-found', req));
    }
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      'Jalon: the web app is not built. Run `pnpm --filter @jalon/web build` (or `pnpm start`).\n',
    );
  });
  server.on(
    'timeout',
    keepAliveDeadline((socket) => inFlight.answering(socket)),
  );
  server.on(
    'clientError',
    answerClientError((socket) => inFlight.answering(socket)),
  );

  await listen(server, options.port, options.host);
  server.on('error', (e) => log.error('server error', { error: describe(e) }));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost'}:${port}`;
  const allowedOrigins = originsOf(options, port, https);
  knownHost = hostAllowed(allowedOrigins, options.allowedHosts ?? []);

  // The web app calls the API through this address; it reads it when its handler loads.
  process.env.JALON_API_URL = `http://127.0.0.1:${port}`;
  // adapter-node takes every request for https unless told otherwise, and SvelteKit then refuses
  // form posts whose Origin (http://…) differs. This server says which it is, in a header of its
  // own that it always overwrites (a client cannot choose it).
  process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  // SvelteKit's own cap (512 KB by default) would cut the import page's 5 MB upload: it is set
  // to the largest page limit, and each page's own is enforced above, from the declared length.
  process.env.BODY_SIZE_LIMIT ??= String(Math.max(limits.page, limits.importPage));
  // Loaded while the database is prepared, not after: module loading holds the event loop.
  const webLoading = loadWebHandler(options.webBuildDir ?? defaultWebBuildDir, log);
  webLoading.catch(() => {});

  const ready = (async () => {
    const served =
      typeof options.database === 'function' ? await options.database() : options.database;
    const app = createApp({
      db: served.db,
      readDb: served.readDb,
      databaseKind: served.databaseKind,
      https,
      allowedOrigins,
      trustedProxies: options.trustedProxies,
      bodyLimits: limits,
      logger: log,
      readCache: options.readCache,
      backup: served.backup,
      adminToken: options.adminToken,
    });
    api = getRequestListener(app.fetch) as NodeHandler;
    web = await webLoading;
    if (state === 'starting') state = 'ready';
  })();
  // Observed here so a failed start is not also an unhandled rejection; the caller awaits `ready`.
  ready.catch(() => {});

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    ready,
    allowedOrigins,
    close: (closeOptions = {}) =>
      (closing ??= (async () => {
        state = 'stopping';
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await inFlight.drained(closeOptions.graceMs ?? 10_000);
        server.closeAllConnections();
        await stopped;
      })()),
  };
}

/**
 * An idle keep-alive connection reached its deadline (the only socket timeout this server sets:
 * `server.timeout` is 0; requests have their own timeouts). Node would destroy it at once, but a
 * busy server (a workbook rendered, a page built) reaches the deadline late, when a client that
 * reused the connection in time may already have sent its next request: destroying a socket with
 * unread bytes makes the kernel answer them with a reset, and the client loses that request.
 * So the socket is read first (the poll phase runs before `setImmediate`), and closed only if
 * nothing came; a request that came is answered and the connection lives on.
 */
export function keepAliveDeadline(answering: (socket: Duplex) => boolean) {
  return (socket: Duplex): void => {
    // Someone else's timeout on a connection whose answer is under way: not an idle one.
    if (answering(socket)) return;
    const net = socket as Duplex & { bytesRead?: number };
    const read = net.bytesRead;
    setImmediate(() => {
      if (!net.destroyed && net.bytesRead === read && !answering(socket)) net.destroy();
    });
  };
}

/** The status a request the HTTP parser refused gets (Node's own choices), or none: cut it. */
function clientErrorStatus(code: string | undefined): string | null {
  if (code === 'ECONNRESET' || code === 'EPIPE') return null;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return '408 Request Timeout';
  if (code === 'HPE_HEADER_OVERFLOW') return '431 Request Header Fields Too Large';
  return '400 Bad Request';
}

/**
 * After a refusal (413) that did not read the body: the rest of it is read and dropped, so a
 * client that sends its whole body before reading (fetch, most libraries) reads the answer.
 * Closing at once would reset the connection under it (the kernel answers the bytes still coming
 * with RST, and the client loses the 413). Bounded in time; nothing is kept.
 */
export function discardBody(req: IncomingMessage, withinMs: number): void {
  if (req.complete || req.destroyed) return;
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), withinMs);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
}

/** An answer of the server itself (starting, stopping, too large, not found, unknown host), in JSON. */
function answer(
  res: ServerResponse,
  status: number,
  kind: 'starting' | 'stopping' | 'too-large' | 'not-found' | 'host',
  req: IncomingMessage,
  headers: Record<string, string> = {},
  limit = 0,
) {
  const locale = localeFrom(req.headers['accept-language'], req.headers.cookie);
  const text =
    kind === 'too-large'
      ? edgeMessages.tooLarge(limit)
      : kind === 'not-found'
        ? messageText('edge.page-not-found')
        : edgeMessages[kind];
  const code =
    kind === 'too-large'
      ? 'PAYLOAD_TOO_LARGE'
      : kind === 'not-found'
        ? 'NOT_FOUND'
        : kind === 'host'
          ? 'HOST_NOT_ALLOWED'
          : 'UNAVAILABLE';
  const body = JSON.stringify({
    ...(kind === 'starting' || kind === 'stopping' ? { status: kind } : {}),
    error: { status, code, message: text[locale] },
  });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

async function loadWebHandler(buildDir: string, log: Logger): Promise<NodeHandler | null> {
  const handlerFile = `${buildDir}/handler.js`;
  if (!existsSync(handlerFile)) {
    log.warn('web build not found: serving the API only', { handlerFile });
    return null;
  }
  const mod = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
  return mod.handler;
}
