import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, inList, organisationId, timestamps } from './columns';
import { grant } from './grant';
import { organisation } from './organisation';
import { programme } from './programme';

export const deliverableTypes = [
  'weekly-report',
  'monthly-bulletin',
  'monthly-report',
  'bimonthly-note',
  'policy-brief',
  'study',
  'quarterly-report',
  'other',
] as const;
export type DeliverableType = (typeof deliverableTypes)[number];

/** A product an indicator counts: a weekly report, a monthly bulletin, a study… */
export const deliverable = pgTable(
  'deliverable',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').notNull(),
    grantId: uuid('grant_id'),
    code: text('code').notNull(),
    type: text('type', { enum: deliverableTypes }).notNull(),
    title: text('title').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'deliverable_pkey', columns: [t.organisationId, t.id] }),
    unique('deliverable_org_code_key').on(t.organisationId, t.code),
    foreignKey({
      name: 'deliverable_programme_fk',
      columns: [t.organisationId, t.programmeId],
      foreignColumns: [programme.organisationId, programme.id],
    }),
    foreignKey({
      name: 'deliverable_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }),
    check('deliverable_type_check', sql`${t.type} in (${inList(deliverableTypes)})`),
    index('deliverable_org_date_idx').on(t.organisationId, t.date),
  ],
);
