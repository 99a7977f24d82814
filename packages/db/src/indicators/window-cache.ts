import {
  matchesDeliverable,
  matchesIncident,
  must,
  type ActivityFact,
  type ActivityFilter,
  type AttributeCount,
  type CountRecord,
  type DayWindow,
  type DeliverableFilter,
  type IncidentFilter,
} from '@jalon/domain';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../client';
import type { CountQualifier } from '../schema/index';
import { attributeColumns, toAttributeCount, type AttributeColumns } from './attendance-attributes';
import { activityFilterSql } from './fact-filters';

/**
 * An activity of the window with what the indicators count of it: sessions, recorded counts, and
 * its named people (attendance rows, all dates) counted up to its participant total (at least 1):
 * enough to tell an activity without names, or with fewer names than its count. Exact numbers
 * come from `attributeGroups`. Which filters it passes is decided in SQL (`inside`).
 */
export type WindowActivity = Pick<ActivityFact, 'id' | 'date' | 'sessions' | 'participation'> & {
  named: number;
};

/** Each person once, with the attributes of their latest attendance in a window, counted by attributes. */
export type PeopleRow = AttributeColumns & { n: number };

interface WindowData {
  activities: WindowActivity[];
  /** For each filter announced before the window was read, the activities that pass it. */
  passing: Map<string, Set<string>>;
  /** The windows read in the same statement: their attendance groups are read together too. */
  batch: { windows: DayWindow[]; attributeGroups?: Promise<Map<string, AttributeCount[]>> };
}

interface PeopleResult {
  unique: PeopleRow[];
  /** Present when the batch also told new people apart. */
  new?: PeopleRow[];
}

interface PeopleWanted {
  filter: ActivityFilter | undefined;
  needNew: boolean;
  /** The attendance columns the counts need (the others are not read). */
  columns: Set<AttributeColumn>;
}

/** The attendance columns that hold attributes, and the dimension codes each one answers. */
type AttributeColumn = 'sex' | 'age_group' | 'disability' | 'category' | 'extra';
const ATTRIBUTE_COLUMNS: readonly AttributeColumn[] = [
  'sex',
  'age_group',
  'disability',
  'category',
  'extra',
];

/** The columns holding these dimensions: `age` is `age_group`, custom dimensions are in `extra`. */
function columnsFor(dimensions: readonly string[]): Set<AttributeColumn> {
  const columns = new Set<AttributeColumn>();
  for (const d of dimensions) {
    if (d === 'age') columns.add('age_group');
    else if (d === 'sex' || d === 'disability' || d === 'category') columns.add(d);
    else columns.add('extra');
  }
  return columns;
}

const covers = (loaded: Set<AttributeColumn>, wanted: Set<AttributeColumn>) =>
  [...wanted].every((c) => loaded.has(c));

/** A count over a window's incidents or deliverables: a sum over the window's grouped facts. */
export type FactCount =
  | {
      kind: 'incidents';
      measure: 'count' | 'deaths' | 'injuries';
      filter?: IncidentFilter | undefined;
    }
  | { kind: 'deliverables'; filter?: DeliverableFilter | undefined };

const factCountKey = (c: FactCount) =>
  JSON.stringify([c.kind, c.kind === 'incidents' ? c.measure : 'count', c.filter ?? {}]);

/**
 * The window's incidents or deliverables grouped by what a filter reads of them (place, category,
 * verification; type, programme, grant): a few rows however many facts, and every filter of every
 * window is then the domain's own `matchesIncident` / `matchesDeliverable` over these groups.
 */
type FactGroup = {
  /** Which window of the batch. */
  k: number;
  kind: 'incidents' | 'deliverables';
  /** Incidents: the place's path (null without a place); deliverables: the type. */
  a: string | null;
  /** Incidents: the category; deliverables: the programme's code. */
  b: string;
  verified: boolean | null;
  grant_code: string | null;
  n: number;
  deaths: number;
  injuries: number;
};

/** The value of one count over a window's groups. */
function countOf(groups: readonly FactGroup[], c: FactCount): number {
  let total = 0;
  for (const g of groups) {
    if (g.kind !== c.kind) continue;
    if (c.kind === 'deliverables') {
      const fact = { type: g.a ?? '', programme: g.b, grants: g.grant_code ? [g.grant_code] : [] };
      if (matchesDeliverable(fact, c.filter)) total += g.n;
      continue;
    }
    const fact = { place: g.a ?? '', category: g.b, verified: g.verified === true };
    if (!matchesIncident(fact, c.filter)) continue;
    total += c.measure === 'deaths' ? g.deaths : c.measure === 'injuries' ? g.injuries : g.n;
  }
  return total;
}

const windowKey = (w: DayWindow) => `${w.start}|${w.end}`;

/**
 * The windows of one reading as a small table `w(k, s, e, ms, me)`: its number in the batch, its
 * first and last day, and their stored month keys (which let the (organisation, month) indexes
 * find each window's rows).
 */
function windowsTable(windows: readonly DayWindow[]): SQL {
  return sql`(values ${sql.join(
    windows.map(
      (w, k) =>
        sql`(${k}::int, ${w.start}::date, ${w.end}::date, ${monthKeyOf(w.start)}::int, ${monthKeyOf(w.end)}::int)`,
    ),
    sql`, `,
  )}) as w(k, s, e, ms, me)`;
}
const filterKey = (f: ActivityFilter | undefined) => JSON.stringify(f ?? {});

/** `2023-05-09` → 202305, as the stored `month` columns hold it. */
export function monthKeyOf(date: string): number {
  return Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7));
}

/**
 * What many indicators of one report share: for each window, its activities (sessions, counts,
 * named people, and which of the announced filters they pass) read once, and their attendance
 * grouped by attributes when participations are asked for; and the people of each window for
 * every filter the report expects, in one query per window (one reading of the window's
 * attendance, however many indicators count people in it). Filters are the SQL mirror of the
 * engine's `matchesActivity`. One cache per request: it is never invalidated.
 */
export class WindowCache {
  private readonly windows = new Map<string, Promise<WindowData>>();
  private readonly peopleWanted = new Map<string, Map<string, PeopleWanted>>();
  private readonly peopleResults = new Map<
    string,
    { withNew: boolean; columns: Set<AttributeColumn>; rows: Promise<PeopleResult> }
  >();
  private readonly insideRows = new Map<string, Promise<WindowActivity[]>>();
  private readonly filtersWanted = new Map<string, Map<string, ActivityFilter | undefined>>();
  private readonly countsWanted = new Map<string, Map<string, FactCount>>();
  private readonly countResults = new Map<string, Promise<number>>();
  private readonly windowsByKey = new Map<string, DayWindow>();

  constructor(
    private readonly db: Database,
    private readonly organisationId: string,
  ) {}

  activities(w: DayWindow): Promise<WindowActivity[]> {
    return this.window(w).then((d) => d.activities);
  }

  /** Attendance of the window's activities (all dates) grouped by activity and attributes. */
  async attributeGroups(w: DayWindow): Promise<Map<string, AttributeCount[]>> {
    const { batch } = await this.window(w);
    // Keyed by activity: the groups of every window read with this one come in one statement.
    batch.attributeGroups ??= this.loadGroups(batch.windows);
    return batch.attributeGroups;
  }

  /**
   * Announces that the activities of this window passing this filter will be asked for, so that
   * the window's reading tells which pass it.
   */
  expectActivities(w: DayWindow, filter: ActivityFilter | undefined): void {
    let wanted = this.filtersWanted.get(windowKey(w));
    if (!wanted) {
      wanted = new Map();
      this.filtersWanted.set(windowKey(w), wanted);
      this.remember(w);
    }
    wanted.set(filterKey(filter), filter);
  }

  /**
   * The window's activities that pass the filter, once per filter: the filter is `activityFilterSql`
   * (held equal to the engine's `matchesActivity` by the differential test), evaluated with the
   * window's reading when it was announced, by a reading of its own otherwise.
   */
  inside(w: DayWindow, filter: ActivityFilter | undefined): Promise<WindowActivity[]> {
    const key = `${windowKey(w)}|${filterKey(filter)}`;
    let rows = this.insideRows.get(key);
    if (!rows) {
      rows = this.window(w).then(async (data) => {
        const passing = data.passing.get(filterKey(filter)) ?? (await this.passingIds(w, filter));
        return data.activities.filter((a) => passing.has(a.id));
      });
      this.insideRows.set(key, rows);
    }
    return rows;
  }

  /** Announces a count of the window's incidents or deliverables, read with the window's others. */
  expectCount(w: DayWindow, count: FactCount): void {
    let wanted = this.countsWanted.get(windowKey(w));
    if (!wanted) {
      wanted = new Map();
      this.countsWanted.set(windowKey(w), wanted);
      this.remember(w);
    }
    wanted.set(factCountKey(count), count);
  }

  /**
   * A count of the window's incidents (their number, deaths or injuries) or deliverables passing
   * a filter. Every count announced, for this window and every other, and not read yet is read
   * with it in one statement: each table's facts of each window grouped by what the filters read
   * of them (`FactGroup`), and each count is the domain's filter over these groups — the rule is
   * the engine's own, not an SQL mirror of it.
   */
  factCount(w: DayWindow, count: FactCount): Promise<number> {
    const key = `${windowKey(w)}|${factCountKey(count)}`;
    const known = this.countResults.get(key);
    if (known) return known;
    this.expectCount(w, count);
    // Decided without awaiting, so that concurrent calls share one reading.
    const batch = [...this.countsWanted].flatMap(([wk, wanted]) =>
      [...wanted]
        .filter(([ck]) => !this.countResults.has(`${wk}|${ck}`))
        .map(([ck, c]) => ({ key: `${wk}|${ck}`, wk, c })),
    );
    const windows = [...new Set(batch.map((x) => x.wk))];
    const loaded = this.loadCounts(
      windows.map((wk) => must(this.windowsByKey.get(wk), 'an announced window')),
      new Set(batch.map((x) => x.c.kind)),
    );
    for (const x of batch) {
      const k = windows.indexOf(x.wk);
      this.countResults.set(
        x.key,
        loaded.then((groups) =>
          countOf(
            groups.filter((g) => g.k === k),
            x.c,
          ),
        ),
      );
    }
    return must(this.countResults.get(key), 'the count just announced for this window');
  }

  private async loadCounts(
    windows: readonly DayWindow[],
    kinds: ReadonlySet<FactCount['kind']>,
  ): Promise<FactGroup[]> {
    const ws = windowsTable(windows);
    const parts: SQL[] = [];
    if (kinds.has('incidents'))
      parts.push(sql`select w.k, 'incidents' as kind, pl.path as a, i.category as b, i.verified, null::text as grant_code,
                            count(*)::int as n, coalesce(sum(i.deaths), 0)::int as deaths,
                            coalesce(sum(i.injuries), 0)::int as injuries
                       from ${ws}
                       join incident i on i.organisation_id = ${this.organisationId}
                        and i.month between w.ms and w.me and i.date between w.s and w.e
                       left join place pl on pl.id = i.place_id
                      group by w.k, pl.path, i.category, i.verified`);
    if (kinds.has('deliverables'))
      parts.push(sql`select w.k, 'deliverables' as kind, d.type as a, p.code as b, null::boolean as verified,
                            g.code as grant_code, count(*)::int as n, 0 as deaths, 0 as injuries
                       from ${ws}
                       join deliverable d on d.organisation_id = ${this.organisationId} and d.date between w.s and w.e
                       join programme p on p.id = d.programme_id
                       left join grant_agreement g on g.id = d.grant_id
                      group by w.k, d.type, p.code, g.code`);
    const rows = await queryRows<FactGroup>(this.db, sql.join(parts, sql` union all `));
    return rows.map((r) => ({
      ...r,
      k: Number(r.k),
      n: Number(r.n),
      deaths: Number(r.deaths),
      injuries: Number(r.injuries),
    }));
  }

  private async passingIds(w: DayWindow, filter: ActivityFilter | undefined): Promise<Set<string>> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`select a.id from activity a
           where a.organisation_id = ${this.organisationId} and a.start_date between ${w.start} and ${w.end}
             and ${activityFilterSql(filter)}`,
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Announces that people will be counted in this window with this filter, by these dimensions,
   * so that the first count of the window reads them together with the others.
   */
  expectPeople(
    w: DayWindow,
    filter: ActivityFilter | undefined,
    measure: 'unique-people' | 'new-people',
    dimensions: readonly string[],
  ): void {
    const key = filterKey(filter);
    const wanted = this.wantedIn(w);
    const known = wanted.get(key);
    wanted.set(key, {
      filter,
      needNew: (known?.needNew ?? false) || measure === 'new-people',
      columns: new Set([...(known?.columns ?? []), ...columnsFor(dimensions)]),
    });
  }

  /**
   * The people of the window among the activities that pass the filter (attendance dated in the
   * window; for new people, none dated before it), each once, grouped by the attributes of their
   * latest attendance in the window. Only the attributes of the given dimensions are read: the
   * others come back unknown.
   */
  async people(
    w: DayWindow,
    filter: ActivityFilter | undefined,
    measure: 'unique-people' | 'new-people',
    dimensions: readonly string[],
  ): Promise<PeopleRow[]> {
    const key = `${windowKey(w)}|${filterKey(filter)}`;
    const needNew = measure === 'new-people';
    let result = this.peopleResults.get(key);
    // Decided without awaiting, so that concurrent calls share one batch.
    if (
      !result ||
      (needNew && !result.withNew) ||
      !covers(result.columns, columnsFor(dimensions))
    ) {
      this.expectPeople(w, filter, measure, dimensions);
      // Every (window, filter) announced and not read yet, of every window, and this one, in one
      // query.
      const batch = [...this.peopleWanted].flatMap(([wk, wanted]) =>
        [...wanted]
          .filter(([fk]) => `${wk}|${fk}` === key || !this.peopleResults.has(`${wk}|${fk}`))
          .map(([fk, v]) => ({
            key: `${wk}|${fk}`,
            w: must(this.windowsByKey.get(wk), 'an announced window'),
            v,
          })),
      );
      const withNew = batch.some((b) => b.v.needNew);
      const columns = new Set(batch.flatMap((b) => [...b.v.columns]));
      const loaded = this.loadPeople(
        batch.map((b) => ({ w: b.w, filter: b.v.filter })),
        withNew,
        columns,
      );
      batch.forEach((b, i) =>
        this.peopleResults.set(b.key, {
          withNew,
          columns,
          rows: loaded.then((all) => must(all[i], 'a cached window’s answer')),
        }),
      );
      result = must(this.peopleResults.get(key), 'the cached unique-people answer');
    }
    const r = await result.rows;
    return needNew ? must(r.new, 'the count of people new in the window') : r.unique;
  }

  private wantedIn(w: DayWindow): Map<string, PeopleWanted> {
    let wanted = this.peopleWanted.get(windowKey(w));
    if (!wanted) {
      wanted = new Map();
      this.peopleWanted.set(windowKey(w), wanted);
      this.remember(w);
    }
    return wanted;
  }

  private remember(w: DayWindow): void {
    if (!this.windowsByKey.has(windowKey(w)))
      this.windowsByKey.set(windowKey(w), { start: w.start, end: w.end });
  }

  /**
   * The window's reading; every other window whose activities were announced and not read yet
   * is read in the same statement (the quarters of a trend: one reading, not one each).
   */
  private window(w: DayWindow): Promise<WindowData> {
    const key = windowKey(w);
    const known = this.windows.get(key);
    if (known) return known;
    this.remember(w);
    const batch = [
      key,
      ...[...this.filtersWanted.keys()].filter((k) => k !== key && !this.windows.has(k)),
    ].map((k) => must(this.windowsByKey.get(k), 'an announced window'));
    const loaded = this.load(batch);
    batch.forEach((b, i) =>
      this.windows.set(
        windowKey(b),
        loaded.then((all) => must(all[i], 'a window of the batch')),
      ),
    );
    return must(this.windows.get(key), 'the window just read');
  }

  /**
   * The windows' activities with their counts, named people, and whether they pass each filter
   * announced for any of them, in one reading.
   */
  private async load(windows: DayWindow[]): Promise<WindowData[]> {
    const { db, organisationId } = this;
    const filters = [
      ...new Map(
        windows.flatMap((w) => [...(this.filtersWanted.get(windowKey(w)) ?? new Map())]),
      ).entries(),
    ];
    const passes = filters.map(
      ([, filter], i) => sql`, (${activityFilterSql(filter)}) as ${sql.raw(`f${i}`)}`,
    );
    const rows = await queryRows<
      {
        k: number;
        id: string;
        date: string;
        sessions: number;
        named: number;
        total: number | null;
        total_qualifier: CountQualifier | null;
        has_count: boolean;
        cells: { dims: Record<string, string>; value: number; qualifier: CountQualifier }[] | null;
      } & Record<`f${number}`, boolean>
    >(
      db,
      // The recorded cells come with their activity (one statement per window, not two).
      sql`select w.k, a.id, a.start_date as date, a.sessions,
                 -- Counting stops at the total: one index probe for most activities, not all their rows.
                 (select count(*)::int from (select 1 from attendance t where t.activity_id = a.id
                                             limit greatest(coalesce(pc.total, 0), 1)) x) as named,
                 pc.total, pc.total_qualifier, pc.activity_id is not null as has_count,
                 case when pc.activity_id is not null then
                   (select json_agg(json_build_object('dims', c.dims, 'value', c.value, 'qualifier', c.qualifier)
                                    order by c.cell_key)
                      from participation_cell c
                     where c.organisation_id = a.organisation_id and c.activity_id = a.id)
                 end as cells
                 ${sql.join(passes, sql``)}
            from ${windowsTable(windows)}
            join activity a on a.organisation_id = ${organisationId}
             and a.start_date between w.s and w.e and a.start_month between w.ms and w.me
            left join participation_count pc on pc.activity_id = a.id`,
    );
    const records = new Map<string, CountRecord>(
      rows
        .filter((r) => r.has_count)
        .map((r) => [
          r.id,
          {
            total:
              r.total === null
                ? null
                : { value: Number(r.total), qualifier: r.total_qualifier ?? 'exact' },
            cells: (r.cells ?? []).map((c) => ({
              key: c.dims,
              value: Number(c.value),
              qualifier: c.qualifier,
            })),
          },
        ]),
    );
    const batch: WindowData['batch'] = { windows };
    return windows.map((_, k) => {
      const mine = rows.filter((r) => Number(r.k) === k);
      return {
        activities: mine.map((r) => ({
          id: r.id,
          date: r.date,
          sessions: Number(r.sessions),
          participation: records.get(r.id) ?? null,
          named: Number(r.named),
        })),
        passing: new Map(
          filters.map(([key], i) => [
            key,
            new Set(mine.filter((r) => r[`f${i}`]).map((r) => r.id)),
          ]),
        ),
        batch,
      };
    });
  }

  private async loadGroups(windows: DayWindow[]): Promise<Map<string, AttributeCount[]>> {
    const rows = await queryRows<AttributeColumns & { activity_id: string; n: number }>(
      this.db,
      // Grouped inside LATERAL: each activity's attendance through the (activity_id, person_id)
      // key (measured 7x faster at 1 M rows than the scan of every attendance row that the
      // planner picks for a plain join from its row estimates).
      sql`select a.id as activity_id, g.sex, g.age_group, g.disability, g.category, g.extra, g.n
            from activity a
            cross join lateral (
              select ${attributeColumns}, count(*)::int as n from attendance t where t.activity_id = a.id
               group by t.sex, t.age_group, t.disability, t.category, t.extra) g
           where a.organisation_id = ${this.organisationId}
             and exists (select 1 from ${windowsTable(windows)}
                          where a.start_date between w.s and w.e and a.start_month between w.ms and w.me)
             and not exists (select 1 from participation_count pc where pc.activity_id = a.id)`,
    );
    const groups = new Map<string, AttributeCount[]>();
    for (const r of rows) {
      const list = groups.get(r.activity_id);
      if (list) list.push(toAttributeCount(r));
      else groups.set(r.activity_id, [toAttributeCount(r)]);
    }
    return groups;
  }

  /**
   * One reading of the window's attendance for several filters: each filter's activities (any
   * date: attendance is dated on its own) are numbered k, and DISTINCT ON (k, person) keeps each
   * person's latest attendance per filter, as the domain's `peopleIn` does. A person is new when
   * no attendance of theirs at the same filter's activities is dated before the window. The
   * filters are applied in SQL (`activityFilterSql`, held equal to `matchesActivity` by the
   * differential test), so this reading does not wait for the activity catalogue; only the
   * attribute columns asked for are carried through the sort.
   */
  private async loadPeople(
    asked: { w: DayWindow; filter: ActivityFilter | undefined }[],
    withNew: boolean,
    columns: Set<AttributeColumn>,
  ): Promise<PeopleResult[]> {
    // Each (window, filter) asked is numbered k and carries its window's days; the attendance is
    // read once over the span of all the windows.
    const first = asked.map((a) => a.w.start).reduce((x, y) => (y < x ? y : x));
    const last = asked.map((a) => a.w.end).reduce((x, y) => (y > x ? y : x));
    const oneWindow = asked.every((a) => a.w.start === first && a.w.end === last);
    const members = sql.join(
      asked.map(
        ({ w, filter }, k) =>
          sql`select a.id, ${sql.raw(String(k))} as k, ${w.start}::date as s, ${w.end}::date as e from activity a
               where a.organisation_id = ${this.organisationId} and ${activityFilterSql(filter)}`,
      ),
      sql` union all `,
    );
    const picked = sql.join(
      ATTRIBUTE_COLUMNS.map((c) =>
        columns.has(c)
          ? sql.raw(`t.${c}`)
          : sql.raw(`null::${c === 'extra' ? 'jsonb' : 'text'} as ${c}`),
      ),
      sql`, `,
    );
    // New people: those of the window with an earlier attendance at the same filter's activities
    // are found from the window's people (a few index probes each), not from all history.
    const earlier = withNew
      ? sql`select distinct l2.k, l2.person_id from latest l2
              join attendance t2 on t2.person_id = l2.person_id
              join m m2 on m2.id = t2.activity_id and m2.k = l2.k
             where t2.date < ${oneWindow ? sql`${first}` : sql`m2.s`}`
      : sql`select null::int as k, null::uuid as person_id where false`;
    const query = sql`with m as materialized (${members}),
        latest as ${withNew ? sql`materialized` : sql`not materialized`} (
          select distinct on (m.k, t.person_id) m.k, t.person_id, ${picked}
            from attendance t join m on m.id = t.activity_id
           where t.organisation_id = ${this.organisationId}
             and t.date between ${first} and ${last}
             -- the stored month key lets the (organisation_id, month) index find the window's rows
             and t.month between ${monthKeyOf(first)} and ${monthKeyOf(last)}
             ${oneWindow ? sql`` : sql`and t.date between m.s and m.e`}
           order by m.k, t.person_id, t.date desc, t.activity_id desc
        )
        select l.k, p.person_id is null as is_new, l.sex, l.age_group, l.disability, l.category, l.extra, count(*)::int as n
          from latest l left join (${earlier}) p on p.k = l.k and p.person_id = l.person_id
         group by 1, 2, l.sex, l.age_group, l.disability, l.category, l.extra`;
    // The sort behind DISTINCT ON spills to disk with the default work_mem on a long window:
    // raised for this query only (raised globally it stops parallel plans).
    const rows = await this.db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`);
      return queryRows<PeopleRow & { k: number; is_new: boolean }>(tx, query);
    });
    const out: PeopleResult[] = asked.map(() =>
      withNew ? { unique: [], new: [] } : { unique: [] },
    );
    for (const r of rows) {
      const result = must(out[Number(r.k)], 'the answer of a window asked for');
      result.unique.push(r);
      if (r.is_new) result.new?.push(r);
    }
    return out;
  }
}
