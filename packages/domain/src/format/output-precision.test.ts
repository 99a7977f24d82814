import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OUTPUT_DECIMALS,
  RATIO_DECIMALS,
  roundForOutput,
  roundRatioForOutput,
  type OutputUnit,
} from './output-precision';

/** How many decimals a number prints with (JavaScript's shortest round-trip form). */
function decimalsOf(x: number): number {
  const [, frac = ''] = String(x).split('.');
  return /e/.test(String(x)) ? Infinity : frac.length;
}

const units = fc.constantFrom<OutputUnit>('number', 'percent', 'score', 'qualitative');

describe('numbers leaving Jalon', () => {
  it('rounds the scorecard’s binary noise: 75.44999999999999 → 75.45, 7.650000000000006 → 7.65', () => {
    expect(roundForOutput(75.44999999999999, 'percent')).toBe(75.45);
    expect(roundForOutput(7.650000000000006, 'percent')).toBe(7.65);
    expect(roundRatioForOutput(13 / 12)).toBe(1.0833);
    expect(roundForOutput(null, 'number')).toBeNull();
  });

  it('keeps at most its unit’s decimals, moves a figure by at most half a unit of the last decimal, and is idempotent (fixed seed)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), units, (x, unit) => {
        const r = roundForOutput(x, unit);
        const d = OUTPUT_DECIMALS[unit];
        return (
          decimalsOf(r) <= d &&
          Math.abs(r - x) <= 0.5 * 10 ** -d + Math.abs(x) * 1e-15 &&
          roundForOutput(r, unit) === r
        );
      }),
      { seed: 18, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (x) => {
        const r = roundRatioForOutput(x);
        return (
          decimalsOf(r) <= RATIO_DECIMALS && Math.abs(r - x) <= 0.5 * 10 ** -RATIO_DECIMALS + 1e-15
        );
      }),
      { seed: 18, numRuns: 2000 },
    );
  });

  it('gives the same figure for sums computed in any order (the noise of addition never shows), fixed seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 20 }),
        (cents) => {
          const values = cents.map((c) => c / 100);
          const forward = values.reduce((a, b) => a + b, 0);
          const backward = [...values].reverse().reduce((a, b) => a + b, 0);
          return roundForOutput(forward, 'percent') === roundForOutput(backward, 'percent');
        },
      ),
      { seed: 18, numRuns: 1000 },
    );
  });
});
