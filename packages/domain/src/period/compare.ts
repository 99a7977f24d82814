import { isCalendarDate, type CalendarDate } from './calendar-date';
import type { Period } from './period';

/**
 * Whether a period holds a date, or wholly holds another period.
 * @example contains(quarter2023Q2, '2023-05-09') // true
 * @example contains(year2023, quarter2023Q2) // true
 */
export function contains(period: Period, inner: CalendarDate | Period): boolean {
  if (typeof inner === 'string') {
    // String comparison is day order for well-formed 'YYYY-MM-DD'; anything else is not inside.
    return isCalendarDate(inner) && period.start <= inner && inner <= period.end;
  }
  return period.start <= inner.start && inner.end <= period.end;
}

/**
 * Whether two periods share at least one day.
 * @example overlaps(q2, month2023_06) // true
 */
export function overlaps(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Sort order for periods: earlier start first; on the same start the longer period first, so a year
 * precedes its first quarter as in an outline; then by code for a total order.
 * @example [q1, y2023].sort(comparePeriods) // [y2023, q1]: same start, the year is longer
 */
export function comparePeriods(a: Period, b: Period): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end > b.end ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Whether two periods cover exactly the same days (codes may differ: `FY2023` at start month 1 equals `2023`).
 * @example sameDays(parse('FY2023'), parse('2023')) // true
 */
export function sameDays(a: Period, b: Period): boolean {
  return a.start === b.start && a.end === b.end;
}
