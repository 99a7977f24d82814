import { must, APPROVAL_MOVES, type ApprovalAction } from '@jalon/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  activity,
  auditLog,
  type manualValue,
  organisation,
  restatement,
  type RecordStatus,
} from '../../schema/index';
import { type CommandFailure, type Tx, writeAudit } from '../../command';
import {
  activityAtVersion,
  grantsOf,
  inputRefused,
  saveAtVersion,
  type ActivityInput,
} from '../activity/commands';
import { findActivity, type ActivityRow } from '../activity/queries';
import { locksHolding } from '../period-lock/queries';

/** A move of the approval workflow and where each starts from and leads: the domain's table. */
export type { ApprovalAction };
export const approvalMoves = APPROVAL_MOVES;

/** Why an approval or a restatement was refused, beyond the commands' common failures. */
export type ApprovalFailure =
  | CommandFailure
  /** the record is not in a status the move starts from */
  | { kind: 'wrong-status'; status: RecordStatus; action: ApprovalAction }
  /** separation of duties: whoever submitted the record may not validate it */
  | { kind: 'own-submission' };

export type ApprovalResult<T> = { ok: true; value: T } | { ok: false; error: ApprovalFailure };

/**
 * Whether separation of duties forbids `userId` to validate the record: the organisation keeps
 * it (its setting, on by default) and she made the record's last submission (the audit trail).
 * The pages ask it too, to say why they offer no « Valider » rather than show a refused button.
 * @example await ownSubmission(db, org, 'activity', id, userId) // true: someone else validates
 */
export async function ownSubmission(
  tx: Tx | Database,
  organisationId: string,
  entity: string,
  id: string,
  userId: string,
): Promise<boolean> {
  const [org] = await tx
    .select({ on: organisation.separationOfDuties })
    .from(organisation)
    .where(eq(organisation.id, organisationId));
  if (!org?.on) return false;
  const [submission] = await tx
    .select({ userId: auditLog.userId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organisationId, organisationId),
        eq(auditLog.entity, entity),
        eq(auditLog.entityId, id),
        eq(auditLog.action, 'submit'),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  return submission?.userId === userId;
}

/**
 * One approval move inside the caller's transaction, whatever the record: read it, check the
 * version read and the status the move starts from (a move with nothing left to do answers the
 * record unchanged), keep separation of duties (no one validates her own submission), set the new status at that version, read it back and audit the move with
 * its reason. `setStatus` answers false when the version moved meanwhile.
 */
export async function applyApprovalMove<T extends { status: RecordStatus; version: number }>(
  tx: Tx,
  move: {
    organisationId: string;
    entity: string;
    id: string;
    version: number;
    action: ApprovalAction;
    actor: { userId: string | null };
    reason: string | null;
  },
  steps: {
    find: () => Promise<T | undefined>;
    setStatus: (to: RecordStatus) => Promise<boolean>;
  },
): Promise<ApprovalResult<T>> {
  const before = await steps.find();
  if (!before) return { ok: false, error: { kind: 'not-found' } };
  if (before.version !== move.version)
    return { ok: false, error: { kind: 'conflict', currentVersion: before.version } };
  const rule = approvalMoves[move.action];
  if (rule.done.includes(before.status)) return { ok: true, value: before };
  if (!rule.from.includes(before.status))
    return {
      ok: false,
      error: { kind: 'wrong-status', status: before.status, action: move.action },
    };
  if (
    move.action === 'validate' &&
    move.actor.userId !== null &&
    (await ownSubmission(tx, move.organisationId, move.entity, move.id, move.actor.userId))
  )
    return { ok: false, error: { kind: 'own-submission' } };
  if (!(await steps.setStatus(rule.to)))
    return { ok: false, error: { kind: 'conflict', currentVersion: before.version + 1 } };
  const after = must(await steps.find(), 'the record just moved, read back');
  await writeAudit(tx, {
    organisationId: move.organisationId,
    userId: move.actor.userId,
    action: move.action,
    entity: move.entity,
    entityId: move.id,
    before,
    after,
    reason: move.reason,
  });
  return { ok: true, value: after };
}

/** The records that go through the approval workflow: a status and a version, per organisation. */
type ApprovableTable = typeof activity | typeof manualValue;

/**
 * The approval move of one kind of record (an activity, an entered value): a function that moves
 * the record read at `version`, in its own transaction, through {@link applyApprovalMove}, whose
 * status change is the one versioned write `UPDATE … SET status, version + 1 WHERE id AND
 * version = $read` of every approvable record.
 */
export function approvalMove<T extends { status: RecordStatus; version: number }>(
  table: ApprovableTable,
  entity: 'activity' | 'manual-value',
  find: (tx: Tx, organisationId: string, id: string) => Promise<T | undefined>,
) {
  return (
    db: Database,
    organisationId: string,
    id: string,
    version: number,
    action: ApprovalAction,
    actor: { userId: string | null } = { userId: null },
    reason: string | null = null,
  ): Promise<ApprovalResult<T>> =>
    db.transaction((tx) =>
      applyApprovalMove(
        tx,
        { organisationId, entity, id, version, action, actor, reason },
        {
          find: () => find(tx, organisationId, id),
          setStatus: async (to) =>
            (
              await tx
                .update(table)
                .set({ status: to, version: sql`${table.version} + 1`, updatedAt: sql`now()` })
                .where(
                  and(
                    eq(table.organisationId, organisationId),
                    eq(table.id, id),
                    eq(table.version, version),
                  ),
                )
                .returning({ id: table.id })
            ).length > 0,
        },
      ),
    );
}

/**
 * Moves an activity read at `version` along the approval workflow, audited (with the reason of a
 * rejection); a move with nothing left to do returns it unchanged (no new version, no audit row).
 * The move does not change a figure, so it is allowed in a locked period: a late validation of a
 * reported fact confirms it, and a rejected fact stays locked against edits.
 * @example await moveActivity(db, org, id, 3, 'validate', actor) // { ok: true, value: { status: 'validated', version: 4, … } }
 */
export const moveActivity = approvalMove(activity, 'activity', findActivity);

/**
 * Corrects an activity of a locked period (an administrator's restatement): the change is applied
 * despite the lock, one restatement row is kept per locked grant period it touches (with the values
 * before and after and the reason, for the grant's next report) and the audit log records it
 * (`restate`, with the reason). The approval status is kept: the correction is the
 * administrator's, not a new entry. When no submitted report holds the activity, the change is an
 * ordinary edit with a reason (`update`, back to draft, no restatement row).
 */
export async function restateActivity(
  db: Database,
  organisationId: string,
  id: string,
  version: number,
  input: ActivityInput,
  reason: string,
  actor: { userId: string | null } = { userId: null },
): Promise<
  ApprovalResult<{ activity: ActivityRow; restated: { grant: string; period: string }[] }>
> {
  return db.transaction(async (tx) => {
    const read = await activityAtVersion(tx, organisationId, id, version);
    if (!read.ok) return read;
    const before = read.value;
    const refused = await inputRefused(tx, organisationId, id, input);
    if (refused) return { ok: false, error: refused };
    const locks = await locksHolding(
      tx,
      organisationId,
      [...(await grantsOf(tx, id)), ...input.grantIds],
      [...new Set([before.startDate, input.startDate])],
    );
    // With a lock the approval status stays (the administrator's correction); without, an edit.
    const after = await saveAtVersion(
      tx,
      organisationId,
      id,
      version,
      input,
      locks.length === 0 ? { status: 'draft' } : {},
    );
    if (!after) return { ok: false, error: { kind: 'conflict', currentVersion: before.version } };
    if (locks.length > 0)
      await tx.insert(restatement).values(
        locks.map((l) => ({
          organisationId,
          grantId: l.grantId,
          periodCode: l.period,
          entity: 'activity',
          entityId: id,
          reason,
          before,
          after,
          recordedBy: actor.userId,
        })),
      );
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: locks.length > 0 ? 'restate' : 'update',
      entity: 'activity',
      entityId: id,
      before,
      after,
      reason,
    });
    return {
      ok: true,
      value: {
        activity: after,
        restated: locks.map((l) => ({ grant: l.grant, period: l.period })),
      },
    };
  });
}
