import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { baseline, indicator, resultNode, target } from '../../schema/index';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import { must } from '@jalon/domain';
import { lockedFailure, locksOverlapping } from '../period-lock/queries';

export interface TargetInput {
  indicatorId: string;
  /** As the engine writes it (`2023`, `2023-Q2`, `FY2024`), or `LOG` for the life of the grant. */
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  lifeOfGrant: boolean;
  cellKey: string;
  value: number;
}

/**
 * Whether the indicator exists, its row held `for share` until the write commits: a removal of
 * the indicator at the same moment (which locks it `for update`) then either waits and counts
 * this target, or goes first and this write finds the indicator gone.
 */
async function indicatorExists(tx: Tx, organisationId: string, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: indicator.id })
    .from(indicator)
    .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, id)))
    .for('share');
  return Boolean(row);
}

/** Sets (creates or replaces) the target of an indicator for a period and breakdown cell, audited. */
export async function setTarget(
  db: Database,
  organisationId: string,
  input: TargetInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    if (!(await indicatorExists(tx, organisationId, input.indicatorId)))
      return { ok: false, error: { kind: 'not-found' } };
    const [before] = await tx
      .select()
      .from(target)
      .where(
        and(
          eq(target.indicatorId, input.indicatorId),
          eq(target.periodCode, input.periodCode),
          eq(target.cellKey, input.cellKey),
        ),
      );
    const [row] = await tx
      .insert(target)
      .values({ organisationId, ...input })
      .onConflictDoUpdate({
        target: [target.organisationId, target.indicatorId, target.periodCode, target.cellKey],
        set: {
          value: input.value,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          lifeOfGrant: input.lifeOfGrant,
        },
      })
      .returning();
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: before ? 'update' : 'create',
      entity: 'target',
      entityId: must(row, 'the target or baseline just saved').id,
      before: before ?? null,
      after: row,
    });
    return { ok: true, value: { id: must(row, 'the target or baseline just saved').id } };
  });
}

/** The grant whose results framework holds the indicator, or null (an indicator of no grant). */
async function grantOfIndicator(tx: Tx, organisationId: string, indicatorId: string) {
  const [row] = await tx
    .select({ id: resultNode.grantId })
    .from(indicator)
    .innerJoin(resultNode, eq(resultNode.id, indicator.resultNodeId))
    .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, indicatorId)));
  return row?.id ?? null;
}

/**
 * Removes a target, audited. Refused as `locked` when a submitted report of the indicator's grant
 * covers any part of the target's period (a life-of-grant target once any report went out): the
 * donor was told that target, so it may be changed (a plan moves) but not silently emptied.
 */
export async function removeTarget(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(target)
      .where(and(eq(target.organisationId, organisationId), eq(target.id, id)));
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const grantId = await grantOfIndicator(tx, organisationId, before.indicatorId);
    if (grantId) {
      const [lock] = await locksOverlapping(
        tx,
        organisationId,
        [grantId],
        before.periodStart,
        before.periodEnd,
      );
      if (lock) return { ok: false, error: lockedFailure(lock) };
    }
    await tx.delete(target).where(eq(target.id, id));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'delete',
      entity: 'target',
      entityId: id,
      before,
    });
    return { ok: true, value: { id } };
  });
}

/** Sets the baseline of an indicator (and breakdown cell), audited. */
export async function setBaseline(
  db: Database,
  organisationId: string,
  input: { indicatorId: string; cellKey: string; value: number; year: number; date: string | null },
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    if (!(await indicatorExists(tx, organisationId, input.indicatorId)))
      return { ok: false, error: { kind: 'not-found' } };
    const [before] = await tx
      .select()
      .from(baseline)
      .where(and(eq(baseline.indicatorId, input.indicatorId), eq(baseline.cellKey, input.cellKey)));
    const [row] = await tx
      .insert(baseline)
      .values({ organisationId, ...input })
      .onConflictDoUpdate({
        target: [baseline.organisationId, baseline.indicatorId, baseline.cellKey],
        set: { value: input.value, year: input.year, date: input.date ?? sql`null` },
      })
      .returning();
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: before ? 'update' : 'create',
      entity: 'baseline',
      entityId: must(row, 'the target or baseline just saved').id,
      before: before ?? null,
      after: row,
    });
    return { ok: true, value: { id: must(row, 'the target or baseline just saved').id } };
  });
}
