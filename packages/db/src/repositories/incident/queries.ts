import { and, asc, desc, eq, exists, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import { incident, place, programme, type IncidentCategory } from '../../schema/index';
import { byPlaceName } from '../place/queries';
import { containsFolded, withinPlace } from '../search';
import { must } from '@jalon/domain';

export interface IncidentRow {
  id: string;
  code: string;
  date: string;
  category: IncidentCategory;
  deaths: number;
  injuries: number;
  verified: boolean;
  description: string | null;
  place: { id: string; name: string; path: string } | null;
  programme: { id: string; code: string } | null;
  version: number;
}

export interface IncidentFilter {
  /** this one incident only (`findIncident`) */
  id?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  category?: IncidentCategory | undefined;
  /** only incidents at this place or within it (a region finds its cercles and communes) */
  placeId?: string | undefined;
  /** only verified (true) or unverified (false) incidents */
  verified?: boolean | undefined;
  /** words found in the code or the description, accents and case ignored */
  search?: string | undefined;
  /** only incidents of one of these programmes (a programme officer's reach) */
  programmeIds?: string[] | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** `-date` (newest first, the default), `date`, `code`, `-deaths` (deadliest first) */
  sort?: IncidentSort | undefined;
}

export const incidentSorts = ['-date', 'date', 'code', '-deaths', 'region', 'category'] as const;
export type IncidentSort = (typeof incidentSorts)[number];

const incidentOrder: Record<IncidentSort, SQL[]> = {
  '-date': [desc(incident.date), asc(incident.code)],
  date: [asc(incident.date), asc(incident.code)],
  code: [asc(incident.code)],
  '-deaths': [desc(incident.deaths), desc(incident.date), asc(incident.code)],
  // the region is the first level under the country in the place's path (`ml/mopti/…`)
  region: [
    sql`split_part(${place.path}, '/', 2) asc nulls last`,
    desc(incident.date),
    asc(incident.code),
  ],
  category: [asc(incident.category), desc(incident.date), asc(incident.code)],
};

/** The organisation's incidents, newest first, with their place. */
export async function listIncidents(
  db: Database,
  organisationId: string,
  filter: IncidentFilter = {},
): Promise<{ items: IncidentRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [eq(incident.organisationId, organisationId)];
  if (filter.id) conditions.push(eq(incident.id, filter.id));
  if (filter.from) conditions.push(gte(incident.date, filter.from));
  if (filter.to) conditions.push(lte(incident.date, filter.to));
  if (filter.category) conditions.push(eq(incident.category, filter.category));
  if (filter.verified !== undefined) conditions.push(eq(incident.verified, filter.verified));
  if (filter.placeId)
    conditions.push(
      exists(
        sql`(select 1 from ${place} where ${place.organisationId} = ${incident.organisationId} and ${place.id} = ${incident.placeId} and ${withinPlace(sql`${place.path}`, organisationId, filter.placeId)})`,
      ),
    );
  if (filter.search)
    for (const word of filter.search.split(/\s+/).filter(Boolean))
      conditions.push(
        containsFolded(sql`${incident.code} || ' ' || coalesce(${incident.description}, '')`, word),
      );
  if (filter.programmeIds)
    conditions.push(
      filter.programmeIds.length ? inArray(incident.programmeId, filter.programmeIds) : sql`false`,
    );
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    db
      .select({
        id: incident.id,
        code: incident.code,
        date: incident.date,
        category: incident.category,
        deaths: incident.deaths,
        injuries: incident.injuries,
        verified: incident.verified,
        description: incident.description,
        version: incident.version,
        placeId: place.id,
        placeName: place.name,
        placePath: place.path,
        programmeId: programme.id,
        programmeCode: programme.code,
      })
      .from(incident)
      .leftJoin(place, eq(place.id, incident.placeId))
      .leftJoin(programme, eq(programme.id, incident.programmeId))
      .where(where)
      .orderBy(...incidentOrder[filter.sort ?? '-date'])
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0),
    db.$count(incident, where),
  ]);
  return {
    total,
    items: rows.map(({ placeId, placeName, placePath, programmeId, programmeCode, ...r }) => ({
      ...r,
      place: placeId
        ? {
            id: placeId,
            name: must(placeName, 'the name of the incident’s place'),
            path: must(placePath, 'the path of the incident’s place'),
          }
        : null,
      programme: programmeId
        ? { id: programmeId, code: must(programmeCode, 'the code of the incident’s programme') }
        : null,
    })),
  };
}

/** One incident of the organisation with its place, programme and version, or undefined. */
export async function findIncident(
  db: Database,
  organisationId: string,
  id: string,
): Promise<IncidentRow | undefined> {
  return (await listIncidents(db, organisationId, { id, limit: 1 })).items[0];
}

/** The regions (top-level places under a country) of the organisation, as engine place paths. */
export async function listRegions(
  db: Database,
  organisationId: string,
): Promise<{ path: string; name: string }[]> {
  return db
    .select({ path: place.path, name: place.name })
    .from(place)
    .where(and(eq(place.organisationId, organisationId), eq(place.level, 'region')))
    .orderBy(...byPlaceName);
}

/** The programme an incident belongs to (null: the organisation's), or undefined when there is no such incident. */
export async function findIncidentProgramme(
  db: Database,
  organisationId: string,
  id: string,
): Promise<{ programmeId: string | null } | undefined> {
  const [row] = await db
    .select({ programmeId: incident.programmeId })
    .from(incident)
    .where(and(eq(incident.organisationId, organisationId), eq(incident.id, id)));
  return row;
}
