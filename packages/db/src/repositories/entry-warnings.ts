import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { activity, activityPlace, incident, type ActivityType } from '../schema/index';
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
