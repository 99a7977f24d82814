import { describe, expect, it } from 'vitest';
import { LOCALES } from '../localized-text';
import { PIVOT_DIMENSIONS } from '../pivot/pivot';
import {
  DEFAULT_DIMENSIONS,
  SEX_DIMENSION,
  ageDimension,
  defaultDimensions,
  personCategoryLabel,
} from './dimension';
import {
  CATEGORY_NAMES,
  DIMENSION_NAMES,
  capitalised,
  categoryName,
  dimensionName,
} from './labels';

describe('the breakdown label table', () => {
  it('names every dimension of the engine and of the pivot in every language', () => {
    const codes = [...DEFAULT_DIMENSIONS.map((d) => d.code), ...PIVOT_DIMENSIONS];
    for (const code of codes)
      for (const l of LOCALES)
        expect(dimensionName(code)?.[l]?.trim(), `${code} ${l}`).toBeTruthy();
    expect(Object.keys(DIMENSION_NAMES).sort()).toEqual([...new Set(codes)].sort());
  });

  it('names every category of every default dimension in every language', () => {
    for (const d of DEFAULT_DIMENSIONS)
      for (const c of d.categories)
        for (const l of LOCALES) {
          expect(
            categoryName(d.code, c.code)?.[l]?.trim(),
            `${d.code}=${c.code} ${l}`,
          ).toBeTruthy();
          expect(c.label[l].trim(), `${d.code}=${c.code} ${l}`).not.toBe('');
        }
    expect(Object.keys(CATEGORY_NAMES).sort()).toEqual(
      DEFAULT_DIMENSIONS.map((d) => d.code).sort(),
    );
  });

  it('is what the default dimensions say, the age groups with their band', () => {
    for (const d of DEFAULT_DIMENSIONS) {
      expect(d.label).toEqual(dimensionName(d.code));
      for (const c of d.categories) {
        const name = categoryName(d.code, c.code);
        for (const l of LOCALES) expect(c.label[l].startsWith(name?.[l] ?? '?')).toBe(true);
      }
    }
    const age = defaultDimensions({ youthBand: { min: 15, max: 24 } }).find(
      (d) => d.code === 'age',
    );
    expect(age?.categories.map((c) => c.label.fr)).toEqual([
      'enfants (moins de 15 ans)',
      'jeunes (15–24 ans)',
      'adultes (plus de 24 ans)',
    ]);
  });

  it('knows nothing of codes outside the table, inherited names included', () => {
    expect(dimensionName('colour')).toBeUndefined();
    expect(dimensionName('toString')).toBeUndefined();
    expect(categoryName('sex', 'other')).toBeUndefined();
    expect(categoryName('constructor', 'x')).toBeUndefined();
    expect(capitalised('jeunes')).toBe('Jeunes');
    expect(capitalised('')).toBe('');
  });
});

describe('one person in words (personCategoryLabel)', () => {
  it('says the sex and the age group with its band, in French and English', () => {
    expect(personCategoryLabel('sex', 'female', 'fr')).toBe('Femme');
    expect(personCategoryLabel('sex', 'male', 'en')).toBe('Man');
    expect(personCategoryLabel('age', 'child', 'fr')).toBe('Enfant (moins de 18 ans)');
    expect(personCategoryLabel('age', 'youth', 'fr')).toBe('Jeune (18–35 ans)');
    expect(personCategoryLabel('age', 'adult', 'en')).toBe('Adult (over 35)');
    expect(personCategoryLabel('age', 'youth', 'en', { min: 15, max: 24 })).toBe(
      'Young person (15–24)',
    );
  });

  it('knows every sex and age category a person can have, and nothing else', () => {
    for (const d of [SEX_DIMENSION, ageDimension()])
      for (const c of d.categories)
        for (const l of LOCALES)
          expect(
            personCategoryLabel(d.code, c.code, l)?.trim(),
            `${d.code}=${c.code}`,
          ).toBeTruthy();
    expect(personCategoryLabel('sex', 'other', 'fr')).toBeUndefined();
    expect(personCategoryLabel('disability', 'with', 'fr')).toBeUndefined();
  });

  it('gives the group and the person the same band (« jeunes (18–35 ans) », « Jeune (18–35 ans) »)', () => {
    const youth = ageDimension().categories.find((c) => c.code === 'youth');
    expect(youth?.label.fr).toBe('jeunes (18–35 ans)');
    expect(youth?.label.en).toBe('young people (18–35)');
  });
});
