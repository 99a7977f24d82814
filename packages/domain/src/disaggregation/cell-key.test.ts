import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKeyToString,
  cellLabel,
  isSubKey,
  keyDimensions,
  parseCellKey,
  sameKey,
} from './cell-key';
import { DEFAULT_DIMENSIONS, ageDimension, ageGroupOf, defaultDimensions } from './dimension';

describe('cell keys', () => {
  it('have one canonical text', () => {
    expect(cellKeyToString({ sex: 'female', age: 'youth' })).toBe('age=youth;sex=female');
    expect(cellKeyToString({})).toBe('');
    expect(parseCellKey('age=youth;sex=female')).toEqual({
      ok: true,
      value: { age: 'youth', sex: 'female' },
    });
    expect(parseCellKey(' ')).toEqual({ ok: true, value: {} });
    expect(parseCellKey('age=youth;age=adult').ok).toBe(false);
    expect(parseCellKey('age')).toMatchObject({ ok: false, error: { code: 'invalid-cell-key' } });
  });

  it('round-trip (property)', () => {
    const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(fc.dictionary(token, token), (key) => {
        const text = cellKeyToString(key);
        const back = parseCellKey(text);
        expect(back.ok && sameKey(back.value, key)).toBe(true);
      }),
    );
  });

  it('know their dimensions and containment', () => {
    expect(keyDimensions({ sex: 'female', age: 'youth' })).toEqual(['age', 'sex']);
    expect(isSubKey({ sex: 'female' }, { sex: 'female', age: 'youth' })).toBe(true);
    expect(isSubKey({}, { sex: 'female' })).toBe(true);
    expect(isSubKey({ sex: 'male' }, { sex: 'female', age: 'youth' })).toBe(false);
  });

  it('have labels for people', () => {
    expect(cellLabel({ age: 'youth', sex: 'female' }, DEFAULT_DIMENSIONS, 'fr')).toBe(
      'femmes · jeunes (18–35 ans)',
    );
    expect(cellLabel({ sex: 'female' }, DEFAULT_DIMENSIONS, 'en')).toBe('women');
    expect(cellLabel({}, DEFAULT_DIMENSIONS, 'fr')).toBe('participants');
    expect(cellLabel({ zeta: 'a', colour: 'blue' }, DEFAULT_DIMENSIONS, 'fr')).toBe(
      'colour=blue · zeta=a',
    );
  });
});

describe('dimensions', () => {
  it('default to sex, age group, disability and participant category', () => {
    expect(DEFAULT_DIMENSIONS.map((d) => d.code)).toEqual(['sex', 'age', 'disability', 'category']);
    expect(DEFAULT_DIMENSIONS.every((d) => d.complete)).toBe(true);
  });

  it('make the youth band configurable', () => {
    const age = ageDimension({ min: 15, max: 24 });
    expect(age.categories.map((c) => c.label.fr)).toEqual([
      'enfants (moins de 15 ans)',
      'jeunes (15–24 ans)',
      'adultes (plus de 24 ans)',
    ]);
    expect(defaultDimensions({ youthBand: { min: 15, max: 24 } })[1]?.categories[1]?.label.en).toBe(
      'young people (15–24)',
    );
    expect(ageGroupOf(17)).toBe('child');
    expect(ageGroupOf(18)).toBe('youth');
    expect(ageGroupOf(35)).toBe('youth');
    expect(ageGroupOf(36)).toBe('adult');
    expect(ageGroupOf(30, { min: 15, max: 24 })).toBe('adult');
  });
});
