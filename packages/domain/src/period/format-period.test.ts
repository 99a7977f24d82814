import { describe, expect, it } from 'vitest';
import { period } from '../test-support/must';
import { formatDate, formatDateTime, formatPeriod, isTimeZone, monthName } from './format-period';

describe('formatPeriod', () => {
  it('labels the bulletin’s quarter in French and English', () => {
    const q2 = period('2023-Q2');
    expect(formatPeriod(q2, 'fr')).toBe('T2 2023');
    expect(formatPeriod(q2, 'en')).toBe('Q2 2023');
    expect(formatPeriod(q2, 'fr', 'long')).toBe('avril–juin 2023');
    expect(formatPeriod(q2, 'en', 'long')).toBe('April–June 2023');
  });

  it('labels years, semesters and months', () => {
    expect(formatPeriod(period('2023'), 'fr')).toBe('2023');
    expect(formatPeriod(period('2023-S1'), 'fr')).toBe('S1 2023');
    expect(formatPeriod(period('2023-S1'), 'en')).toBe('S1 2023');
    expect(formatPeriod(period('2023-S2'), 'fr', 'long')).toBe('juillet–décembre 2023');
    expect(formatPeriod(period('2023-04'), 'fr')).toBe('avril 2023');
    expect(formatPeriod(period('2023-04'), 'en')).toBe('April 2023');
  });

  it('labels weeks', () => {
    expect(formatPeriod(period('2023-W15'), 'fr')).toBe('S15 2023');
    expect(formatPeriod(period('2023-W15'), 'en')).toBe('W15 2023');
    expect(formatPeriod(period('2023-W15'), 'fr', 'long')).toBe('semaine 15 (10–16 avril 2023)');
    expect(formatPeriod(period('2023-W13'), 'en', 'long')).toBe('week 13 (March 27–April 2, 2023)');
    expect(formatPeriod(period('2023-W13'), 'fr', 'long')).toBe(
      'semaine 13 (27 mars–2 avril 2023)',
    );
    expect(formatPeriod(period('2020-W53'), 'fr', 'long')).toBe(
      'semaine 53 (28 décembre 2020–3 janvier 2021)',
    );
    expect(formatPeriod(period('2020-W53'), 'en', 'long')).toBe(
      'week 53 (December 28, 2020–January 3, 2021)',
    );
    expect(formatPeriod(period('2023-W14'), 'en', 'long')).toBe('week 14 (April 3–9, 2023)');
  });

  it('labels fiscal years and quarters', () => {
    const fy = period('FY2023', 10);
    expect(formatPeriod(fy, 'fr')).toBe('AF2023');
    expect(formatPeriod(fy, 'en')).toBe('FY2023');
    expect(formatPeriod(fy, 'fr', 'long')).toBe('AF2023 (octobre 2022–septembre 2023)');
    const q1 = period('FY2023-Q1', 10);
    expect(formatPeriod(q1, 'fr')).toBe('T1 AF2023');
    expect(formatPeriod(q1, 'en')).toBe('FY2023 Q1');
    expect(formatPeriod(q1, 'en', 'long')).toBe('FY2023 Q1 (October–December 2022)');
  });

  it('labels ranges by months when whole, by days otherwise', () => {
    expect(formatPeriod(period('2023-04-01..2023-06-30'), 'fr')).toBe('avril–juin 2023');
    expect(formatPeriod(period('2021-01-01..2025-12-31'), 'en')).toBe('January 2021–December 2025');
    expect(formatPeriod(period('2023-05-15..2023-05-17'), 'fr')).toBe('15–17 mai 2023');
    expect(formatPeriod(period('2023-04-01..2023-04-15'), 'fr')).toBe('1er–15 avril 2023');
    expect(formatPeriod(period('2023-05-09..2023-05-09'), 'fr')).toBe('9 mai 2023');
    expect(formatPeriod(period('2023-05-15..2023-05-17'), 'en')).toBe('May 15–17, 2023');
  });

  it('formats dates and month names', () => {
    expect(formatDate('2023-04-01', 'fr')).toBe('1er avril 2023');
    expect(formatDate('2023-05-09', 'en')).toBe('May 9, 2023');
    expect(monthName(8, 'fr')).toBe('août');
    expect(monthName(13, 'fr')).toBe('13');
    expect(() => formatDate('x', 'fr')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('says an instant in the reader’s language and time zone, never as raw ISO', () => {
    expect(formatDateTime('2023-07-14T09:30:00Z', 'fr')).toBe('14 juillet 2023 à 09:30 UTC');
    expect(formatDateTime('2023-07-14T09:30:00Z', 'en')).toBe('July 14, 2023 at 09:30 UTC');
    // Paris in summer is two hours ahead; New York four behind, the day before.
    expect(formatDateTime('2023-07-14T23:30:00Z', 'fr', 'Europe/Paris')).toBe(
      '15 juillet 2023 à 01:30 UTC+2',
    );
    expect(formatDateTime('2023-07-14T01:05:00+00:00', 'en', 'America/New_York')).toBe(
      'July 13, 2023 at 21:05 UTC-4',
    );
    // An unknown zone falls back to UTC; something that is not an instant is left as it came.
    expect(formatDateTime('2023-07-14T09:30:00Z', 'fr', 'Mars/Olympus')).toBe(
      '14 juillet 2023 à 09:30 UTC',
    );
    expect(formatDateTime('hier', 'fr')).toBe('hier');
    expect(isTimeZone('Africa/Bamako')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
