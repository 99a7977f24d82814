import type { Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { intlLocale } from './locale';

/** The quarter of the WANEP-Mali bulletin the demo data comes from. */
export const DEFAULT_PERIOD = '2023-Q2';

/** The first year the period selector offers. */
const FIRST_YEAR = 2021;

/**
 * A period code for people: `2023-Q2` → `2e trimestre 2023` / `Q2 2023`, `2023` → `Année 2023`,
 * `2023-04` → `avril 2023`. Codes this page does not know (the API accepts more) are shown as is:
 * the API decides what is valid, not the page.
 */
export function formatPeriod(code: string, locale: Locale): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(code);
  if (quarter)
    return m.period_quarter({ quarter: Number(quarter[2]), year: quarter[1]! }, { locale });
  const year = /^(\d{4})$/.exec(code);
  if (year) return m.period_year({ year: year[1]! }, { locale });
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (month) {
    return new Intl.DateTimeFormat(intlLocale(locale), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  }
  return code;
}

export interface PeriodGroup {
  year: number;
  /** The year itself first, then its quarters. */
  codes: string[];
}

/** Years from 2021 to `today`'s, newest first, each with its four quarters. */
export function periodChoices(today: Date = new Date()): PeriodGroup[] {
  const groups: PeriodGroup[] = [];
  for (let year = today.getUTCFullYear(); year >= FIRST_YEAR; year -= 1) {
    groups.push({ year, codes: [`${year}`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)] });
  }
  return groups;
}
