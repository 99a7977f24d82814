import type { Locale } from '../localized-text';
import type { Count } from '../disaggregation/count';
import { formatNumber } from './format-number';
import { domainSays } from '../messages/index';

/**
 * An interval a number must lie in, both ends inclusive; `upper` null means no known upper bound
 * (null rather than Infinity so the value survives JSON).
 */
export type Bounds = { lower: number; upper: number | null };

/**
 * A count as an officer writes it: `150`, `environ 50` / `about 50`, and a lower bound in the
 * bulletin's own words, `plus de 325` / `more than 325` (the value itself is included: "plus de 325"
 * is how the bulletin says "at least 325"); « plus de 0 » is said `nombre inconnu` / `unknown number`.
 * @example formatCount({ value: 325, qualifier: 'at-least' }, 'fr') // 'plus de 325'
 */
export function formatCount(count: Count, locale: Locale): string {
  // « plus de 0 » says nothing: at least zero is only that the number is not known
  if (count.qualifier === 'at-least' && count.value === 0) return unknownNumber(locale);
  const n = formatNumber(count.value, locale);
  switch (count.qualifier) {
    case 'exact':
      return n;
    case 'approximate':
      return domainSays(locale, 'count-about', n);
    case 'at-least':
      return domainSays(locale, 'count-more-than', n);
  }
}

/**
 * An interval in words, `entre 56 et 97` / `between 56 and 97` (a dash between numbers reads
 * badly in a sentence), a single number when both ends meet, `au moins 56` / `at least 56` when
 * unbounded above, and `nombre inconnu` / `unknown number` for « au moins 0 », which says nothing.
 * @example formatBounds({ lower: 56, upper: 97 }, 'fr') // 'entre 56 et 97'
 */
export function formatBounds(bounds: Bounds, locale: Locale): string {
  const lower = formatNumber(bounds.lower, locale);
  if (bounds.upper === null) {
    if (bounds.lower === 0) return unknownNumber(locale);
    return domainSays(locale, 'bounds-at-least', lower);
  }
  if (bounds.upper === bounds.lower) return lower;
  const upper = formatNumber(bounds.upper, locale);
  return domainSays(locale, 'bounds-between', lower, upper);
}

function unknownNumber(locale: Locale): string {
  return domainSays(locale, 'unknown-number');
}
