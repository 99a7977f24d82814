import { monthName } from '@jalon/domain';
import type { Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

/** The quarter of the WANEP-Mali bulletin the demo data comes from. */
export const DEFAULT_PERIOD = '2023-Q2';

/** The first year the period selector offers. */
const FIRST_YEAR = 2021;

/**
 * A period code spelt out for headings and the period choice: `2023-Q2` → `2e trimestre 2023` /
 * `Q2 2023`, `2023` → `Année 2023`, `2023-04` → `avril 2023`. Not the domain's `formatPeriod`, which
 * takes a parsed period and abbreviates (`T2 2023`): this one takes the raw code from the URL or
 * the API, spells it out in words, and shows codes it does not know (the API accepts more) as they
 * are: the API decides what is valid, not the page.
 */
export function spellOutPeriodCode(code: string, locale: Locale): string {
  // Every pattern starts with the four digits of the year.
  const year = code.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(code)?.[1];
  if (quarter) return m.period_quarter({ quarter: Number(quarter), year }, { locale });
  if (/^\d{4}$/.test(code)) return m.period_year({ year }, { locale });
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.exec(code)?.[1];
  if (month) return `${monthName(Number(month), locale)} ${year}`;
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
