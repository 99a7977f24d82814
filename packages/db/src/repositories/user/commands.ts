import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  appUser,
  grant,
  membership,
  membershipScope,
  programme,
  session,
  type Role,
} from '../../schema/index';

export interface UserRow {
  id: string;
  organisationId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  locale: 'fr' | 'en';
}

/** A user's role in one organisation, with the programmes or grants it is limited to. */
export interface MembershipRow {
  id: string;
  organisationId: string;
  userId: string;
  role: Role;
  programmeIds: string[];
  grantIds: string[];
}

export interface SessionRow {
  id: string;
  organisationId: string;
  userId: string;
  expiresAt: Date;
}

export type ScopeKind = 'programme' | 'grant';

const userColumns = {
  id: appUser.id,
  organisationId: appUser.organisationId,
  email: appUser.email,
  name: appUser.name,
  passwordHash: appUser.passwordHash,
  locale: appUser.locale,
};

/** Emails are stored lower-cased (a CHECK holds it); every lookup goes through this. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toUser(row: { locale: string } & Omit<UserRow, 'locale'>): UserRow {
  return { ...row, locale: row.locale === 'en' ? 'en' : 'fr' };
}

/** The user with this email (any case, surrounding spaces ignored), or undefined. */
export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const rows = await db
    .select(userColumns)
    .from(appUser)
    .where(eq(appUser.email, normaliseEmail(email)));
  return rows[0] && toUser(rows[0]);
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const rows = await db.select(userColumns).from(appUser).where(eq(appUser.id, id));
  return rows[0] && toUser(rows[0]);
}

export async function createUser(
  db: Database,
  user: {
    organisationId: string;
    email: string;
    name: string;
    passwordHash: string | null;
    locale?: 'fr' | 'en';
  },
): Promise<UserRow> {
  const [row] = await db
    .insert(appUser)
    .values({ ...user, email: normaliseEmail(user.email), locale: user.locale ?? 'fr' })
    .returning(userColumns);
  return toUser(row!);
}

/** Replaces a password hash (a new password, or the same one re-hashed with stronger parameters). */
export async function updatePasswordHash(
  db: Database,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .update(appUser)
    .set({ passwordHash, updatedAt: new Date() })
    .where(eq(appUser.id, userId));
}

async function withScopes(
  db: Database,
  rows: { id: string; organisationId: string; userId: string; role: Role }[],
): Promise<MembershipRow[]> {
  if (rows.length === 0) return [];
  const scopes = await db
    .select({
      membershipId: membershipScope.membershipId,
      kind: membershipScope.scopeKind,
      id: membershipScope.scopeId,
    })
    .from(membershipScope)
    .where(
      inArray(
        membershipScope.membershipId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(membershipScope.scopeId));
  return rows.map((r) => {
    const mine = scopes.filter((s) => s.membershipId === r.id);
    return {
      ...r,
      programmeIds: mine.filter((s) => s.kind === 'programme').map((s) => s.id),
      grantIds: mine.filter((s) => s.kind === 'grant').map((s) => s.id),
    };
  });
}

const membershipColumns = {
  id: membership.id,
  organisationId: membership.organisationId,
  userId: membership.userId,
  role: membership.role,
};

/** Every membership of a user (one per organisation), with its scopes. */
export async function listMemberships(db: Database, userId: string): Promise<MembershipRow[]> {
  const rows = await db
    .select(membershipColumns)
    .from(membership)
    .where(eq(membership.userId, userId))
    .orderBy(asc(membership.createdAt), asc(membership.id));
  return withScopes(db, rows);
}

/** The user's membership in this organisation, with its scopes, or undefined. */
export async function findMembership(
  db: Database,
  organisationId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  const rows = await db
    .select(membershipColumns)
    .from(membership)
    .where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)));
  return (await withScopes(db, rows))[0];
}

export async function createMembership(
  db: Database,
  value: { organisationId: string; userId: string; role: Role },
): Promise<{ id: string }> {
  const [row] = await db.insert(membership).values(value).returning({ id: membership.id });
  return row!;
}

/**
 * Limits a membership to a programme or a grant of the same organisation. An id that is not a
 * programme (or grant) of that organisation is refused: a scope can never reach into another tenant.
 */
export async function addMembershipScope(
  db: Database,
  value: { organisationId: string; membershipId: string; scopeKind: ScopeKind; scopeId: string },
): Promise<{ ok: true } | { ok: false; reason: 'unknown-scope' }> {
  const table = value.scopeKind === 'programme' ? programme : grant;
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.organisationId, value.organisationId), eq(table.id, value.scopeId)));
  if (found.length === 0) return { ok: false, reason: 'unknown-scope' };
  await db.insert(membershipScope).values(value).onConflictDoNothing();
  return { ok: true };
}

/**
 * The SHA-256 of a session token, hex. Only this is stored: a copy of the session table does not
 * let anyone sign in, and a lookup by an exact hash needs no constant-time comparison.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Stores a session for `token` (its hash only). */
export async function insertSession(
  db: Database,
  value: { organisationId: string; userId: string; token: string; expiresAt: Date },
): Promise<SessionRow> {
  const [row] = await db
    .insert(session)
    .values({
      organisationId: value.organisationId,
      userId: value.userId,
      tokenHash: hashSessionToken(value.token),
      expiresAt: value.expiresAt,
    })
    .returning({
      id: session.id,
      organisationId: session.organisationId,
      userId: session.userId,
      expiresAt: session.expiresAt,
    });
  return row!;
}

/** The session of this token if it exists and has not expired at `now`, else undefined. */
export async function findValidSession(
  db: Database,
  token: string,
  now: Date = new Date(),
): Promise<SessionRow | undefined> {
  const rows = await db
    .select({
      id: session.id,
      organisationId: session.organisationId,
      userId: session.userId,
      expiresAt: session.expiresAt,
    })
    .from(session)
    .where(and(eq(session.tokenHash, hashSessionToken(token)), gt(session.expiresAt, now)));
  return rows[0];
}

/** Deletes the session of this token (logout); true when there was one. */
export async function deleteSession(db: Database, token: string): Promise<boolean> {
  const rows = await db
    .delete(session)
    .where(eq(session.tokenHash, hashSessionToken(token)))
    .returning({ id: session.id });
  return rows.length > 0;
}

/** Deletes every session of a user (sign out everywhere, after a password change). */
export async function deleteUserSessions(db: Database, userId: string): Promise<number> {
  const rows = await db
    .delete(session)
    .where(eq(session.userId, userId))
    .returning({ id: session.id });
  return rows.length;
}

/** Deletes the sessions expired at `now`; returns how many. */
export async function deleteExpiredSessions(db: Database, now: Date = new Date()): Promise<number> {
  const rows = await db
    .delete(session)
    .where(lte(session.expiresAt, now))
    .returning({ id: session.id });
  return rows.length;
}
