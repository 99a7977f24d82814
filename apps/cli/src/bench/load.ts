import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type DatabaseHandle } from '@jalon/db';
import { demoPassword, seedDemo } from '@jalon/db/seed';
import { createScratchDatabase } from '@jalon/db/testing';
import { startServer } from '@jalon/server';
import { must } from '@jalon/domain';

/**
 * A bounded load run on the demo data: N users signed in over HTTP, each calling
 * `indicator.values` and `dashboard.summary` in turn until a fixed number of requests or a time
 * limit, whichever comes first, against a server on the loopback only. Prints p50 / p99 / max and
 * errors per procedure; asserts nothing.
 */
export interface LoadOptions {
  engine: 'postgres' | 'pglite';
  users: number;
  /** Requests per procedure, all users together. */
  requests: number;
  /** Stops by itself after this long, finished or not. */
  seconds: number;
  log: (s: string) => void;
}

export interface LoadFigures {
  procedure: string;
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

const accounts = ['suivi@wanep-mali.demo', 'admin@wanep-mali.demo', 'direction@wanep-mali.demo'];

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return must(
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)],
    'sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]',
  );
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures[]> {
  const { log } = options;
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  if (options.engine === 'postgres') {
    const scratch = await createScratchDatabase('jalon_load');
    handle = await openDatabase({ url: scratch.url, maxConnections: 10 });
    cleanup = scratch.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'jalon-load-'));
    handle = await openDatabase({ dataDir: join(dir, 'data') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  await seedDemo(handle.db);
  const server = await startServer({
    database: { db: handle.db, databaseKind: handle.kind },
    port: 0,
    host: '127.0.0.1',
    // One line per request would drown the figures this run prints.
    accessLog: false,
  });
  try {
    await server.ready;
    const base = `http://127.0.0.1:${server.port}`;
    const cookies: string[] = [];
    for (let i = 0; i < options.users; i++) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email: accounts[i % accounts.length], password: demoPassword }),
      });
      if (res.status !== 200) throw new Error(`sign-in ${i} failed: HTTP ${res.status}`);
      cookies.push(
        must(
          (res.headers.get('set-cookie') ?? '').split(';')[0],
          "(res.headers.get('set-cookie') ?? '').split(';')[0]",
        ),
      );
    }
    const trpc = async (cookie: string, path: string, input: unknown) => {
      const query =
        input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const res = await fetch(`${base}/trpc/${path}${query}`, {
        headers: { cookie },
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
      return JSON.parse(body) as { result: { data: unknown } };
    };
    const list = (await trpc(must(cookies[0], 'cookies[0]'), 'indicator.list', undefined)).result
      .data as {
      items: { id: string }[];
    };
    const indicatorIds = list.items.map((i) => i.id).slice(0, 40);
    const calls = {
      'indicator.values': { indicatorIds, period: '2023-Q2', breakdown: ['sex', 'age'] },
      'dashboard.summary': { period: '2023-Q2' },
    } as const;
    const names = Object.keys(calls) as (keyof typeof calls)[];
    const timings = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<
      keyof typeof calls,
      number[]
    >;
    const errors = Object.fromEntries(names.map((n) => [n, 0])) as Record<
      keyof typeof calls,
      number
    >;
    const firstError: string[] = [];
    let issued = 0;
    const total = options.requests * names.length;
    const deadline = performance.now() + options.seconds * 1000;
    log(
      `load on ${handle.kind}: ${options.users} signed-in users, ${options.requests} requests per procedure, at most ${options.seconds} s`,
    );
    const started = performance.now();
    await Promise.all(
      cookies.map(async (cookie, u) => {
        for (let k = u; ; k++) {
          if (issued >= total || performance.now() > deadline) return;
          issued++;
          const name = must(names[k % names.length], 'names[k % names.length]');
          const t0 = performance.now();
          try {
            await trpc(cookie, name, calls[name]);
            timings[name].push(performance.now() - t0);
          } catch (error) {
            errors[name]++;
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            const why = cause ? ` (${cause.code ?? cause.message ?? String(cause)})` : '';
            if (firstError.length < 3)
              firstError.push(`${name}: ${(error as Error).message}${why}`);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const figures = names.map((name): LoadFigures => {
      const sorted = [...timings[name]].sort((a, b) => a - b);
      return {
        procedure: name,
        count: sorted.length,
        errors: errors[name],
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        max: sorted.at(-1) ?? NaN,
      };
    });
    const ms = (x: number) => `${Math.round(x)} ms`;
    for (const f of figures)
      log(
        `  ${f.procedure.padEnd(18)} ${String(f.count).padStart(5)} ok, ${f.errors} errors: p50 ${ms(f.p50)}, p99 ${ms(f.p99)}, max ${ms(f.max)}`,
      );
    log(`  ${issued} requests in ${elapsed.toFixed(1)} s (${(issued / elapsed).toFixed(1)}/s)`);
    for (const e of firstError) log(`  error: ${e}`);
    return figures;
  } finally {
    await server.close();
    await handle.close();
    await cleanup();
  }
}
