import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { organisation } from './organisation';
import { place } from './place';
import { programme } from './programme';

/** The four domains of the NEWS-Mali bulletin. */
export const incidentCategories = [
  'organised-crime-violent-extremism',
  'democracy-governance',
  'women-peace-security',
  'environmental-security',
] as const;
export type IncidentCategory = (typeof incidentCategories)[number];

/** An early-warning incident: when, where, what, how many dead and injured, verified or not. */
export const incident = pgTable(
  'incident',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id'),
    code: text('code').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    month: monthKey('month', 'date'),
    placeId: uuid('place_id'),
    category: text('category', { enum: incidentCategories }).notNull(),
    deaths: integer('deaths').notNull().default(0),
    injuries: integer('injuries').notNull().default(0),
    verified: boolean('verified').notNull().default(false),
    description: text('description'),
    /** Optimistic concurrency: a correction or a removal names the version it read. */
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'incident_pkey', columns: [t.organisationId, t.id] }),
    unique('incident_org_code_key').on(t.organisationId, t.code),
    unique('incident_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'incident_place_fk',
      columns: [t.organisationId, t.placeId],
      foreignColumns: [place.organisationId, place.id],
    }),
    foreignKey({
      name: 'incident_programme_fk',
      columns: [t.organisationId, t.programmeId],
      foreignColumns: [programme.organisationId, programme.id],
    }),
    check('incident_deaths_nonnegative', sql`${t.deaths} >= 0`),
    check('incident_injuries_nonnegative', sql`${t.injuries} >= 0`),
    check('incident_category_check', sql`${t.category} in (${inList(incidentCategories)})`),
    index('incident_org_month_idx').on(t.organisationId, t.month),
  ],
);
