import {
  addDays,
  daysInMonth,
  isoWeekOf,
  isoWeekOneMonday,
  parseCalendarDate,
  toCalendarDate,
  type CalendarDate,
} from './calendar-date';
import { fiscalYear, fiscalYearNumber } from './fiscal';
import type { Period, RegularPeriodKind } from './period';

/**
 * The calendar year `year`.
 * @example yearPeriod(2023) // { kind: 'year', code: '2023', start: '2023-01-01', end: '2023-12-31' }
 */
export function yearPeriod(year: number): Period {
  return {
    kind: 'year',
    code: String(year),
    start: toCalendarDate(year, 1, 1),
    end: toCalendarDate(year, 12, 31),
  };
}

/**
 * Semester 1 (January–June) or 2 (July–December).
 * @example semesterPeriod(2023, 1).end // '2023-06-30'
 */
export function semesterPeriod(year: number, semester: number): Period {
  const first = semester === 1 ? 1 : 7;
  return {
    kind: 'semester',
    code: `${year}-S${semester}`,
    start: toCalendarDate(year, first, 1),
    end: toCalendarDate(year, first + 5, daysInMonth(year, first + 5)),
  };
}

/**
 * Calendar quarter 1–4.
 * @example quarterPeriod(2023, 2) // { kind: 'quarter', code: '2023-Q2', start: '2023-04-01', end: '2023-06-30' }
 */
export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return {
    kind: 'quarter',
    code: `${year}-Q${quarter}`,
    start: toCalendarDate(year, first, 1),
    end: toCalendarDate(year, first + 2, daysInMonth(year, first + 2)),
  };
}

/**
 * A calendar month 1–12.
 * @example monthPeriod(2023, 4).end // '2023-04-30'
 */
export function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'month',
    code: `${year}-${String(month).padStart(2, '0')}`,
    start: toCalendarDate(year, month, 1),
    end: toCalendarDate(year, month, daysInMonth(year, month)),
  };
}

/**
 * ISO week `week` of ISO week-year `year`, Monday to Sunday.
 * @example weekPeriod(2023, 15) // { kind: 'week', code: '2023-W15', start: '2023-04-10', end: '2023-04-16' }
 */
export function weekPeriod(year: number, week: number): Period {
  const start = addDays(isoWeekOneMonday(year), (week - 1) * 7);
  return {
    kind: 'week',
    code: `${year}-W${String(week).padStart(2, '0')}`,
    start,
    end: addDays(start, 6),
  };
}

/**
 * The period of a regular kind that holds a date. Throws on a malformed date (validate input first).
 * @example periodOf('quarter', '2023-05-09').code // '2023-Q2'
 * @example periodOf('fiscal-year', '2022-11-15', { fiscalYearStartMonth: 10 }).code // 'FY2023'
 */
export function periodOf(
  kind: RegularPeriodKind,
  date: CalendarDate,
  options: { fiscalYearStartMonth?: number } = {},
): Period {
  const p = parseCalendarDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  switch (kind) {
    case 'year':
      return yearPeriod(p.year);
    case 'semester':
      return semesterPeriod(p.year, p.month <= 6 ? 1 : 2);
    case 'quarter':
      return quarterPeriod(p.year, Math.floor((p.month - 1) / 3) + 1);
    case 'month':
      return monthPeriod(p.year, p.month);
    case 'week': {
      const w = isoWeekOf(date);
      return weekPeriod(w.year, w.week);
    }
    case 'fiscal-year': {
      const start = options.fiscalYearStartMonth ?? 1;
      return fiscalYear(fiscalYearNumber(date, start), start);
    }
  }
}
