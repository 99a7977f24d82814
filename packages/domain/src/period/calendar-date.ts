/**
 * Calendar dates as 'YYYY-MM-DD' strings and day numbers (days since 1970-01-01).
 * The arithmetic is pure integer civil-calendar maths (proleptic Gregorian), never `Date`,
 * so no time zone can shift a day.
 */

/** A calendar day, 'YYYY-MM-DD'. */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a year is a leap year in the Gregorian calendar.
 * @example isLeapYear(2024) // true
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (1–12).
 * @example daysInMonth(2023, 2) // 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Splits a date string into numbers, or null if it is not a real calendar day.
 * @example parseCalendarDate('2023-02-29') // null
 */
export function parseCalendarDate(
  text: string,
): { year: number; month: number; day: number } | null {
  const m = DATE_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * Whether a string is a real calendar day 'YYYY-MM-DD'.
 * @example isCalendarDate('2023-04-31') // false
 */
export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== null;
}

/**
 * Formats year, month, day as 'YYYY-MM-DD'.
 * @example toCalendarDate(2023, 4, 1) // '2023-04-01'
 */
export function toCalendarDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
 * @example dayNumber(1970, 1, 2) // 1
 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The civil date of a day number.
 * @example fromDayNumber(19448) // '2023-04-01'
 */
export function fromDayNumber(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return toCalendarDate(year, month, day);
}

/**
 * Day number of a 'YYYY-MM-DD' string; throws on a malformed date because callers validate first.
 * @example toDayNumber('1970-01-02') // 1
 */
export function toDayNumber(date: CalendarDate): number {
  const p = parseCalendarDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  return dayNumber(p.year, p.month, p.day);
}

/**
 * Adds (or subtracts) whole days.
 * @example addDays('2023-06-30', 1) // '2023-07-01'
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * ISO weekday, 1 = Monday … 7 = Sunday.
 * @example isoWeekday('2023-04-10') // 1
 */
export function isoWeekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * The ISO 8601 week-year and week number of a date (weeks start on Monday; week 1 holds the first Thursday).
 * @example isoWeekOf('2021-01-01') // { year: 2020, week: 53 }
 */
export function isoWeekOf(date: CalendarDate): { year: number; week: number } {
  const n = toDayNumber(date);
  const thursday = n - isoWeekday(date) + 4;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/**
 * The Monday that starts ISO week 1 of a week-year.
 * @example isoWeekOneMonday(2023) // '2023-01-02'
 */
export function isoWeekOneMonday(year: number): CalendarDate {
  const jan4 = toCalendarDate(year, 1, 4);
  return addDays(jan4, 1 - isoWeekday(jan4));
}

/**
 * Number of ISO weeks (52 or 53) in a week-year.
 * @example isoWeeksInYear(2020) // 53
 */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(toCalendarDate(year, 12, 28)).week;
}
