import { describe, expect, it } from 'vitest';
import {
  barWidth,
  formatAchievement,
  targetBasisText,
  formatIndex,
  formatIndicatorValue,
  formatPart,
  formatSignedPoints,
  formatOrdinal,
  formatTarget,
  formatTotal,
  isUnrecorded,
} from './figures';

const NNBSP = '\u202f';

describe('formatPart', () => {
  it('shows the interval when part of the participants was never broken down', () => {
    expect(
      formatPart({ value: 179, qualifier: 'at-least', bounds: { lower: 179, upper: 344 } }, 'fr'),
    ).toEqual({ text: 'entre 179 et 344', interval: true, recorded: 'plus de 179' });
    expect(
      formatPart({ value: 97, qualifier: 'at-least', bounds: { lower: 97, upper: 162 } }, 'en'),
    ).toEqual({ text: 'between 97 and 162', interval: true, recorded: 'more than 97' });
  });

  it('leaves a part open above when activities were not counted (the demo’s 2023-Q2 women)', () => {
    const women = {
      value: 179,
      qualifier: 'at-least' as const,
      atLeast: true,
      bounds: { lower: 179, upper: null },
      uncounted: 13,
    };
    expect(formatPart(women, 'fr')).toEqual({
      text: 'au moins 179 (13 activités sans décompte)',
      interval: false,
      recorded: null,
    });
    expect(formatPart(women, 'en')?.text).toBe('at least 179 (13 activities not counted)');
    expect(formatPart(women, 'fr', { uncounted: false })?.text).toBe('au moins 179');
    const total = { value: 657, qualifier: 'approximate' as const, atLeast: true, uncounted: 13 };
    expect(formatTotal(total, 'fr')).toBe('au moins environ 657 (13 activités sans décompte)');
    expect(formatTotal({ value: 325, qualifier: 'at-least' }, 'fr')).toBe('plus de 325');
    expect(
      formatTotal({ value: 0, qualifier: 'at-least', atLeast: true, uncounted: 2 }, 'fr'),
    ).toBeNull();
    expect(formatIndicatorValue(total, 'number', 'en')).toBe(
      'at least about 657 (13 activities not counted)',
    );
    expect(formatAchievement(179 / 330, 'fr', true)).toBe(`≥ 54${NNBSP}%`);
    // Lower is better: 8 incidents or more against a target of 5 is at most 63 %.
    expect(formatAchievement(5 / 8, 'fr', { achievementAtMost: true })).toBe(`≤ 63${NNBSP}%`);
    expect(formatAchievement(5 / 8, 'en', { achievementAtLeast: true })).toBe('≥ 63%');
    expect(formatAchievement(5 / 8, 'en', {})).toBe('63%');
    // How the target was found, when not the period's own.
    expect(targetBasisText({ kind: 'pro-rated', days: 61, of: 91 })).toBe(
      'au prorata (61 j sur 91)',
    );
    expect(targetBasisText({ kind: 'running-total' })).toBe('à date');
    expect(targetBasisText({ kind: 'period' })).toBeNull();
    expect(targetBasisText(null)).toBeNull();
  });

  it('keeps the qualifier when no interval is known', () => {
    expect(formatPart({ value: 78, qualifier: 'at-least', bounds: null }, 'fr')?.text).toBe(
      'plus de 78',
    );
    expect(formatPart({ value: 50, qualifier: 'approximate', bounds: null }, 'fr')?.text).toBe(
      'environ 50',
    );
    expect(formatPart({ value: 4, qualifier: 'exact', bounds: null }, 'en')?.text).toBe('4');
  });

  it('treats a closed interval as the number it is', () => {
    expect(
      formatPart({ value: 7, qualifier: 'exact', bounds: { lower: 7, upper: 7 } }, 'fr'),
    ).toEqual({ text: '7', interval: false, recorded: null });
  });

  it('says an unbounded part as a lower bound, not as an interval', () => {
    expect(
      formatPart({ value: 12, qualifier: 'at-least', bounds: { lower: 12, upper: null } }, 'fr')
        ?.text,
    ).toBe('au moins 12'); // as formatBounds and every output say an open interval
  });

  it('gives nothing when nothing was counted, so the page says "not recorded"', () => {
    expect(formatPart({ value: 0, qualifier: 'at-least', bounds: null }, 'fr')).toBeNull();
    expect(
      formatPart({ value: 0, qualifier: 'at-least', bounds: { lower: 0, upper: null } }, 'fr'),
    ).toBeNull();
    // Nothing broken down out of about 50: the part lies « entre 0 et 50 », which is worth saying.
    expect(
      formatPart({ value: 0, qualifier: 'at-least', bounds: { lower: 0, upper: 50 } }, 'fr')?.text,
    ).toBe('entre 0 et 50');
    expect(isUnrecorded({ value: 0, qualifier: 'at-least' })).toBe(true);
    expect(isUnrecorded({ value: 0, qualifier: 'exact' })).toBe(false);
  });
});

describe('indicator values', () => {
  it('formats counts with their qualifier and percentages in points', () => {
    expect(formatIndicatorValue({ value: 13, qualifier: 'exact' }, 'number', 'fr')).toBe('13');
    expect(formatIndicatorValue({ value: 325, qualifier: 'at-least' }, 'number', 'en')).toBe(
      'more than 325',
    );
    expect(formatIndicatorValue({ value: 24, qualifier: 'approximate' }, 'percent', 'fr')).toBe(
      `environ 24${NNBSP}%`,
    );
    expect(formatIndicatorValue({ value: 24.004, qualifier: 'exact' }, 'percent', 'en')).toBe(
      '24%',
    );
    expect(formatTarget(1500, 'number', 'fr')).toBe(`1${NNBSP}500`);
    expect(formatTarget(30, 'percent', 'fr')).toBe(`30${NNBSP}%`);
  });

  it('rounds achievement to whole percent unless that would cross a threshold', () => {
    expect(formatAchievement(13 / 12, 'fr')).toBe(`108${NNBSP}%`);
    expect(formatAchievement(0.8666666, 'en')).toBe('87%');
    expect(formatAchievement(1, 'fr')).toBe(`100${NNBSP}%`);
    expect(formatAchievement(0.9996, 'fr')).toBe(`99,96${NNBSP}%`);
    expect(formatAchievement(0.996, 'en')).toBe('99.6%');
    expect(formatAchievement(0.4996, 'en')).toBe('49.96%');
    expect(formatAchievement(0.49999, 'en')).toBe('50.00%');
  });
});

describe('scorecard numbers', () => {
  it('prints the index the way the scorecard does', () => {
    expect(formatIndex(86.85, 'fr')).toBe(`86,85${NNBSP}%`);
    expect(formatIndex(86.85, 'en')).toBe('86.85%');
    expect(formatIndex(75.44999999999999, 'fr')).toBe(`75,45${NNBSP}%`);
  });

  it('signs changes in points with a true minus', () => {
    expect(formatSignedPoints(7.650000000000006, 'fr')).toBe('+7,65');
    expect(formatSignedPoints(-2.1, 'en')).toBe('\u22122.1');
    expect(formatSignedPoints(0.001, 'fr')).toBe('0');
  });

  it('writes ranks as ordinals', () => {
    expect(formatOrdinal(1, 'fr')).toBe('1er');
    expect(formatOrdinal(3, 'fr')).toBe('3e');
    expect(formatOrdinal(1, 'en')).toBe('1st');
    expect(formatOrdinal(2, 'en')).toBe('2nd');
    expect(formatOrdinal(3, 'en')).toBe('3rd');
    expect(formatOrdinal(11, 'en')).toBe('11th');
    expect(formatOrdinal(22, 'en')).toBe('22nd');
  });

  it('sizes bars against the largest value', () => {
    expect(barWidth(13, 26)).toBe(50);
    expect(barWidth(5, 0)).toBe(0);
    expect(barWidth(-1, 10)).toBe(0);
    expect(barWidth(30, 10)).toBe(100);
  });
});
