import { queryRows, sql, type Database, type DatabaseHandle } from '@jalon/db';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, procedures, rolledBack, rowCounts, type Outcome } from './harness';
import { samples } from './samples';
import { buildWorld, sharedPersonCode, type World } from './world';
import { must } from '@jalon/domain';

/**
 * Tenant isolation, seen from organisation B's administrator: whatever she calls, nothing of
 * organisation A (the demo, hundreds of records) comes back — no id, no code, and no figure that
 * counts A's facts; A's records named by id or code are NOT_FOUND (or an unknown reference).
 */
const kinds = await testDatabaseKinds();

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every id and code of a record organisation A holds. */
async function fingerprintsOf(db: Database, organisationId: string) {
  const ids = new Set<string>();
  const codes = new Set<string>();
  const tables = await queryRows<{ table: string; column: string }>(
    db,
    sql`select c.table_name as "table", c.column_name as "column"
        from information_schema.columns c
        join information_schema.columns o
          on o.table_name = c.table_name and o.table_schema = c.table_schema and o.column_name = 'organisation_id'
        where c.table_schema = 'public' and c.column_name in ('id', 'code')
          -- an assessment framework's codes are a vocabulary ('programme', 'governance'…), not records
          and (c.column_name = 'id' or c.table_name not like 'assessment%')`,
  );
  for (const { table, column } of tables) {
    const rows = await queryRows<{ v: string }>(
      db,
      sql`select ${sql.identifier(column)}::text as v from ${sql.identifier(table)}
          where organisation_id = ${organisationId}`,
    );
    for (const { v } of rows) (column === 'id' ? ids : codes).add(v);
  }
  return { ids, codes };
}

/** What of A a response carries: A's ids anywhere in it, A's codes as whole string values. */
function traces(value: unknown, a: { ids: Set<string>; codes: Set<string> }): string[] {
  const found = new Set<string>();
  const text = JSON.stringify(value) ?? '';
  for (const m of text.match(uuid) ?? []) if (a.ids.has(m)) found.add(m);
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (a.codes.has(v)) found.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found];
}

describe.each(kinds)('tenant isolation on %s', (kind) => {
  let handle: DatabaseHandle;
  let world: World;
  let a: { ids: Set<string>; codes: Set<string> };
  const asB = (path: string, input: unknown) => call(handle.db, world.adminB, path, input);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses of any procedure, checked by shape
  const value = <T = any>(o: Outcome): T => {
    if (!o.ok) throw o.error;
    return o.value as T;
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    world = await buildWorld(handle.db);
    a = await fingerprintsOf(handle.db, world.orgA);
    // Codes B shares by construction with A's vocabulary would make the check meaningless.
    for (const code of (await fingerprintsOf(handle.db, world.orgB)).codes) a.codes.delete(code);
  }, 120_000);
  afterAll(async () => handle?.close(), 60_000);

  it('knows what A holds', () => {
    expect(a.ids.size).toBeGreaterThan(300);
    expect(a.codes).toContain('PROSMED-CCSC');
    expect(a.codes).toContain('WANEP-ML');
  });

  it("lists hold B's records and only them", async () => {
    const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);
    expect(ids(value(await asB('programme.list', undefined)))).toEqual([world.b.programme]);
    expect(ids(value(await asB('grant.list', undefined)))).toEqual([world.b.grant.id]);
    expect(ids(value(await asB('indicator.list', undefined)))).toEqual([world.b.indicator]);
    // Filtered on A's grant: nothing, not A's indicators.
    expect(ids(value(await asB('indicator.list', { grantId: world.a.grants.prosmed.id })))).toEqual(
      [],
    );
    const activities = value<{ items: { id: string }[]; total: number }>(
      await asB('activity.list', { limit: 500 }),
    );
    expect([ids(activities), activities.total]).toEqual([[world.b.activity.id], 1]);
    expect(value(await asB('activity.list', { programmeId: world.a.programmes.fps }))).toEqual({
      items: [],
      total: 0,
    });
    expect(value(await asB('activity.list', { programmeCode: 'FPS' }))).toMatchObject({
      total: 0,
    });
    const incidents = value<{ items: { id: string }[]; total: number }>(
      await asB('incident.list', { limit: 500 }),
    );
    expect([ids(incidents), incidents.total]).toEqual([[world.b.incident], 1]);
    expect(value(await asB('target.list', { indicatorId: world.b.indicator }))).toMatchObject({
      targets: [{ value: 7, periodCode: '2023-Q2' }],
    });
  });

  it("figures and summaries count B's facts only", async () => {
    const own = { activities: 1, sessions: 3, participants: { value: 4321 } };
    const incidents = { incidents: 1, deaths: 977, injuries: 988 };
    expect(value(await asB('bulletin.figures', { period: '2023-Q2' }))).toMatchObject({
      totals: { ...own, ...incidents },
    });
    for (const by of ['month', 'category', 'region'] as const) {
      const summary = value<{ totals: unknown; groups: { incidents: number; key: string }[] }>(
        await asB('incident.summary', { period: '2023-Q2', by }),
      );
      expect(summary.totals).toEqual(incidents);
      // Grouped by B's months, categories or regions (B's own place), never A's.
      expect(summary.groups.reduce((n, g) => n + g.incidents, 0)).toBe(1);
    }
    expect(value(await asB('dashboard.summary', { period: '2023-Q2' }))).toMatchObject({
      figures: own,
    });
    expect(value(await asB('dashboard.summary', { period: '2023' }))).toMatchObject({
      figures: own,
    });
    const values = value<{ items: { value: { value: number } | null }[] }>(
      await asB('indicator.values', { indicatorIds: [world.b.indicator], period: '2023-Q2' }),
    );
    expect(values.items.map((i) => i.value?.value)).toEqual([1]);
    const report = value<{ grant: { id: string } }>(
      await asB('report.model', { grant: world.b.grant.code, period: '2023-Q2' }),
    );
    expect(report.grant.id).toBe(world.b.grant.id);
  });

  it("A's records, named by id or code, are not found", async () => {
    const notFound = async (path: string, input: unknown) => {
      const o = await asB(path, input);
      expect(o.ok ? 'succeeded' : o.code, `${path} ${JSON.stringify(input)}`).toBe('NOT_FOUND');
    };
    await notFound('programme.byId', { id: world.a.programmes.fps });
    await notFound('activity.byId', { id: world.a.activities.own.id });
    await notFound('grant.byId', { id: world.a.grants.prosmed.id });
    await notFound('indicator.byId', { id: world.a.indicators.prosmed });
    await notFound('target.list', { indicatorId: world.a.indicators.prosmed });
    await notFound('indicator.values', {
      indicatorIds: [world.a.indicators.prosmed],
      period: '2023-Q2',
    });
    await notFound('report.preview', { grant: 'PROSMED-CCSC', period: '2023-Q2' });
    await notFound('report.preview', { grant: world.a.grants.prosmed.id, period: '2023-Q2' });
    await notFound('report.model', { grant: 'JUST-FUTURE', period: '2023-Q2' });
    await notFound('dashboard.summary', { period: '2023-Q2', programme: 'FPS' });
    await notFound('dashboard.summary', { period: '2023-Q2', grant: world.a.grants.prosmed.id });
    await notFound('assessment.scorecard', { cycle: 2022 });
  });

  /**
   * The participant register, both ways: each organisation lists, searches and writes its own
   * people only — a code both registers hold (`sharedPersonCode`) names a different person in
   * each, and a person's id from the other register is an unknown person.
   */
  it.each(['B', 'A'] as const)(
    "%s's users list, search and write their own people only, never the other organisation's",
    async (me) => {
      const [actor, mine, theirs, myActivity, theirActivity] =
        me === 'B'
          ? [
              world.adminB,
              world.b.persons,
              world.a.persons,
              world.b.activity,
              world.a.activities.own,
            ]
          : [
              world.actors['me-officer'],
              world.a.persons,
              world.b.persons,
              world.a.activities.own,
              world.b.activity,
            ];
      const as = (path: string, input: unknown) => call(handle.db, actor, path, input);
      type Listed = {
        items: { id: string; code: string; participations: number }[];
        total: number;
      };
      const listed = async (input: unknown) => {
        const r = value<Listed>(await as('person.list', input));
        return { ids: r.items.map((i) => i.id).sort(), total: r.total };
      };
      const theirIds = [theirs.named.id, theirs.shared.id];

      // The whole register, sorted every way: mine, never theirs.
      for (const sort of ['code', 'name', '-participations', '-last-seen'] as const) {
        const all = await listed({ sort, limit: 500 });
        expect(all.ids, sort).toEqual(expect.arrayContaining([mine.named.id, mine.shared.id]));
        expect(
          all.ids.filter((id) => theirIds.includes(id)),
          sort,
        ).toEqual([]);
      }
      // Searched by their code, their name, the code both use: theirs never comes back.
      expect(await listed({ search: theirs.named.code })).toEqual({ ids: [], total: 0 });
      expect(await listed({ search: theirs.named.displayName })).toEqual({ ids: [], total: 0 });
      expect(await listed({ search: sharedPersonCode })).toEqual({
        ids: [mine.shared.id],
        total: 1,
      });
      // Filtered on their programme: nothing.
      const theirProgramme = me === 'B' ? world.a.programmes.fps : world.b.programme;
      expect(await listed({ programmeId: theirProgramme })).toEqual({ ids: [], total: 0 });
      // Their activity's named people are not found.
      const other = await as('attendance.list', { activityId: theirActivity.id });
      expect(other.ok ? 'succeeded' : other.code).toBe('NOT_FOUND');

      // Writing: their person named by id is an unknown person, and nothing is written.
      const before = await rowCounts(handle.db);
      const byId = await as('attendance.set', {
        activityId: myActivity.id,
        participants: [{ personId: theirs.named.id }],
      });
      expect(byId.ok ? 'succeeded' : byId.code).toBe('BAD_REQUEST');
      // Their activity cannot be given people, even mine.
      const onTheirs = await as('attendance.set', {
        activityId: theirActivity.id,
        participants: [{ personId: mine.named.id }],
      });
      expect(onTheirs.ok ? 'succeeded' : onTheirs.code).toBe('NOT_FOUND');
      expect(await rowCounts(handle.db)).toEqual(before);

      // The code both registers hold names my person: theirs is neither attached nor changed.
      const theirsBefore = await queryRows(
        handle.db,
        sql`select * from person where id in (${theirs.named.id}, ${theirs.shared.id}) order by id`,
      );
      const byCode = await rolledBack(handle.db, async (tx) => {
        const set = await call(tx, actor, 'attendance.set', {
          activityId: myActivity.id,
          participants: [{ code: sharedPersonCode, displayName: 'Renommé' }],
        });
        const people = await queryRows<{ id: string; organisation_id: string }>(
          tx,
          sql`select id, organisation_id from person where code = ${sharedPersonCode} and display_name = 'Renommé'`,
        );
        return { set, people };
      });
      expect(byCode.people).toEqual([
        { id: mine.shared.id, organisation_id: actor.organisationId },
      ]);
      const set = value<{ items: { personId: string }[] }>(byCode.set);
      expect(set.items.map((a) => a.personId)).toEqual([mine.shared.id]);
      expect(
        await queryRows(
          handle.db,
          sql`select * from person where id in (${theirs.named.id}, ${theirs.shared.id}) order by id`,
        ),
      ).toEqual(theirsBefore);
    },
  );

  /**
   * The sweep that keeps up with the router: every procedure, called by B's administrator with
   * B's sample (its `otherOrganisation` one: B's own records) and with A's (`own`), returns
   * nothing of A. Mutations run in a rolled-back transaction; those naming A's records must be
   * refused and write nothing.
   */
  it.each(procedures)(
    '$path returns nothing of A to B',
    async ({ path, type }) => {
      const table = samples[path];
      expect(table, `${path} has no samples in security/samples.ts`).toBeDefined();
      const cases = must(table, 'table')(world);
      const problems: string[] = [];
      const inputs: [string, unknown][] = [
        [
          "B's",
          must(cases.otherOrganisation ?? cases.own, '(cases.otherOrganisation ?? cases.own)')
            .input,
        ],
        ["A's", must(cases.own, 'cases.own').input],
      ];
      const before = await rowCounts(handle.db);
      for (const [whose, input] of inputs) {
        // A mutation that names no record of an organisation (creating a donor) is B's to make:
        // it is rolled back like B's own, so the sweep compares what it returns, not what it wrote.
        const outcome =
          type === 'mutation' && (whose === "B's" || !cases.otherOrganisation)
            ? await rolledBack(handle.db, (tx) => call(tx, world.adminB, path, input))
            : await asB(path, input);
        if (outcome.ok) {
          const leaked = traces(outcome.value, a);
          if (leaked.length) problems.push(`${whose} input: A's ${leaked.slice(0, 5).join(', ')}`);
          if (type === 'mutation' && whose === "A's" && cases.otherOrganisation)
            problems.push(`A's input: a mutation on A's records succeeded`);
        } else if (
          // CONFLICT: B's own record refused for B's own data (a donor its grant still names)
          !['NOT_FOUND', 'BAD_REQUEST', 'FORBIDDEN', 'PRECONDITION_FAILED', 'CONFLICT'].includes(
            outcome.code,
          )
        ) {
          problems.push(`${whose} input: ${outcome.code} ${(outcome.error as Error).message}`);
        }
      }
      expect(await rowCounts(handle.db), `${path}: wrote`).toEqual(before);
      expect(problems).toEqual([]);
    },
    60_000,
  );
});
