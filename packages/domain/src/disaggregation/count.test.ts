import { describe, expect, it } from 'vitest';
import { countInterval, exact, sumCounts, sumQualifier } from './count';

describe('counts', () => {
  it('carry qualifiers through sums', () => {
    expect(sumQualifier([])).toBe('exact');
    expect(sumQualifier(['exact', 'at-least'])).toBe('at-least');
    expect(sumQualifier(['at-least', 'approximate', 'exact'])).toBe('approximate');
    expect(sumCounts([exact(97), { value: 50, qualifier: 'approximate' }])).toEqual({
      value: 147,
      qualifier: 'approximate',
    });
    expect(sumCounts([])).toEqual(exact(0));
  });

  it('read as intervals', () => {
    expect(countInterval({ value: 325, qualifier: 'at-least' })).toEqual({
      lower: 325,
      upper: Infinity,
    });
    expect(countInterval(exact(3))).toEqual({ lower: 3, upper: 3 });
  });
});
