import {
  formatBounds,
  formatFigure,
  formatNumber,
  type Bounds,
  type Figure,
  type Locale,
  type Qualifier,
} from '@jalon/domain';
import type { IndicatorUnit } from '../model/results';
import { labelOf } from '../template/labels';
import type { ReportTemplate } from '../template/template-schema';

/**
 * The number format of an indicator's figure. A qualified count stays a number (so formulas can use
 * it) and shows its qualifier through the format: 325 at-least displays as `plus de 325`; an
 * approximate figure that is also open above (`atLeast`) as `au moins environ 657`.
 * @example valueFormat(template, 'number', 'at-least', 'fr') // '"plus de "#,##0'
 */
export function valueFormat(
  template: ReportTemplate,
  unit: IndicatorUnit,
  qualifier: Qualifier,
  locale: Locale,
  atLeast = false,
): string {
  const f = template.numberFormats;
  const base = unit === 'percent' ? f.percentPoints : unit === 'score' ? f.decimal : f.integer;
  if (qualifier === 'exact') return base;
  const key =
    qualifier === 'approximate' && atLeast
      ? 'qualifier.approximate-at-least'
      : `qualifier.${qualifier}`;
  const prefix = labelOf(template, key, locale).replace(/"/g, '');
  // « plus de 0 » says nothing: an empty minimum reads « nombre inconnu », whatever computed it.
  if (qualifier === 'at-least' || atLeast)
    return `[=0]${literal(formatBounds({ lower: 0, upper: null }, locale))};"${prefix} "${base}`;
  return `"${prefix} "${base}`;
}

/** Text as a number format's literal (quotes cannot be escaped inside one: they are dropped). */
function literal(text: string): string {
  return `"${text.replace(/"/g, '')}"`;
}

/**
 * The number format of an indicator's actual, so the workbook says exactly what the domain's
 * `formatFigure` says (the pages' words) while the cell stays the number formulas read — the
 * certain part, `value`: 56 of « entre 56 et 97 » shows as `"entre "#,##0" et 97"`, 179 of « au
 * moins 179 (13 activités sans décompte) » as `"au moins "#,##0" (13 activités sans décompte)"`,
 * and an empty minimum as the words alone (« nombre inconnu »), never « plus de 0 ».
 * @example figureFormat(template, 'number', { value: 56, qualifier: 'at-least', atLeast: false, bounds: { lower: 56, upper: 97 }, uncounted: 0 }, 'fr') // '"entre "#,##0" et 97"'
 */
export function figureFormat(
  template: ReportTemplate,
  unit: IndicatorUnit,
  figure: Figure,
  locale: Locale,
): string {
  const f = template.numberFormats;
  const base = unit === 'percent' ? f.percentPoints : unit === 'score' ? f.decimal : f.integer;
  return statedFormat(base, formatFigure(figure, locale), formatNumber(figure.value, locale));
}

/**
 * The number format of a breakdown cell nobody recorded, known only as an interval: its lower
 * bound, shown as the interval (« entre 56 et 97 », « au moins 12 »).
 * @example boundsFormat(template, 'number', { lower: 56, upper: 97 }, 'fr') // '"entre "#,##0" et 97"'
 */
export function boundsFormat(
  template: ReportTemplate,
  unit: IndicatorUnit,
  bounds: Bounds,
  locale: Locale,
): string {
  const f = template.numberFormats;
  const base = unit === 'percent' ? f.percentPoints : unit === 'score' ? f.decimal : f.integer;
  return statedFormat(base, formatBounds(bounds, locale), formatNumber(bounds.lower, locale));
}

/**
 * A format that prints `stated`, the number `shown` in it replaced by the cell's own value in
 * `base`: the text around the number becomes literal. Text without the number (« nombre inconnu »)
 * is all literal.
 */
function statedFormat(base: string, stated: string, shown: string): string {
  const at = stated.indexOf(shown);
  if (at < 0) return literal(stated);
  const before = stated.slice(0, at);
  const after = stated.slice(at + shown.length);
  return `${before ? literal(before) : ''}${base}${after ? literal(after) : ''}`;
}

/**
 * The number format of an achievement ratio; `≥ 54 %` when it was computed from an open actual,
 * `≤ 62 %` when that actual's indicator is lower-is-better (the achievement is then at most).
 * @example achievementFormat(template, { achievementAtLeast: true }, 'fr') // '"≥ "0%'
 */
export function achievementFormat(
  template: ReportTemplate,
  bound: { achievementAtLeast?: boolean; achievementAtMost?: boolean } | undefined,
  locale: Locale,
): string {
  const base = template.numberFormats.ratio;
  const key = bound?.achievementAtLeast
    ? 'achievement.at-least'
    : bound?.achievementAtMost
      ? 'achievement.at-most'
      : null;
  if (!key) return base;
  return `"${labelOf(template, key, locale).replace(/"/g, '')} "${base}`;
}

/**
 * The format of a target pro-rated by days (a column « à date »): decimals, and says so, so a
 * reader never takes 8.04 for a target somebody set.
 * @example proRatedFormat(template, 'fr') // '#,##0.0#" (au prorata)"'
 */
export function proRatedFormat(template: ReportTemplate, locale: Locale): string {
  const suffix = labelOf(template, 'target.pro-rated', locale).replace(/"/g, '');
  return `${template.numberFormats.decimal}" (${suffix})"`;
}
