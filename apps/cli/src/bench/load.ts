import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ReadCache } from '@jalon/api';
import {
  findOrganisationByCode,
  openDatabase,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { demoPassword, seedDemo } from '@jalon/db/seed';
import { createScratchDatabase } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { startServer, type RunningServer } from '@jalon/server';

/**
 * A bounded load run on the demo data: N users signed in over HTTP, each calling
 * `indicator.values` and `dashboard.summary` in turn until a fixed number of requests or a time
 * limit, whichever comes first, against a server on the loopback only, in three phases: the
 * raw-SQL floor, the API computing every request, and the API with its read cache. Prints
 * p50 / p99 / max and errors per procedure, and the ratios to the floor; asserts nothing.
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
    'the quantile of a non-empty list of timings',
  );
}

/** What a user does in a phase: one call of a procedure, throwing on any failure. */
type Call = (user: number, procedure: Procedure) => Promise<void>;
type Procedure = 'indicator.values' | 'dashboard.summary';
const procedures: Procedure[] = ['indicator.values', 'dashboard.summary'];

/**
 * N users in a closed loop (each waits for its answer before asking again), alternating the
 * procedures, until the request budget or the time limit: p50 / p99 / max and errors of each.
 */
async function phase(
  label: string,
  options: LoadOptions,
  call: Call,
): Promise<{ figures: LoadFigures[]; lines: string[] }> {
  const timings = Object.fromEntries(procedures.map((n) => [n, [] as number[]])) as Record<
    Procedure,
    number[]
  >;
  const errors = Object.fromEntries(procedures.map((n) => [n, 0])) as Record<Procedure, number>;
  const firstError: string[] = [];
  let issued = 0;
  const total = options.requests * procedures.length;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: options.users }, async (_, u) => {
      for (let k = u; ; k++) {
        if (issued >= total || performance.now() > deadline) return;
        issued++;
        const name = must(procedures[k % procedures.length], 'a procedure of the load mix');
        const t0 = performance.now();
        try {
          await call(u, name);
          timings[name].push(performance.now() - t0);
        } catch (error) {
          errors[name]++;
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          const why = cause ? ` (${cause.code ?? cause.message ?? String(cause)})` : '';
          if (firstError.length < 3) firstError.push(`${name}: ${(error as Error).message}${why}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const figures = procedures.map((name): LoadFigures => {
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
  const lines = [`  ${label}:`];
  for (const f of figures)
    lines.push(
      `    ${f.procedure.padEnd(18)} ${String(f.count).padStart(5)} ok, ${f.errors} errors: p50 ${ms(f.p50)}, p99 ${ms(f.p99)}, max ${ms(f.max)}`,
    );
  lines.push(
    `    ${issued} requests in ${elapsed.toFixed(1)} s (${(issued / elapsed).toFixed(1)}/s); ` +
      `this process (server and clients) used ${(((cpu.user + cpu.system) / 1e6 / elapsed) * 100).toFixed(0)} % of one core`,
  );
  for (const e of firstError) lines.push(`    error: ${e}`);
  return { figures, lines };
}

/**
 * The raw-SQL floor of each procedure, sent by the same users through the same connection pool
 * with no HTTP, session, API or engine: the quarter's people by sex and age (what
 * `indicator.values` mostly counts), and with the activity and incident counts the dashboard
 * heads with. What the API costs above it is the ratio printed.
 */
function floorQuery(procedure: Procedure, org: string, start: string, end: string) {
  const people = sql`select t.sex, t.age_group, count(distinct t.person_id)::int as n
      from attendance t join activity a on a.organisation_id = t.organisation_id and a.id = t.activity_id
     where t.organisation_id = ${org} and t.date between ${start} and ${end}
     group by 1, 2`;
  if (procedure === 'indicator.values') return people;
  return sql`with p as (${people})
    select (select count(*)::int from activity a where a.organisation_id = ${org} and a.start_date between ${start} and ${end}) as activities,
           (select count(*)::int from incident i where i.organisation_id = ${org} and i.date between ${start} and ${end}) as incidents,
           (select json_agg(p) from p) as people`;
}

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

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
  const servers: RunningServer[] = [];
  try {
    await seedDemo(handle.db);
    const serve = async (readCache: ReadCache | false) => {
      const server = await startServer({
        database: { db: handle.db, databaseKind: handle.kind },
        port: 0,
        host: '127.0.0.1',
        // One line per request would drown the figures this run prints.
        accessLog: false,
        readCache,
      });
      servers.push(server);
      await server.ready;
      return `http://127.0.0.1:${server.port}`;
    };
    const cache = new ReadCache();
    const uncached = await serve(false);
    const cached = await serve(cache);
    const cookies: string[] = [];
    for (let i = 0; i < options.users; i++) {
      const res = await fetch(`${uncached}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: uncached },
        body: JSON.stringify({ email: accounts[i % accounts.length], password: demoPassword }),
      });
      if (res.status !== 200) throw new Error(`sign-in ${i} failed: HTTP ${res.status}`);
      cookies.push(must((res.headers.get('set-cookie') ?? '').split(';')[0], 'the session cookie'));
    }
    const trpc = async (base: string, cookie: string, path: string, input: unknown) => {
      const query =
        input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const res = await fetch(`${base}/trpc/${path}${query}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${body.slice(0, 200)}`);
      return JSON.parse(body) as { result: { data: unknown } };
    };
    const list = (
      await trpc(
        uncached,
        must(cookies[0], 'the session cookie of the first user'),
        'indicator.list',
        undefined,
      )
    ).result.data as {
      items: { id: string }[];
    };
    const indicatorIds = list.items.map((i) => i.id).slice(0, 40);
    const calls: Record<Procedure, unknown> = {
      'indicator.values': { indicatorIds, period: '2023-Q2', breakdown: ['sex', 'age'] },
      'dashboard.summary': { period: '2023-Q2' },
    };
    const org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      'the demo organisation',
    ).id;
    log(
      `load on ${handle.kind}: ${options.users} signed-in users, ${options.requests} requests per procedure, ` +
        `at most ${options.seconds} s per phase; load average before: ${loadAverage()}`,
    );
    const api =
      (base: string): Call =>
      async (u, name) => {
        await trpc(base, must(cookies[u], 'the session cookie of a user'), name, calls[name]);
      };
    const raw = await phase('raw SQL floor (same pool, no HTTP/API)', options, async (_u, name) => {
      await queryRows(handle.db, floorQuery(name, org, '2023-04-01', '2023-06-30'));
    });
    const cold = await phase('API, every request computed (no read cache)', options, api(uncached));
    const warm = await phase(
      'API with the read cache (the server as it runs)',
      options,
      api(cached),
    );
    for (const line of [...raw.lines, ...cold.lines, ...warm.lines]) log(line);
    log(`    read cache: ${cache.hits} hits, ${cache.misses} misses`);
    const ratio = (a: LoadFigures[], b: LoadFigures[], q: 'p50' | 'p99') =>
      procedures
        .map(
          (p, i) =>
            `${p} ${q} ×${(must(a[i], 'a measured figure')[q] / must(b[i], 'a floor figure')[q]).toFixed(1)}`,
        )
        .join(', ');
    log(`  against the raw-SQL floor: no cache ${ratio(cold.figures, raw.figures, 'p99')}`);
    log(`                             cached   ${ratio(warm.figures, raw.figures, 'p99')}`);
    log(`  load average after: ${loadAverage()}`);
    return warm.figures;
  } finally {
    for (const server of servers) await server.close();
    await handle.close();
    await cleanup();
  }
}
