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
import { tenantId, organisationId, timestamps } from './columns';
import { donor } from './donor';
import { organisation } from './organisation';
import { programme } from './programme';

/**
 * Money from a donor, for some programmes, from `start_date` to `end_date`, reported on the
 * donor's calendar (`fiscal_year_start_month`: 10 for USAID, 1 for most) with its template.
 */
// `grant` is an SQL keyword: the table is named for what it holds, a grant agreement.
export const grant = pgTable(
  'grant_agreement',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    donorId: uuid('donor_id').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull().default('XOF'),
    amount: numeric('amount', { precision: 16, scale: 2, mode: 'number' }),
    fiscalYearStartMonth: integer('fiscal_year_start_month').notNull().default(1),
    reportTemplate: text('report_template').notNull().default('generic'),
    iatiIdentifier: text('iati_identifier'),
    /** The donor's own reference for the award (UNDP "award ID", the ministry's activity id). */
    donorReference: text('donor_reference'),
    /** The grant's title in English, for donors who read English (the cover of their report). */
    titleEn: text('title_en'),
    /** UNDP's business unit (`MLI10`), printed on the cover of its quarterly report. */
    businessUnit: text('business_unit'),
    /** The donor's project or output number, when it differs from the award reference. */
    projectId: text('project_id'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'grant_agreement_pkey', columns: [t.organisationId, t.id] }),
    unique('grant_org_code_key').on(t.organisationId, t.code),
    unique('grant_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'grant_donor_fk',
      columns: [t.organisationId, t.donorId],
      foreignColumns: [donor.organisationId, donor.id],
    }),
    check('grant_dates_in_order', sql`${t.endDate} >= ${t.startDate}`),
    check('grant_fiscal_start_month', sql`${t.fiscalYearStartMonth} between 1 and 12`),
    check('grant_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('grant_amount_nonnegative', sql`${t.amount} >= 0`),
  ],
);

/** The programmes a grant funds. */
export const grantProgramme = pgTable(
  'grant_programme',
  {
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'grant_programme_pk',
      columns: [t.organisationId, t.grantId, t.programmeId],
    }),
    foreignKey({
      name: 'grant_programme_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'grant_programme_programme_fk',
      columns: [t.organisationId, t.programmeId],
      foreignColumns: [programme.organisationId, programme.id],
    }).onDelete('cascade'),
  ],
);
