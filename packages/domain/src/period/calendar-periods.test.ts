import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { period } from '../test-support/must';
import { fromDayNumber } from './calendar-date';
import { periodOf } from './calendar-periods';
import { contains } from './compare';
import { fiscalQuarter, fiscalYearNumber } from './fiscal';
import { PERIOD_KINDS, type RegularPeriodKind } from './period';

const regular = PERIOD_KINDS.filter((k): k is RegularPeriodKind => k !== 'range');

describe('periodOf', () => {
  it('finds the period of each kind holding the bulletin’s awareness session (9 May 2023)', () => {
    expect(periodOf('year', '2023-05-09').code).toBe('2023');
    expect(periodOf('semester', '2023-05-09').code).toBe('2023-S1');
    expect(periodOf('semester', '2023-07-01').code).toBe('2023-S2');
    expect(periodOf('quarter', '2023-05-09').code).toBe('2023-Q2');
    expect(periodOf('month', '2023-05-09').code).toBe('2023-05');
    expect(periodOf('week', '2023-05-09').code).toBe('2023-W19');
    expect(periodOf('fiscal-year', '2023-05-09').code).toBe('FY2023');
    expect(periodOf('fiscal-year', '2023-10-01', { fiscalYearStartMonth: 10 }).code).toBe('FY2024');
    expect(() => periodOf('year', '2023-13-01')).toThrow(RangeError);
  });

  it('puts every day in exactly the period it returns (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.constantFrom(...regular),
        fc.integer({ min: 1, max: 12 }),
        (n, kind, fiscalYearStartMonth) => {
          const date = fromDayNumber(n);
          const p = periodOf(kind, date, { fiscalYearStartMonth });
          expect(contains(p, date)).toBe(true);
          expect(period(p.code, fiscalYearStartMonth)).toEqual(p);
        },
      ),
    );
  });
});

describe('fiscal quarters', () => {
  it('follows USAID: Q1 = Oct–Dec, Q3 = Apr–Jun', () => {
    expect(fiscalQuarter('2022-10-15', 10).code).toBe('FY2023-Q1');
    expect(fiscalQuarter('2023-02-01', 10).code).toBe('FY2023-Q2');
    expect(fiscalQuarter('2023-05-09', 10)).toMatchObject({
      code: 'FY2023-Q3',
      start: '2023-04-01',
      end: '2023-06-30',
    });
    expect(fiscalQuarter('2023-09-30', 10).code).toBe('FY2023-Q4');
    expect(fiscalQuarter('2023-05-09', 1).code).toBe('FY2023-Q2');
    expect(() => fiscalQuarter('bad', 10)).toThrow(RangeError);
    expect(() => fiscalYearNumber('bad', 10)).toThrow(RangeError);
  });
});
