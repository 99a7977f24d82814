import { cellKeyToString, type Qualifier } from '@jalon/domain';
import { contentHash } from '../plan';
import { RowReader, type CheckedRow, type MappedRow, type ReadContext } from '../rows';
import { readBreakdown, readSpan, type IndicatorRef } from './targets';

/**
 * A value entered by hand (`manualValue.set`) as the import writes it: one indicator, one period
 * read on its grant's calendar, one breakdown cell (`''` the total), the value with its qualifier
 * (`environ 50`: approximate, `plus de 50`: at least) and a note. Its id
 * is the indicator's code, the period and the cell — the key of the value itself — so a value
 * typed in the page and the same value in a file are one value.
 */
export interface ValueRecord {
  externalId: string;
  indicatorId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  cellKey: string;
  value: number;
  qualifier: Qualifier;
  note: string | null;
}

/** The largest value the page takes (`manualValue.set`): the same bound for a file. */
const MAX_VALUE = 1e12;
const MAX_NOTE = 2000;

/** The id of a value: `CODE|period|cell`. */
export function valueExternalId(code: string, periodCode: string, cellKey: string): string {
  return `${code}|${periodCode}|${cellKey}`;
}

/**
 * One values row checked: indicator by code, period (`2024`, `2024-Q2`, `FY2024`… on the
 * indicator's grant calendar; not `LOG`), breakdown cell, value (French numbers, bounded as the
 * page bounds them, with the count's qualifier words: `environ 50`, `≥ 50`) and an optional note.
 */
export function checkValueRow(
  row: MappedRow,
  ctx: ReadContext,
  indicators: readonly IndicatorRef[],
): CheckedRow<ValueRecord> {
  const r = new RowReader(row, ctx);
  const indicatorId = r.ref('indicator', ctx.refs.indicators);
  r.required('indicator', indicatorId, r.failed('indicator'));
  const indicator = indicators.find((i) => i.id === indicatorId);
  const typed = r.qualifiedNumber('value');
  const value = typed?.value ?? null;
  if (r.required('value', value, r.failed('value')) && Math.abs(value) > MAX_VALUE)
    r.issue('out-of-range', 'value', {
      fr: 'La valeur dépasse mille milliards',
      en: 'The value exceeds one trillion',
    });
  const cellKey = cellKeyToString(readBreakdown(r, indicator));
  const periodText = r.text('period');
  r.required('period', periodText, r.failed('period'));
  const span = periodText !== null && indicator ? readSpan(r, indicator, periodText, false) : null;
  const note = r.text('note');
  r.maxLength('note', note, MAX_NOTE, { fr: 'La note', en: 'The note' });
  const code = indicator?.names[0] ?? null;
  const externalId =
    code !== null && span !== null ? valueExternalId(code, span.periodCode, cellKey) : null;
  const rejected = r.issues.some((i) => i.severity === 'error');
  const record: ValueRecord | null =
    !rejected && externalId !== null && indicatorId !== null && value !== null && span !== null
      ? {
          externalId,
          indicatorId,
          periodCode: span.periodCode,
          periodStart: span.periodStart,
          periodEnd: span.periodEnd,
          cellKey,
          value,
          qualifier: typed?.qualifier ?? 'exact',
          note,
        }
      : null;
  return { rowNumber: row.rowNumber, externalId, issues: r.issues, record };
}

/** A value as the organisation holds it (typed in the page or imported). */
export interface EnteredValue {
  indicator: { id: string; code: string };
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  cellKey: string;
  value: number;
  qualifier: Qualifier;
  note: string | null;
}

/**
 * The "existing" of a values dry run: every value the organisation holds, typed by hand or
 * imported, by id → the hash its row would have. A row equal to the value already typed is
 * unchanged, a different one an update, a new key a create.
 */
export function enteredValueHashes(values: readonly EnteredValue[]): Map<string, string> {
  return new Map(
    values.map((v) => {
      const record: ValueRecord = {
        externalId: valueExternalId(v.indicator.code, v.periodCode, v.cellKey),
        indicatorId: v.indicator.id,
        periodCode: v.periodCode,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        cellKey: v.cellKey,
        value: v.value,
        qualifier: v.qualifier,
        note: v.note,
      };
      return [record.externalId, contentHash(record)];
    }),
  );
}
