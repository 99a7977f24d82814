import type { Indicator, IndicatorValue } from '../model/results';
import type { PeriodRef } from '../model/common';
import { cellRef } from './cell-ref';
import type { PlannedColumn } from './indicator-columns';

/** A formula with the value the engine computed for it (its cached result). */
export type LiveFormula = { formula: string; result: number };

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Column (1-based) of a measure for a period in the planned columns, or -1. */
function columnOf(columns: readonly PlannedColumn[], measure: string, period: string): number {
  // Never a whole period's target where the period is cut « à date »: achievement is judged on the milestone.
  const i = columns.findIndex(
    (c) =>
      c.kind === 'value' &&
      c.measure === measure &&
      c.period.code === period &&
      !(c.window === 'whole' && c.period.asOf),
  );
  return i < 0 ? -1 : i + 1;
}

/**
 * The achievement formula of a row, when the row shows the operands (target, actual, and the baseline
 * for progress) and the formula gives back the engine's value; otherwise null and the renderer writes
 * the engine's value as a constant. The renderer never substitutes its own figure: the cached result
 * is the engine's, and the check only decides whether Excel's recalculation would agree with it.
 * @example achievementFormula(indicator, value, columns, 6) // { formula: 'G6/F6', result: 1.0833 }
 */
export function achievementFormula(
  indicator: Indicator,
  value: IndicatorValue,
  columns: readonly PlannedColumn[],
  row: number,
): LiveFormula | null {
  if (value.achievement === null || value.actual === null || value.target === null) return null;
  const a = columnOf(columns, 'actual', value.period);
  const t = columnOf(columns, 'target', value.period);
  if (a < 0 || t < 0) return null;
  const A = cellRef(row, a);
  const T = cellRef(row, t);
  let formula: string;
  let check: number;
  switch (indicator.achievementRule) {
    case 'actual-over-target':
      formula = `${A}/${T}`;
      check = value.actual.value / value.target;
      break;
    case 'target-over-actual':
      formula = `${T}/${A}`;
      check = value.target / value.actual.value;
      break;
    case 'progress-from-baseline': {
      const b = columns.findIndex((c) => c.kind === 'field' && c.field === 'baseline');
      const baseline = indicator.baseline?.value;
      if (b < 0 || baseline === null || baseline === undefined) return null;
      const B = cellRef(row, b + 1);
      formula = `(${A}-${B})/(${T}-${B})`;
      check = (value.actual.value - baseline) / (value.target - baseline);
      break;
    }
  }
  return close(check, value.achievement) ? { formula, result: value.achievement } : null;
}

/**
 * A cumulative actual (year to date, since the start, life of grant) as the SUM of the sub-period
 * actuals shown in the row, when the indicator adds up over time, those sub-periods tile the period
 * exactly, and their sum is the engine's value (it is not for unique people or ratios).
 * @example cumulativeFormula(indicator, ytdValue, ytdPeriod, columns, 6) // { formula: 'SUM(E6,I6)', result: 175 }
 */
export function cumulativeFormula(
  indicator: Indicator,
  value: IndicatorValue,
  period: PeriodRef,
  columns: readonly PlannedColumn[],
  row: number,
): LiveFormula | null {
  if (!indicator.additive || indicator.cumulative || value.actual === null) return null;
  const parts = columns
    .map((c, i) => ({ c, col: i + 1 }))
    .filter(
      (x): x is { c: Extract<PlannedColumn, { kind: 'value' }>; col: number } =>
        x.c.kind === 'value' && x.c.role === 'sub-period' && x.c.measure === 'actual',
    )
    .filter(
      (x) =>
        x.c.period.code !== period.code &&
        x.c.period.start >= period.start &&
        x.c.period.end <= period.end,
    )
    .sort((x, y) => (x.c.period.start < y.c.period.start ? -1 : 1));
  if (
    parts.length < 2 ||
    parts[0]?.c.period.start !== period.start ||
    parts.at(-1)?.c.period.end !== period.end
  )
    return null;
  let sum = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const prev = parts[i - 1];
    if (!part) return null;
    // Contiguous: each sub-period starts the day after the previous one ends.
    if (
      prev &&
      new Date(`${prev.c.period.end}T00:00:00Z`).getTime() + 86400000 !==
        new Date(`${part.c.period.start}T00:00:00Z`).getTime()
    )
      return null;
    const v = indicator.values.find((x) => x.period === part.c.period.code)?.actual;
    if (!v) return null;
    sum += v.value;
  }
  if (!close(sum, value.actual.value)) return null;
  return {
    formula: `SUM(${parts.map((p) => cellRef(row, p.col)).join(',')})`,
    result: value.actual.value,
  };
}
