import type { Locale } from '../localized-text';
import { domainSays } from '../messages/index';
import { isOpen, type Qualifier } from '../disaggregation/count';
import { formatBounds, formatCount, type Bounds } from './format-count';
import { formatNumber, formatPercent } from './format-number';

/**
 * A computed number as every output states it (page, API, workbook, IATI, bulletin, JSON):
 * - `value`: the number; when `atLeast`, the part that is certain;
 * - `qualifier`: `exact`, `approximate` (an "environ" count went into it) or `at-least`;
 * - `atLeast`: true when the truth may be larger without limit — a lower bound, or an activity whose
 *   participants were never counted. With `approximate` it carries both: « au moins environ 657 »;
 * - `bounds`: the interval the truth lies in when the engine can tell (`upper` null when open);
 * - `uncounted`: how many activities of the period have no participant count at all.
 */
export type Figure = {
  value: number;
  qualifier: Qualifier;
  atLeast: boolean;
  bounds: Bounds | null;
  uncounted: number;
};

/**
 * The figure of a computed value (an indicator value, a count). Open above when its bounds say so,
 * or, without bounds, when its qualifier does: a cell of 56–97 is a lower bound (`at-least`) but
 * not an open one.
 * @example figureOf({ value: 179, qualifier: 'at-least', bounds: { lower: 179, upper: null }, uncounted: 13 }) // { …, atLeast: true, uncounted: 13 }
 */
export function figureOf(v: {
  value: number;
  qualifier: Qualifier;
  atLeast?: boolean;
  bounds?: Bounds | null;
  uncounted?: number;
}): Figure {
  const bounds = v.bounds ?? null;
  const atLeast = bounds ? bounds.upper === null : isOpen(v);
  return { value: v.value, qualifier: v.qualifier, atLeast, bounds, uncounted: v.uncounted ?? 0 };
}

/**
 * « 13 activités sans décompte » / "13 activities not counted".
 * @example formatUncounted(1, 'fr') // '1 activité sans décompte'
 */
export function formatUncounted(n: number, locale: Locale): string {
  const count = formatNumber(n, locale);
  return domainSays(locale, 'uncounted-activities', count, n);
}

/**
 * A figure in words, the same in every output: `179`, `environ 50`, `entre 56 et 97`, `plus de 325` (a
 * lower bound as recorded), `au moins 179`, `au moins environ 657` and `entre environ 56 et 97` (an
 * approximate bound: the bound's words, then « environ »), `nombre inconnu` (at least 0), followed by the activities
 * never counted when there are any
 * (« au moins 179 (13 activités sans décompte) » / "at least 179 (13 activities not counted)").
 * @example formatFigure({ value: 179, qualifier: 'at-least', atLeast: true, bounds: null, uncounted: 13 }, 'fr') // 'au moins 179 (13 activités sans décompte)'
 */
export function formatFigure(
  figure: Figure,
  locale: Locale,
  options: { uncounted?: boolean } = {},
): string {
  const written = formatNumber(figure.value, locale);
  // « environ 56 »: an approximate number, alone or at one end of a bound.
  const about = (n: string) =>
    figure.qualifier === 'approximate' ? domainSays(locale, 'count-about', n) : n;
  let text: string;
  // A lower bound as recorded ("plus de 325", no interval, nothing uncounted) keeps the bulletin's
  // own words, as formatCount writes it; a computed open figure says « au moins ».
  // « au moins 0 » and « plus de 0 » say nothing: the number is unknown (formatCount, formatBounds).
  const interval = closedBounds(figure);
  if ((figure.atLeast || figure.qualifier === 'at-least') && figure.value === 0 && !interval)
    text = formatBounds({ lower: 0, upper: null }, locale);
  else if (figure.qualifier === 'at-least' && !figure.bounds && figure.uncounted === 0)
    text = formatCount({ value: figure.value, qualifier: 'at-least' }, locale);
  else if (figure.atLeast) text = domainSays(locale, 'bounds-at-least', about(written));
  // An interval in words, as the pages say it: « entre 56 et 97 », never a dash. Approximate, the
  // qualifier words keep one order — bound first, then « environ », then the numbers — as in « au
  // moins environ 657 »: « entre environ 56 et 97 » / "between about 56 and 97".
  else if (interval)
    text = domainSays(
      locale,
      'bounds-between',
      about(formatNumber(interval.lower, locale)),
      formatNumber(interval.upper, locale),
    );
  else text = about(written);
  // `uncounted: false` when the sentence says it once for several figures.
  return figure.uncounted > 0 && options.uncounted !== false
    ? `${text} (${formatUncounted(figure.uncounted, locale)})`
    : text;
}

/** The bounds of a figure bounded on both sides by different numbers (an interval), else null. */
function closedBounds(figure: Figure): { lower: number; upper: number } | null {
  const b = figure.bounds;
  return b && b.upper !== null && b.upper !== b.lower ? { lower: b.lower, upper: b.upper } : null;
}

/** Which side of an achievement computed from an open actual the truth lies on. */
export type AchievementBound = 'at-least' | 'at-most';

/**
 * Which bound an achievement computed from an open actual is. More done can only raise
 * `actual / target` (target above 0) and progress toward a target above the baseline: an at-least
 * achievement. It can only lower `target / actual` (lower is better, target above 0, actual above
 * 0) and progress toward a target below the baseline: an at-most one (« au plus »); a negative
 * target turns each around. Null when the actual is closed or the direction cannot be told.
 * @example achievementBound('target-over-actual', true, { target: 5, actual: 8 }) // 'at-most'
 */
export function achievementBound(
  rule: 'actual-over-target' | 'target-over-actual' | 'progress-from-baseline',
  actualOpen: boolean,
  input: { target: number | null; baseline?: number | null; actual?: number | null },
): AchievementBound | null {
  if (!actualOpen || input.target === null) return null;
  const side = (x: number): AchievementBound | null =>
    x > 0 ? 'at-least' : x < 0 ? 'at-most' : null;
  if (rule === 'actual-over-target') return side(input.target);
  if (rule === 'target-over-actual') return (input.actual ?? 1) > 0 ? side(-input.target) : null;
  return side(input.target - (input.baseline ?? 0));
}

/**
 * Whether an achievement computed from an open actual is a lower bound (see {@link achievementBound}).
 * @example achievementIsAtLeast('actual-over-target', true, { target: 330 }) // true
 */
export function achievementIsAtLeast(
  rule: 'actual-over-target' | 'target-over-actual' | 'progress-from-baseline',
  actualOpen: boolean,
  input: { target: number | null; baseline?: number | null },
): boolean {
  return achievementBound(rule, actualOpen, input) === 'at-least';
}

/**
 * Whether an achievement computed from an open actual is an upper bound (lower is better, see
 * {@link achievementBound}).
 * @example achievementIsAtMost('target-over-actual', true, { target: 5, actual: 8 }) // true
 */
export function achievementIsAtMost(
  rule: 'actual-over-target' | 'target-over-actual' | 'progress-from-baseline',
  actualOpen: boolean,
  input: { target: number | null; baseline?: number | null; actual?: number | null },
): boolean {
  return achievementBound(rule, actualOpen, input) === 'at-most';
}

/**
 * The mark before an achievement that is a bound: `≥ ` (at least) or `≤ ` (at most).
 * @example achievementMark('at-most') // '≤ '
 */
export function achievementMark(bound: AchievementBound | null | undefined): string {
  return bound === 'at-least' ? '≥ ' : bound === 'at-most' ? '≤ ' : '';
}

/**
 * An achievement ratio as a percentage, `≥ 54 %` when it is a lower bound (`true` or
 * `'at-least'`), `≤ 62 %` when it is an upper bound (`'at-most'`).
 * @example formatAchievement(0.5424, true, 'fr', 0) // '≥ 54 %'
 */
export function formatAchievement(
  ratio: number,
  bound: boolean | AchievementBound | null,
  locale: Locale,
  digits = 0,
): string {
  const text = formatPercent(ratio, locale, digits);
  return achievementMark(bound === true ? 'at-least' : bound || null) + text;
}
