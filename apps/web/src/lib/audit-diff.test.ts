import { describe, expect, it } from 'vitest';
import { describeValue, fieldChanges } from './audit-diff';

const before = {
  id: 'a1',
  organisationId: 'o',
  code: 'ACT-1',
  title: 'Atelier à Mopti',
  type: 'workshop',
  status: 'validated',
  version: 3,
  updatedAt: '2026-12-01T10:00:00Z',
  startDate: '2023-05-10',
  places: [{ id: 'p1', name: 'Mopti' }],
  programme: {
    id: 'g',
    code: 'FPS',
    name: 'Femme, paix et sécurité',
    nameEn: 'Women, peace and security',
  },
  participants: { total: { value: 50, qualifier: 'approximate' }, cells: [] },
};

describe('the audit trail’s before → after', () => {
  it('lists only the fields that changed, with French labels and values in words', () => {
    const after = {
      ...before,
      title: 'Atelier à Ségou',
      type: 'dialogue',
      status: 'draft',
      version: 4,
      updatedAt: '2026-12-02T10:00:00Z',
      places: [{ id: 'p2', name: 'Ségou' }],
      participants: { total: { value: 325, qualifier: 'at-least' }, cells: [] },
    };
    const changes = fieldChanges(before, after, 'fr');
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Intitulé', 'Atelier à Mopti', 'Atelier à Ségou'],
      ['Type', 'Atelier', 'Dialogue'],
      ['Statut', 'Validée', 'Brouillon'],
      ['Lieux', 'Mopti', 'Ségou'],
      ['Participants', 'environ 50 participants', 'plus de 325 participants'],
    ]);
    // the version counter and the stamps are no change a reader looks for
    expect(changes.some((c) => c.field === 'version' || c.field === 'updatedAt')).toBe(false);
  });

  it('says an incident’s place and programme by name, booleans as Oui / Non, in English too', () => {
    const names = {
      places: new Map([
        ['p1', 'Mopti'],
        ['p2', 'Ménaka'],
      ]),
    };
    const changes = fieldChanges(
      { placeId: 'p1', verified: false, deaths: 2, category: 'democracy-governance' },
      { placeId: 'p2', verified: true, deaths: 3, category: 'democracy-governance' },
      'fr',
      names,
    );
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Lieu', 'Mopti', 'Ménaka'],
      ['Vérifié', 'Non', 'Oui'],
      ['Morts', '2', '3'],
    ]);
    expect(fieldChanges({ verified: false }, { verified: true }, 'en')[0]).toMatchObject({
      label: 'Verified',
      before: 'No',
      after: 'Yes',
    });
  });

  it('a creation lists what was set; a deletion what it was; an unknown column is humanised', () => {
    expect(fieldChanges(null, { title: 'X', summary: null, someNewColumn: 1 }, 'fr')).toEqual([
      { field: 'title', label: 'Intitulé', before: '', after: 'X' },
      { field: 'someNewColumn', label: 'Some new column', before: '', after: '1' },
    ]);
    expect(fieldChanges({ deaths: 1 }, null, 'fr')).toEqual([
      { field: 'deaths', label: 'Morts', before: '1', after: '' },
    ]);
    expect(describeValue('programme', before.programme, 'en')).toBe('Women, peace and security');
    expect(describeValue('summary', null, 'fr')).toBe('(vide)');
  });
});
