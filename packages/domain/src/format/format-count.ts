import type { Locale } from '../localized-text.js';
import type { Count } from '../disaggregation/count.js';
import { formatNumber } from './format-number.js';

/**
 * An interval a number must lie in, both ends inclusive; `upper` null means no known upper bound
 * (null rather than Infinity so the value survives JSON).
 */
export type Bounds = { lower: number; upper: number | null };

/**
 * A count as an officer writes it: `150`, `environ 50` / `about 50`, and a lower bound in the
 * bulletin's own words, `plus de 325` / `more than 325` (the value itself is included: "plus de 325"
 * is how the bulletin says "at least 325").
 * @example formatCount({ value: 325, qualifier: 'at-least' }, 'fr') // 'plus de 325'
 */
export function formatCount(count: Count, locale: Locale): string {
  const n = formatNumber(count.value, locale);
  switch (count.qualifier) {
    case 'exact':
      return n;
    case 'approximate':
      return locale === 'fr' ? `environ ${n}` : `about ${n}`;
    case 'at-least':
      return locale === 'fr' ? `plus de ${n}` : `more than ${n}`;
  }
}

/**
 * An interval as `56–97`, a single number when both ends meet, `au moins 56` / `at least 56` when unbounded above.
 * @example formatBounds({ lower: 56, upper: 97 }, 'fr') // '56–97'
 */
export function formatBounds(bounds: Bounds, locale: Locale): string {
  const lower = formatNumber(bounds.lower, locale);
  if (bounds.upper === null) return locale === 'fr' ? `au moins ${lower}` : `at least ${lower}`;
  if (bounds.upper === bounds.lower) return lower;
  return `${lower}–${formatNumber(bounds.upper, locale)}`;
}
