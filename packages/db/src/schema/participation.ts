import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { QUALIFIERS } from '@jalon/domain';
import { inList, organisationId } from './columns';
import { activity } from './activity';

/** How sure a count is: exactly counted, "about 50", or "more than 325" (a lower bound). */
export const countQualifiers = QUALIFIERS;
export type CountQualifier = (typeof countQualifiers)[number];

const qualifierCheck = (column: unknown) => sql`${column} in (${inList(countQualifiers)})`;

/**
 * The participant total of an activity, when counts (not names) were recorded. `total` may be
 * null when only a breakdown is known.
 */
export const participationCount = pgTable(
  'participation_count',
  {
    organisationId: organisationId(),
    activityId: uuid('activity_id').notNull(),
    total: integer('total'),
    totalQualifier: text('total_qualifier', { enum: countQualifiers }).notNull().default('exact'),
    note: text('note'),
  },
  (t) => [
    primaryKey({
      name: 'participation_count_pkey',
      columns: [t.organisationId, t.activityId],
    }),
    foreignKey({
      name: 'participation_count_activity_fk',
      columns: [t.organisationId, t.activityId],
      foreignColumns: [activity.organisationId, activity.id],
    }).onDelete('cascade'),
    check('participation_count_total_nonnegative', sql`${t.total} >= 0`),
    check('participation_count_qualifier_check', qualifierCheck(t.totalQualifier)),
  ],
);

/**
 * One known cell of the breakdown: `dims` maps dimension → category (`{"sex":"female"}`,
 * `{"sex":"female","age":"youth"}`); `cell_key` is its canonical text (`age=youth;sex=female`)
 * so that SQL can group and deduplicate without parsing JSON.
 */
export const participationCell = pgTable(
  'participation_cell',
  {
    organisationId: organisationId(),
    activityId: uuid('activity_id').notNull(),
    cellKey: text('cell_key').notNull(),
    dims: jsonb('dims').$type<Record<string, string>>().notNull(),
    value: integer('value').notNull(),
    qualifier: text('qualifier', { enum: countQualifiers }).notNull().default('exact'),
  },
  (t) => [
    primaryKey({
      name: 'participation_cell_pk',
      columns: [t.organisationId, t.activityId, t.cellKey],
    }),
    foreignKey({
      name: 'participation_cell_count_fk',
      columns: [t.organisationId, t.activityId],
      foreignColumns: [participationCount.organisationId, participationCount.activityId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'participation_cell_activity_fk',
      columns: [t.organisationId, t.activityId],
      foreignColumns: [activity.organisationId, activity.id],
    }).onDelete('cascade'),
    check('participation_cell_value_nonnegative', sql`${t.value} >= 0`),
    check('participation_cell_key_not_empty', sql`${t.cellKey} <> ''`),
    check('participation_cell_qualifier_check', qualifierCheck(t.qualifier)),
  ],
);
