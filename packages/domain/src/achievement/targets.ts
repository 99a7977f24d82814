import { err, ok, type Result } from '../result';
import { notComputable, type NotComputable } from '../not-computable';
import { roundTo } from '../format/round';
import { addDays, toDayNumber, type CalendarDate } from '../period/calendar-date';
import type { Period } from '../period/period';
import { cellKeyToString, type CellKey } from '../disaggregation/cell-key';
import type { IndicatorDefinition } from '../indicator/definition';
import { domainText } from '../messages/index';

/** A target for an indicator over a period (or for the life of the grant), optionally for one breakdown cell. */
export type Target = {
  indicator: string;
  period: { code?: string; start: CalendarDate; end: CalendarDate };
  value: number;
  breakdown?: CellKey;
  lifeOfGrant?: boolean;
};

/** A baseline: the value before the grant, with its reference date. */
export type Baseline = {
  indicator: string;
  date: CalendarDate;
  value: number;
  breakdown?: CellKey;
};

function sameCell(a: CellKey | undefined, b: CellKey | undefined): boolean {
  return cellKeyToString(a ?? {}) === cellKeyToString(b ?? {});
}

function missing(code: string): NotComputable {
  return notComputable('target-missing', domainText('target-missing'), code);
}

/** Sum of targets that tile the days exactly, or null if they leave a gap or overlap. */
function tiled(targets: Target[], start: CalendarDate, end: CalendarDate): number | null {
  const inside = targets
    .filter((t) => start <= t.period.start && t.period.end <= end)
    .sort((a, b) => (a.period.start < b.period.start ? -1 : 1));
  let cursor = start;
  let sum = 0;
  for (const t of inside) {
    if (t.period.start !== cursor) return null;
    sum += t.value;
    cursor = addDays(t.period.end, 1);
  }
  return inside.length > 0 && cursor === addDays(end, 1) ? sum : null;
}

/**
 * The target of an indicator for a period and breakdown cell. A target entered for exactly that
 * period wins. Otherwise, for a non-cumulative `sum` indicator only, period targets that tile the
 * period add up (four quarterly targets make the year's). The life-of-grant target
 * (`lifeOfGrant: true`) is its own value unless the indicator says `sum-of-periods`.
 * @example targetFor(targets, definition, parsePeriod('2023').value) // { ok: true, value: 40 }
 * @example targetFor(targets, definition, lifeOfGrantPeriod, { lifeOfGrant: true })
 */
export function targetFor(
  targets: readonly Target[],
  definition: IndicatorDefinition,
  period: Period,
  options: { breakdown?: CellKey; lifeOfGrant?: boolean } = {},
): Result<number, NotComputable> {
  const mine = targets.filter(
    (t) => t.indicator === definition.code && sameCell(t.breakdown, options.breakdown),
  );
  const periodic = mine.filter((t) => !t.lifeOfGrant);
  if (options.lifeOfGrant) {
    if ((definition.lifeOfGrantTarget ?? 'own') === 'own') {
      const own = mine.find((t) => t.lifeOfGrant);
      return own ? ok(own.value) : err(missing(definition.code));
    }
    const sum = tiled(periodic, period.start, period.end);
    return sum === null ? err(missing(definition.code)) : ok(sum);
  }
  const exact = periodic.find(
    (t) => t.period.start === period.start && t.period.end === period.end,
  );
  if (exact) return ok(exact.value);
  if (definition.timeRule === 'sum' && !definition.cumulative) {
    const sum = tiled(periodic, period.start, period.end);
    if (sum !== null) return ok(sum);
  }
  return err(missing(definition.code));
}

/**
 * The baseline of an indicator (and breakdown cell): the latest one dated on or before `asOf`
 * when given, else the latest.
 * @example baselineFor(baselines, 'PO1.1') // { ok: true, value: 40 }
 */
export function baselineFor(
  baselines: readonly Baseline[],
  indicator: string,
  options: { breakdown?: CellKey; asOf?: CalendarDate } = {},
): Result<number, NotComputable> {
  const candidates = baselines
    .filter((b) => b.indicator === indicator && sameCell(b.breakdown, options.breakdown))
    .filter((b) => options.asOf === undefined || b.date <= options.asOf)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = candidates.at(-1);
  return latest
    ? ok(latest.value)
    : err(notComputable('baseline-missing', domainText('baseline-missing'), indicator));
}

/** How a window's target was found: its own (or targets that tile it), or a longer period's pro-rated by days. */
export type TargetBasis =
  | { kind: 'period' }
  | { kind: 'running-total'; from: { code?: string; start: CalendarDate; end: CalendarDate } }
  | {
      kind: 'pro-rated';
      from: { code?: string; start: CalendarDate; end: CalendarDate };
      days: number;
      of: number;
    };

/**
 * The target of any window — a calendar period or a range of dates, by its days alone, so that the
 * month 2023-08 and 2023-08-01..2023-08-31 have one target — which may stop before the end of any
 * target's period (a quarter to 31 May, a month of a quarter):
 * {@link targetFor}'s answer when it has one, else — for a non-cumulative `sum` indicator only — the
 * target of the shortest period that holds the whole window, pro-rated by days and rounded to two
 * decimals (Q2's 12 weekly reports → 8.04 for 1 April–31 May). A running total (cumulative) is
 * worth what it is on the window's last day, so its same-to-date target is that of a period ending
 * that day (the year to 30 June compares with Q2's running-total target). Levels are never
 * pro-rated: half a year does not halve a score.
 * @example targetForWindow(targets, weekly, rangePeriod('2023-04-01', '2023-05-31').value) // { ok: true, value: { value: 8.04, basis: { kind: 'pro-rated', … } } }
 */
export function targetForWindow(
  targets: readonly Target[],
  definition: IndicatorDefinition,
  window: Period,
  options: { breakdown?: CellKey } = {},
): Result<{ value: number; basis: TargetBasis }, NotComputable> {
  const own = targetFor(targets, definition, window, options);
  if (own.ok) return ok({ value: own.value, basis: { kind: 'period' } });
  const mine = targets.filter(
    (t) =>
      t.indicator === definition.code && !t.lifeOfGrant && sameCell(t.breakdown, options.breakdown),
  );
  if (definition.cumulative) {
    // The shortest such period: the one its author set closest to the day.
    const sameDay = mine
      .filter((t) => t.period.end === window.end)
      .sort((a, b) => (a.period.start > b.period.start ? -1 : 1))[0];
    return sameDay
      ? ok({ value: sameDay.value, basis: { kind: 'running-total', from: sameDay.period } })
      : own;
  }
  if (definition.timeRule !== 'sum') return own;
  const holding = mine
    .filter((t) => t.period.start <= window.start && window.end <= t.period.end)
    .map((t) => ({ t, of: toDayNumber(t.period.end) - toDayNumber(t.period.start) + 1 }))
    .sort((a, b) => a.of - b.of);
  const best = holding[0];
  if (!best) return own;
  const days = toDayNumber(window.end) - toDayNumber(window.start) + 1;
  const value = roundTo((best.t.value * days) / best.of, 2);
  return ok({ value, basis: { kind: 'pro-rated', from: best.t.period, days, of: best.of } });
}
