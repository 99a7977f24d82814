import { addDays, parseCalendarDate } from './calendar-date';
import { periodOf } from './calendar-periods';
import { fiscalQuarterPeriod, fiscalYearNumber } from './fiscal';
import { overlaps } from './compare';
import type { FiscalOptions, Period, RegularPeriodKind } from './period';

/**
 * The periods of a kind that overlap a period, in order. They tile it exactly when they are aligned
 * (the quarters of a year); at the edges an unaligned sub-period (a week crossing a month end) is
 * returned whole. The quarters of a fiscal year are its fiscal quarters (`FY2023-Q1` …).
 * @example subPeriods(year2023, 'quarter').map((p) => p.code) // ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']
 */
export function subPeriods(
  period: Period,
  kind: RegularPeriodKind,
  options: FiscalOptions = {},
): Period[] {
  if (period.kind === 'fiscal-year' && kind === 'quarter') {
    const startMonth = parseCalendarDate(period.start)?.month ?? 1;
    const year = fiscalYearNumber(period.start, startMonth);
    return [1, 2, 3, 4].map((q) => fiscalQuarterPeriod(year, q, startMonth));
  }
  const out: Period[] = [];
  let current = periodOf(kind, period.start, options);
  while (overlaps(current, period)) {
    out.push(current);
    current = periodOf(kind, addDays(current.end, 1), options);
  }
  return out;
}
