import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterPlaces, matchesPlace, searchKey } from './place-search';

const places = [
  'Bamako',
  'Ségou',
  'Mopti',
  'Tombouctou',
  'Nioro-du-Sahel',
  'Kidal',
  'San',
  'Ménaka',
].map((name, i) => ({ id: String(i), name }));

describe('the place search', () => {
  it('ignores accents, case, hyphens and apostrophes', () => {
    expect(filterPlaces(places, 'segou').map((p) => p.name)).toEqual(['Ségou']);
    expect(filterPlaces(places, 'SÉGOU').map((p) => p.name)).toEqual(['Ségou']);
    expect(filterPlaces(places, 'menaka').map((p) => p.name)).toEqual(['Ménaka']);
    expect(filterPlaces(places, 'nioro du sahel').map((p) => p.name)).toEqual(['Nioro-du-Sahel']);
    expect(filterPlaces(places, 'sahel nioro').map((p) => p.name)).toEqual(['Nioro-du-Sahel']);
    expect(filterPlaces(places, 'xyz')).toEqual([]);
  });

  it('puts names beginning with the query first', () => {
    const some = [{ name: 'Bankass' }, { name: 'Kati' }, { name: 'Nioro' }, { name: 'Kayes' }];
    expect(filterPlaces(some, 'ka').map((p) => p.name)).toEqual(['Kati', 'Kayes', 'Bankass']);
  });

  it('answers every place to an empty query, in order', () => {
    expect(filterPlaces(places, '  ')).toEqual(places);
  });

  it('finds a name from any accented, cased spelling of any part of it (property)', () => {
    const accents: Record<string, string> = {
      e: 'éèêë',
      a: 'àâä',
      i: 'îï',
      o: 'ôö',
      u: 'ùûü',
      c: 'ç',
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...places.map((p) => p.name)),
        fc.nat(),
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (name, a, b, flips) => {
          const plain = searchKey(name);
          const start = a % plain.length;
          const end = start + 1 + (b % (plain.length - start));
          const part = plain.slice(start, end).trim();
          fc.pre(part.length > 0);
          const typed = [...part]
            .map((ch, i) => {
              const options = accents[ch];
              const c =
                flips[i % flips.length] && options ? (options[i % options.length] ?? ch) : ch;
              return flips[(i + 7) % flips.length] ? c.toUpperCase() : c;
            })
            .join('');
          expect(matchesPlace(name, typed)).toBe(true);
          expect(filterPlaces(places, typed).map((p) => p.name)).toContain(name);
        },
      ),
    );
  });

  it('never answers a name that lacks a word typed (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...places.map((p) => p.name)),
        fc.string({ minLength: 1 }),
        (name, q) => {
          if (matchesPlace(name, q))
            for (const word of searchKey(q).split(' ').filter(Boolean))
              expect(searchKey(name)).toContain(word);
        },
      ),
    );
  });
});
