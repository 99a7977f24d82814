import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  ACHIEVEMENT_RULES,
  DIRECTIONS,
  INDICATOR_SOURCES,
  REGULAR_PERIOD_KINDS,
  STEPPED_TIME_RULES,
  TIME_RULES,
  UNITS,
} from '@jalon/domain';
import { tenantId, inList, organisationId, timestamps } from './columns';
import { organisation } from './organisation';
import { resultNode } from './results-framework';

// The vocabularies are the engine's: one definition, checked again by the database.
export const indicatorUnits = UNITS;
export const indicatorDirections = DIRECTIONS;
export const timeRules = TIME_RULES;
export const indicatorSourceKinds = INDICATOR_SOURCES;
export const subPeriodKinds = REGULAR_PERIOD_KINDS;
export const steppedTimeRules = STEPPED_TIME_RULES;
export const achievementRules = ACHIEVEMENT_RULES;

/**
 * An indicator. `source` is the engine's definition (validated with zod at the API boundary and
 * interpreted by `@jalon/domain`); the columns beside it are what lists and reports filter on.
 */
export const indicator = pgTable(
  'indicator',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    resultNodeId: uuid('result_node_id'),
    code: text('code').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
    description: text('description'),
    unit: text('unit', { enum: indicatorUnits }).notNull().default('number'),
    direction: text('direction', { enum: indicatorDirections })
      .notNull()
      .default('higher-is-better'),
    timeRule: text('time_rule', { enum: timeRules }).notNull().default('sum'),
    /**
     * The step over which a `latest`, `max` or `average` indicator reads a level and combines the
     * steps (null: month, the engine's default); always null under another time rule.
     */
    subPeriod: text('sub_period', { enum: subPeriodKinds }),
    /** Donors read it to date (from the grant's start), not per period. */
    cumulative: boolean('cumulative').notNull().default(false),
    /**
     * How its achievement is measured when the M&E officer chose (`achievementRuleOf`): null
     * follows the donor's template and the indicator's direction.
     */
    achievementRule: text('achievement_rule', { enum: achievementRules }),
    sourceKind: text('source_kind', { enum: indicatorSourceKinds }).notNull(),
    source: jsonb('source').$type<Record<string, unknown>>().notNull(),
    dimensions: jsonb('dimensions').$type<string[]>().notNull().default([]),
    sourceOfVerification: text('source_of_verification'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'indicator_pkey', columns: [t.organisationId, t.id] }),
    unique('indicator_org_code_key').on(t.organisationId, t.code),
    unique('indicator_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'indicator_result_node_fk',
      columns: [t.organisationId, t.resultNodeId],
      foreignColumns: [resultNode.organisationId, resultNode.id],
    }).onDelete('set null'),
    check('indicator_unit_check', sql`${t.unit} in (${inList(indicatorUnits)})`),
    check('indicator_direction_check', sql`${t.direction} in (${inList(indicatorDirections)})`),
    check('indicator_time_rule_check', sql`${t.timeRule} in (${inList(timeRules)})`),
    check('indicator_source_kind_check', sql`${t.sourceKind} in (${inList(indicatorSourceKinds)})`),
    check(
      'indicator_achievement_rule_check',
      sql`${t.achievementRule} in (${inList(achievementRules)})`,
    ),
    check('indicator_sub_period_check', sql`${t.subPeriod} in (${inList(subPeriodKinds)})`),
    // Only a stepped rule has steps: a sub-period on a `sum` would be stored and never read.
    check(
      'indicator_sub_period_time_rule_check',
      sql`${t.subPeriod} is null or ${t.timeRule} in (${inList(steppedTimeRules)})`,
    ),
  ],
);

const indicatorFk = (name: string, t: { organisationId: AnyPgColumn; indicatorId: AnyPgColumn }) =>
  foreignKey({
    name,
    columns: [t.organisationId, t.indicatorId],
    foreignColumns: [indicator.organisationId, indicator.id],
  }).onDelete('cascade');

/** The starting value, per breakdown cell (`cell_key` '' is the total). */
export const baseline = pgTable(
  'baseline',
  {
    id: tenantId(),
    organisationId: organisationId(),
    indicatorId: uuid('indicator_id').notNull(),
    cellKey: text('cell_key').notNull().default(''),
    value: numeric('value', { mode: 'number' }).notNull(),
    year: integer('year').notNull(),
    date: date('date', { mode: 'string' }),
    note: text('note'),
  },
  (t) => [
    primaryKey({ name: 'baseline_pkey', columns: [t.organisationId, t.id] }),
    unique('baseline_indicator_cell_key').on(t.organisationId, t.indicatorId, t.cellKey),
    indicatorFk('baseline_indicator_fk', t),
    check('baseline_year_range', sql`${t.year} between 1990 and 2100`),
  ],
);

/**
 * A target for a period (`period_code` as the domain writes it: `2023`, `2023-Q2`, `FY2024`) or
 * for the life of the grant (`period_code` = 'LOG'), per breakdown cell.
 */
export const target = pgTable(
  'target',
  {
    id: tenantId(),
    organisationId: organisationId(),
    indicatorId: uuid('indicator_id').notNull(),
    periodCode: text('period_code').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    cellKey: text('cell_key').notNull().default(''),
    value: numeric('value', { mode: 'number' }).notNull(),
    lifeOfGrant: boolean('life_of_grant').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'target_pkey', columns: [t.organisationId, t.id] }),
    unique('target_indicator_period_cell_key').on(
      t.organisationId,
      t.indicatorId,
      t.periodCode,
      t.cellKey,
    ),
    indicatorFk('target_indicator_fk', t),
    check('target_period_in_order', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);
