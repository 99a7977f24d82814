import { pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { tenantId, organisationId, timestamps } from './columns';
import { organisation } from './organisation';

/** Who funds: UNDP, the Netherlands ministry, Interpeace, DRC… */
export const donor = pgTable(
  'donor',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The donor's IATI organisation identifier (e.g. `XM-DAC-7` for the Netherlands). */
    iatiRef: text('iati_ref'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'donor_pkey', columns: [t.organisationId, t.id] }),
    unique('donor_org_code_key').on(t.organisationId, t.code),
    unique('donor_org_id_key').on(t.organisationId, t.id),
  ],
);
