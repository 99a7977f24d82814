import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, inList, organisationId, timestamps } from './columns';
import { recordStatuses } from './activity';
import { indicator } from './indicator';
import { countQualifiers } from './participation';

/** A value entered by hand for an indicator, a period and optionally a breakdown cell. */
export const manualValue = pgTable(
  'manual_value',
  {
    id: tenantId(),
    organisationId: organisationId(),
    indicatorId: uuid('indicator_id').notNull(),
    periodCode: text('period_code').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    cellKey: text('cell_key').notNull().default(''),
    value: numeric('value', { mode: 'number' }).notNull(),
    qualifier: text('qualifier', { enum: countQualifiers }).notNull().default('exact'),
    /** For ratio indicators, the parts, so that periods combine as a ratio of sums. */
    numerator: numeric('numerator', { mode: 'number' }),
    denominator: numeric('denominator', { mode: 'number' }),
    status: text('status', { enum: recordStatuses }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'manual_value_pkey', columns: [t.organisationId, t.id] }),
    unique('manual_value_indicator_period_cell_key').on(
      t.organisationId,
      t.indicatorId,
      t.periodCode,
      t.cellKey,
    ),
    foreignKey({
      name: 'manual_value_indicator_fk',
      columns: [t.organisationId, t.indicatorId],
      foreignColumns: [indicator.organisationId, indicator.id],
    }).onDelete('cascade'),
    check('manual_value_period_in_order', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('manual_value_status_check', sql`${t.status} in (${inList(recordStatuses)})`),
    check('manual_value_qualifier_check', sql`${t.qualifier} in (${inList(countQualifiers)})`),
    check(
      'manual_value_denominator_positive',
      sql`${t.denominator} is null or ${t.denominator} > 0`,
    ),
  ],
);
