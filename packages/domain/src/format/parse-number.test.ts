import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from './format-number';
import { roundTo } from './round';
import { parseNumber } from './parse-number';

describe('reading a number as a spreadsheet writes it', () => {
  it.each([
    ['1 234,5', 1234.5],
    ['1\u202f234,5', 1234.5],
    ['1\u00a0234\u00a0567', 1234567],
    ['12,5', 12.5],
    ['-3', -3],
    ['−3,25', -3.25],
    ['1234.5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1.234', 1.234],
    ['1,234', 1.234],
    [' 42 ', 42],
    ['1e3', 1000],
  ])('%j is %d', (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });

  it('reads `1,234` as a thousand in English', () => {
    expect(parseNumber('1,234', 'en')).toBe(1234);
    expect(parseNumber('12,5', 'en')).toBe(12.5);
  });

  it.each(['', 'douze', '1 23', '12,5,3', '1..2', 'NaN', 'Infinity', '1e999'])(
    'refuses %j',
    (raw) => {
      expect(parseNumber(raw)).toBeNull();
    },
  );

  it('reads back what formatNumber writes (round trip in both languages)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('fr', 'en' as const),
        (x, digits, locale) => {
          const text = formatNumber(x, locale, { maximumFractionDigits: digits });
          expect(parseNumber(text, locale)).toBe(roundTo(x, digits) || 0);
        },
      ),
      { seed: 1212, numRuns: 500 },
    );
  });
});
