import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-in counters, one row per key (an email and address pair, an address, an email),
 * each over a fixed window that ends at `expires_at`. In the database rather than in memory, so a
 * restart or a second server does not hand an attacker a fresh budget. Not a tenant table: a
 * sign-in attempt happens before anyone knows which organisation it is for (a reference table
 * under Citus, like the codelists).
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('login_throttle_expires_at_idx').on(t.expiresAt)],
);
