import {
  FRENCH_SPACE,
  achievementMark,
  figureOf,
  formatBounds,
  formatCount,
  formatFigure,
  formatNumber,
  formatPercent,
  type Bounds,
} from '@jalon/domain';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/**
 * Numbers as the reports say them. Everything goes through `@jalon/domain`'s formatters
 * (`86,85 %`, `plus de 325`, `entre 56 et 97`), so the web and the donor reports never disagree on a comma.
 */

export type Qualifier = 'exact' | 'approximate' | 'at-least';

export interface QualifiedCount {
  value: number;
  qualifier: Qualifier;
  /** Open above (an activity nobody counted): the API's `Figure`. */
  atLeast?: boolean;
  /** Activities of the period whose participants nobody counted. */
  uncounted?: number;
}

/** A part of the participants (women, youth): its value, and the interval it lies in if known. */
export interface PartFigure extends QualifiedCount {
  bounds: Bounds | null;
}

export interface PartText {
  /** `78`, `plus de 78`, or the interval `entre 179 et 344` when part of it was never recorded. */
  text: string;
  /** The text is an interval, not a count: the page says why. */
  interval: boolean;
  /** What was actually recorded (`plus de 179`), when the text is an interval. */
  recorded: string | null;
}

/**
 * A part of the participants, said honestly: when the engine knows the interval it lies in (some
 * activities recorded no breakdown), the interval is the answer (`179–344`), with the recorded
 * count kept beside it; otherwise the count with its qualifier (`plus de 78`, `environ 50`);
 * `null` when nothing was counted at all.
 * @example formatPart({ value: 97, qualifier: 'at-least', bounds: { lower: 97, upper: 162 } }, 'fr').text // 'entre 97 et 162'
 */
export function formatPart(
  part: PartFigure,
  locale: Locale,
  options: { uncounted?: boolean } = {},
): PartText | null {
  const { bounds } = part;
  if (isUnrecorded(part) && (!bounds || bounds.upper === null)) return null;
  // Open above (some activity was never counted): « au moins 179 (13 activités sans décompte) ».
  if (part.atLeast || (bounds && bounds.upper === null))
    return { text: formatFigure(figureOf(part), locale, options), interval: false, recorded: null };
  if (bounds && bounds.upper !== null && bounds.upper !== bounds.lower) {
    return {
      text: formatBounds(bounds, locale),
      interval: true,
      recorded: formatCount({ value: part.value, qualifier: part.qualifier }, locale),
    };
  }
  return {
    text: formatCount({ value: part.value, qualifier: part.qualifier }, locale),
    interval: false,
    recorded: null,
  };
}

/**
 * A total of participants as the API's figure states it: `environ 50`, `plus de 325`, `au moins
 * environ 657 (13 activités sans décompte)`; null when nothing was counted.
 * @example formatTotal({ value: 657, qualifier: 'approximate', atLeast: true, uncounted: 13 }, 'fr') // 'au moins environ 657 (13 activités sans décompte)'
 */
export function formatTotal(
  total: QualifiedCount & { bounds?: Bounds | null },
  locale: Locale,
  options: { uncounted?: boolean } = {},
): string | null {
  if (isUnrecorded(total)) return null;
  return formatFigure(figureOf(total), locale, options);
}

/**
 * "At least 0" says nothing was counted: the page shows "Non renseigné", not "plus de 0".
 * @example isUnrecorded({ value: 0, qualifier: 'at-least' }) // true
 */
export function isUnrecorded(count: QualifiedCount): boolean {
  return count.value === 0 && count.qualifier === 'at-least';
}

/** `24 %` / `24%`: indicator values in percent are already in points (0–100). */
function percentSuffix(text: string, locale: Locale): string {
  return locale === 'fr' ? `${text}${FRENCH_SPACE}%` : `${text}%`;
}

/**
 * An indicator's value in its unit, with its qualifier: `13`, `plus de 325`, `environ 24 %`.
 * @example formatIndicatorValue({ value: 24, qualifier: 'approximate' }, 'percent', 'fr') // 'environ 24 %'
 */
export function formatIndicatorValue(count: QualifiedCount, unit: string, locale: Locale): string {
  const text = formatFigure(figureOf(count), locale);
  return unit === 'percent' ? percentSuffix(text, locale) : text;
}

/** A target or baseline in the indicator's unit: `12`, `30 %`. */
export function formatTarget(value: number, unit: string, locale: Locale): string {
  const text = formatNumber(value, locale);
  return unit === 'percent' ? percentSuffix(text, locale) : text;
}

/**
 * Achievement (actual / target, a ratio) as a whole percentage, `108 %`; with one decimal when
 * rounding would carry it across a status threshold (99,96 % is not on track, so it must not
 * read `100 %`).
 * @example formatAchievement(1.0833, 'fr') // '108 %'
 * @example formatAchievement(0.9996, 'fr') // '99,96 %'
 * @example formatAchievement(0.625, 'fr', { achievementAtMost: true }) // '≤ 63 %'
 */
export function formatAchievement(
  ratio: number,
  locale: Locale,
  bound: boolean | { achievementAtLeast?: boolean; achievementAtMost?: boolean } = false,
): string {
  // From an open actual (an activity nobody counted, a lower bound): at least this much, `≥ 54 %`;
  // lower being better, at most this much, `≤ 63 %`.
  const mark = achievementMark(
    bound === true || (typeof bound === 'object' && bound.achievementAtLeast)
      ? 'at-least'
      : typeof bound === 'object' && bound.achievementAtMost
        ? 'at-most'
        : null,
  );
  for (const digits of [0, 1, 2]) {
    const shown = Number((ratio * 100).toFixed(digits)) / 100;
    const crosses = [0.5, 1].some((threshold) => ratio < threshold !== shown < threshold);
    if (!crosses) return mark + formatPercent(ratio, locale, digits);
  }
  return mark + formatPercent(ratio, locale, 2);
}

/**
 * An index already in percent (86.85) as the scorecard prints it: `86,85 %`, `86.85%`.
 * @example formatIndex(86.85, 'fr') // '86,85 %'
 */
export function formatIndex(index: number, locale: Locale): string {
  return formatPercent(index / 100, locale, 2);
}

/**
 * A change in percentage points, signed: `+7,65`, `−2,1`, `0`.
 * @example formatSignedPoints(7.650000000000006, 'fr') // '+7,65'
 */
export function formatSignedPoints(change: number, locale: Locale): string {
  const text = formatNumber(Math.abs(change), locale, { maximumFractionDigits: 2 });
  if (text === '0') return text;
  return `${change > 0 ? '+' : '\u2212'}${text}`;
}

/**
 * The width of a bar, in percent of the largest value (0 when there is nothing to draw).
 * @example barWidth(13, 26) // 50
 */
export function barWidth(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.min(100, (value / max) * 100);
}

const ENGLISH_ORDINALS: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/**
 * A rank as an ordinal: `1er`, `3e` in French; `1st`, `3rd`, `11th` in English. (Paraglide 2
 * compiles ordinal plural selectors with a wrong option, so this is done here.)
 * @example formatOrdinal(3, 'fr') // '3e'
 */
export function formatOrdinal(rank: number, locale: Locale): string {
  if (locale === 'fr') return rank === 1 ? '1er' : `${rank}e`;
  const category = new Intl.PluralRules('en-GB', { type: 'ordinal' }).select(rank);
  return `${rank}${ENGLISH_ORDINALS[category] ?? 'th'}`;
}

/**
 * How a target was found, when it is not the period's own: « à date » (the target of a period
 * ending that day, for a running total) or « au prorata (61 j sur 91) » (a longer period's,
 * pro-rated by days). Null for the period's own target.
 * @example targetBasisText({ kind: 'pro-rated', days: 61, of: 91 }) // 'au prorata (61 j sur 91)'
 */
export function targetBasisText(
  basis: { kind: string; days?: number; of?: number } | null | undefined,
): string | null {
  if (basis?.kind === 'running-total') return m.target_basis_to_date();
  if (basis?.kind === 'pro-rated' && basis.days !== undefined && basis.of !== undefined)
    return m.target_basis_pro_rated({ days: basis.days, of: basis.of });
  return null;
}
