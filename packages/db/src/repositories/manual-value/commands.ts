import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { indicator, manualValue, resultNode, type CountQualifier } from '../../schema/index';
import { approvalMove, type ApprovalResult } from '../approval/commands';
import { type Tx, writeAudit } from '../../command';
import { locksOverlapping } from '../period-lock/queries';
import { type ManualValueRow, findManualValue } from './queries';
import { must } from '@jalon/domain';

export interface ManualValueInput {
  indicatorId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  cellKey: string;
  value: number;
  qualifier: CountQualifier;
  numerator: number | null;
  denominator: number | null;
  note: string | null;
}

async function indicatorGrant(tx: Tx, organisationId: string, indicatorId: string) {
  const [row] = await tx
    .select({ id: indicator.id, grantId: resultNode.grantId })
    .from(indicator)
    .leftJoin(resultNode, eq(resultNode.id, indicator.resultNodeId))
    .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, indicatorId)));
  return row;
}

/**
 * Enters (or corrects) the value of an indicator for a period and breakdown cell. A correction names
 * the version it read (a stale one is a conflict) and returns the value to draft; a new value names
 * none. Refused when a submitted report of the indicator's grant locks any part of the period.
 * Audited.
 */
export async function setManualValue(
  db: Database,
  organisationId: string,
  input: ManualValueInput,
  version: number | undefined,
  actor: { userId: string | null; reason?: string | null } = { userId: null },
): Promise<ApprovalResult<ManualValueRow>> {
  return db.transaction((tx) => writeManualValue(tx, organisationId, input, version, actor));
}

/**
 * {@link setManualValue} inside a transaction already open (an import writes many values in
 * one): the one function that writes a value entered by hand, its lock check and its audit.
 */
export async function writeManualValue(
  tx: Tx,
  organisationId: string,
  input: ManualValueInput,
  version: number | undefined,
  actor: { userId: string | null; reason?: string | null } = { userId: null },
): Promise<ApprovalResult<ManualValueRow>> {
  {
    const owner = await indicatorGrant(tx, organisationId, input.indicatorId);
    if (!owner) return { ok: false, error: { kind: 'not-found' } };
    const [lock] = await locksOverlapping(
      tx,
      organisationId,
      owner.grantId ? [owner.grantId] : [],
      input.periodStart,
      input.periodEnd,
    );
    if (lock)
      return { ok: false, error: { kind: 'locked', grant: lock.grant, period: lock.period } };
    const [existing] = await tx
      .select({ id: manualValue.id, version: manualValue.version })
      .from(manualValue)
      .where(
        and(
          eq(manualValue.organisationId, organisationId),
          eq(manualValue.indicatorId, input.indicatorId),
          eq(manualValue.periodCode, input.periodCode),
          eq(manualValue.cellKey, input.cellKey),
        ),
      );
    const before = existing ? await findManualValue(tx, organisationId, existing.id) : undefined;
    if (existing ? existing.version !== version : version !== undefined)
      return { ok: false, error: { kind: 'conflict', currentVersion: existing?.version ?? 0 } };
    const fields = {
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      value: input.value,
      qualifier: input.qualifier,
      numerator: input.numerator,
      denominator: input.denominator,
      note: input.note,
    };
    let id: string;
    if (existing) {
      const [updated] = await tx
        .update(manualValue)
        .set({
          ...fields,
          status: 'draft',
          version: sql`${manualValue.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(manualValue.id, existing.id), eq(manualValue.version, existing.version)))
        .returning({ id: manualValue.id });
      if (!updated)
        return { ok: false, error: { kind: 'conflict', currentVersion: existing.version + 1 } };
      id = updated.id;
    } else {
      const [inserted] = await tx
        .insert(manualValue)
        .values({
          organisationId,
          indicatorId: input.indicatorId,
          periodCode: input.periodCode,
          cellKey: input.cellKey,
          ...fields,
        })
        .onConflictDoNothing()
        .returning({ id: manualValue.id });
      // Someone entered the same value in between: theirs stands, this one is a conflict.
      if (!inserted) return { ok: false, error: { kind: 'conflict', currentVersion: 1 } };
      id = inserted.id;
    }
    const after = must(
      await findManualValue(tx, organisationId, id),
      'the entered value just saved, read back',
    );
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: before ? 'update' : 'create',
      entity: 'manual-value',
      entityId: id,
      before: before ?? null,
      after,
      reason: actor.reason ?? null,
    });
    return { ok: true, value: after };
  }
}

/**
 * Removes a value entered by hand at the version read (an import's undo of a value it created),
 * refused while a submitted report locks its period. Audited.
 */
export async function removeManualValue(
  tx: Tx,
  organisationId: string,
  id: string,
  version: number,
  actor: { userId: string | null; reason?: string | null } = { userId: null },
): Promise<ApprovalResult<{ id: string }>> {
  const before = await findManualValue(tx, organisationId, id);
  if (!before) return { ok: false, error: { kind: 'not-found' } };
  const owner = await indicatorGrant(tx, organisationId, before.indicator.id);
  const [lock] = await locksOverlapping(
    tx,
    organisationId,
    owner?.grantId ? [owner.grantId] : [],
    before.periodStart,
    before.periodEnd,
  );
  if (lock) return { ok: false, error: { kind: 'locked', grant: lock.grant, period: lock.period } };
  const [gone] = await tx
    .delete(manualValue)
    .where(
      and(
        eq(manualValue.organisationId, organisationId),
        eq(manualValue.id, id),
        eq(manualValue.version, version),
      ),
    )
    .returning({ id: manualValue.id });
  if (!gone) return { ok: false, error: { kind: 'conflict', currentVersion: before.version } };
  await writeAudit(tx, {
    organisationId,
    userId: actor.userId,
    action: 'delete',
    entity: 'manual-value',
    entityId: id,
    before,
    after: null,
    reason: actor.reason ?? null,
  });
  return { ok: true, value: { id } };
}

/**
 * Moves a value entered by hand along the approval workflow (draft → submitted → validated, or back
 * to draft with a reason), at the version read; audited. A move with nothing left to do returns it
 * unchanged. Like an activity's, allowed in a locked period: the move changes no figure.
 */
export const moveManualValue = approvalMove(manualValue, 'manual-value', findManualValue);
