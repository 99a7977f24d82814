import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, organisationId, timestamps } from './columns';
import { organisation } from './organisation';

export const placeLevels = ['country', 'region', 'cercle', 'commune', 'locality'] as const;
export type PlaceLevel = (typeof placeLevels)[number];

/** A place in the administrative tree (country → region → cercle → commune), or a locality. */
export const place = pgTable(
  'place',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: placeLevels }).notNull(),
    /** Codes from the top down (`ml/mopti/bandiagara`): "within Mopti" is a prefix test. */
    path: text('path').notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'place_pkey', columns: [t.organisationId, t.id] }),
    unique('place_org_code_key').on(t.organisationId, t.code),
    unique('place_org_id_key').on(t.organisationId, t.id),
    index('place_org_path_idx').on(t.organisationId, t.path),
    check(
      'place_level_check',
      sql`${t.level} in ('country', 'region', 'cercle', 'commune', 'locality')`,
    ),
    foreignKey({
      name: 'place_parent_fk',
      columns: [t.organisationId, t.parentId],
      foreignColumns: [t.organisationId, t.id],
    }),
  ],
);
