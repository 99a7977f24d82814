import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationId } from './columns';

/**
 * The creates a client has asked for, by the id the client gave them (`crypto.randomUUID()` in
 * the browser's outbox): a request sent again — a save cut by the network, an outbox replayed —
 * returns the first result and writes nothing more. Unique per organisation; `fingerprint` is a
 * hash of the request, so the same id with a different request is refused, not confused with it.
 * The claim and the record it creates are written in one transaction: a refused save leaves no
 * claim, and can be corrected and sent again under the same id.
 */
export const clientRequest = pgTable(
  'client_request',
  {
    organisationId: organisationId(),
    clientId: uuid('client_id').notNull(),
    /** The API procedure, `activity.create` or `incident.create`. */
    procedure: text('procedure').notNull(),
    fingerprint: text('fingerprint').notNull(),
    userId: uuid('user_id'),
    /** What the first request returned: the created record's id (and code). */
    result: jsonb('result').$type<{ id: string; code?: string }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.clientId] }),
    index('client_request_org_created_idx').on(t.organisationId, t.createdAt),
  ],
);
