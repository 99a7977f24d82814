import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import type { Database } from '@jalon/db';
import { createApp } from './app';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface StartServerOptions {
  db: Database;
  readDb?: Database | undefined;
  databaseKind: string;
  /** Served over HTTPS (directly or behind a proxy): Secure, `__Host-` session cookies. */
  https?: boolean;
  /** Other origins allowed to send mutations (e.g. the web dev server). */
  trustedOrigins?: readonly string[];
  port: number;
  host?: string | undefined;
  /** The SvelteKit adapter-node build; `apps/web/build` by default. */
  webBuildDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const defaultWebBuildDir = fileURLToPath(new URL('../../web/build', import.meta.url));
const PROTOCOL_HEADER = 'x-jalon-protocol';
const apiPaths = /^\/(trpc|health|api)(\/|$|\?)/;

/**
 * One address for everything: the API paths go to Hono, every other path to the SvelteKit
 * app, whose server-side loads call this same server's tRPC endpoint.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createApp(options);
  const api = getRequestListener(app.fetch);
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost'}:${port}`;

  // The web app calls the API through this address; it reads it when its handler loads.
  process.env.JALON_API_URL = `http://127.0.0.1:${port}`;
  // adapter-node takes every request for https unless told otherwise, and SvelteKit then refuses
  // form posts whose Origin (http://…) differs. This server says which it is, in a header of its
  // own that it always overwrites (a client cannot choose it).
  process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  const web = await loadWebHandler(options.webBuildDir ?? defaultWebBuildDir);
  const protocol = options.https ? 'https' : 'http';

  server.on('request', (req, res) => {
    if (apiPaths.test(req.url ?? '/')) return void api(req, res);
    if (web) {
      req.headers[PROTOCOL_HEADER] = protocol;
      return web(req, res, () => notFound(res));
    }
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      'Jalon: the web app is not built. Run `pnpm --filter @jalon/web build` (or `pnpm start`).\n',
    );
  });

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

async function loadWebHandler(buildDir: string): Promise<NodeHandler | null> {
  const handlerFile = `${buildDir}/handler.js`;
  if (!existsSync(handlerFile)) {
    console.warn(`⚠ web build not found at ${handlerFile}: serving the API only.`);
    return null;
  }
  const mod = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
  return mod.handler;
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}
