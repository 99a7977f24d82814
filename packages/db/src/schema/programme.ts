import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { tenantId, organisationId, timestamps } from './columns';
import { organisation } from './organisation';

/** A thematic line of work of an organisation (NEWS early warning, women-peace-security…). */
export const programme = pgTable(
  'programme',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    /** The year the programme started, when a bulletin says it (« opérationnel depuis 2011 »). */
    sinceYear: integer('since_year'),
    /** Where it runs, ISO 3166-1 alpha-2 codes (Just Future: six countries); empty when only here. */
    countries: text('countries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'programme_pkey', columns: [t.organisationId, t.id] }),
    check(
      'programme_since_year',
      sql`${t.sinceYear} is null or ${t.sinceYear} between 1900 and 2200`,
    ),
    unique('programme_org_code_key').on(t.organisationId, t.code),
    unique('programme_org_id_key').on(t.organisationId, t.id),
  ],
);
