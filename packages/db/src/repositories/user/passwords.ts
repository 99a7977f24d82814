import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../client';
import { type CommandResult, writeAudit } from '../../command';
import { refused } from '../../messages/index';
import { appUser, membership, session } from '../../schema/index';

/**
 * A password replaced: by the network admin for a member who lost hers (a temporary one, shown
 * once), or by a person for her own. The hash alone is stored and never audited; the audit line
 * says who changed whose password, and the sessions opened with the old one are closed at once.
 */

/**
 * The network admin gives a member a new (temporary) password, to be replaced at her next sign-in
 * (`must_change_password`): every session of that person is closed, in every organisation, since they were opened with the old one. Refused for someone who
 * is not a member here, and for an account another network opened (its own admin resets it: an
 * account is one person's across networks, and one network does not take it over).
 */
export async function resetMemberPassword(
  db: Database,
  organisationId: string,
  userId: string,
  passwordHash: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ userId: string; sessionsClosed: number }>> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: membership.id })
      .from(membership)
      .where(and(eq(membership.organisationId, organisationId), eq(membership.userId, userId)));
    if (!member) return { ok: false, error: { kind: 'not-found' } };
    const [user] = await tx
      .select({ organisationId: appUser.organisationId })
      .from(appUser)
      .where(eq(appUser.id, userId))
      .for('update');
    if (!user) return { ok: false, error: { kind: 'not-found' } };
    if (user.organisationId !== organisationId)
      return refused('password-account-of-another-network');
    await tx
      .update(appUser)
      .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
      .where(eq(appUser.id, userId));
    const closed = await tx
      .delete(session)
      .where(eq(session.userId, userId))
      .returning({ id: session.id });
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'password',
      entityId: userId,
      after: { reset: true, by: 'network-admin', sessionsClosed: closed.length },
    });
    return { ok: true, value: { userId, sessionsClosed: closed.length } };
  });
}

/**
 * A person replaces her own password (the caller checked the current one), a temporary one
 * included (no longer to be changed): her other sessions close, the one she is using (`keepSessionId`) stays open.
 */
export async function changeOwnPassword(
  db: Database,
  organisationId: string,
  userId: string,
  passwordHash: string,
  keepSessionId: string | null,
): Promise<CommandResult<{ userId: string; sessionsClosed: number }>> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(appUser)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(appUser.id, userId))
      .returning({ id: appUser.id });
    if (updated.length === 0) return { ok: false, error: { kind: 'not-found' } };
    const closed = await tx
      .delete(session)
      .where(
        keepSessionId
          ? and(eq(session.userId, userId), ne(session.id, keepSessionId))
          : eq(session.userId, userId),
      )
      .returning({ id: session.id });
    await writeAudit(tx, {
      organisationId,
      userId,
      action: 'update',
      entity: 'password',
      entityId: userId,
      after: { reset: false, by: 'self', sessionsClosed: closed.length },
    });
    return { ok: true, value: { userId, sessionsClosed: closed.length } };
  });
}
