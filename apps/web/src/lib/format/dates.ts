import type { Locale } from '$lib/paraglide/runtime';
import { intlLocale } from './locale';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `'2023-05-09'` as a UTC instant: calendar dates must not shift with the server's time zone. */
function toUtc(isoDate: string): Date {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: "${isoDate}"`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function formatter(locale: Locale) {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** French writes the first of the month as an ordinal (`1er avril`), which Intl does not. */
function joinParts(parts: Intl.DateTimeFormatPart[], locale: Locale): string {
  return parts
    .map((part) =>
      locale === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value,
    )
    .join('');
}

/**
 * An activity's dates, both inclusive: `9 mai 2023`, or a range `15–17 mai 2023`
 * (`15–17 May 2023` in English).
 */
export function formatDateRange(start: string, end: string, locale: Locale): string {
  const f = formatter(locale);
  if (start === end) return joinParts(f.formatToParts(toUtc(start)), locale);
  return joinParts(f.formatRangeToParts(toUtc(start), toUtc(end)), locale);
}

/**
 * An instant the API recorded (an audit entry, a submission), in UTC — Mali's time all year, and
 * one clock for everyone who reads the trail: `12 juin 2024 à 10:32 UTC`, `12 June 2024 at 10:32 UTC`.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const f = new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  return joinParts(f.formatToParts(date), locale);
}
