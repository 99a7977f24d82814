import { err, ok, type Result } from '../result';
import { notComputable, type NotComputable } from '../not-computable';
import { domainText } from '../messages/index';

/**
 * How achievement is measured, as donors' templates say: `actual-over-target` (USAID, UNDP),
 * `target-over-actual` for lower-is-better, `progress-from-baseline` (EU):
 * (actual − baseline) / (target − baseline).
 */
export const ACHIEVEMENT_RULES = [
  'actual-over-target',
  'target-over-actual',
  'progress-from-baseline',
] as const;

/** One of {@link ACHIEVEMENT_RULES}. */
export type AchievementRule = (typeof ACHIEVEMENT_RULES)[number];

/** The numbers achievement is computed from; null when there is none. */
export type AchievementInput = {
  actual: number | null;
  target: number | null;
  baseline?: number | null;
};

/**
 * Achievement as a ratio (1 = 100 %), unrounded. Missing actual, target or baseline and zero
 * denominators are "not computable" with their reason — a blank "% met", not a made-up 0.
 * @example achievement({ actual: 13, target: 12 }, 'actual-over-target') // { ok: true, value: 1.0833… }
 * @example achievement({ actual: 60, target: 80, baseline: 40 }, 'progress-from-baseline') // { ok: true, value: 0.5 }
 */
export function achievement(
  input: AchievementInput,
  rule: AchievementRule,
): Result<number, NotComputable> {
  const { actual, target } = input;
  if (actual === null) return err(notComputable('no-data', domainText('actual-missing')));
  if (target === null) return err(notComputable('target-missing', domainText('target-missing')));
  const zero = (what: 'rate-zero-target' | 'rate-zero-actual' | 'rate-zero-gap') =>
    err(notComputable('division-by-zero', domainText(what)));
  switch (rule) {
    case 'actual-over-target':
      return target === 0 ? zero('rate-zero-target') : ok(actual / target);
    case 'target-over-actual':
      return actual === 0 ? zero('rate-zero-actual') : ok(target / actual);
    case 'progress-from-baseline': {
      const baseline = input.baseline ?? null;
      if (baseline === null)
        return err(notComputable('baseline-missing', domainText('baseline-missing')));
      const span = target - baseline;
      return span === 0 ? zero('rate-zero-gap') : ok((actual - baseline) / span);
    }
  }
}

/**
 * The unweighted mean of achievements (UNDP scores an output by the mean of its indicators'
 * percentages); null when none is computable.
 * @example meanAchievement([1.2, 0.6]) // 0.9
 */
export function meanAchievement(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * The rule an indicator's achievement is measured by. Its own, when the M&E officer chose one in
 * the indicator builder (`achievementRule`); otherwise the template's progress from baseline when
 * the donor's template measures so (EU); otherwise its direction: actual / target when higher is
 * better, target / actual when lower is better (USAID, UNDP).
 * @example achievementRuleOf({ direction: 'lower-is-better' }) // 'target-over-actual'
 * @example achievementRuleOf({ direction: 'lower-is-better', achievementRule: 'progress-from-baseline' }) // 'progress-from-baseline'
 */
export function achievementRuleOf(
  indicator: { direction: string; achievementRule?: AchievementRule | null },
  templateRule?: AchievementRule | null,
): AchievementRule {
  if (indicator.achievementRule) return indicator.achievementRule;
  if (templateRule === 'progress-from-baseline') return templateRule;
  return indicator.direction === 'lower-is-better' ? 'target-over-actual' : 'actual-over-target';
}
