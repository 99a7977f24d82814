import { cellKeyToString, inEachLanguage, must } from '@jalon/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../command';
import { baseline, importRecord, target } from '../../schema/index';
import type { AuditActor } from '../activity/commands';
import {
  removeBaseline,
  removeTarget,
  setBaseline,
  setTarget,
  type TargetInput,
} from '../target/commands';
import { recordKeyColumns, refusalOf, type RowRefusal, type RowWritten } from './commands';
import { dbSays } from '../../messages/index';

/** A targets record as staged (`TargetRecord` of @jalon/import). */
type StagedTarget = {
  externalId: string;
  indicatorId: string;
  breakdown: Record<string, string>;
  value: number;
} & (
  | {
      nature: 'target';
      periodCode: string;
      periodStart: string;
      periodEnd: string;
      lifeOfGrant: boolean;
    }
  | { nature: 'baseline'; year: number; date?: string }
);

/** What a targets row wrote, kept for its undo: the value it set and what stood before. */
interface TargetBefore {
  nature: 'target' | 'baseline';
  written: { value: number; year?: number };
  previous: TargetInput | BaselineValues | null;
}

interface BaselineValues {
  indicatorId: string;
  cellKey: string;
  value: number;
  year: number;
  date: string | null;
}

const targetWhere = (organisationId: string, id: string) =>
  and(eq(target.organisationId, organisationId), eq(target.id, id));
const baselineWhere = (organisationId: string, id: string) =>
  and(eq(baseline.organisationId, organisationId), eq(baseline.id, id));

interface Unchanged {
  action: 'unchanged';
  entityId: string;
  version: null;
  before: null;
}
interface Set_ {
  id: string;
  before: TargetBefore;
  created: boolean;
}

/** A baseline row: unchanged when its value and year already stand, else set by `setBaseline`. */
async function writeBaseline(
  tx: Tx,
  organisationId: string,
  row: { rowNumber: number; externalId: string | null },
  rec: Extract<StagedTarget, { nature: 'baseline' }>,
  cellKey: string,
  actor: AuditActor,
): Promise<Set_ | Unchanged | RowRefusal> {
  const [current] = await tx
    .select()
    .from(baseline)
    .where(
      and(
        eq(baseline.organisationId, organisationId),
        eq(baseline.indicatorId, rec.indicatorId),
        eq(baseline.cellKey, cellKey),
      ),
    )
    .for('update');
  // A row without a date keeps the date the baseline has.
  const date = rec.date ?? current?.date ?? null;
  if (current && current.value === rec.value && current.year === rec.year && current.date === date)
    return { action: 'unchanged', entityId: current.id, version: null, before: null };
  const saved = await setBaseline(
    tx,
    organisationId,
    {
      indicatorId: rec.indicatorId,
      cellKey,
      value: rec.value,
      year: rec.year,
      date,
    },
    actor,
  );
  if (!saved.ok) return refusalOf(row, saved.error);
  return {
    id: saved.value.id,
    created: !current,
    before: {
      nature: 'baseline',
      written: { value: rec.value, year: rec.year },
      previous: current
        ? {
            indicatorId: current.indicatorId,
            cellKey: current.cellKey,
            value: current.value,
            year: current.year,
            date: current.date,
          }
        : null,
    },
  };
}

/** A target row: unchanged when its value already stands, else set by `setTarget`, locks refused. */
async function writeTarget(
  tx: Tx,
  organisationId: string,
  row: { rowNumber: number; externalId: string | null },
  rec: Extract<StagedTarget, { nature: 'target' }>,
  cellKey: string,
  actor: AuditActor,
): Promise<Set_ | Unchanged | RowRefusal> {
  const [current] = await tx
    .select()
    .from(target)
    .where(
      and(
        eq(target.organisationId, organisationId),
        eq(target.indicatorId, rec.indicatorId),
        eq(target.periodCode, rec.periodCode),
        eq(target.cellKey, cellKey),
      ),
    )
    .for('update');
  const input: TargetInput = {
    indicatorId: rec.indicatorId,
    periodCode: rec.periodCode,
    periodStart: rec.periodStart,
    periodEnd: rec.periodEnd,
    lifeOfGrant: rec.lifeOfGrant,
    cellKey,
    value: rec.value,
  };
  if (
    current &&
    current.value === input.value &&
    current.periodStart === input.periodStart &&
    current.periodEnd === input.periodEnd &&
    current.lifeOfGrant === input.lifeOfGrant
  )
    return { action: 'unchanged', entityId: current.id, version: null, before: null };
  const saved = await setTarget(tx, organisationId, input, actor, { refuseLocked: true });
  if (!saved.ok) return refusalOf(row, saved.error);
  const previous: TargetInput | null = current
    ? {
        indicatorId: current.indicatorId,
        periodCode: current.periodCode,
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
        lifeOfGrant: current.lifeOfGrant,
        cellKey: current.cellKey,
        value: current.value,
      }
    : null;
  return {
    id: saved.value.id,
    created: !current,
    before: { nature: 'target', written: { value: rec.value }, previous },
  };
}

/**
 * One targets row through the target commands (`setTarget` with locked periods refused,
 * `setBaseline`: the rules and the audit of the page). A row whose value already stands writes
 * nothing; its record is claimed under its id (indicator, period, cell) for the next import.
 */
export async function writeTargetRow(
  tx: Tx,
  organisationId: string,
  batch: { id: string; source: string },
  row: { rowNumber: number; externalId: string | null; hash: string | null; record: unknown },
  actor: AuditActor,
): Promise<RowWritten> {
  const rec = row.record as StagedTarget;
  const cellKey = cellKeyToString(rec.breakdown);
  const written =
    rec.nature === 'baseline'
      ? await writeBaseline(tx, organisationId, row, rec, cellKey, actor)
      : await writeTarget(tx, organisationId, row, rec, cellKey, actor);
  if (!('id' in written)) return written;
  const hash = must(row.hash, 'row.hash');
  await tx
    .insert(importRecord)
    .values({
      organisationId,
      kind: 'targets',
      source: batch.source,
      externalId: rec.externalId,
      entityId: written.id,
      hash,
      entityVersion: 1,
      batchId: batch.id,
    })
    .onConflictDoUpdate({
      target: recordKeyColumns,
      set: { entityId: written.id, hash, batchId: batch.id, updatedAt: sql`now()` },
    });
  return {
    action: written.created ? 'create' : 'update',
    entityId: written.id,
    version: 1,
    before: written.before,
  };
}

/**
 * Undoes one targets row: the target or baseline it wrote goes back to what stood before (or
 * away, when the row created it), only if it still holds the row's value (else refused: a
 * change made since would be lost) and, for a target, while no submitted report locks its period.
 */
export async function undoTargetRow(
  tx: Tx,
  organisationId: string,
  row: { rowNumber: number; externalId: string | null; entityId: string; before: unknown },
  actor: AuditActor,
): Promise<RowRefusal | 'deleted' | 'restored'> {
  const b = row.before as TargetBefore;
  const base = { rowNumber: row.rowNumber, externalId: row.externalId };
  const now =
    b.nature === 'baseline'
      ? (
          await tx
            .select()
            .from(baseline)
            .where(baselineWhere(organisationId, row.entityId))
            .for('update')
        )[0]
      : (
          await tx
            .select()
            .from(target)
            .where(targetWhere(organisationId, row.entityId))
            .for('update')
        )[0];
  const what = b.nature === 'baseline' ? 'the-baseline' : 'the-target';
  if (!now)
    return {
      ...base,
      code: 'record-gone',
      message: inEachLanguage((l) => dbSays(l, 'undo-target-gone', dbSays(l, what))),
    };
  if (now.value !== b.written.value || ('year' in now && now.year !== b.written.year))
    return {
      ...base,
      code: 'changed-since-import',
      message: inEachLanguage((l) =>
        dbSays(l, 'undo-target-changed', dbSays(l, what), now.value, b.written.value),
      ),
    };
  const back =
    b.nature === 'baseline'
      ? b.previous
        ? await setBaseline(tx, organisationId, b.previous as BaselineValues, actor)
        : await removeBaseline(tx, organisationId, row.entityId, actor)
      : b.previous
        ? await setTarget(tx, organisationId, b.previous as TargetInput, actor, {
            refuseLocked: true,
          })
        : await removeTarget(tx, organisationId, row.entityId, actor);
  if (!back.ok) return refusalOf(row, back.error);
  return b.previous ? 'restored' : 'deleted';
}
