import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, inList, organisationId, timestamps } from './columns';
import { grant } from './grant';

export const resultLevels = ['impact', 'outcome', 'output'] as const;
export type ResultLevel = (typeof resultLevels)[number];

/** A node of a grant's logframe: impact → outcomes → outputs. */
export const resultNode = pgTable(
  'result_node',
  {
    id: tenantId(),
    organisationId: organisationId(),
    grantId: uuid('grant_id').notNull(),
    parentId: uuid('parent_id'),
    level: text('level', { enum: resultLevels }).notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
    assumptions: text('assumptions'),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'result_node_pkey', columns: [t.organisationId, t.id] }),
    unique('result_node_grant_code_key').on(t.organisationId, t.grantId, t.code),
    unique('result_node_org_id_key').on(t.organisationId, t.id),
    foreignKey({
      name: 'result_node_grant_fk',
      columns: [t.organisationId, t.grantId],
      foreignColumns: [grant.organisationId, grant.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'result_node_parent_fk',
      columns: [t.organisationId, t.parentId],
      foreignColumns: [t.organisationId, t.id],
    }).onDelete('cascade'),
    check('result_node_level_check', sql`${t.level} in (${inList(resultLevels)})`),
  ],
);
