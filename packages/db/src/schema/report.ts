import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, organisationId } from './columns';
import { grant } from './grant';
import { indicator } from './indicator';
import { appUser } from './user';

/**
 * A submitted report: the model it was rendered from, so it can be rebuilt byte for byte, and
 * its checksum.
 */
export const reportSnapshot = pgTable(
  'report_snapshot',
  {
    id: tenantId(),
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    periodCode: text('period_code').notNull(),
    template: text('template').notNull(),
    templateVersion: text('template_version').notNull(),
    model: jsonb('model').notNull(),
    sha256: text('sha256').notNull(),
    submittedBy: uuid('submitted_by').references(() => appUser.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'report_snapshot_pkey', columns: [t.organisationId, t.id] }),
    unique('report_snapshot_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'report_snapshot_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }),
  ],
);

/** A grant's period, closed by a submitted report: its facts may change only through a restatement. */
export const periodLock = pgTable(
  'period_lock',
  {
    id: tenantId(),
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    periodCode: text('period_code').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    reportSnapshotId: uuid('report_snapshot_id'),
    lockedBy: uuid('locked_by').references(() => appUser.id),
    lockedAt: timestamp('locked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'period_lock_pkey', columns: [t.organisationId, t.id] }),
    unique('period_lock_grant_period_key').on(t.organisationId, t.grantId, t.periodCode),
    foreignKey({
      name: 'period_lock_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }),
    foreignKey({
      name: 'period_lock_snapshot_fk',
      columns: [t.organisationId, t.reportSnapshotId],
      foreignColumns: [reportSnapshot.organisationId, reportSnapshot.id],
    }),
    check('period_lock_in_order', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/**
 * What the organisation says about an indicator for a grant's period: the comment and deviation
 * narrative donors ask for beside the numbers (UNDP "comments", the IPTT deviation sheet).
 */
export const indicatorComment = pgTable(
  'indicator_comment',
  {
    id: tenantId(),
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    periodCode: text('period_code').notNull(),
    comment: text('comment').notNull(),
    /** The language the text is written in: a French comment is never printed as English. */
    language: text('language').notNull().default('fr'),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'indicator_comment_pkey', columns: [t.organisationId, t.id] }),
    unique('indicator_comment_key').on(
      t.organisationId,
      t.grantId,
      t.indicatorId,
      t.periodCode,
      t.language,
    ),
    foreignKey({
      name: 'indicator_comment_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'indicator_comment_indicator_fk',
      columns: [t.organisationId, t.indicatorId],
      foreignColumns: [indicator.organisationId, indicator.id],
    }).onDelete('cascade'),
    check('indicator_comment_length', sql`length(${t.comment}) between 1 and 4000`),
    check('indicator_comment_language', sql`${t.language} in ('fr', 'en')`),
  ],
);

/**
 * The report's own analysis text for a grant's period, in one language (the « Analyse » sheet's
 * summary, the narrative of the report): written on the report page, locked with the period.
 */
export const reportText = pgTable(
  'report_text',
  {
    id: uuid('id')
      .notNull()
      .default(sql`gen_random_uuid()`),
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    periodCode: text('period_code').notNull(),
    /** The language the text is written in. */
    language: text('language').notNull(),
    text: text('text').notNull(),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('report_text_key').on(t.organisationId, t.grantId, t.periodCode, t.language),
    primaryKey({ name: 'report_text_pk', columns: [t.organisationId, t.id] }),
    foreignKey({
      name: 'report_text_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }).onDelete('cascade'),
    check('report_text_length', sql`length(${t.text}) between 1 and 20000`),
    check('report_text_language', sql`${t.language} in ('fr', 'en')`),
  ],
);

/**
 * A change an admin made to a fact of a locked period, with its reason: kept apart from the
 * audit log so the grant's next report can list it.
 */
export const restatement = pgTable(
  'restatement',
  {
    id: tenantId(),
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    periodCode: text('period_code').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    reason: text('reason').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    recordedBy: uuid('recorded_by').references(() => appUser.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'restatement_pkey', columns: [t.organisationId, t.id] }),
    foreignKey({
      name: 'restatement_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }),
    check('restatement_reason_length', sql`length(trim(${t.reason})) >= 5`),
  ],
);

/**
 * How a grant's figures go out to DHIS2 as ADX: the organisation's mapping of indicators and
 * breakdowns onto data elements and category options, its org unit, data set and the grant's
 * attribute options. Stored as data (checked by `adxMappingSchema` of @jalon/reports at the API),
 * one per grant; without one, the export derives it from Jalon's own codes.
 */
export const adxMapping = pgTable(
  'adx_mapping',
  {
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    mapping: jsonb('mapping').notNull(),
    /** Raised by each save; a save names the version it read, a stale one is refused. */
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'adx_mapping_pk', columns: [t.organisationId, t.grantId] }),
    foreignKey({
      name: 'adx_mapping_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }).onDelete('cascade'),
  ],
);
