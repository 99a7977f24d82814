import { createHash } from 'node:crypto';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../client';
import { appUser, membership, membershipScope, session, type Role } from '../../schema/index';

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

export const userColumns = {
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

export function toUser(row: { locale: string } & Omit<UserRow, 'locale'>): UserRow {
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
      // A user's memberships may be in several organisations (listMemberships).
      or(
        ...rows.map((r) =>
          and(
            eq(membershipScope.organisationId, r.organisationId),
            eq(membershipScope.membershipId, r.id),
          ),
        ),
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

/**
 * The SHA-256 of a session token, hex. Only this is stored: a copy of the session table does not
 * let anyone sign in, and a lookup by an exact hash needs no constant-time comparison.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
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

/** Who a live session acts as: the session, the user, and her membership with its scopes. */
export interface SessionActorRow {
  session: SessionRow;
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'locale'> & { mustChangePassword: boolean };
  membership: MembershipRow;
}

/**
 * The session of this token with its user and membership (scopes included), in ONE statement:
 * every request resolves its cookie through here, so it is a single round trip (it was four:
 * session, membership, user, scopes). Undefined when the token is unknown or expired at `now`,
 * or the user no longer belongs to the session's organisation.
 */
export async function findSessionActor(
  db: Database,
  token: string,
  now: Date = new Date(),
): Promise<SessionActorRow | undefined> {
  const [row] = await queryRows<{
    session_id: string;
    organisation_id: string;
    user_id: string;
    expires_at: string | Date;
    membership_id: string;
    role: Role;
    email: string;
    name: string;
    locale: string;
    must_change_password: boolean;
    scopes: { kind: ScopeKind; id: string }[] | null;
  }>(
    db,
    sql`select s.id as session_id, s.organisation_id, s.user_id, s.expires_at,
               m.id as membership_id, m.role, u.email, u.name, u.locale, u.must_change_password,
               (select json_agg(json_build_object('kind', ms.scope_kind, 'id', ms.scope_id)
                                order by ms.scope_id)
                  from membership_scope ms
                 where ms.organisation_id = m.organisation_id and ms.membership_id = m.id) as scopes
          from session s
          join membership m on m.organisation_id = s.organisation_id and m.user_id = s.user_id
          join app_user u on u.id = s.user_id
         where s.token_hash = ${hashSessionToken(token)} and s.expires_at > ${now.toISOString()}`,
  );
  if (!row) return undefined;
  const scopes = row.scopes ?? [];
  return {
    session: {
      id: row.session_id,
      organisationId: row.organisation_id,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
    },
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      locale: row.locale === 'en' ? 'en' : 'fr',
      mustChangePassword: row.must_change_password === true,
    },
    membership: {
      id: row.membership_id,
      organisationId: row.organisation_id,
      userId: row.user_id,
      role: row.role,
      programmeIds: scopes.filter((s) => s.kind === 'programme').map((s) => s.id),
      grantIds: scopes.filter((s) => s.kind === 'grant').map((s) => s.id),
    },
  };
}
