import type { Locale } from '../localized-text';
import { parseCalendarDate, type CalendarDate } from './calendar-date';
import type { Period } from './period';

const MONTHS: Record<Locale, readonly string[]> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Label length: `short` for table headers (`T2 2023`), `long` for prose (`avril–juin 2023`). */
export type PeriodLabelStyle = 'short' | 'long';

function split(date: CalendarDate): { year: number; month: number; day: number } {
  const p = parseCalendarDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  return p;
}

/**
 * Name of a month (1–12) in a locale; French month names are lower-case, as French writes them.
 * @example monthName(4, 'fr') // 'avril'
 */
export function monthName(month: number, locale: Locale): string {
  return MONTHS[locale][month - 1] ?? String(month);
}

/**
 * A calendar day as words: `1er avril 2023`, `9 mai 2023`, `April 1, 2023`.
 * @example formatDate('2023-05-09', 'fr') // '9 mai 2023'
 */
export function formatDate(date: CalendarDate, locale: Locale): string {
  const { year, month, day } = split(date);
  if (locale === 'fr') return `${day === 1 ? '1er' : day} ${monthName(month, 'fr')} ${year}`;
  return `${monthName(month, 'en')} ${day}, ${year}`;
}

/** `avril–juin 2023`, or `octobre 2022–septembre 2023` across a year end. */
function monthSpan(period: Period, locale: Locale): string {
  const s = split(period.start);
  const e = split(period.end);
  if (s.year === e.year) {
    if (s.month === e.month) return `${monthName(s.month, locale)} ${s.year}`;
    return `${monthName(s.month, locale)}–${monthName(e.month, locale)} ${e.year}`;
  }
  return `${monthName(s.month, locale)} ${s.year}–${monthName(e.month, locale)} ${e.year}`;
}

/** `1er–30 avril 2023`, `10–16 avril 2023`, `28 mars–3 avril 2023`, dropping what both ends share. */
function daySpan(period: Period, locale: Locale): string {
  const s = split(period.start);
  const e = split(period.end);
  if (period.start === period.end) return formatDate(period.start, locale);
  if (locale === 'fr') {
    const first = s.day === 1 ? '1er' : String(s.day);
    if (s.year !== e.year)
      return `${formatDate(period.start, 'fr')}–${formatDate(period.end, 'fr')}`;
    if (s.month !== e.month)
      return `${first} ${monthName(s.month, 'fr')}–${e.day} ${monthName(e.month, 'fr')} ${e.year}`;
    return `${first}–${e.day} ${monthName(e.month, 'fr')} ${e.year}`;
  }
  if (s.year !== e.year) return `${formatDate(period.start, 'en')}–${formatDate(period.end, 'en')}`;
  if (s.month !== e.month)
    return `${monthName(s.month, 'en')} ${s.day}–${monthName(e.month, 'en')} ${e.day}, ${e.year}`;
  return `${monthName(s.month, 'en')} ${s.day}–${e.day}, ${e.year}`;
}

function isWholeMonths(period: Period): boolean {
  const e = split(period.end);
  const next = parseCalendarDate(`${period.end.slice(0, 8)}${String(e.day + 1).padStart(2, '0')}`);
  return period.start.endsWith('-01') && next === null;
}

/**
 * A period's label. Short: `2023`, `S1 2023`, `T2 2023`/`Q2 2023`, `avril 2023`/`April 2023`,
 * `S15 2023`/`W15 2023`, `AF2023`/`FY2023`, `T1 AF2023`/`FY2023 Q1`. Long adds the months or days
 * (`avril–juin 2023`, `AF2023 (octobre 2022–septembre 2023)`).
 * @example formatPeriod(parsePeriod('2023-Q2').value, 'fr') // 'T2 2023'
 * @example formatPeriod(parsePeriod('2023-Q2').value, 'fr', 'long') // 'avril–juin 2023'
 */
export function formatPeriod(
  period: Period,
  locale: Locale,
  style: PeriodLabelStyle = 'short',
): string {
  const fr = locale === 'fr';
  const code = period.code;
  switch (period.kind) {
    case 'year':
      return code;
    case 'semester': {
      const short = `S${code.slice(6)} ${code.slice(0, 4)}`;
      return style === 'short' ? short : monthSpan(period, locale);
    }
    case 'quarter': {
      const fiscal = /^FY(\d{4})-Q(\d)$/.exec(code);
      if (fiscal) {
        const short = fr ? `T${fiscal[2]} AF${fiscal[1]}` : `FY${fiscal[1]} Q${fiscal[2]}`;
        return style === 'short' ? short : `${short} (${monthSpan(period, locale)})`;
      }
      const short = `${fr ? 'T' : 'Q'}${code.slice(6)} ${code.slice(0, 4)}`;
      return style === 'short' ? short : monthSpan(period, locale);
    }
    case 'month':
      return monthSpan(period, locale);
    case 'week': {
      const week = Number(code.slice(6));
      const short = `${fr ? 'S' : 'W'}${week} ${code.slice(0, 4)}`;
      if (style === 'short') return short;
      return `${fr ? 'semaine' : 'week'} ${week} (${daySpan(period, locale)})`;
    }
    case 'fiscal-year': {
      const short = `${fr ? 'AF' : 'FY'}${code.slice(2)}`;
      return style === 'short' ? short : `${short} (${monthSpan(period, locale)})`;
    }
    case 'range':
      return isWholeMonths(period) ? monthSpan(period, locale) : daySpan(period, locale);
  }
}

/** Whether `timeZone` is an IANA time zone this runtime knows (`Africa/Bamako`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An instant as the reader says it, in her language and time zone (UTC unless given), never as
 * a raw ISO timestamp: `14 juillet 2023 à 09:30 UTC`, `July 14, 2023 at 09:30 UTC`.
 * @example formatDateTime('2023-07-14T09:30:00Z', 'fr') // '14 juillet 2023 à 09:30 UTC'
 */
export function formatDateTime(iso: string, locale: Locale, timeZone = 'UTC'): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
  // The offset from UTC, which reads the same in every language: `UTC`, `UTC+2`, `UTC-4`.
  const time = `${parts.hour}:${parts.minute} ${String(parts.timeZoneName)
    .replace(/^GMT(\+0)?$/, 'UTC')
    .replace('GMT', 'UTC')}`;
  return locale === 'fr'
    ? `${formatDate(day, 'fr')} à ${time}`
    : `${formatDate(day, 'en')} at ${time}`;
}
