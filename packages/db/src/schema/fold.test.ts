import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFolded } from './fold';

describe('compareFolded (the order of the stored sort keys)', () => {
  const french = new Intl.Collator('fr', { sensitivity: 'base' });
  // French letters with and without accents, capitals, digits and spaces. Not punctuation (ICU
  // orders it by its own table), nor œ / æ (ICU reads « oe »; the fold keeps the letter, sorted
  // after z) nor Bambara's letters (ICU puts ɛ after e; the fold reads it as e).
  const word = fc
    .array(
      fc.constantFrom(...'abcdeéèêëfghiîïjklmnoôöpqrstuùûüvwxyÿzàâäçAÀÉÈÇÎÔÛZ 019'.split('')),
      {
        maxLength: 10,
      },
    )
    .map((c) => c.join(''));

  it('agrees with Intl.Collator("fr") wherever the two words differ in more than accents and case', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const fr = french.compare(a, b);
        if (fr !== 0) expect(Math.sign(compareFolded(a, b))).toBe(Math.sign(fr));
      }),
      { numRuns: 5000, seed: 2020 },
    );
    expect(['Mopti', 'ségou', 'Ménaka', 'Sikasso'].sort(compareFolded)).toEqual([
      'Ménaka',
      'Mopti',
      'ségou',
      'Sikasso',
    ]);
  });

  it('compares code points, as the "C" collation compares UTF-8 bytes', () => {
    // U+FFFD is one UTF-16 unit, above the surrogate pair of 😀 (U+1F600) in UTF-16 order.
    expect(compareFolded('\uFFFD', '😀')).toBeLessThan(0);
    expect(compareFolded('ab', 'a')).toBeGreaterThan(0);
    expect(compareFolded('Éa', 'ea')).toBe(0);
  });
});
