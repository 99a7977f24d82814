import type { Locale, Qualifier } from '@jalon/domain';
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
  return `"${prefix} "${base}`;
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
