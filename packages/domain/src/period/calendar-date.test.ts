import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  isCalendarDate,
  isLeapYear,
  isoWeekOf,
  isoWeeksInYear,
  isoWeekday,
  toDayNumber,
} from './calendar-date';

describe('calendar dates', () => {
  it('knows leap years and month lengths', () => {
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2023)).toBe(false);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 5)).toBe(31);
  });

  it('validates dates without any time zone', () => {
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-4-1')).toBe(false);
    expect(isCalendarDate('2023-00-10')).toBe(false);
    expect(() => toDayNumber('nope')).toThrow(RangeError);
  });

  it('counts days across month and year ends', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(addDays('2023-06-30', 1)).toBe('2023-07-01');
    expect(addDays('2023-01-01', -1)).toBe('2022-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('agrees with UTC Date arithmetic on any day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(n)).toBe(iso);
        expect(toDayNumber(iso)).toBe(n);
      }),
    );
  });

  it('computes ISO weekdays and weeks', () => {
    expect(isoWeekday('2023-04-10')).toBe(1);
    expect(isoWeekday('2023-04-16')).toBe(7);
    expect(isoWeekOf('2023-04-12')).toEqual({ year: 2023, week: 15 });
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2019-12-30')).toEqual({ year: 2020, week: 1 });
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2023)).toBe(52);
  });
});
