import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIOD, spellOutPeriodCode, periodChoices } from './period';

describe('spellOutPeriodCode', () => {
  it('names quarters, years and months in each language', () => {
    expect(spellOutPeriodCode('2023-Q2', 'fr')).toBe('2e trimestre 2023');
    expect(spellOutPeriodCode('2023-Q1', 'fr')).toBe('1er trimestre 2023');
    expect(spellOutPeriodCode('2023-Q2', 'en')).toBe('Q2 2023');
    expect(spellOutPeriodCode('2023', 'fr')).toBe('Année 2023');
    expect(spellOutPeriodCode('2023-04', 'fr')).toBe('avril 2023');
    expect(spellOutPeriodCode('2023-04', 'en')).toBe('April 2023');
  });

  it('shows codes it does not know as they are', () => {
    expect(spellOutPeriodCode('2023-04-01..2023-05-15', 'fr')).toBe('2023-04-01..2023-05-15');
  });
});

describe('periodChoices', () => {
  it('offers the bulletin quarter by default, newest year first', () => {
    const choices = periodChoices(new Date('2024-02-10T00:00:00Z'));
    expect(choices.map((g) => g.year)).toEqual([2024, 2023, 2022, 2021]);
    expect(choices[1]?.codes).toEqual(['2023', '2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    expect(choices.flatMap((g) => g.codes)).toContain(DEFAULT_PERIOD);
  });
});
