import { and, asc, count, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import {
  activity,
  activityPlace,
  participationCell,
  participationCount,
  place,
  programme,
  type ActivityRole,
  type ActivityType,
  type CountQualifier,
  type RecordStatus,
  type PlaceLevel,
} from '../schema/index';

export interface CountValue {
  value: number;
  qualifier: CountQualifier;
}

export interface ActivityRow {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  type: ActivityType;
  role: ActivityRole;
  startDate: string;
  endDate: string;
  sessions: number;
  status: RecordStatus;
  version: number;
  programme: { id: string; code: string; name: string; nameEn: string };
  places: { id: string; code: string; name: string; level: PlaceLevel }[];
  participants: null | {
    total: CountValue | null;
    cells: { key: Record<string, string>; value: number; qualifier: CountQualifier }[];
  };
}

const baseColumns = {
  id: activity.id,
  code: activity.code,
  title: activity.title,
  summary: activity.summary,
  type: activity.type,
  role: activity.role,
  startDate: activity.startDate,
  endDate: activity.endDate,
  sessions: activity.sessions,
  status: activity.status,
  version: activity.version,
  programme: {
    id: programme.id,
    code: programme.code,
    name: programme.name,
    nameEn: programme.nameEn,
  },
};

export interface ActivityFilter {
  /** Inclusive calendar range on the start date: an activity belongs to the period it starts in. */
  from?: string | undefined;
  to?: string | undefined;
  programmeId?: string | undefined;
  programmeCode?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * Activities of one organisation, filtered and paged, with their programme, places and
 * participant counts. Four queries whatever the page size (no N+1).
 */
export async function listActivities(
  db: Database,
  organisationId: string,
  filter: ActivityFilter = {},
): Promise<{ items: ActivityRow[]; total: number }> {
  const where = activityWhere(organisationId, filter);
  const [rows, totals] = await Promise.all([
    db
      .select(baseColumns)
      .from(activity)
      .innerJoin(programme, eq(programme.id, activity.programmeId))
      .where(where)
      .orderBy(asc(activity.startDate), asc(activity.code))
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0),
    db
      .select({ n: count() })
      .from(activity)
      .innerJoin(programme, eq(programme.id, activity.programmeId))
      .where(where),
  ]);
  return { items: await attachDetails(db, organisationId, rows), total: Number(totals[0]?.n ?? 0) };
}

/** One activity of the organisation, or undefined. */
export async function findActivity(
  db: Database,
  organisationId: string,
  id: string,
): Promise<ActivityRow | undefined> {
  const { items } = await listActivitiesByIds(db, organisationId, [id]);
  return items[0];
}

async function listActivitiesByIds(db: Database, organisationId: string, ids: string[]) {
  const rows = await db
    .select(baseColumns)
    .from(activity)
    .innerJoin(programme, eq(programme.id, activity.programmeId))
    .where(and(eq(activity.organisationId, organisationId), inArray(activity.id, ids)));
  return { items: await attachDetails(db, organisationId, rows) };
}

function activityWhere(organisationId: string, filter: ActivityFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(activity.organisationId, organisationId)];
  if (filter.from) conditions.push(gte(activity.startDate, filter.from));
  if (filter.to) conditions.push(lte(activity.startDate, filter.to));
  if (filter.programmeId) conditions.push(eq(activity.programmeId, filter.programmeId));
  if (filter.programmeCode) conditions.push(eq(programme.code, filter.programmeCode));
  return and(...conditions);
}

type BaseRow = Omit<ActivityRow, 'places' | 'participants'>;

async function attachDetails(
  db: Database,
  organisationId: string,
  rows: BaseRow[],
): Promise<ActivityRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [places, totals, cells] = await Promise.all([
    db
      .select({
        activityId: activityPlace.activityId,
        id: place.id,
        code: place.code,
        name: place.name,
        level: place.level,
      })
      .from(activityPlace)
      .innerJoin(place, eq(place.id, activityPlace.placeId))
      .where(
        and(
          eq(activityPlace.organisationId, organisationId),
          inArray(activityPlace.activityId, ids),
        ),
      )
      .orderBy(asc(place.name)),
    db
      .select()
      .from(participationCount)
      .where(
        and(
          eq(participationCount.organisationId, organisationId),
          inArray(participationCount.activityId, ids),
        ),
      ),
    db
      .select()
      .from(participationCell)
      .where(
        and(
          eq(participationCell.organisationId, organisationId),
          inArray(participationCell.activityId, ids),
        ),
      )
      .orderBy(asc(participationCell.cellKey)),
  ]);
  return rows.map((row) => {
    const count = totals.find((t) => t.activityId === row.id);
    return {
      ...row,
      places: places.filter((p) => p.activityId === row.id).map(({ activityId: _a, ...p }) => p),
      participants: count
        ? {
            total:
              count.total === null ? null : { value: count.total, qualifier: count.totalQualifier },
            cells: cells
              .filter((c) => c.activityId === row.id)
              .map((c) => ({ key: c.dims, value: c.value, qualifier: c.qualifier })),
          }
        : null,
    };
  });
}
