import type { ValueRecord } from '@jalon/domain';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../command';
import { manualValue } from '../../schema/index';
import type { AuditActor } from '../activity/commands';
import {
  removeManualValue,
  writeManualValue,
  type ManualValueInput,
} from '../manual-value/commands';
import { findManualValue } from '../manual-value/queries';
import { dbText } from '../../messages/index';
import { refusalOf, type RowRefusal, type RowWritten } from './commands';

/**
 * A values record as staged (`ValueRecord`, made by @jalon/import); its qualifier absent in a
 * batch staged before values had one (then exact).
 */
type StagedValue = Omit<ValueRecord, 'qualifier'> & Partial<Pick<ValueRecord, 'qualifier'>>;

/** What a values row wrote, kept for its undo: the value it set and what stood before. */
interface ValueBefore {
  written: { value: number; note: string | null };
  previous: ManualValueInput | null;
}

type Row = { rowNumber: number; externalId: string | null };

/** The value standing under a key, locked for the transaction. */
async function valueAt(tx: Tx, organisationId: string, rec: StagedValue) {
  const [current] = await tx
    .select()
    .from(manualValue)
    .where(
      and(
        eq(manualValue.organisationId, organisationId),
        eq(manualValue.indicatorId, rec.indicatorId),
        eq(manualValue.periodCode, rec.periodCode),
        eq(manualValue.cellKey, rec.cellKey),
      ),
    )
    .for('update');
  return current;
}

/**
 * One values row through `writeManualValue` (the page's own write: lock check, back to draft,
 * audit): unchanged when the value, its qualifier and note already stand — typed by hand or imported — else
 * created, or corrected at the version just read. A locked period refuses the row.
 */
export async function writeValueRow(
  tx: Tx,
  organisationId: string,
  row: Row & { record: unknown },
  actor: AuditActor,
): Promise<RowWritten> {
  const rec = row.record as StagedValue;
  const qualifier = rec.qualifier ?? 'exact';
  const current = await valueAt(tx, organisationId, rec);
  if (
    current &&
    current.value === rec.value &&
    current.qualifier === qualifier &&
    (current.note ?? null) === rec.note &&
    current.periodStart === rec.periodStart &&
    current.periodEnd === rec.periodEnd
  )
    return { action: 'unchanged', entityId: current.id, version: current.version, before: null };
  const previous: ManualValueInput | null = current
    ? {
        indicatorId: current.indicatorId,
        periodCode: current.periodCode,
        periodStart: current.periodStart,
        periodEnd: current.periodEnd,
        cellKey: current.cellKey,
        value: current.value,
        qualifier: current.qualifier,
        numerator: current.numerator,
        denominator: current.denominator,
        note: current.note,
      }
    : null;
  const saved = await writeManualValue(
    tx,
    organisationId,
    {
      indicatorId: rec.indicatorId,
      periodCode: rec.periodCode,
      periodStart: rec.periodStart,
      periodEnd: rec.periodEnd,
      cellKey: rec.cellKey,
      value: rec.value,
      qualifier,
      numerator: null,
      denominator: null,
      note: rec.note,
    },
    current?.version,
    actor,
  );
  if (!saved.ok) return refusalOf(row, saved.error);
  const before: ValueBefore = { written: { value: rec.value, note: rec.note }, previous };
  return {
    action: current ? 'update' : 'create',
    entityId: saved.value.id,
    version: saved.value.version,
    before,
  };
}

/**
 * Undoes one values row: the value goes back to what stood before (or away, when the row
 * created it), only while it still holds the row's value at the version written (else refused:
 * a change made since would be lost) and no submitted report locks its period.
 */
export async function undoValueRow(
  tx: Tx,
  organisationId: string,
  row: Row & { entityId: string; writtenVersion: number | null; before: unknown },
  actor: AuditActor,
): Promise<RowRefusal | 'deleted' | 'restored'> {
  const b = row.before as ValueBefore;
  const base = { rowNumber: row.rowNumber, externalId: row.externalId };
  const now = await findManualValue(tx, organisationId, row.entityId);
  if (!now)
    return {
      ...base,
      code: 'record-gone',
      message: dbText('undo-value-gone'),
    };
  if (now.version !== row.writtenVersion || now.value !== b.written.value)
    return {
      ...base,
      code: 'changed-since-import',
      message: dbText('undo-value-changed', now.indicator.code, now.periodCode, now.value),
    };
  const back = b.previous
    ? await writeManualValue(tx, organisationId, b.previous, now.version, actor)
    : await removeManualValue(tx, organisationId, row.entityId, now.version, actor);
  if (!back.ok) return refusalOf(row, back.error);
  return b.previous ? 'restored' : 'deleted';
}
