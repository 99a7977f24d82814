import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { listActivities } from './activity/queries';
import { listPersons } from './person/queries';

/*
 * The sorted pages that must read an index in its own order, whatever the data: each statement a
 * list sends is planned with sorts and sequential scans priced out, and its plan must read the
 * index and hold no full Sort on the page's order (an Incremental Sort — ties on the index's key
 * ordered by code — is fine).
 * An order the index cannot give (a `desc` where the index is `desc nulls last`, a title folded at
 * query time) leaves a Sort in the plan, however it is priced.
 */
const kinds = await testDatabaseKinds();

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

/** The plan's full sorts on the page's order (not a row's places sorted by name for its JSON). */
const pageSorts = (nodes: PlanNode[]) =>
  nodes
    .filter((n) => n['Node Type'] === 'Sort')
    .map((n) => n['Sort Key'] ?? [])
    .filter((keys) => keys.some((k) => /title|seen|code/.test(k)));

describe.each(kinds)('sorted list pages read their index on %s', (kind) => {
  let handle: DatabaseHandle;
  let sent: { text: string; parameters: readonly unknown[] }[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase(kind, {
      onQuery: (text, parameters) => sent.push({ text, parameters }),
    });
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  /** The plans of the pages `run` asks for, with sorts and sequential scans priced out. */
  async function plansOf(run: () => Promise<unknown>): Promise<PlanNode[][]> {
    sent = [];
    await run();
    // The pages (not their counts, nor the driver's own look-ups).
    const statements = sent.filter((s) => /^\s*select\b[\s\S]*\blimit\b/i.test(s.text));
    const plans: PlanNode[][] = [];
    const off = ['set local enable_sort = off', 'set local enable_seqscan = off'];
    const driver = handle.driver;
    for (const { text, parameters } of statements) {
      const explain = `explain (format json) ${text}`;
      const plan: unknown =
        driver.kind === 'pglite'
          ? await driver.client.transaction(async (tx) => {
              for (const s of off) await tx.query(s);
              return (await tx.query<Record<string, unknown>>(explain, [...parameters])).rows[0]?.[
                'QUERY PLAN'
              ];
            })
          : await driver.client.begin(async (tx) => {
              for (const s of off) await tx.unsafe(s);
              const [row] = await tx.unsafe(explain, parameters as never[]);
              return row?.['QUERY PLAN'];
            });
      const [top] = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
      plans.push(top ? nodesOf(top.Plan) : []);
    }
    return plans;
  }

  it('activities sorted by title: a page from the stored sort key index', async () => {
    const [page] = await plansOf(() =>
      listActivities(handle.db, randomUUID(), { sort: 'title', limit: 50 }),
    );
    const nodes = page ?? [];
    expect(nodes.map((n) => n['Index Name'])).toContain('activity_org_title_sort_idx');
    expect(pageSorts(nodes)).toEqual([]);
  });

  it("a programme's register by count or last day: a page from that programme's index", async () => {
    for (const [sort, index] of [
      ['-participations', 'person_programme_seen_count_idx'],
      ['-last-seen', 'person_programme_seen_last_idx'],
    ] as const) {
      const [page] = await plansOf(() =>
        listPersons(handle.db, randomUUID(), {
          programmeIds: [randomUUID()],
          sort,
          limit: 50,
          offset: 100,
        }),
      );
      const nodes = page ?? [];
      expect(nodes.map((n) => n['Index Name'])).toContain(index);
      expect(pageSorts(nodes)).toEqual([]);
    }
  });
});
