import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, organisationId } from './columns';
import { grant } from './grant';
import { appUser } from './user';

/**
 * A submitted report: the model it was rendered from, so it can be rebuilt byte for byte, and
 * its checksum.
 */
export const reportSnapshot = pgTable(
  'report_snapshot',
  {
    id: id(),
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
    id: id(),
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
    unique('period_lock_grant_period_key').on(t.grantId, t.periodCode),
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
