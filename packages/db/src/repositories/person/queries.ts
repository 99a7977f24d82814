import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import { person } from '../../schema/index';
import { containsFolded } from '../search';

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

/** Attendance of the person, held to the programmes when given (correlated on the outer `person`). */
function attendanceOf(organisationId: string, programmeIds: string[] | undefined): SQL {
  const reach = programmeIds
    ? programmeIds.length
      ? sql` and exists (select 1 from activity ac where ac.organisation_id = a.organisation_id and ac.id = a.activity_id and ac.programme_id in (${sql.join(
          programmeIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}))`
      : sql` and false`
    : sql``;
  return sql`from attendance a where a.organisation_id = ${organisationId} and a.person_id = ${person.id}${reach}`;
}

/**
 * The organisation's register of named participants, searched, filtered, sorted and paged, each
 * with her participations and the day she was last seen. A programme officer's reach keeps the
 * people seen at her programmes' activities, and counts only those activities.
 * @example await listPersons(db, org, { search: 'traore', sort: '-participations', limit: 50 })
 */
export async function listPersons(
  db: Database,
  organisationId: string,
  filter: PersonFilter = {},
): Promise<{ items: PersonRow[]; total: number }> {
  const seen = attendanceOf(organisationId, filter.programmeIds);
  const participations = sql<number>`(select count(*)::int ${seen})`;
  const lastSeen = sql<string | null>`(select max(a.date)::text ${seen})`;
  const conditions: (SQL | undefined)[] = [eq(person.organisationId, organisationId)];
  for (const word of (filter.search ?? '').split(/\s+/).filter(Boolean))
    conditions.push(
      containsFolded(sql`${person.code} || ' ' || coalesce(${person.displayName}, '')`, word),
    );
  if (filter.sex) conditions.push(eq(person.sex, filter.sex));
  if (filter.category) conditions.push(eq(person.category, filter.category));
  if (filter.programmeIds) conditions.push(sql`exists (select 1 ${seen})`);
  const where = and(...conditions);
  const order: Record<PersonSort, SQL[]> = {
    code: [asc(person.code)],
    name: [sql`${person.displayName} asc nulls last`, asc(person.code)],
    '-participations': [desc(participations), asc(person.code)],
    '-last-seen': [sql`${lastSeen} desc nulls last`, asc(person.code)],
  };
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: person.id,
        code: person.code,
        displayName: person.displayName,
        sex: person.sex,
        birthYear: person.birthYear,
        disability: person.disability,
        category: person.category,
        participations,
        lastSeen,
      })
      .from(person)
      .where(where)
      .orderBy(...order[filter.sort ?? 'code'])
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0),
    db.select({ n: count() }).from(person).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, participations: Number(r.participations) })),
    total: Number(totals[0]?.n ?? 0),
  };
}
