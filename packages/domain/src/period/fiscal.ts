import { err, ok, type Result } from '../result';
import { domainError } from '../localized-text';
import { daysInMonth, parseCalendarDate, toCalendarDate, type CalendarDate } from './calendar-date';
import type { Period, PeriodError } from './period';
import { domainText } from '../messages/index';

/**
 * Validates a fiscal-year start month (1–12).
 * @example checkFiscalStart(10) // { ok: true, value: 10 }
 */
export function checkFiscalStart(month: number | undefined): Result<number, PeriodError> {
  const m = month ?? 1;
  if (!Number.isInteger(m) || m < 1 || m > 12) {
    return err(
      domainError('invalid-fiscal-start', domainText('invalid-fiscal-start', String(month))),
    );
  }
  return ok(m);
}

/**
 * The fiscal year FY`year`. A fiscal year is named by the calendar year in which it ends (as USAID does),
 * so with a start month of 10, FY2023 runs from 2022-10-01 to 2023-09-30.
 * @example fiscalYear(2023, 10) // { kind: 'fiscal-year', code: 'FY2023', start: '2022-10-01', end: '2023-09-30' }
 */
export function fiscalYear(year: number, startMonth = 1): Period {
  const startYear = startMonth === 1 ? year : year - 1;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  return {
    kind: 'fiscal-year',
    code: `FY${year}`,
    start: toCalendarDate(startYear, startMonth, 1),
    end: toCalendarDate(year, endMonth, daysInMonth(year, endMonth)),
  };
}

/**
 * The fiscal year (its name) that holds a date.
 * @example fiscalYearNumber('2022-10-01', 10) // 2023
 */
export function fiscalYearNumber(date: CalendarDate, startMonth = 1): number {
  const p = parseCalendarDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  return startMonth !== 1 && p.month >= startMonth ? p.year + 1 : p.year;
}

/**
 * Quarter `quarter` (1–4) of fiscal year FY`year`, a `quarter` period coded `FY2023-Q1`.
 * @example fiscalQuarterPeriod(2023, 1, 10) // { kind: 'quarter', code: 'FY2023-Q1', start: '2022-10-01', end: '2022-12-31' }
 */
export function fiscalQuarterPeriod(year: number, quarter: number, startMonth = 1): Period {
  const fy = fiscalYear(year, startMonth);
  const first = parseCalendarDate(fy.start);
  /* c8 ignore next */
  if (!first) throw new RangeError('unreachable');
  const monthIndex = first.month - 1 + (quarter - 1) * 3;
  const sy = first.year + Math.floor(monthIndex / 12);
  const sm = (monthIndex % 12) + 1;
  const endIndex = monthIndex + 2;
  const ey = first.year + Math.floor(endIndex / 12);
  const em = (endIndex % 12) + 1;
  return {
    kind: 'quarter',
    code: `FY${year}-Q${quarter}`,
    start: toCalendarDate(sy, sm, 1),
    end: toCalendarDate(ey, em, daysInMonth(ey, em)),
  };
}

/**
 * The fiscal quarter holding a date; with USAID's calendar (start month 10) Q1 is October–December.
 * @example fiscalQuarter('2023-05-09', 10).code // 'FY2023-Q3'
 */
export function fiscalQuarter(date: CalendarDate, startMonth: number): Period {
  const p = parseCalendarDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  const year = fiscalYearNumber(date, startMonth);
  const offset = (p.month - startMonth + 12) % 12;
  return fiscalQuarterPeriod(year, Math.floor(offset / 3) + 1, startMonth);
}
