import {
  bigserial,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisationId } from './columns';

/** Every mutation: who, when, what, and the values before and after. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    organisationId: organisationId(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ name: 'audit_log_pkey', columns: [t.organisationId, t.id] }),
    index('audit_log_org_entity_idx').on(t.organisationId, t.entity, t.entityId),
    index('audit_log_org_at_idx').on(t.organisationId, t.at),
  ],
);
