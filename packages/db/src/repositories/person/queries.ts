import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import { person, personProgrammeSeen } from '../../schema/index';
import { foldedContains } from '../search';

export const PERSON_SORTS = ['code', 'name', '-participations', '-last-seen'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

export interface PersonFilter {
  /** Words found in the code or the name, accents and case ignored (each word somewhere). */
  search?: string | undefined;
  sex?: string | undefined;
  category?: string | undefined;
  /** Only people seen at an activity of these programmes (a programme officer's reach). */
  programmeIds?: string[] | undefined;
  sort?: PersonSort | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A participant of the register, with how often and when she was last seen (within the reach). */
export interface PersonRow {
  id: string;
  code: string;
  displayName: string | null;
  sex: string | null;
  birthYear: number | null;
  disability: boolean | null;
  category: string | null;
  participations: number;
  lastSeen: string | null;
}

/** Her programmes among the reach's, in `person_programme_seen` (under the alias `seen`). */
function inProgrammes(programmeIds: string[]): SQL {
  if (!programmeIds.length) return sql`false`;
  return sql`seen.programme_id in (${sql.join(
    programmeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** Her kept counts at the reach's programmes (correlated on the outer `person`). */
function seenOf(organisationId: string, programmeIds: string[]): SQL {
  return sql`from ${personProgrammeSeen} seen where seen.organisation_id = ${organisationId} and seen.person_id = ${person.id} and ${inProgrammes(programmeIds)}`;
}

/**
 * Every person's kept counts summed over the reach's programmes (one row per person and
 * programme in `person_programme_seen`): what a sort on them needs for every person.
 */
function seenByPerson(db: Database, organisationId: string, programmeIds: string[]) {
  return db
    .select({
      personId: sql<string>`seen.person_id`.as('person_id'),
      n: sql<number>`sum(seen.seen_count)::int`.as('n'),
      last: sql<string>`max(seen.last_seen)::text`.as('last'),
    })
    .from(sql`${personProgrammeSeen} seen`)
    .where(sql`seen.organisation_id = ${organisationId} and ${inProgrammes(programmeIds)}`)
    .groupBy(sql`seen.person_id`)
    .as('counted');
}

/**
 * One programme's register sorted by its kept counts: paged from `person_programme_seen`'s index
 * on (programme, count) or (programme, last day), each row joined to her person; the total counts
 * the programme's rows, joined to the people only when a filter reads them.
 */
function oneProgrammeBySeen(
  db: Database,
  organisationId: string,
  programmeId: string,
  sort: '-participations' | '-last-seen',
  people: { conditions: (SQL | undefined)[]; filtered: boolean; columns: PersonColumns },
  page: { limit: number; offset: number },
) {
  const s = personProgrammeSeen;
  const hers = and(eq(person.organisationId, s.organisationId), eq(person.id, s.personId));
  const ofProgramme = [eq(s.organisationId, organisationId), eq(s.programmeId, programmeId)];
  const where = and(...ofProgramme, ...people.conditions);
  return Promise.all([
    db
      .select({ ...people.columns, participations: s.seenCount, lastSeen: s.lastSeen })
      .from(s)
      .innerJoin(person, hers)
      .where(where)
      // `nulls last` as the indexes are built: a plain `desc` (nulls first) does not match them,
      // and the page became a sort of the whole programme (1.5 s at 100,000 activities).
      .orderBy(
        sql`${sort === '-participations' ? s.seenCount : s.lastSeen} desc nulls last`,
        asc(person.code),
      )
      .limit(page.limit)
      .offset(page.offset),
    people.filtered
      ? db.select({ n: count() }).from(s).innerJoin(person, hers).where(where)
      : db
          .select({ n: count() })
          .from(s)
          .where(and(...ofProgramme)),
  ]);
}

const personColumns = {
  id: person.id,
  code: person.code,
  displayName: person.displayName,
  sex: person.sex,
  birthYear: person.birthYear,
  disability: person.disability,
  category: person.category,
};
type PersonColumns = typeof personColumns;

/**
 * The organisation's register of named participants, searched, filtered, sorted and paged, each
 * with her participations and the day she was last seen. A programme officer's reach keeps the
 * people seen at her programmes' activities, and counts only those activities.
 * Organisation-wide, the counts are the kept ones (`person.seen_count`, `last_seen`, maintained by
 * attendance's triggers), each sort paged from an index. Within a reach, they are the kept counts
 * per programme (`person_programme_seen`, the same triggers) summed over her programmes: for the
 * page's people when sorted by code or name, from one programme's index when sorted by them
 * (`oneProgrammeBySeen`), for everyone in one grouped pass over several (`seenByPerson`).
 * The search reads the stored fold of code and name (`person.search_text`).
 * @example await listPersons(db, org, { search: 'traore', sort: '-participations', limit: 50 })
 */
export async function listPersons(
  db: Database,
  organisationId: string,
  filter: PersonFilter = {},
): Promise<{ items: PersonRow[]; total: number }> {
  const sort = filter.sort ?? 'code';
  const conditions: (SQL | undefined)[] = [eq(person.organisationId, organisationId)];
  for (const word of (filter.search ?? '').split(/\s+/).filter(Boolean))
    conditions.push(foldedContains(person.searchText, word));
  if (filter.sex) conditions.push(eq(person.sex, filter.sex));
  if (filter.category) conditions.push(eq(person.category, filter.category));
  const seen = seenOf(organisationId, filter.programmeIds ?? []);
  const inReach = filter.programmeIds ? sql`exists (select 1 ${seen})` : undefined;
  const columns = personColumns;
  const page = { limit: filter.limit ?? 50, offset: filter.offset ?? 0 };

  const sortedBySeen = sort === '-participations' || sort === '-last-seen';
  const [onlyProgramme, ...more] = filter.programmeIds ?? [];
  if (onlyProgramme && !more.length && sortedBySeen) {
    // One programme (a programme officer's, or the one asked for): read from its index.
    const [rows, [totals]] = await oneProgrammeBySeen(
      db,
      organisationId,
      onlyProgramme,
      sort,
      {
        conditions,
        filtered: conditions.length > 1,
        columns,
      },
      page,
    );
    return { items: rows, total: Number(totals?.n ?? 0) };
  }
  const order =
    sort === '-participations'
      ? [sql`${person.seenCount} desc nulls last`, asc(person.code)]
      : sort === '-last-seen'
        ? [sql`${person.lastSeen} desc nulls last`, asc(person.code)]
        : sort === 'name'
          ? [sql`${person.displayName} asc nulls last`, asc(person.code)]
          : [asc(person.code)];
  const listed = !filter.programmeIds
    ? // Organisation-wide, the kept counts (`person.seen_count`, `last_seen`), paged from their index.
      db
        .select({
          ...columns,
          participations: person.seenCount,
          lastSeen: person.lastSeen,
        })
        .from(person)
        .where(and(...conditions))
        .orderBy(...order)
        .limit(page.limit)
        .offset(page.offset)
    : sortedBySeen
      ? (() => {
          // Within a reach, only her programmes' counts: summed in one pass.
          const counted = seenByPerson(db, organisationId, filter.programmeIds ?? []);
          const participations = sql<number>`coalesce(${counted.n}, 0)`;
          return db
            .select({ ...columns, participations, lastSeen: counted.last })
            .from(person)
            .innerJoin(counted, eq(counted.personId, person.id))
            .where(and(...conditions))
            .orderBy(
              ...(sort === '-participations'
                ? [desc(participations), asc(person.code)]
                : [sql`${counted.last} desc nulls last`, asc(person.code)]),
            )
            .limit(page.limit)
            .offset(page.offset);
        })()
      : db
          .select({
            ...columns,
            participations: sql<number>`(select coalesce(sum(seen.seen_count), 0)::int ${seen})`,
            lastSeen: sql<string | null>`(select max(seen.last_seen)::text ${seen})`,
          })
          .from(person)
          .where(and(...conditions, inReach))
          .orderBy(
            ...(sort === 'name'
              ? [sql`${person.displayName} asc nulls last`, asc(person.code)]
              : [asc(person.code)]),
          )
          .limit(page.limit)
          .offset(page.offset);
  const [rows, [totals]] = await Promise.all([
    listed,
    db
      .select({ n: count() })
      .from(person)
      .where(and(...conditions, inReach)),
  ]);
  return {
    items: rows.map((r) => ({ ...r, participations: Number(r.participations) })),
    total: Number(totals?.n ?? 0),
  };
}
