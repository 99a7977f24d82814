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
import { MISSING_SCORE_RULES } from '@jalon/domain';
import { tenantId, inList, organisationId, timestamps } from './columns';
import { organisation } from './organisation';

/** An institutional index (WODI-style): weighted domains of weighted criteria, scored on a scale. */
export const assessmentFramework = pgTable(
  'assessment_framework',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    scaleMin: integer('scale_min').notNull().default(1),
    scaleMax: integer('scale_max').notNull().default(4),
    /** What a missing criterion score means (the engine's rule): `exclude`, `lowest` or `fail`. */
    missingRule: text('missing_rule', { enum: MISSING_SCORE_RULES }).notNull().default('exclude'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'assessment_framework_pkey', columns: [t.organisationId, t.id] }),
    unique('assessment_framework_org_code_key').on(t.organisationId, t.code),
    unique('assessment_framework_org_id_key').on(t.organisationId, t.id),
    check('assessment_framework_scale', sql`${t.scaleMax} > ${t.scaleMin}`),
    check(
      'assessment_framework_missing_rule',
      sql`${t.missingRule} in (${inList(MISSING_SCORE_RULES)})`,
    ),
  ],
);

export const assessmentDomain = pgTable(
  'assessment_domain',
  {
    id: tenantId(),
    organisationId: organisationId(),
    frameworkId: uuid('framework_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    weight: numeric('weight', { mode: 'number' }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'assessment_domain_pkey', columns: [t.organisationId, t.id] }),
    unique('assessment_domain_framework_code_key').on(t.organisationId, t.frameworkId, t.code),
    unique('assessment_domain_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'assessment_domain_framework_fk',
      columns: [t.organisationId, t.frameworkId],
      foreignColumns: [assessmentFramework.organisationId, assessmentFramework.id],
    }).onDelete('cascade'),
    check('assessment_domain_weight_positive', sql`${t.weight} > 0`),
  ],
);

export const assessmentCriterion = pgTable(
  'assessment_criterion',
  {
    id: tenantId(),
    organisationId: organisationId(),
    domainId: uuid('domain_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    weight: numeric('weight', { mode: 'number' }).notNull().default(1),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'assessment_criterion_pkey', columns: [t.organisationId, t.id] }),
    unique('assessment_criterion_domain_code_key').on(t.organisationId, t.domainId, t.code),
    unique('assessment_criterion_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'assessment_criterion_domain_fk',
      columns: [t.organisationId, t.domainId],
      foreignColumns: [assessmentDomain.organisationId, assessmentDomain.id],
    }).onDelete('cascade'),
    check('assessment_criterion_weight_positive', sql`${t.weight} > 0`),
  ],
);

/**
 * One organisation assessed in one cycle. The tenant holding the row may be the assessed
 * organisation itself or hold the peers' published results (`subject_code`/`subject_name`), so
 * that a national network can see where it ranks.
 */
export const assessment = pgTable(
  'assessment',
  {
    id: tenantId(),
    organisationId: organisationId(),
    frameworkId: uuid('framework_id').notNull(),
    subjectCode: text('subject_code').notNull(),
    subjectName: text('subject_name').notNull(),
    cycle: integer('cycle').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'assessment_pkey', columns: [t.organisationId, t.id] }),
    unique('assessment_subject_cycle_key').on(
      t.organisationId,
      t.frameworkId,
      t.subjectCode,
      t.cycle,
    ),
    unique('assessment_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'assessment_framework_fk',
      columns: [t.organisationId, t.frameworkId],
      foreignColumns: [assessmentFramework.organisationId, assessmentFramework.id],
    }).onDelete('cascade'),
  ],
);

export const assessmentScore = pgTable(
  'assessment_score',
  {
    organisationId: organisationId(),
    assessmentId: uuid('assessment_id').notNull(),
    criterionId: uuid('criterion_id').notNull(),
    score: numeric('score', { mode: 'number' }).notNull(),
    comment: text('comment'),
  },
  (t) => [
    unique('assessment_score_key').on(t.organisationId, t.assessmentId, t.criterionId),
    foreignKey({
      name: 'assessment_score_assessment_fk',
      columns: [t.organisationId, t.assessmentId],
      foreignColumns: [assessment.organisationId, assessment.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'assessment_score_criterion_fk',
      columns: [t.organisationId, t.criterionId],
      foreignColumns: [assessmentCriterion.organisationId, assessmentCriterion.id],
    }).onDelete('cascade'),
    check('assessment_score_nonnegative', sql`${t.score} >= 0`),
  ],
);
