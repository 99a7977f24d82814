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

/**
 * An activity's dates, both inclusive: `9 mai 2023`, or a range `15–17 mai 2023`
 * (`15–17 May 2023` in English).
 */
export function formatDateRange(start: string, end: string, locale: Locale): string {
  const f = formatter(locale);
  if (start === end) return f.format(toUtc(start));
  return f.formatRange(toUtc(start), toUtc(end));
}
