import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBounds, formatCount } from './format-count';
import {
  FRENCH_SPACE,
  formatNumber,
  formatPercent,
  frenchQuote,
  withPercentSign,
} from './format-number';
import { roundTo } from './round';

describe('rounding and display', () => {
  it('rounds half away from zero on the decimal value', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(86.845, 2)).toBe(86.85);
    expect(roundTo(-2.5)).toBe(-3);
    expect(roundTo(-0.001, 2)).toBe(0);
    expect(Object.is(roundTo(-0.001, 2), -0)).toBe(false);
    expect(roundTo(Infinity, 2)).toBe(Infinity);
  });

  it('formats numbers per locale with a narrow no-break space in French', () => {
    expect(formatNumber(1234567.891, 'fr')).toBe(`1${FRENCH_SPACE}234${FRENCH_SPACE}567,89`);
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
    expect(formatNumber(150, 'fr')).toBe('150');
    expect(formatNumber(-1500.5, 'fr')).toBe(`-1${FRENCH_SPACE}500,5`);
    expect(formatNumber(2, 'en', { minimumFractionDigits: 1 })).toBe('2.0');
    expect(formatNumber(2.345, 'en', { maximumFractionDigits: 0 })).toBe('2');
    expect(formatNumber(Number.NaN, 'fr')).toBe('–');
    expect(formatNumber(Infinity, 'fr')).toBe('∞');
    expect(formatNumber(-Infinity, 'fr')).toBe('−∞');
  });

  it('formats WANEP-Mali’s WODI score as 86,85 %', () => {
    expect(formatPercent(0.8685, 'fr')).toBe(`86,85${FRENCH_SPACE}%`);
    expect(formatPercent(0.8685, 'en')).toBe('86.85%');
    expect(formatPercent(0.868499999, 'fr', 1)).toBe(`86,8${FRENCH_SPACE}%`);
    expect(formatPercent(1, 'fr', 0)).toBe(`100${FRENCH_SPACE}%`);
    expect(withPercentSign('12,5', 'fr')).toBe(`12,5${FRENCH_SPACE}%`);
    expect(withPercentSign('12.5', 'en')).toBe('12.5%');
  });

  it('writes counts and bounds the way the bulletin does', () => {
    expect(formatCount({ value: 150, qualifier: 'exact' }, 'fr')).toBe('150');
    expect(formatCount({ value: 50, qualifier: 'approximate' }, 'fr')).toBe('environ 50');
    expect(formatCount({ value: 50, qualifier: 'approximate' }, 'en')).toBe('about 50');
    expect(formatCount({ value: 325, qualifier: 'at-least' }, 'fr')).toBe('plus de 325');
    expect(formatCount({ value: 325, qualifier: 'at-least' }, 'en')).toBe('more than 325');
    expect(formatBounds({ lower: 56, upper: 97 }, 'fr')).toBe('entre 56 et 97');
    expect(formatBounds({ lower: 56, upper: 97 }, 'en')).toBe('between 56 and 97');
    expect(formatBounds({ lower: 0, upper: 1200 }, 'fr')).toBe(`entre 0 et 1${FRENCH_SPACE}200`);
    expect(formatBounds({ lower: 7, upper: 7 }, 'fr')).toBe('7');
    expect(formatBounds({ lower: 56, upper: null }, 'fr')).toBe('au moins 56');
    expect(formatBounds({ lower: 56, upper: null }, 'en')).toBe('at least 56');
  });

  it('never says « plus de 0 » nor « au moins 0 »: an unknown number is said so', () => {
    expect(formatCount({ value: 0, qualifier: 'at-least' }, 'fr')).toBe('nombre inconnu');
    expect(formatCount({ value: 0, qualifier: 'at-least' }, 'en')).toBe('unknown number');
    expect(formatBounds({ lower: 0, upper: null }, 'fr')).toBe('nombre inconnu');
    expect(formatBounds({ lower: 0, upper: null }, 'en')).toBe('unknown number');
    expect(formatCount({ value: 0, qualifier: 'exact' }, 'fr')).toBe('0');
  });

  it('writes no dash range and no empty minimum, whatever the count or the interval', () => {
    const locale = fc.constantFrom('fr' as const, 'en' as const);
    const empty = /\b(plus de|au moins|more than|at least) 0(?![\d,.])/;
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.option(fc.nat(100_000)),
        fc.constantFrom('exact' as const, 'approximate' as const, 'at-least' as const),
        locale,
        (lower, extra, qualifier, lang) => {
          const bounds = { lower, upper: extra === null ? null : lower + extra };
          const said = formatBounds(bounds, lang);
          expect(said).not.toMatch(empty);
          expect(said).not.toMatch(/\d–\d/);
          if (bounds.upper !== null && bounds.upper > lower)
            expect(said).toMatch(lang === 'fr' ? /^entre .+ et .+$/ : /^between .+ and .+$/);
          expect(formatCount({ value: lower, qualifier }, lang)).not.toMatch(empty);
        },
      ),
      { seed: 1412, numRuns: 300 },
    );
  });
});

describe('frenchQuote', () => {
  it('puts a narrow no-break space inside each guillemet', () => {
    expect(frenchQuote('Sessions CCS-C')).toBe('«\u202fSessions CCS-C\u202f»');
    expect(frenchQuote('x')).not.toMatch(/« | »/);
  });
});
