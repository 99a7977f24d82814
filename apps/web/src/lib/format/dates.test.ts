import { describe, expect, it } from 'vitest';
import { formatDateRange, formatDateTime } from './dates';

describe('formatDateRange', () => {
  it('formats one day with the locale', () => {
    expect(formatDateRange('2023-05-09', '2023-05-09', 'fr')).toBe('9 mai 2023');
    expect(formatDateRange('2023-05-09', '2023-05-09', 'en')).toBe('9 May 2023');
  });

  it('formats an inclusive range compactly', () => {
    expect(formatDateRange('2023-05-15', '2023-05-17', 'fr')).toBe('15–17 mai 2023');
    expect(formatDateRange('2023-05-29', '2023-06-02', 'en')).toBe(
      '29 May\u2009–\u20092 June 2023',
    );
  });

  it('does not shift calendar dates with the time zone', () => {
    expect(formatDateRange('2023-04-30', '2023-04-30', 'fr')).toBe('30 avril 2023');
  });

  it('writes the first of the month as an ordinal in French', () => {
    expect(formatDateRange('2023-04-01', '2023-04-01', 'fr')).toBe('1er avril 2023');
    expect(formatDateRange('2023-04-01', '2023-06-30', 'fr')).toBe(
      '1er avril\u2009–\u200930 juin 2023',
    );
    expect(formatDateRange('2023-04-01', '2023-04-01', 'en')).toBe('1 April 2023');
    expect(formatDateRange('2023-05-11', '2023-05-11', 'fr')).toBe('11 mai 2023');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDateRange('09/05/2023', '09/05/2023', 'fr')).toThrow(/YYYY-MM-DD/);
  });
});

describe('formatDateTime', () => {
  it('says an instant in UTC with the locale’s words', () => {
    expect(formatDateTime('2024-06-12T10:32:05.123Z', 'fr')).toBe('12 juin 2024 à 10:32 UTC');
    expect(formatDateTime('2024-06-12T10:32:05.123Z', 'en')).toBe('12 June 2024 at 10:32 UTC');
    expect(formatDateTime('2024-04-01T23:59:00+02:00', 'fr')).toBe('1er avril 2024 à 21:59 UTC');
  });

  it('shows what is not an instant as it came', () => {
    expect(formatDateTime('hier', 'fr')).toBe('hier');
  });
});
