import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import { incident, place, programme, type IncidentCategory } from '../../schema/index';
import { byPlaceName } from '../place/queries';
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
}

export interface IncidentFilter {
  from?: string | undefined;
  to?: string | undefined;
  category?: IncidentCategory | undefined;
  /** only incidents of one of these programmes (a programme officer's reach) */
  programmeIds?: string[] | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** `-date` (newest first, the default), `date`, `code`, `-deaths` (deadliest first) */
  sort?: IncidentSort | undefined;
}

export const incidentSorts = ['-date', 'date', 'code', '-deaths'] as const;
export type IncidentSort = (typeof incidentSorts)[number];

const incidentOrder: Record<IncidentSort, SQL[]> = {
  '-date': [desc(incident.date), asc(incident.code)],
  date: [asc(incident.date), asc(incident.code)],
  code: [asc(incident.code)],
  '-deaths': [desc(incident.deaths), desc(incident.date), asc(incident.code)],
};

/** The organisation's incidents, newest first, with their place. */
export async function listIncidents(
  db: Database,
  organisationId: string,
  filter: IncidentFilter = {},
): Promise<{ items: IncidentRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [eq(incident.organisationId, organisationId)];
  if (filter.from) conditions.push(gte(incident.date, filter.from));
  if (filter.to) conditions.push(lte(incident.date, filter.to));
  if (filter.category) conditions.push(eq(incident.category, filter.category));
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
        ? { id: placeId, name: must(placeName, 'placeName'), path: must(placePath, 'placePath') }
        : null,
      programme: programmeId
        ? { id: programmeId, code: must(programmeCode, 'programmeCode') }
        : null,
    })),
  };
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
