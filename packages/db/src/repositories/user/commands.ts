import { and, eq, lte } from 'drizzle-orm';
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
import {
  type UserRow,
  type SessionRow,
  type ScopeKind,
  userColumns,
  normaliseEmail,
  toUser,
  hashSessionToken,
} from './queries';
import { must } from '@jalon/domain';

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
  return toUser(must(row, 'the user just written'));
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

export async function createMembership(
  db: Database,
  value: { organisationId: string; userId: string; role: Role },
): Promise<{ id: string }> {
  const [row] = await db.insert(membership).values(value).returning({ id: membership.id });
  return must(row, 'the membership just written');
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
  return must(row, 'the session just written');
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
