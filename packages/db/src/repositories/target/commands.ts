import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { baseline, indicator, resultNode, target } from '../../schema/index';
import { type CommandFailure, type CommandResult, writeAudit, type Tx } from '../../command';
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

/**
 * Sets (creates or replaces) the target of an indicator for a period and breakdown cell, audited.
 * With `refuseLocked` (an import), a change to a target whose period a submitted report of the
 * indicator's grant covers is refused as `locked`; by hand, a plan may move (see {@link removeTarget}).
 */
export async function setTarget(
  db: Database,
  organisationId: string,
  input: TargetInput,
  actor: { userId: string | null; reason?: string } = { userId: null },
  options: { refuseLocked?: boolean } = {},
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    if (!(await indicatorExists(tx, organisationId, input.indicatorId)))
      return { ok: false, error: { kind: 'not-found' } };
    const [before] = await tx
      .select()
      .from(target)
      .where(
        and(
          eq(target.organisationId, organisationId),
          eq(target.indicatorId, input.indicatorId),
          eq(target.periodCode, input.periodCode),
          eq(target.cellKey, input.cellKey),
        ),
      );
    const same =
      before !== undefined &&
      before.value === input.value &&
      before.periodStart === input.periodStart &&
      before.periodEnd === input.periodEnd &&
      before.lifeOfGrant === input.lifeOfGrant;
    if (options.refuseLocked && !same) {
      const lock = await lockOfTarget(tx, organisationId, input);
      if (lock) return { ok: false, error: lock };
    }
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
      reason: actor.reason ?? null,
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

/** The lock of a submitted report over a target's period, as a refusal; null when none. */
async function lockOfTarget(
  tx: Tx,
  organisationId: string,
  t: { indicatorId: string; periodStart: string; periodEnd: string },
): Promise<CommandFailure | null> {
  const grantId = await grantOfIndicator(tx, organisationId, t.indicatorId);
  if (!grantId) return null;
  const [lock] = await locksOverlapping(tx, organisationId, [grantId], t.periodStart, t.periodEnd);
  return lock ? lockedFailure(lock) : null;
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
  actor: { userId: string | null; reason?: string } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(target)
      .where(and(eq(target.organisationId, organisationId), eq(target.id, id)));
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const lock = await lockOfTarget(tx, organisationId, before);
    if (lock) return { ok: false, error: lock };
    await tx
      .delete(target)
      .where(and(eq(target.organisationId, organisationId), eq(target.id, id)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'delete',
      entity: 'target',
      reason: actor.reason ?? null,
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
  actor: { userId: string | null; reason?: string } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    if (!(await indicatorExists(tx, organisationId, input.indicatorId)))
      return { ok: false, error: { kind: 'not-found' } };
    const [before] = await tx
      .select()
      .from(baseline)
      .where(
        and(
          eq(baseline.organisationId, organisationId),
          eq(baseline.indicatorId, input.indicatorId),
          eq(baseline.cellKey, input.cellKey),
        ),
      );
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
      reason: actor.reason ?? null,
      entityId: must(row, 'the target or baseline just saved').id,
      before: before ?? null,
      after: row,
    });
    return { ok: true, value: { id: must(row, 'the target or baseline just saved').id } };
  });
}

/** Removes a baseline (an import's undo of one it created), audited. */
export async function removeBaseline(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null; reason?: string } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const where = and(eq(baseline.organisationId, organisationId), eq(baseline.id, id));
    const [before] = await tx.select().from(baseline).where(where);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    await tx.delete(baseline).where(where);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'delete',
      entity: 'baseline',
      entityId: id,
      before,
      reason: actor.reason ?? null,
    });
    return { ok: true, value: { id } };
  });
}
