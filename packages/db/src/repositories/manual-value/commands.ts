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
  actor: { userId: string | null } = { userId: null },
): Promise<ApprovalResult<ManualValueRow>> {
  return db.transaction(async (tx) => {
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
    });
    return { ok: true, value: after };
  });
}

/**
 * Moves a value entered by hand along the approval workflow (draft → submitted → validated, or back
 * to draft with a reason), at the version read; audited. A move with nothing left to do returns it
 * unchanged. Like an activity's, allowed in a locked period: the move changes no figure.
 */
export const moveManualValue = approvalMove(manualValue, 'manual-value', findManualValue);
