import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../format/format-count';
import { parseCount, splitQualifier } from './parse-count';

describe('reading a count as typed', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['40', { value: 40, qualifier: 'exact' }],
    ['1 200', { value: 1200, qualifier: 'exact' }],
    ['1\u202f200', { value: 1200, qualifier: 'exact' }],
    ['environ 50', { value: 50, qualifier: 'approximate' }],
    ['Environ  50', { value: 50, qualifier: 'approximate' }],
    ['~50', { value: 50, qualifier: 'approximate' }],
    ['≈ 50', { value: 50, qualifier: 'approximate' }],
    ['about 50', { value: 50, qualifier: 'approximate' }],
    ['plus de 325', { value: 325, qualifier: 'at-least' }],
    ['Nombre inconnu', { value: 0, qualifier: 'at-least' }],
    ['unknown number', { value: 0, qualifier: 'at-least' }],
    ['au moins 325', { value: 325, qualifier: 'at-least' }],
    ['≥ 325', { value: 325, qualifier: 'at-least' }],
    ['>325', { value: 325, qualifier: 'at-least' }],
    ['325+', { value: 325, qualifier: 'at-least' }],
    ['more than 325', { value: 325, qualifier: 'at-least' }],
  ])('%j', (raw, count) => {
    expect(parseCount(raw)).toEqual({ ok: true, count });
  });

  it.each([
    ['douze', 'unreadable'],
    ['12 femmes', 'unreadable'],
    ['environ', 'unreadable'],
    ['-3', 'negative'],
    ['12,5', 'fractional'],
    ['12.5', 'fractional'],
    ['99999999', 'too-large'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseCount(raw)).toEqual({ ok: false, reason });
  });

  it('reads back every count the domain writes, in French and English', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom('exact', 'approximate', 'at-least' as const),
        fc.constantFrom('fr', 'en' as const),
        (value, qualifier, locale) => {
          const text = formatCount({ value, qualifier }, locale);
          expect(parseCount(text)).toEqual({ ok: true, count: { value, qualifier } });
        },
      ),
      { seed: 1212, numRuns: 300 },
    );
  });

  it.each([
    ['12,5', 'exact', '12,5'],
    ['environ 1\u202f234,5', 'approximate', '1 234,5'],
    ['≈ 50', 'approximate', '50'],
    ['Plus de 50', 'at-least', '50'],
    ['≥ 0,5', 'at-least', '0,5'],
    ['au moins 50', 'at-least', '50'],
    ['50+', 'at-least', '50'],
    ['environ', 'approximate', ''],
  ])('splits %j into its qualifier and its figure', (raw, qualifier, rest) => {
    expect(splitQualifier(raw)).toEqual({ qualifier, rest });
  });

  it('gives a count the qualifier its words split off (one rule for counts and values)', () => {
    const words = ['', 'environ ', '≈ ', '~', 'plus de ', 'au moins ', '≥ ', '>'];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.integer({ min: 0, max: 10_000_000 }), (w, n) => {
        const parsed = parseCount(`${w}${n}`);
        expect(parsed).toEqual({
          ok: true,
          count: { value: n, qualifier: splitQualifier(`${w}${n}`).qualifier },
        });
      }),
    );
  });
});
