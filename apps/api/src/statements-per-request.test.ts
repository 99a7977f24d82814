import { ReadCache } from '@jalon/api';
import { openDatabase, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { createScratchDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { signIn } from './testing';

/*
 * What one request costs the database, counted in statements (not timed: the count does not
 * depend on how loaded the machine is). Under load every statement is a round trip through the
 * connection pool, so the count is what the load goals on PostgreSQL turn on
 * (`pnpm jalon bench --only load`): resolving the session is one statement, a read the cache
 * answers is two (the session and the organisation's facts stamp), and a computed dashboard or
 * set of indicator values stays within the budgets below.
 */
const kinds = await testDatabaseKinds();

/**
 * Statements of a computed read (a cache miss) on the demo data: 14 and 35 before the session
 * took one statement, the dashboard shared its window readings with its figures and the
 * incident and deliverable counts of a window became one statement. The dashboard's quarter of
 * distinct named people (the unique-people trend) adds its own reading: one COUNT DISTINCT in a
 * transaction that raises `work_mem` (begin, set local, the count, commit) on PostgreSQL.
 */
const budgets = { 'indicator.values': 8, 'dashboard.summary': 15 } as const;

describe.each(kinds)('statements per request on %s', (kind) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void> = async () => {};
  let counting = false;
  const statements: string[] = [];
  let cached: Hono;
  let uncached: Hono;
  let cookie: string;
  let indicatorIds: string[];

  beforeAll(async () => {
    const onQuery = (text: string) => {
      if (counting) statements.push(text);
    };
    if (kind === 'postgres') {
      const scratch = await createScratchDatabase('jalon_statements');
      drop = scratch.drop;
      handle = await openDatabase({ url: scratch.url, maxConnections: 4, onQuery });
    } else handle = await openDatabase({ dataDir: 'memory', onQuery });
    await seedDemo(handle.db);
    cached = createApp({ db: handle.db, databaseKind: kind, readCache: new ReadCache() });
    uncached = createApp({ db: handle.db, databaseKind: kind, readCache: false });
    cookie = await signIn(cached, 'suivi@wanep-mali.demo');
    const list = (await get(cached, 'indicator.list')) as { items: { id: string }[] };
    indicatorIds = list.items.map((i) => i.id).slice(0, 40);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop();
  }, 60_000);

  async function get(app: Hono, path: string, input?: unknown): Promise<unknown> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await app.request(`/trpc/${path}${query}`, { headers: { cookie } });
    const body = await res.text();
    expect(res.status, body.slice(0, 300)).toBe(200);
    return (JSON.parse(body) as { result: { data: unknown } }).result.data;
  }

  /** The statements one request sends, with their text (the first words) for the failure message. */
  async function count(app: Hono, path: string, input?: unknown) {
    statements.length = 0;
    counting = true;
    try {
      await get(app, path, input);
    } finally {
      counting = false;
    }
    // The driver's own type lookup when the pool opens a connection is not the request's.
    const mine = statements.filter((s) => !/from pg_catalog\.pg_type/i.test(s));
    return { n: mine.length, texts: mine.map((s) => s.replace(/\s+/g, ' ').slice(0, 90)), mine };
  }

  const inputs = () => ({
    'indicator.values': { indicatorIds, period: '2023-Q2', breakdown: ['sex', 'age'] },
    'dashboard.summary': { period: '2023-Q2' },
  });

  it('resolves the session cookie in one statement', async () => {
    // session.me reads the session, then the organisation's name: two in all.
    const me = await count(cached, 'session.me');
    expect(me.mine[0]).toMatch(/from session s\s+join membership m[\s\S]+join app_user u/i);
    expect(me.n, me.texts.join('\n')).toBe(2);
  });

  it('answers a read the cache holds with two statements: the session and the facts stamp', async () => {
    for (const [path, input] of Object.entries(inputs())) {
      await get(cached, path, input);
      const hit = await count(cached, path, input);
      expect(hit.n, `${path}:\n${hit.texts.join('\n')}`).toBe(2);
    }
  });

  it('computes a dashboard and indicator values within their statement budgets', async () => {
    for (const [path, input] of Object.entries(inputs())) {
      const miss = await count(uncached, path, input);
      const budget = must(budgets[path as keyof typeof budgets], path);
      expect(miss.n, `${path}:\n${miss.texts.join('\n')}`).toBeLessThanOrEqual(budget);
    }
  });
});
