import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  inArray,
  lte,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { Database } from '../../client';
import {
  activity,
  activityGrant,
  activityPlace,
  grant,
  participationCell,
  participationCount,
  place,
  programme,
  type ActivityRole,
  type ActivityType,
  type CountQualifier,
  type RecordStatus,
  type PlaceLevel,
} from '../../schema/index';
import { byPlaceName, byPlaceNameOf } from '../place/queries';
import { foldedContains, withinPlace } from '../search';

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
  /** the grants the activity reports to */
  grants: { id: string; code: string }[];
  participants: null | {
    total: CountValue | null;
    cells: { key: Record<string, string>; value: number; qualifier: CountQualifier }[];
  };
}

/** An activity's own columns, as every list and record reads them. */
const activityColumns = {
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
};

const baseColumns = {
  ...activityColumns,
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
  /** only activities of one of these programmes (a programme officer's reach) */
  programmeIds?: string[] | undefined;
  /** only activities reporting to one of these grants (a donor's reach) */
  grantIds?: string[] | undefined;
  /** only activities in this approval status (`submitted`: the approval queue) */
  status?: RecordStatus | undefined;
  /** only activities of this type */
  type?: ActivityType | undefined;
  /** only activities reporting to this grant (a filter the user chose, within her reach) */
  grantId?: string | undefined;
  /** only activities held at this place or at a place within it (a region finds its communes) */
  placeId?: string | undefined;
  /** words found in the title, the code or the summary, accents and case ignored */
  search?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** `date` (oldest first, the default), `-date` (newest first), `code` or `title` */
  sort?: ActivitySort | undefined;
}

export const activitySorts = ['date', '-date', 'code', 'title', 'type', 'status'] as const;
export type ActivitySort = (typeof activitySorts)[number];

type OrderColumns = Record<
  'startDate' | 'code' | 'titleSort' | 'type' | 'status',
  SQL | SQL.Aliased | AnyColumn
>;

/** The order of each sort, on the activity's columns or on a page read from them. */
function orderOf(sort: ActivitySort, c: OrderColumns): SQL[] {
  switch (sort) {
    case 'date':
      return [asc(c.startDate), asc(c.code)];
    case '-date':
      return [desc(c.startDate), asc(c.code)];
    case 'code':
      return [asc(c.code)];
    case 'title':
      // The stored fold of the title (`title_sort`, "C" collation): a page reads its index.
      return [asc(c.titleSort), asc(c.code)];
    case 'type':
      return [asc(c.type), asc(c.startDate), asc(c.code)];
    case 'status':
      return [asc(c.status), asc(c.startDate), asc(c.code)];
  }
}

/**
 * An activity's places (by name), grants (by code), total and cells (by key), as JSON read
 * beside its row: correlated on the outer `activity`, evaluated for the page's rows only (after
 * the sort and limit). The same details as `attachDetails`, in the same order.
 */
const detailColumns = (page: string) => {
  // Written with their own aliases: the outer query reads from the page alone, so drizzle leaves
  // its columns unqualified, and the page's would be ambiguous here.
  const org = sql.raw(`"${page}"."organisation_id"`);
  const id = sql.raw(`"${page}"."id"`);
  return {
    places: sql<
      { id: string; code: string; name: string; level: PlaceLevel }[]
    >`(select coalesce(json_agg(json_build_object('id', pl.id, 'code', pl.code, 'name', pl.name, 'level', pl.level) order by ${sql.join(byPlaceNameOf(sql.raw('pl.name')), sql`, `)}), '[]') from ${activityPlace} ap join ${place} pl on pl.organisation_id = ap.organisation_id and pl.id = ap.place_id where ap.organisation_id = ${org} and ap.activity_id = ${id})`,
    grants: sql<
      { id: string; code: string }[]
    >`(select coalesce(json_agg(json_build_object('id', g.id, 'code', g.code) order by g.code), '[]') from ${activityGrant} ag join ${grant} g on g.organisation_id = ag.organisation_id and g.id = ag.grant_id where ag.organisation_id = ${org} and ag.activity_id = ${id})`,
    counted: sql<{
      total: number | null;
      qualifier: CountQualifier;
      cells: { key: Record<string, string>; value: number; qualifier: CountQualifier }[];
    } | null>`(select json_build_object('total', pc.total, 'qualifier', pc.total_qualifier, 'cells', (select coalesce(json_agg(json_build_object('key', c.dims, 'value', c.value, 'qualifier', c.qualifier) order by c.cell_key), '[]') from ${participationCell} c where c.organisation_id = ${org} and c.activity_id = ${id})) from ${participationCount} pc where pc.organisation_id = ${org} and pc.activity_id = ${id})`,
  };
};

/**
 * Activities of one organisation, filtered and paged, with their programme, places, grants and
 * participant counts: two queries whatever the page size, run together — the page with its
 * details (read as JSON beside each row) and the count.
 */
export async function listActivities(
  db: Database,
  organisationId: string,
  filter: ActivityFilter = {},
): Promise<{ items: ActivityRow[]; total: number }> {
  const where = activityWhere(organisationId, filter);
  const sort = filter.sort ?? 'date';
  // The page first (its rows only, past the offset), then each row's details beside it.
  const page = db
    .select({
      ...activityColumns,
      organisationId: activity.organisationId,
      titleSort: activity.titleSort,
      programmeId: sql<string>`${programme.id}`.as('programme_id'),
      programmeCode: sql<string>`${programme.code}`.as('programme_code'),
      programmeName: sql<string>`${programme.name}`.as('programme_name'),
      programmeNameEn: sql<string>`${programme.nameEn}`.as('programme_name_en'),
    })
    .from(activity)
    .innerJoin(programme, eq(programme.id, activity.programmeId))
    .where(where)
    .orderBy(...orderOf(sort, activity))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .as('page');
  // The programme is joined for the count only when a filter names its code.
  const counted = db.select({ n: count() }).from(activity);
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: page.id,
        code: page.code,
        title: page.title,
        summary: page.summary,
        type: page.type,
        role: page.role,
        startDate: page.startDate,
        endDate: page.endDate,
        sessions: page.sessions,
        status: page.status,
        version: page.version,
        programmeId: page.programmeId,
        programmeCode: page.programmeCode,
        programmeName: page.programmeName,
        programmeNameEn: page.programmeNameEn,
        ...detailColumns('page'),
      })
      .from(page)
      .orderBy(...orderOf(sort, page)),
    filter.programmeCode
      ? counted.innerJoin(programme, eq(programme.id, activity.programmeId)).where(where)
      : counted.where(where),
  ]);
  return {
    items: rows.map(
      ({
        places,
        grants,
        counted: c,
        programmeId,
        programmeCode,
        programmeName,
        programmeNameEn,
        ...row
      }) => ({
        ...row,
        programme: {
          id: programmeId,
          code: programmeCode,
          name: programmeName,
          nameEn: programmeNameEn,
        },
        places,
        grants,
        participants: c
          ? {
              total: c.total === null ? null : { value: c.total, qualifier: c.qualifier },
              cells: c.cells,
            }
          : null,
      }),
    ),
    total: Number(totals[0]?.n ?? 0),
  };
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
  if (filter.status) conditions.push(eq(activity.status, filter.status));
  if (filter.type) conditions.push(eq(activity.type, filter.type));
  if (filter.grantId)
    conditions.push(exists(selectActivityGrant(organisationId, [filter.grantId])));
  if (filter.placeId) conditions.push(exists(selectActivityWithin(organisationId, filter.placeId)));
  if (filter.search) {
    // each word must be found somewhere: « dialogue mopti » finds « Dialogue … à Mopti »
    for (const word of filter.search.split(/\s+/).filter(Boolean))
      conditions.push(
        // the stored fold of title, code and summary (`activity.search_text`)
        foldedContains(activity.searchText, word),
      );
  }
  if (filter.programmeIds) conditions.push(inList(activity.programmeId, filter.programmeIds));
  if (filter.grantIds) {
    const grantIds = filter.grantIds;
    conditions.push(
      grantIds.length
        ? exists(
            // A correlated sub-select: the activity reports to one of the grants.
            selectActivityGrant(organisationId, grantIds),
          )
        : nothing,
    );
  }
  return and(...conditions);
}

type BaseRow = Omit<ActivityRow, 'places' | 'grants' | 'participants'>;

/** `false` as a condition: an empty reach matches nothing. */
const nothing = sql`false`;

function inList(column: typeof activity.programmeId, values: string[]): SQL {
  return values.length ? inArray(column, values) : nothing;
}

function selectActivityGrant(organisationId: string, grantIds: string[]) {
  return sql`(select 1 from ${activityGrant} where ${activityGrant.organisationId} = ${organisationId} and ${activityGrant.activityId} = ${activity.id} and ${inArray(activityGrant.grantId, grantIds)})`;
}

/** The activity is held at the place or within it (its path under the place's). */
function selectActivityWithin(organisationId: string, placeId: string) {
  return sql`(select 1 from ${activityPlace} join ${place} on ${place.organisationId} = ${activityPlace.organisationId} and ${place.id} = ${activityPlace.placeId} where ${activityPlace.organisationId} = ${organisationId} and ${activityPlace.activityId} = ${activity.id} and ${withinPlace(sql`${place.path}`, organisationId, placeId)})`;
}

async function attachDetails(
  db: Database,
  organisationId: string,
  rows: BaseRow[],
): Promise<ActivityRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [places, grants, totals, cells] = await Promise.all([
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
      .orderBy(...byPlaceName),
    db
      .select({ activityId: activityGrant.activityId, id: grant.id, code: grant.code })
      .from(activityGrant)
      .innerJoin(grant, eq(grant.id, activityGrant.grantId))
      .where(
        and(
          eq(activityGrant.organisationId, organisationId),
          inArray(activityGrant.activityId, ids),
        ),
      )
      .orderBy(asc(grant.code)),
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
      grants: grants.filter((g) => g.activityId === row.id).map(({ activityId: _a, ...g }) => g),
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
