import { must } from '@jalon/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../client';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import {
  appUser,
  grant,
  membership,
  membershipScope,
  programme,
  session,
  type Role,
} from '../../schema/index';
import { normaliseEmail } from './queries';
import { refused } from '../../messages/index';

/**
 * The people of an organisation, as its network admin manages them: who they are, the role they
 * hold, the programmes or grants that role is limited to. Every change is audited; the
 * organisation always keeps one network admin.
 */

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  programmeIds: string[];
  grantIds: string[];
}

export interface MemberRole {
  role: Role;
  /** for a programme officer: her programmes */
  programmeIds: string[];
  /** for a donor viewer: the grants she reads */
  grantIds: string[];
}

/** The organisation's members, by name. */
export async function listMembers(db: Database, organisationId: string): Promise<Member[]> {
  const rows = await db
    .select({
      membershipId: membership.id,
      userId: appUser.id,
      email: appUser.email,
      name: appUser.name,
      role: membership.role,
    })
    .from(membership)
    .innerJoin(appUser, eq(appUser.id, membership.userId))
    .where(eq(membership.organisationId, organisationId))
    .orderBy(asc(appUser.name), asc(appUser.email));
  if (rows.length === 0) return [];
  const scopes = await db
    .select()
    .from(membershipScope)
    .where(
      and(
        eq(membershipScope.organisationId, organisationId),
        inArray(
          membershipScope.membershipId,
          rows.map((r) => r.membershipId),
        ),
      ),
    );
  return rows.map(({ membershipId, ...r }) => {
    const own = scopes.filter((s) => s.membershipId === membershipId);
    return {
      ...r,
      programmeIds: own.filter((s) => s.scopeKind === 'programme').map((s) => s.scopeId),
      grantIds: own.filter((s) => s.scopeKind === 'grant').map((s) => s.scopeId),
    };
  });
}

/**
 * The organisation's admin memberships, locked until the transaction ends: two admins removing
 * each other at once are served one after the other, and the second finds herself the last.
 */
async function lockAdmins(tx: Tx, organisationId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: membership.userId })
    .from(membership)
    .where(and(eq(membership.organisationId, organisationId), eq(membership.role, 'network-admin')))
    .orderBy(membership.id)
    .for('update');
  return rows.map((r) => r.userId);
}

const lastAdmin = () => refused('last-admin');

const scopesOf = (access: MemberRole) => ({
  programmeIds: access.role === 'programme-officer' ? [...new Set(access.programmeIds)] : [],
  grantIds: access.role === 'donor-viewer' ? [...new Set(access.grantIds)] : [],
});

/** The refusal of scopes naming programmes / grants the organisation does not have, or null. */
async function unknownScopes(
  tx: Tx,
  organisationId: string,
  access: MemberRole,
): Promise<CommandResult<never> | null> {
  const { programmeIds, grantIds } = scopesOf(access);
  for (const [table, ids, what] of [
    [programme, programmeIds, 'programme'],
    [grant, grantIds, 'grant'],
  ] as const) {
    if (ids.length === 0) continue;
    const found = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.organisationId, organisationId), inArray(table.id, ids)));
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length)
      return { ok: false, error: { kind: 'unknown-reference', what, ids: missing } };
  }
  return null;
}

/** Replaces a membership's scopes (checked first with {@link unknownScopes}). */
async function writeScopes(
  tx: Tx,
  organisationId: string,
  membershipId: string,
  access: MemberRole,
): Promise<void> {
  const { programmeIds, grantIds } = scopesOf(access);
  await tx
    .delete(membershipScope)
    .where(
      and(
        eq(membershipScope.organisationId, organisationId),
        eq(membershipScope.membershipId, membershipId),
      ),
    );
  const values = [
    ...programmeIds.map((scopeId) => ({ scopeKind: 'programme', scopeId })),
    ...grantIds.map((scopeId) => ({ scopeKind: 'grant', scopeId })),
  ].map((s) => ({ organisationId, membershipId, ...s }));
  if (values.length) await tx.insert(membershipScope).values(values);
}

/**
 * Gives a person a role in the organisation: a new user with the password hash given (a temporary
 * one, shown once, which she must replace at her first sign-in: `must_change_password`), or a user
 * who already exists without a role here (her password, and whether she must change it, stay).
 * Refused as `duplicate-code` when she is already a member.
 */
export async function addMember(
  db: Database,
  organisationId: string,
  input: MemberRole & { email: string; name: string; locale: 'fr' | 'en'; passwordHash: string },
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ userId: string; created: boolean }>> {
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    const badScopes = await unknownScopes(tx, organisationId, input);
    if (badScopes) return badScopes;
    const [existing] = await tx
      .select({ id: appUser.id })
      .from(appUser)
      .where(eq(appUser.email, email));
    let userId = existing?.id;
    if (userId) {
      const [member] = await tx
        .select({ id: membership.id })
        .from(membership)
        .where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)));
      if (member) return { ok: false, error: { kind: 'duplicate-code', code: email } };
    } else {
      const [created] = await tx
        .insert(appUser)
        .values({
          organisationId,
          email,
          name: input.name,
          locale: input.locale,
          passwordHash: input.passwordHash,
          mustChangePassword: true,
        })
        .returning({ id: appUser.id });
      userId = must(created, 'the new user').id;
    }
    const [inserted] = await tx
      .insert(membership)
      .values({ organisationId, userId, role: input.role })
      .returning();
    const m = must(inserted, 'the new membership');
    await writeScopes(tx, organisationId, m.id, input);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'create',
      entity: 'membership',
      entityId: m.id,
      after: { ...m, email, ...scopesOf(input) },
    });
    return { ok: true, value: { userId, created: !existing } };
  });
}

async function memberRow(tx: Tx, organisationId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(membership)
    .where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)))
    .for('update');
  return row;
}

/** Changes a member's role and scopes; the last network admin keeps hers. */
export async function setMemberRole(
  db: Database,
  organisationId: string,
  userId: string,
  access: MemberRole,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ userId: string }>> {
  return db.transaction(async (tx) => {
    const admins = await lockAdmins(tx, organisationId);
    const before = await memberRow(tx, organisationId, userId);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    if (before.role === 'network-admin' && access.role !== 'network-admin' && admins.length <= 1)
      return lastAdmin();
    const badScopes = await unknownScopes(tx, organisationId, access);
    if (badScopes) return badScopes;
    const [after] = await tx
      .update(membership)
      .set({ role: access.role, updatedAt: new Date() })
      .where(eq(membership.id, before.id))
      .returning();
    await writeScopes(tx, organisationId, before.id, access);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'membership',
      entityId: before.id,
      before,
      after: { ...after, ...scopesOf(access) },
    });
    return { ok: true, value: { userId } };
  });
}

/**
 * Takes a member's access away: her role here ends and her sessions close at once (her account and
 * what she recorded stay, under her name). The last network admin cannot be deactivated.
 */
export async function deactivateMember(
  db: Database,
  organisationId: string,
  userId: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ userId: string }>> {
  return db.transaction(async (tx) => {
    const admins = await lockAdmins(tx, organisationId);
    const before = await memberRow(tx, organisationId, userId);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    if (before.role === 'network-admin' && admins.length <= 1) return lastAdmin();
    await tx.delete(membership).where(eq(membership.id, before.id));
    await tx
      .delete(session)
      .where(and(eq(session.organisationId, organisationId), eq(session.userId, userId)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'delete',
      entity: 'membership',
      entityId: before.id,
      before,
    });
    return { ok: true, value: { userId } };
  });
}
