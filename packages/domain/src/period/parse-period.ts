import { err, ok, type Result } from '../result';
import { domainError } from '../localized-text';
import { isoWeeksInYear, parseCalendarDate } from './calendar-date';
import {
  monthPeriod,
  quarterPeriod,
  semesterPeriod,
  weekPeriod,
  yearPeriod,
} from './calendar-periods';
import { checkFiscalStart, fiscalQuarterPeriod, fiscalYear } from './fiscal';
import type { FiscalOptions, Period, PeriodError } from './period';
import { domainText } from '../messages/index';

function invalid(text: string): PeriodError {
  return domainError('invalid-period', domainText('invalid-period', text));
}

/**
 * A custom range of whole days, both ends inclusive.
 * @example rangePeriod('2023-04-01', '2023-06-30') // { ok: true, value: { kind: 'range', code: '2023-04-01..2023-06-30', … } }
 */
export function rangePeriod(start: string, end: string): Result<Period, PeriodError> {
  for (const d of [start, end]) {
    if (!parseCalendarDate(d)) {
      return err(domainError('invalid-date', domainText('invalid-date', d)));
    }
  }
  if (start > end) {
    return err(domainError('invalid-range', domainText('invalid-range', start, end)));
  }
  return ok({ kind: 'range', code: `${start}..${end}`, start, end });
}

/**
 * The life of a grant, from its first to its last day.
 * @example lifeOfGrant('2021-01-01', '2025-12-31') // { ok: true, value: { kind: 'range', code: '2021-01-01..2025-12-31', … } }
 */
export function lifeOfGrant(start: string, end: string): Result<Period, PeriodError> {
  return rangePeriod(start, end);
}

/**
 * Reads a period code. Accepts `2023`, `2023-S1`, `2023-Q2`, `2023-04`, `2023-W15` (ISO week),
 * `FY2023` (or the French `AF2023`), fiscal quarters `FY2023-Q1`, and ranges `2023-04-01..2023-06-30`.
 * A fiscal year is named by the calendar year in which it ends; the start month defaults to 1.
 * @example parsePeriod('2023-Q2') // { ok: true, value: { kind: 'quarter', code: '2023-Q2', start: '2023-04-01', end: '2023-06-30' } }
 * @example parsePeriod('FY2023', { fiscalYearStartMonth: 10 }) // start '2022-10-01', end '2023-09-30'
 */
export function parsePeriod(
  text: string,
  options: FiscalOptions = {},
): Result<Period, PeriodError> {
  const read = readPeriod(text, options);
  // The calendar has no year 0 (nor does PostgreSQL's date): `0000` or `FY0001` name no period.
  if (read.ok && read.value.start < '0001-01-01') return err(invalid(text));
  return read;
}

function readPeriod(text: string, options: FiscalOptions): Result<Period, PeriodError> {
  const t = text.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(t))) return ok(yearPeriod(Number(m[1])));
  if ((m = /^(\d{4})-S([12])$/.exec(t))) return ok(semesterPeriod(Number(m[1]), Number(m[2])));
  if ((m = /^(\d{4})-Q([1-4])$/.exec(t))) return ok(quarterPeriod(Number(m[1]), Number(m[2])));
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(t))) return ok(monthPeriod(Number(m[1]), Number(m[2])));
  if ((m = /^(\d{4})-W(\d{2})$/.exec(t))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    if (week < 1 || week > isoWeeksInYear(year)) return err(invalid(text));
    return ok(weekPeriod(year, week));
  }
  if ((m = /^(?:FY|AF)(\d{4})(?:-Q([1-4]))?$/.exec(t))) {
    const start = checkFiscalStart(options.fiscalYearStartMonth);
    if (!start.ok) return start;
    const year = Number(m[1]);
    return ok(
      m[2] ? fiscalQuarterPeriod(year, Number(m[2]), start.value) : fiscalYear(year, start.value),
    );
  }
  if ((m = /^(\S+)\s*\.\.\s*(\S+)$/.exec(t))) return rangePeriod(m[1] ?? '', m[2] ?? '');
  return err(invalid(text));
}
