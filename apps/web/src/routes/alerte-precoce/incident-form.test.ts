import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIncidentForm, emptyIncident, quarterOf, readIncidentForm } from './incident-form';

const PLACE = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';

describe('the incident form', () => {
  it('shapes the API input', () => {
    const r = checkIncidentForm(
      emptyIncident({
        date: '2023-05-02',
        category: 'democracy-governance',
        deaths: '3',
        injuries: '',
        verified: true,
        placeId: PLACE,
        description: '  Affrontements  ',
      }),
      'fr',
    );
    expect(r).toEqual({
      ok: true,
      input: {
        date: '2023-05-02',
        category: 'democracy-governance',
        deaths: 3,
        injuries: 0,
        verified: true,
        placeId: PLACE,
        programmeId: null,
        description: 'Affrontements',
      },
    });
  });

  it('names each wrong field, in plain French', () => {
    const r = checkIncidentForm(
      emptyIncident({ date: '2023-02-30', deaths: '-2', injuries: 'trois' }),
      'fr',
    );
    expect(r.ok ? [] : r.errors).toEqual([
      { field: 'date', message: 'Cette date n’existe pas : écrivez-la sous la forme 2023-05-09.' },
      { field: 'category', message: 'Choisissez le domaine de l’incident.' },
      {
        field: 'deaths',
        message: 'Morts : « -2 » n’est pas un nombre entier de personnes (0 si aucun).',
      },
      {
        field: 'injuries',
        message: 'Blessés : « trois » n’est pas un nombre entier de personnes (0 si aucun).',
      },
    ]);
  });

  it('reads the posted form', () => {
    const data = new FormData();
    data.set('date', '2023-06-01');
    data.set('verified', 'on');
    expect(readIncidentForm(data)).toMatchObject({
      date: '2023-06-01',
      verified: true,
      deaths: '',
    });
  });

  it('knows the quarter of a date', () => {
    expect(quarterOf('2023-05-02')).toBe('2023-Q2');
    expect(quarterOf('2023-12-31')).toBe('2023-Q4');
  });

  it('whatever is typed, either validates or names the fields', () => {
    fc.assert(
      fc.property(
        fc.record({
          date: fc.oneof(fc.constant('2023-05-02'), fc.string({ maxLength: 12 })),
          category: fc.oneof(fc.constant('democracy-governance'), fc.string({ maxLength: 8 })),
          deaths: fc.oneof(fc.nat({ max: 500 }).map(String), fc.string({ maxLength: 5 })),
          injuries: fc.oneof(fc.nat({ max: 500 }).map(String), fc.string({ maxLength: 5 })),
        }),
        (typed) => {
          const r = checkIncidentForm(emptyIncident(typed), 'fr');
          if (r.ok) {
            expect(r.input.deaths).toBeGreaterThanOrEqual(0);
            return;
          }
          for (const e of r.errors) {
            expect(Object.keys(typed)).toContain(e.field);
            expect(e.message.length).toBeGreaterThan(10);
          }
        },
      ),
    );
  });
});
