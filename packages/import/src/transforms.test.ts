import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestNames, normalizeName } from './names';
import {
  DEFAULT_CHOICES,
  RefIndex,
  excelSerialToIso,
  readChoice,
  readCount,
  readDate,
  readNumber,
  readText,
} from './transforms';

describe('numbers and counts', () => {
  it('reads French and English numbers, number cells as they are', () => {
    expect(readNumber('1 234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(readNumber('1\u202f234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(readNumber(12.25)).toEqual({ ok: true, value: 12.25 });
    expect(readNumber('')).toEqual({ ok: true, value: null });
    expect(readNumber('douze')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(readNumber({ error: '#DIV/0!' })).toMatchObject({ ok: false, code: 'cell-error' });
  });

  it.each([
    ['environ 50', { value: 50, qualifier: 'approximate' }],
    ['≈ 50', { value: 50, qualifier: 'approximate' }],
    ['plus de 325', { value: 325, qualifier: 'at-least' }],
    ['≥ 325', { value: 325, qualifier: 'at-least' }],
    ['1 200', { value: 1200, qualifier: 'exact' }],
    [40, { value: 40, qualifier: 'exact' }],
  ])('reads the count %j', (cell, count) => {
    expect(readCount(cell)).toEqual({ ok: true, value: count });
  });

  it.each([
    ['12 femmes', 'count-unreadable'],
    ['-3', 'count-negative'],
    [12.5, 'count-fractional'],
    ['99999999', 'count-too-large'],
  ])('refuses the count %j (%s) with a message in both languages', (cell, code) => {
    const r = readCount(cell);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message.fr).not.toBe(r.message.en);
  });
});

describe('dates', () => {
  it.each([
    ['09/05/2023', '2023-05-09'],
    ['9/5/2023', '2023-05-09'],
    ['09-05-2023', '2023-05-09'],
    ['09.05.23', '2023-05-09'],
    ['2023-05-09', '2023-05-09'],
    ['2023-05-09T00:00:00Z', '2023-05-09'],
  ])('reads %j', (text, iso) => {
    expect(readDate(text)).toEqual({ ok: true, value: iso });
  });

  it('reads date cells and Excel serials in the workbook’s system', () => {
    expect(readDate({ date: '2023-04-07' })).toEqual({ ok: true, value: '2023-04-07' });
    expect(readDate(45023)).toEqual({ ok: true, value: '2023-04-07' });
    expect(readDate(43561, { date1904: true })).toEqual({ ok: true, value: '2023-04-07' });
    expect(readDate('45023')).toEqual({ ok: true, value: '2023-04-07' });
    expect(readDate('45023', { serials: false })).toMatchObject({ ok: false, code: 'not-a-date' });
  });

  it('knows the 1900 leap-year bug: serial 60 is a day that never was', () => {
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(0)).toBeNull();
  });

  it('the two date systems are 1462 days apart on every date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1462, max: 2_958_465 }), (serial) => {
        expect(excelSerialToIso(serial - 1462, true)).toBe(excelSerialToIso(serial));
      }),
      { seed: 1904, numRuns: 500 },
    );
  });

  it('a date written dd/mm/yyyy reads back as the same calendar day (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-');
          expect(readDate(`${day}/${m}/${y}`)).toEqual({ ok: true, value: iso });
        },
      ),
      { seed: 2023, numRuns: 300 },
    );
  });

  it.each(['31/02/2023', '2023-13-01', 'mai 2023', '12/05/1890'])('refuses %j', (text) => {
    expect(readDate(text).ok).toBe(false);
  });
});

describe('choices and names', () => {
  it('maps « F », « Femme », « female » to female, accents and case ignored', () => {
    for (const text of ['F', 'Femme', 'female', ' FÉMININ ', 'femmes'])
      expect(readChoice(text, DEFAULT_CHOICES.sex)).toEqual({ ok: true, value: 'female' });
    expect(readChoice('Réunion', DEFAULT_CHOICES.activityType)).toEqual({
      ok: true,
      value: 'meeting',
    });
    const r = readChoice('Femmme', DEFAULT_CHOICES.sex);
    expect(r).toMatchObject({ ok: false, code: 'unknown-choice' });
    if (!r.ok) expect(r.suggestions).toContain('femme');
  });

  it('finds places by name with accents and case ignored, and suggests the closest', () => {
    const places = new RefIndex('place', [
      { id: 'p1', names: ['Ségou', 'ML-SEGOU'] },
      { id: 'p2', names: ['Mopti', 'ML-MOPTI'] },
      { id: 'p3', names: ['Ménaka', 'ML-MENAKA'] },
    ]);
    expect(places.find('SEGOU')).toEqual({ ok: true, value: 'p1' });
    expect(places.find('segou')).toEqual({ ok: true, value: 'p1' });
    expect(places.find('ml-mopti')).toEqual({ ok: true, value: 'p2' });
    expect(places.findList('Segou; Mopti, Ségou')).toEqual({ ok: true, value: ['p1', 'p2'] });
    const r = places.find('Menak');
    expect(r).toMatchObject({ ok: false, code: 'place-not-found', suggestions: ['Ménaka'] });
    if (!r.ok) {
      expect(r.message.fr).toBe('Lieu « Menak » introuvable ; le plus proche : « Ménaka »');
      expect(r.message.en).toBe('Place "Menak" not found; closest: "Ménaka"');
    }
    const twice = new RefIndex('programme', [
      { id: 'a', names: ['Paix'] },
      { id: 'b', names: ['paix'] },
    ]);
    expect(twice.find('Paix')).toMatchObject({ ok: false, code: 'ambiguous-name' });
  });

  it('normalizes names and ranks suggestions', () => {
    expect(normalizeName('  Mopti-Sévaré ')).toBe('mopti sevare');
    expect(closestNames('Segu', ['Ségou', 'Mopti', 'Sikasso'])).toEqual(['Ségou']);
    expect(closestNames('zzzzzz', ['Ségou'])).toEqual([]);
  });

  it('reads error cells as errors, not text', () => {
    expect(readText({ error: '#N/A' })).toMatchObject({ ok: false, code: 'cell-error' });
    expect(readText('  deux   mots ')).toEqual({ ok: true, value: 'deux mots' });
  });
});
