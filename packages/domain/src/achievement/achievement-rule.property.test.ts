import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_RULES,
  achievement,
  achievementRuleOf,
  type AchievementRule,
} from './achievement';
import { STATUSES, UNDP_STATUS_SCALE, BAND_85_115_STATUS_SCALE, statusOf } from './status';

const directions = ['higher-is-better', 'lower-is-better'] as const;
const rule = fc.constantFrom(...ACHIEVEMENT_RULES);
const optionalRule = fc.option(rule, { nil: null });
/** Counts and levels as reports hold them: whole numbers (tiny float steps would round away). */
const positive = fc.integer({ min: 1, max: 1_000_000 });
/** How good a status is: on track above watch above off track (no data is not compared). */
const rank = (s: (typeof STATUSES)[number]) =>
  ({ 'on-track': 2, watch: 1, 'off-track': 0, 'no-data': -1 })[s];

const valueOf = (r: ReturnType<typeof achievement>) => (r.ok ? r.value : null);

describe('the achievement rule of an indicator (property)', () => {
  it('is its own when it names one, whatever its direction and the template say', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...directions),
        rule,
        optionalRule,
        (direction, own, template) => {
          expect(achievementRuleOf({ direction, achievementRule: own }, template)).toBe(own);
        },
      ),
      { seed: 1313, numRuns: 300 },
    );
  });

  it('without one, follows the template’s progress from baseline, else the direction', () => {
    fc.assert(
      fc.property(fc.constantFrom(...directions), optionalRule, (direction, template) => {
        const got = achievementRuleOf({ direction, achievementRule: null }, template);
        if (template === 'progress-from-baseline') expect(got).toBe('progress-from-baseline');
        else
          expect(got).toBe(
            direction === 'lower-is-better' ? 'target-over-actual' : 'actual-over-target',
          );
      }),
      { seed: 1314, numRuns: 300 },
    );
  });

  it('never scores doing better lower: more done when higher is better, less when lower is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...directions),
        positive,
        positive,
        positive,
        (direction, target, a, b) => {
          fc.pre(a !== b);
          const [worse, better] =
            direction === 'higher-is-better'
              ? [Math.min(a, b), Math.max(a, b)]
              : [Math.max(a, b), Math.min(a, b)];
          const r = achievementRuleOf({ direction });
          const lo = valueOf(achievement({ actual: worse, target }, r));
          const hi = valueOf(achievement({ actual: better, target }, r));
          expect(lo).not.toBeNull();
          expect(hi).not.toBeNull();
          expect(hi as number).toBeGreaterThan(lo as number);
          // and so its status on a one-sided scale is never worse
          expect(rank(statusOf(hi, UNDP_STATUS_SCALE))).toBeGreaterThanOrEqual(
            rank(statusOf(lo, UNDP_STATUS_SCALE)),
          );
        },
      ),
      { seed: 1315, numRuns: 500 },
    );
  });

  it('chosen explicitly, moves with the actual as the rule says, and a status comes from the scale', () => {
    fc.assert(
      fc.property(
        rule,
        positive,
        positive,
        positive,
        fc.integer({ min: 0, max: 1_000_000 }),
        (own, target, a, b, baseline) => {
          fc.pre(a < b && target !== baseline);
          const r: AchievementRule = achievementRuleOf({
            direction: 'higher-is-better',
            achievementRule: own,
          });
          const at = (actual: number) =>
            valueOf(achievement({ actual, target, baseline }, r)) as number;
          if (r === 'target-over-actual') expect(at(b)).toBeLessThan(at(a));
          else if (r === 'actual-over-target') expect(at(b)).toBeGreaterThan(at(a));
          // from the baseline: towards the target is more achieved, whichever way it lies
          else if (target > baseline) expect(at(b)).toBeGreaterThan(at(a));
          else expect(at(b)).toBeLessThan(at(a));
          for (const scale of [UNDP_STATUS_SCALE, BAND_85_115_STATUS_SCALE])
            expect(STATUSES).toContain(statusOf(at(a), scale));
        },
      ),
      { seed: 1316, numRuns: 500 },
    );
  });
});
