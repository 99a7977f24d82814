import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from './rank';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones; null for none', () => {
    expect(median([])).toBeNull();
    expect(median([86.85])).toBe(86.85);
    expect(median([100, 70, 90, 80])).toBe(85);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('has as many values at or below it as at or above it, and lies between min and max (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const m = median(xs) ?? NaN;
          expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(m).toBeLessThanOrEqual(Math.max(...xs));
          const below = xs.filter((x) => x <= m).length;
          const above = xs.filter((x) => x >= m).length;
          expect(below).toBeGreaterThanOrEqual(xs.length / 2);
          expect(above).toBeGreaterThanOrEqual(xs.length / 2);
          expect(median([...xs].reverse())).toBe(m);
        },
      ),
      { seed: 1619, numRuns: 200 },
    );
  });
});
