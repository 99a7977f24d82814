import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

export const organisationKinds = [
  'regional-body',
  'national-network',
  'member-organisation',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/**
 * A tenant. Its `organisation_id` is its own id, so that even this table follows the rule
 * "every row carries the organisation it belongs to" (the shard key on a distributed PostgreSQL).
 */
export const organisation = pgTable(
  'organisation',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    organisationId: uuid('organisation_id').notNull(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    country: text('country'),
    /** Whoever submitted a record may not validate it; on unless the organisation says otherwise. */
    separationOfDuties: boolean('separation_of_duties').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    unique('organisation_code_key').on(t.code),
    check('organisation_self_tenant', sql`${t.organisationId} = ${t.id}`),
    check(
      'organisation_kind_check',
      sql`${t.kind} in ('regional-body', 'national-network', 'member-organisation')`,
    ),
    foreignKey({ name: 'organisation_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
  ],
);
