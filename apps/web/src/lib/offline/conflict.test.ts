import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyValues, gridName } from '$lib/activity-form';
import { compareIncident, emptyIncident } from '../../routes/alerte-precoce/incident-form';
import { compareActivity, sameRecord } from './conflict';

const names = {
  programmes: [
    { id: 'p1', code: 'CCS-C' },
    { id: 'p2', code: 'NEWS' },
  ],
  grants: [{ id: 'g1', code: 'PNUD-01' }],
  places: [
    { id: 'l1', name: 'Mopti' },
    { id: 'l2', name: 'Ségou' },
  ],
};

describe('a refused update, mine beside theirs', () => {
  const base = emptyValues({
    title: 'Dialogue à Mopti',
    type: 'dialogue',
    role: 'organiser',
    programmeId: 'p1',
    startDate: '2024-03-01',
    endDate: '2024-03-01',
    sessions: '1',
    placeIds: ['l1'],
  });

  it('lists the fields that differ, as the form says them, and only those', () => {
    const mine = structuredClone(base);
    mine.title = 'Dialogue à Mopti et Ségou';
    mine.placeIds = ['l2', 'l1'];
    mine.counts[gridName(null, null)] = '40';
    const theirs = structuredClone(base);
    theirs.programmeId = 'p2';
    theirs.counts[gridName(null, null)] = 'environ 35';
    const rows = compareActivity(mine, theirs, names, 'fr');
    expect(rows.map((r) => [r.field, r.mine, r.theirs])).toEqual([
      ['title', 'Dialogue à Mopti et Ségou', 'Dialogue à Mopti'],
      ['programmeId', 'CCS-C', 'NEWS'],
      [gridName(null, null), '40', 'environ 35'],
      ['placeIds', 'Mopti, Ségou', 'Mopti'],
    ]);
    expect(rows.every((r) => r.label.length > 0)).toBe(true);
  });

  it('finds nothing to choose between a record and itself, whatever the order of its places', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['l1', 'l2']), fc.string(), (places, title) => {
        const a = { ...structuredClone(base), title, placeIds: places };
        const b = { ...structuredClone(base), title, placeIds: [...places].reverse() };
        expect(compareActivity(a, b, names, 'en')).toEqual([]);
      }),
    );
  });

  it('says every differing text field, in both directions (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (x, y) => {
        const a = { ...structuredClone(base), summary: x };
        const b = { ...structuredClone(base), summary: y };
        const rows = compareActivity(a, b, names, 'fr');
        expect(rows.length).toBe(x.trim() === y.trim() ? 0 : 1);
        expect(compareActivity(b, a, names, 'fr').map((r) => [r.theirs, r.mine])).toEqual(
          rows.map((r) => [r.mine, r.theirs]),
        );
      }),
    );
  });
});

describe('an edit sent again', () => {
  const record = fc.record({
    title: fc.string(),
    sessions: fc.integer(),
    placeIds: fc.uniqueArray(fc.uuid(), { maxLength: 4 }),
    participants: fc.option(
      fc.record({
        total: fc.integer({ min: 0 }),
        cells: fc.array(fc.record({ key: fc.string(), value: fc.integer() }), { maxLength: 3 }),
      }),
    ),
  });

  it('is the same save whatever the order of its lists and keys, and only then', () => {
    fc.assert(
      fc.property(record, fc.string(), (a, title) => {
        const shuffled = {
          participants: a.participants && {
            cells: [...a.participants.cells].reverse(),
            total: a.participants.total,
          },
          placeIds: [...a.placeIds].reverse(),
          sessions: a.sessions,
          title: a.title,
        };
        expect(sameRecord(a, shuffled)).toBe(true);
        expect(sameRecord(a, { ...a, title })).toBe(title === a.title);
        expect(sameRecord(a, { ...a, sessions: a.sessions + 1 })).toBe(false);
      }),
      { seed: 1515, numRuns: 300 },
    );
  });
});

describe('a refused incident correction, mine beside theirs', () => {
  const base = emptyIncident({
    date: '2024-02-11',
    category: 'democracy-governance',
    deaths: '1',
    placeId: 'l1',
    programmeId: 'p2',
  });

  it('lists the fields that differ, as the form says them, and only those', () => {
    const mine = { ...base, deaths: '3', verified: true, description: 'Vu à Kidal' };
    const theirs = { ...base, placeId: 'l2', injuries: '' };
    const rows = compareIncident(mine, theirs, names, 'fr');
    expect(rows.map((r) => [r.field, r.mine, r.theirs])).toEqual([
      ['deaths', '3', '1'],
      ['placeId', 'Mopti', 'Ségou'],
      ['verified', 'oui', 'non'],
      ['description', 'Vu à Kidal', '—'],
    ]);
    expect(rows.map((r) => r.label)).toEqual([
      'Morts',
      'Lieu',
      'Incident vérifié',
      'Description (facultatif)',
    ]);
    // « 0 » and an empty box say the same: no difference.
    expect(compareIncident(base, { ...base, injuries: '' }, names, 'fr')).toEqual([]);
    expect(
      compareIncident(base, { ...base, category: 'women-peace-security' }, names, 'en')[0],
    ).toMatchObject({ field: 'category', label: 'Domain', mine: 'Democracy and governance' });
  });
});
