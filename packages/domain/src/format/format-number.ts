import type { Locale } from '../localized-text';
import { roundTo } from './round';

/**
 * The space French puts between thousands and before `%`: U+202F NARROW NO-BREAK SPACE, used for
 * both, consistently. (ICU's `Intl.NumberFormat('fr-FR')` prints U+202F between thousands but U+00A0
 * before `%`, and older ICU versions differ again; one character everywhere keeps reports,
 * spreadsheets and tests comparable, and it never wraps a line.)
 */
export const FRENCH_SPACE = '\u202f';

/**
 * A text between French quotation marks, with the narrow no-break space inside each (never a
 * « left alone at a line end).
 * @example frenchQuote('Sessions CCS-C') // '«\u202fSessions CCS-C\u202f»'
 */
export function frenchQuote(text: string): string {
  return `«${FRENCH_SPACE}${text}${FRENCH_SPACE}»`;
}

/** Digits after the decimal separator. */
export type FractionDigits = { minimumFractionDigits?: number; maximumFractionDigits?: number };

/**
 * A number in the locale's format, rounded once, half away from zero. French: `1 234,5` (narrow
 * no-break space, decimal comma); English: `1,234.5`. Written by hand, not with `Intl`, so the text
 * is the same in every runtime and ICU version.
 * @example formatNumber(1234.5, 'fr') // '1 234,5'
 */
export function formatNumber(value: number, locale: Locale, digits: FractionDigits = {}): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const max = digits.maximumFractionDigits ?? Math.max(2, digits.minimumFractionDigits ?? 0);
  const min = Math.min(digits.minimumFractionDigits ?? 0, max);
  const rounded = roundTo(value, max);
  const [intPart = '0', fracRaw = ''] = Math.abs(rounded).toFixed(max).split('.');
  let frac = fracRaw;
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  const group = locale === 'fr' ? FRENCH_SPACE : ',';
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = rounded < 0 ? '-' : '';
  return `${sign}${grouped}${frac ? (locale === 'fr' ? ',' : '.') + frac : ''}`;
}

/**
 * A ratio (0.8685) as a percentage with a fixed number of digits: `86,85 %` in French (narrow
 * no-break space before %), `86.85%` in English.
 * @example formatPercent(0.8685, 'fr') // '86,85 %'
 */
export function formatPercent(ratio: number, locale: Locale, digits = 2): string {
  const text = formatNumber(ratio * 100, locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return withPercentSign(text, locale);
}

/**
 * A number already written, with the percent sign as each language sets it: after a narrow
 * no-break space in French (`97 %`), right after the number in English (`97%`).
 * @example withPercentSign('97', 'fr') // '97 %'
 */
export function withPercentSign(text: string, locale: Locale): string {
  return locale === 'fr' ? `${text}${FRENCH_SPACE}%` : `${text}%`;
}
