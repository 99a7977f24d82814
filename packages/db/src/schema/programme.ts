import { pgTable, text, unique } from 'drizzle-orm/pg-core';
import { id, organisationId, timestamps } from './columns';
import { organisation } from './organisation';

/** A thematic line of work of an organisation (NEWS early warning, women-peace-security…). */
export const programme = pgTable(
  'programme',
  {
    id: id(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    ...timestamps(),
  },
  (t) => [
    unique('programme_org_code_key').on(t.organisationId, t.code),
    unique('programme_org_id_key').on(t.organisationId, t.id),
  ],
);
