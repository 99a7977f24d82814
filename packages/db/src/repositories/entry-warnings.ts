import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import {
  activity,
  activityPlace,
  grant,
  incident,
  indicator,
  place,
  programme,
  resultNode,
  type ActivityType,
} from '../schema/index';
import { foldedSql } from './search';

/** A record already stored that looks like the one being entered. */
export interface LookAlike {
  id: string;
  code: string;
  title: string;
}

/**
 * Activities that look like the one being entered: the same type, start date and title (accents,
 * case and spaces around it ignored) and the same place — one place in common, or no place on
 * either. `excludeId`: the activity being corrected, which is not its own duplicate.
 */
export async function lookAlikeActivities(
  db: Database,
  organisationId: string,
  entry: { type: ActivityType; startDate: string; title: string; placeIds: string[] },
  excludeId?: string,
): Promise<LookAlike[]> {
  const placeIds = [...new Set(entry.placeIds)];
  const samePlace: SQL = placeIds.length
    ? sql`exists (select 1 from ${activityPlace} where ${activityPlace.organisationId} = ${organisationId} and ${activityPlace.activityId} = ${activity.id} and ${activityPlace.placeId} in (${sql.join(
        placeIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`
    : sql`not exists (select 1 from ${activityPlace} where ${activityPlace.organisationId} = ${organisationId} and ${activityPlace.activityId} = ${activity.id})`;
  return db
    .select({ id: activity.id, code: activity.code, title: activity.title })
    .from(activity)
    .where(
      and(
        eq(activity.organisationId, organisationId),
        eq(activity.type, entry.type),
        eq(activity.startDate, entry.startDate),
        sql`${foldedSql(sql`trim(${activity.title})`)} = ${foldedSql(sql`trim(${entry.title}::text)`)}`,
        samePlace,
        excludeId ? ne(activity.id, excludeId) : undefined,
      ),
    )
    .orderBy(activity.code)
    .limit(5);
}

/**
 * Incidents that look like the one being entered: the same date, place, category, deaths and
 * injuries. `excludeId`: the incident being corrected.
 */
export async function lookAlikeIncidents(
  db: Database,
  organisationId: string,
  entry: {
    date: string;
    placeId: string | null;
    category: string;
    deaths: number;
    injuries: number;
  },
  excludeId?: string,
): Promise<LookAlike[]> {
  const rows = await db
    .select({ id: incident.id, code: incident.code, title: incident.description })
    .from(incident)
    .where(
      and(
        eq(incident.organisationId, organisationId),
        eq(incident.date, entry.date),
        entry.placeId ? eq(incident.placeId, entry.placeId) : sql`${incident.placeId} is null`,
        sql`${incident.category} = ${entry.category}`,
        eq(incident.deaths, entry.deaths),
        eq(incident.injuries, entry.injuries),
        excludeId ? ne(incident.id, excludeId) : undefined,
      ),
    )
    .orderBy(incident.code)
    .limit(5);
  return rows.map((r) => ({ ...r, title: r.title ?? '' }));
}

/** What decides whether a grant's indicators count an activity: its codes, and theirs. */
export interface GrantCounting {
  /** the activity's programme code (null: no such programme in the organisation) */
  programme: string | null;
  /** the paths of its places (`mopti/bandiagara`) */
  places: string[];
  /** each grant it is tagged with, and the indicators of that grant's framework, by code */
  grants: {
    id: string;
    code: string;
    indicators: { code: string; source: Record<string, unknown> }[];
  }[];
}

/**
 * The codes an indicator filter reads for an activity being entered (its programme, the paths of
 * its places), and the indicators of each grant it is tagged with: what the entry check needs to
 * say whether those indicators will count it. Three small reads, whatever the number of grants.
 */
export async function grantCountingOf(
  db: Database,
  organisationId: string,
  entry: { programmeId: string; placeIds: string[]; grantIds: string[] },
): Promise<GrantCounting> {
  const grantIds = [...new Set(entry.grantIds)];
  const placeIds = [...new Set(entry.placeIds)];
  const [programmes, places, indicators] = await Promise.all([
    db
      .select({ code: programme.code })
      .from(programme)
      .where(
        and(eq(programme.organisationId, organisationId), eq(programme.id, entry.programmeId)),
      ),
    placeIds.length
      ? db
          .select({ path: place.path })
          .from(place)
          .where(and(eq(place.organisationId, organisationId), inArray(place.id, placeIds)))
      : Promise.resolve([]),
    grantIds.length
      ? db
          .select({
            grantId: grant.id,
            grantCode: grant.code,
            code: indicator.code,
            source: indicator.source,
          })
          .from(grant)
          .leftJoin(
            resultNode,
            and(eq(resultNode.organisationId, organisationId), eq(resultNode.grantId, grant.id)),
          )
          .leftJoin(
            indicator,
            and(
              eq(indicator.organisationId, organisationId),
              eq(indicator.resultNodeId, resultNode.id),
            ),
          )
          .where(and(eq(grant.organisationId, organisationId), inArray(grant.id, grantIds)))
          .orderBy(asc(grant.code), asc(indicator.code))
      : Promise.resolve([]),
  ]);
  const grants = new Map<string, GrantCounting['grants'][number]>();
  for (const row of indicators) {
    const g = grants.get(row.grantId) ?? { id: row.grantId, code: row.grantCode, indicators: [] };
    grants.set(row.grantId, g);
    if (row.code !== null && row.source !== null)
      g.indicators.push({ code: row.code, source: row.source as Record<string, unknown> });
  }
  return {
    programme: programmes[0]?.code ?? null,
    places: places.map((p) => p.path),
    grants: [...grants.values()],
  };
}
