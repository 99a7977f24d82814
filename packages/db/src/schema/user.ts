import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, tenantId, inList, organisationId, timestamps } from './columns';
import { organisation } from './organisation';

export const roles = [
  'network-admin',
  'me-officer',
  'programme-officer',
  'manager',
  'donor-viewer',
] as const;
export type Role = (typeof roles)[number];

/** A person who signs in. `organisation_id` is the home organisation. */
export const appUser = pgTable(
  'app_user',
  {
    id: id(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('fr'),
    /**
     * Her password is a temporary one a network admin gave her: she must choose her own at her
     * next sign-in before anything else (the API refuses every other call meanwhile).
     */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    unique('app_user_email_key').on(t.email),
    unique('app_user_org_id_key').on(t.organisationId, t.id),
    check('app_user_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('app_user_locale_check', sql`${t.locale} in ('fr', 'en')`),
  ],
);

/** A user's role in an organisation; programme officers and donor viewers are narrowed by scopes. */
export const membership = pgTable(
  'membership',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'membership_pkey', columns: [t.organisationId, t.id] }),
    unique('membership_org_user_key').on(t.organisationId, t.userId),
    unique('membership_org_id_key').on(t.organisationId, t.id),
    check('membership_role_check', sql`${t.role} in (${inList(roles)})`),
  ],
);

/** The programmes or grants a membership is limited to (`scope_kind` programme | grant). */
export const membershipScope = pgTable(
  'membership_scope',
  {
    organisationId: organisationId(),
    membershipId: uuid('membership_id').notNull(),
    scopeKind: text('scope_kind').notNull(),
    scopeId: uuid('scope_id').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'membership_scope_pk',
      columns: [t.organisationId, t.membershipId, t.scopeKind, t.scopeId],
    }),
    foreignKey({
      name: 'membership_scope_membership_fk',
      columns: [t.organisationId, t.membershipId],
      foreignColumns: [membership.organisationId, membership.id],
    }).onDelete('cascade'),
    check('membership_scope_kind_check', sql`${t.scopeKind} in ('programme', 'grant')`),
  ],
);

/** A signed-in session; the cookie carries a random token whose hash alone is stored. */
export const session = pgTable('session', {
  id: id(),
  organisationId: organisationId(),
  userId: uuid('user_id')
    .notNull()
    .references(() => appUser.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
