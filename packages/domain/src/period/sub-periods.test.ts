import { describe, expect, it } from 'vitest';
import { period } from '../test-support/must';
import { comparePeriods, contains, overlaps, sameDays } from './compare';
import { subPeriods } from './sub-periods';

const codes = (ps: { code: string }[]) => ps.map((p) => p.code);

describe('subPeriods', () => {
  it('splits a year into quarters, semesters and months', () => {
    expect(codes(subPeriods(period('2023'), 'quarter'))).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-Q4',
    ]);
    expect(codes(subPeriods(period('2023'), 'semester'))).toEqual(['2023-S1', '2023-S2']);
    expect(subPeriods(period('2023'), 'month')).toHaveLength(12);
    expect(codes(subPeriods(period('2023-Q2'), 'month'))).toEqual([
      '2023-04',
      '2023-05',
      '2023-06',
    ]);
  });

  it('splits a USAID fiscal year into its fiscal quarters', () => {
    const fy = period('FY2023', 10);
    expect(subPeriods(fy, 'quarter').map((p) => [p.code, p.start, p.end])).toEqual([
      ['FY2023-Q1', '2022-10-01', '2022-12-31'],
      ['FY2023-Q2', '2023-01-01', '2023-03-31'],
      ['FY2023-Q3', '2023-04-01', '2023-06-30'],
      ['FY2023-Q4', '2023-07-01', '2023-09-30'],
    ]);
    expect(codes(subPeriods(fy, 'year'))).toEqual(['2022', '2023']);
    expect(
      codes(
        subPeriods(period('2023-01-01..2024-12-31'), 'fiscal-year', { fiscalYearStartMonth: 10 }),
      ),
    ).toEqual(['FY2023', 'FY2024', 'FY2025']);
  });

  it('returns whole weeks overlapping a month', () => {
    const weeks = subPeriods(period('2023-04'), 'week');
    expect(weeks[0]).toMatchObject({ code: '2023-W13', start: '2023-03-27' });
    expect(weeks.at(-1)).toMatchObject({ code: '2023-W17', end: '2023-04-30' });
  });

  it('gives the containing period for a coarser kind', () => {
    expect(codes(subPeriods(period('2023-05'), 'year'))).toEqual(['2023']);
  });
});

describe('contains, overlaps, comparePeriods', () => {
  it('tests containment of dates and periods', () => {
    const q2 = period('2023-Q2');
    expect(contains(q2, '2023-04-01')).toBe(true);
    expect(contains(q2, '2023-06-30')).toBe(true);
    expect(contains(q2, '2023-07-01')).toBe(false);
    expect(contains(q2, 'not a date')).toBe(false);
    expect(contains(period('2023'), q2)).toBe(true);
    expect(contains(q2, period('2023'))).toBe(false);
    expect(contains(period('FY2023', 10), q2)).toBe(true);
  });

  it('tests overlap', () => {
    expect(overlaps(period('2023-Q2'), period('2023-06'))).toBe(true);
    expect(overlaps(period('2023-Q2'), period('2023-07'))).toBe(false);
    expect(overlaps(period('FY2023', 10), period('2022-Q4'))).toBe(true);
    expect(overlaps(period('2023-W13'), period('2023-04'))).toBe(true);
  });

  it('orders periods like an outline', () => {
    const sorted = [
      period('2023-Q2'),
      period('2023-Q1'),
      period('2023'),
      period('2023-01'),
      period('2022'),
    ].sort(comparePeriods);
    expect(codes(sorted)).toEqual(['2022', '2023', '2023-Q1', '2023-01', '2023-Q2']);
    expect(comparePeriods(period('FY2023'), period('2023'))).toBeGreaterThan(0);
    expect(comparePeriods(period('2023'), period('2023'))).toBe(0);
    expect(comparePeriods(period('2023'), period('FY2023'))).toBeLessThan(0);
    expect(sameDays(period('FY2023'), period('2023'))).toBe(true);
  });
});
