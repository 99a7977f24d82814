import { sql } from 'drizzle-orm';
import { RECORD_STATUSES, type RecordStatus as DomainRecordStatus } from '@jalon/domain';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, inList, monthKey, organisationId, timestamps } from './columns';
import { foldedColumn, foldedSortColumn } from './fold';
import { grant } from './grant';
import { organisation } from './organisation';
import { place } from './place';
import { programme } from './programme';

export const activityTypes = [
  'training',
  'workshop',
  'webinar',
  'dialogue',
  'awareness',
  'lobbying',
  'meeting',
  'research',
  'conference',
  'ceremony',
] as const;
export type ActivityType = (typeof activityTypes)[number];

/** Whether the organisation ran the activity, ran it with others, or took part in someone else's. */
export const activityRoles = ['organiser', 'co-organiser', 'participant'] as const;
export type ActivityRole = (typeof activityRoles)[number];

/** Approval workflow: an M&E officer validates what was entered and submitted. */
export const recordStatuses = RECORD_STATUSES;
export type RecordStatus = DomainRecordStatus;

/**
 * A dated event under a programme. `sessions` > 1 records a series reported as one figure
 * (the bulletin's "13 sessions de formation" with one participant total for all of them).
 */
export const activity = pgTable(
  'activity',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    type: text('type', { enum: activityTypes }).notNull(),
    role: text('role', { enum: activityRoles }).notNull().default('organiser'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    sessions: integer('sessions').notNull().default(1),
    startMonth: monthKey('start_month', 'start_date'),
    status: text('status', { enum: recordStatuses }).notNull().default('draft'),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer('version').notNull().default(1),
    /**
     * Title, code and summary folded (accents and case, `foldForSearch`'s rule), kept by the
     * database on every write: the list's search reads it instead of folding every row.
     */
    searchText: foldedColumn(
      'search_text',
      `"title" || ' ' || "code" || ' ' || coalesce("summary", '')`,
    ),
    /** The title folded the same way, byte-ordered: the sort by title reads its index. */
    titleSort: foldedSortColumn('title_sort', '"title"'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'activity_pkey', columns: [t.organisationId, t.id] }),
    unique('activity_org_code_key').on(t.organisationId, t.code),
    unique('activity_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'activity_programme_fk',
      columns: [t.organisationId, t.programmeId],
      foreignColumns: [programme.organisationId, programme.id],
    }),
    check('activity_dates_in_order', sql`${t.endDate} >= ${t.startDate}`),
    check('activity_sessions_positive', sql`${t.sessions} >= 1`),
    check('activity_type_check', sql`${t.type} in (${inList(activityTypes)})`),
    check('activity_role_check', sql`${t.role} in (${inList(activityRoles)})`),
    check('activity_status_check', sql`${t.status} in (${inList(recordStatuses)})`),
    index('activity_org_month_idx').on(t.organisationId, t.startMonth),
    index('activity_org_start_idx').on(t.organisationId, t.startDate),
    index('activity_programme_idx').on(t.programmeId),
    index('activity_org_title_sort_idx').on(t.organisationId, t.titleSort, t.code),
  ],
);

/** Where an activity took place; a series of sessions can span several regions. */
export const activityPlace = pgTable(
  'activity_place',
  {
    organisationId: organisationId(),
    activityId: uuid('activity_id').notNull(),
    placeId: uuid('place_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'activity_place_pk', columns: [t.organisationId, t.activityId, t.placeId] }),
    foreignKey({
      name: 'activity_place_activity_fk',
      columns: [t.organisationId, t.activityId],
      foreignColumns: [activity.organisationId, activity.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'activity_place_place_fk',
      columns: [t.organisationId, t.placeId],
      foreignColumns: [place.organisationId, place.id],
    }),
    index('activity_place_place_idx').on(t.placeId),
  ],
);

/** The grants an activity reports to (zero or more). */
export const activityGrant = pgTable(
  'activity_grant',
  {
    organisationId: organisationId(),
    activityId: uuid('activity_id').notNull(),
    grantId: uuid('grant_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'activity_grant_pk', columns: [t.organisationId, t.activityId, t.grantId] }),
    foreignKey({
      name: 'activity_grant_activity_fk',
      columns: [t.organisationId, t.activityId],
      foreignColumns: [activity.organisationId, activity.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'activity_grant_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }).onDelete('cascade'),
    index('activity_grant_grant_idx').on(t.grantId),
  ],
);
