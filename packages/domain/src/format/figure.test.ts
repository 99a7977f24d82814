import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../test-support/must';
import { achievement, ACHIEVEMENT_RULES } from '../achievement/achievement';
import {
  achievementBound,
  achievementIsAtLeast,
  achievementIsAtMost,
  figureOf,
  formatAchievement,
  formatFigure,
  formatUncounted,
} from './figure';
import { FRENCH_SPACE } from './format-number';

describe('figures stated the same way everywhere', () => {
  it('opens a figure above when its bounds or its qualifier say so', () => {
    expect(
      figureOf({
        value: 179,
        qualifier: 'at-least',
        bounds: { lower: 179, upper: null },
        uncounted: 13,
      }),
    ).toEqual({
      value: 179,
      qualifier: 'at-least',
      atLeast: true,
      bounds: { lower: 179, upper: null },
      uncounted: 13,
    });
    // A cell between 56 and 97 is a lower bound of a closed interval, not an open figure.
    expect(
      figureOf({ value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } }).atLeast,
    ).toBe(false);
    expect(figureOf({ value: 325, qualifier: 'at-least' }).atLeast).toBe(true);
    expect(figureOf({ value: 657, qualifier: 'approximate', atLeast: true }).atLeast).toBe(true);
    expect(figureOf({ value: 50, qualifier: 'approximate' })).toMatchObject({
      atLeast: false,
      uncounted: 0,
      bounds: null,
    });
  });

  it('writes the demo’s figures in French and English', () => {
    const women = figureOf({
      value: 179,
      qualifier: 'at-least',
      bounds: { lower: 179, upper: null },
      uncounted: 13,
    });
    expect(formatFigure(women, 'fr')).toBe('au moins 179 (13 activités sans décompte)');
    expect(formatFigure(women, 'en')).toBe('at least 179 (13 activities not counted)');
    const total = figureOf({ value: 657, qualifier: 'approximate', atLeast: true, uncounted: 13 });
    expect(formatFigure(total, 'fr')).toBe('au moins environ 657 (13 activités sans décompte)');
    expect(formatFigure(total, 'en')).toBe('at least about 657 (13 activities not counted)');
    expect(
      formatFigure(
        figureOf({ value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } }),
        'fr',
      ),
    ).toBe('entre 56 et 97');
    // An approximate interval (a formula over « environ » counts): the bound's words, then
    // « environ », in the order of « au moins environ 657 » — never « environ entre ».
    const about = figureOf({
      value: 56,
      qualifier: 'approximate',
      bounds: { lower: 56, upper: 97 },
    });
    expect(formatFigure(about, 'fr')).toBe('entre environ 56 et 97');
    expect(formatFigure(about, 'en')).toBe('between about 56 and 97');
    expect(formatFigure(figureOf({ value: 50, qualifier: 'approximate' }), 'en')).toBe('about 50');
    expect(formatFigure(figureOf({ value: 1500, qualifier: 'exact' }), 'fr')).toBe(
      `1${FRENCH_SPACE}500`,
    );
    // A recorded lower bound keeps the bulletin's words; computed ones say « au moins ».
    expect(formatFigure(figureOf({ value: 325, qualifier: 'at-least' }), 'fr')).toBe('plus de 325');
    expect(
      formatFigure(
        figureOf({ value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: null } }),
        'en',
      ),
    ).toBe('at least 56');
    expect(formatUncounted(1, 'fr')).toBe('1 activité sans décompte');
    expect(formatUncounted(1, 'en')).toBe('1 activity not counted');
  });

  it('marks an achievement from an open actual as a lower bound', () => {
    expect(achievementIsAtLeast('actual-over-target', true, { target: 330 })).toBe(true);
    expect(achievementIsAtLeast('actual-over-target', false, { target: 330 })).toBe(false);
    expect(achievementIsAtLeast('actual-over-target', true, { target: 0 })).toBe(false);
    expect(achievementIsAtLeast('target-over-actual', true, { target: 3 })).toBe(false);
    expect(achievementIsAtLeast('progress-from-baseline', true, { target: 60, baseline: 40 })).toBe(
      true,
    );
    expect(achievementIsAtLeast('progress-from-baseline', true, { target: 40, baseline: 60 })).toBe(
      false,
    );
    expect(formatAchievement(179 / 330, true, 'fr')).toBe(`≥ 54${FRENCH_SPACE}%`);
    expect(formatAchievement(179 / 330, false, 'en')).toBe('54%');
  });

  it('marks a lower-is-better achievement from an open actual as an upper bound', () => {
    // 8 incidents or more against a target of 5: at most 62,5 %.
    expect(achievementIsAtMost('target-over-actual', true, { target: 5, actual: 8 })).toBe(true);
    expect(achievementIsAtMost('target-over-actual', false, { target: 5, actual: 8 })).toBe(false);
    expect(achievementIsAtMost('target-over-actual', true, { target: 0, actual: 8 })).toBe(false);
    expect(achievementIsAtMost('actual-over-target', true, { target: 5 })).toBe(false);
    expect(
      achievementIsAtMost('progress-from-baseline', true, { target: 40, baseline: 60, actual: 50 }),
    ).toBe(true);
    expect(formatAchievement(5 / 8, 'at-most', 'fr', 1)).toBe(`≤ 62,5${FRENCH_SPACE}%`);
    expect(formatAchievement(5 / 8, 'at-least', 'en')).toBe('≥ 63%');
    expect(formatAchievement(5 / 8, null, 'en')).toBe('63%');
  });

  it('puts the true achievement on the side its mark says (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACHIEVEMENT_RULES),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (rule, actual, more, target, baseline) => {
          const computed = achievement({ actual, target, baseline }, rule);
          const truth = achievement({ actual: actual + more, target, baseline }, rule);
          if (!computed.ok || !truth.ok) return;
          const bound = achievementBound(rule, true, { actual, target, baseline });
          if (bound === 'at-least') expect(unwrap(truth)).toBeGreaterThanOrEqual(computed.value);
          if (bound === 'at-most') expect(unwrap(truth)).toBeLessThanOrEqual(computed.value);
          // Only a target of 0, or one equal to its baseline, leaves the side unknown.
          if (bound === null)
            expect(rule === 'progress-from-baseline' ? target === baseline : target === 0).toBe(
              true,
            );
        },
      ),
      { seed: 1819, numRuns: 500 },
    );
  });

  it('says an interval in words and an empty minimum as an unknown number, never a dash nor « au moins 0 »', () => {
    const empty = /\b(plus de|au moins|more than|at least)( environ| about)? 0(?![\d,.])/;
    fc.assert(
      fc.property(
        fc.nat(5_000),
        fc.option(fc.nat(5_000)),
        fc.constantFrom('exact' as const, 'approximate' as const, 'at-least' as const),
        fc.boolean(),
        fc.nat(20),
        fc.constantFrom('fr' as const, 'en' as const),
        (lower, extra, qualifier, withBounds, uncounted, lang) => {
          const bounds = withBounds
            ? { lower, upper: uncounted > 0 || extra === null ? null : lower + extra }
            : null;
          const said = formatFigure(figureOf({ value: lower, qualifier, bounds, uncounted }), lang);
          expect(said).not.toMatch(empty);
          expect(said).not.toMatch(/\d–\d/);
          if (bounds && bounds.upper !== null && bounds.upper > lower)
            expect(said).toMatch(lang === 'fr' ? /^entre .+ et / : /^between .+ and /);
          // One order of qualifier words: the bound's, then « environ ».
          expect(said).not.toMatch(/(environ|about) (entre|between|au moins|at least)/);
        },
      ),
      { seed: 2026, numRuns: 400 },
    );
  });
});
