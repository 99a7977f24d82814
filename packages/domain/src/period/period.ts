import type { DomainError } from '../localized-text';
import type { CalendarDate } from './calendar-date';

/** Every kind of reporting period. A fiscal quarter is a `quarter` whose code starts with `FY`. */
export const PERIOD_KINDS = [
  'year',
  'semester',
  'quarter',
  'month',
  'week',
  'fiscal-year',
  'range',
] as const;

/** One of {@link PERIOD_KINDS}. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Kinds that tile the calendar, so a date belongs to exactly one period of the kind. */
export type RegularPeriodKind = Exclude<PeriodKind, 'range'>;

/** {@link PERIOD_KINDS} without `range`: the kinds a period can be stepped by. */
export const REGULAR_PERIOD_KINDS = PERIOD_KINDS.filter(
  (k): k is RegularPeriodKind => k !== 'range',
) as unknown as readonly [RegularPeriodKind, ...RegularPeriodKind[]];

/**
 * A reporting period: a run of whole calendar days, `start` and `end` both inclusive.
 * `code` is canonical and re-parses to the same period (given the same fiscal start month).
 */
export type Period = {
  kind: PeriodKind;
  code: string;
  start: CalendarDate;
  end: CalendarDate;
};

/** Stable codes of period failures. */
export const PERIOD_ERROR_CODES = [
  'invalid-period',
  'invalid-date',
  'invalid-range',
  'invalid-fiscal-start',
] as const;

/** A period could not be read or built. */
export type PeriodError = DomainError<(typeof PERIOD_ERROR_CODES)[number]>;

/** Options shared by the fiscal-year aware functions. */
export type FiscalOptions = {
  /** First month (1–12) of the fiscal year; 10 for USAID. Defaults to 1 (the calendar year). */
  fiscalYearStartMonth?: number;
};
