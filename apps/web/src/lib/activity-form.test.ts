import { checkConsistency, type CountRecord } from '@jalon/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GRID_CELLS,
  breakdownMatrix,
  checkActivityForm,
  checkBreakdown,
  emptyValues,
  formFieldOfApiPath,
  gridBounds,
  readExtraCells,
  readFormData,
  valuesFromActivity,
  type ActivityFormValues,
} from './activity-form';

const PROGRAMME = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';
const GRANT = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function form(counts: Record<string, string> = {}, rest: Partial<ActivityFormValues> = {}) {
  const values = emptyValues({
    title: 'Formation des comités consultatifs',
    type: 'training',
    programmeId: PROGRAMME,
    startDate: '2023-05-09',
    ...rest,
  });
  Object.assign(values.counts, counts);
  return values;
}

describe('the breakdown grid', () => {
  it('accepts a total only', () => {
    const r = checkBreakdown({ n_total: '40' }, 'fr');
    expect(r.errors).toEqual([]);
    expect(r.record).toEqual({ total: { value: 40, qualifier: 'exact' }, cells: [] });
  });

  it('accepts a total with women and young people, and bounds the young women honestly', () => {
    const r = checkBreakdown({ n_total: '40', n_female: '18', n_youth: '25' }, 'fr');
    expect(r.errors).toEqual([]);
    expect(r.record?.cells).toEqual([
      { key: { sex: 'female' }, value: 18, qualifier: 'exact' },
      { key: { age: 'youth' }, value: 25, qualifier: 'exact' },
    ]);
    const bounds = gridBounds(r.record);
    // max(0, 18 + 25 − 40) … min(18, 25)
    expect(bounds.get('n_female_youth')).toMatchObject({ lower: 3, upper: 18 });
    expect(bounds.get('n_male')).toMatchObject({ lower: 22, upper: 22 });
  });

  it('accepts a full sex × age cross-tab without a total', () => {
    const r = checkBreakdown(
      {
        n_female_child: '0',
        n_female_youth: '10',
        n_female_adult: '8',
        n_male_child: '0',
        n_male_youth: '15',
        n_male_adult: '7',
      },
      'fr',
    );
    expect(r.errors).toEqual([]);
    expect(r.record?.total).toBeNull();
    expect(r.record?.cells).toHaveLength(6);
    expect(gridBounds(r.record).get('n_total')).toMatchObject({ lower: 40, upper: 40 });
  });

  it('keeps the qualifiers: "environ 50", "plus de 325"', () => {
    const r = checkBreakdown(
      { n_total: 'plus de 325', n_female: '78', n_youth: 'environ 117' },
      'fr',
    );
    expect(r.errors).toEqual([]);
    expect(r.record).toEqual({
      total: { value: 325, qualifier: 'at-least' },
      cells: [
        { key: { sex: 'female' }, value: 78, qualifier: 'exact' },
        { key: { age: 'youth' }, value: 117, qualifier: 'approximate' },
      ],
    });
  });

  it('refuses 30 women out of 20 participants, in plain French, on the women box', () => {
    const r = checkBreakdown({ n_total: '20', n_female: '30' }, 'fr');
    expect(r.errors).toEqual([
      {
        field: 'n_female',
        fields: ['n_female', 'n_total'],
        message:
          '30 femmes pour 20 participants au total : une partie ne peut pas dépasser le total.',
      },
    ]);
    expect(checkBreakdown({ n_total: '20', n_female: '30' }, 'en').errors[0]?.message).toBe(
      '30 women out of 20 participants in total: a part cannot exceed the whole.',
    );
  });

  it('refuses women and men that do not add up to the total', () => {
    const r = checkBreakdown({ n_total: '40', n_female: '18', n_male: '25' }, 'fr');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.fields).toEqual(['n_female', 'n_male', 'n_total']);
    expect(r.errors[0]?.message).toContain('doit retrouver ce nombre');
  });

  it('only warns when the contradiction rests on an approximate count', () => {
    const r = checkBreakdown({ n_total: 'environ 20', n_female: '30' }, 'fr');
    expect(r.errors).toEqual([]);
    expect(r.notes).toMatchObject([{ field: 'n_female', severity: 'warning' }]);
  });

  it('says what an unreadable box holds, and checks nothing else until it is fixed', () => {
    const r = checkBreakdown({ n_total: '20', n_female: 'trente', n_male: '30' }, 'fr');
    expect(r.errors).toEqual([
      {
        field: 'n_female',
        fields: ['n_female'],
        message:
          'Femmes : « trente » n’est pas un nombre. Écrivez par exemple 40, « environ 50 » ou « plus de 325 ».',
      },
    ]);
  });

  it('names the cross-tab box in its own words', () => {
    const r = checkBreakdown({ n_female: '10', n_female_youth: '12' }, 'fr');
    expect(r.errors[0]?.field).toBe('n_female_youth');
  });

  it('an empty grid is no count at all', () => {
    expect(checkBreakdown({}, 'fr')).toEqual({ record: null, errors: [], notes: [] });
  });

  it('carries the cells the grid has no box for', () => {
    const extra = [{ key: { disability: 'with' }, value: 2, qualifier: 'exact' as const }];
    expect(readExtraCells(JSON.stringify(extra))).toEqual(extra);
    expect(readExtraCells('not json')).toEqual([]);
    expect(readExtraCells('[{"key":{},"value":2,"qualifier":"exact"}]')).toEqual([]);
    const r = checkBreakdown({ n_total: '40' }, 'fr', extra);
    expect(r.record?.cells).toEqual(extra);
  });
});

describe('the whole form', () => {
  it('shapes the API input', () => {
    const r = checkActivityForm(
      form({ n_total: '40', n_female: '18', n_youth: '25' }, { grantIds: [GRANT, GRANT] }),
      'fr',
    );
    expect(r).toMatchObject({
      ok: true,
      input: {
        programmeId: PROGRAMME,
        title: 'Formation des comités consultatifs',
        summary: null,
        type: 'training',
        role: 'organiser',
        startDate: '2023-05-09',
        endDate: '2023-05-09',
        sessions: 1,
        placeIds: [],
        grantIds: [GRANT],
        participants: { total: { value: 40, qualifier: 'exact' } },
      },
    });
  });

  it('names each field that is wrong, in the order of the form', () => {
    const r = checkActivityForm(
      emptyValues({ startDate: '2023-06-01', endDate: '2023-05-01', sessions: '0' }),
      'fr',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual([
      'title',
      'type',
      'programmeId',
      'endDate',
      'sessions',
    ]);
    expect(r.errors.find((e) => e.field === 'endDate')?.message).toBe(
      'La date de fin précède la date de début.',
    );
  });

  it('refuses a date that does not exist', () => {
    const r = checkActivityForm(form({}, { startDate: '2023-02-30' }), 'fr');
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['startDate']);
  });

  it('reads the posted form, lists included', () => {
    const data = new FormData();
    data.set('title', 'Atelier');
    data.append('grantIds', GRANT);
    data.append('placeIds', '');
    data.set('n_total', 'environ 50');
    const values = readFormData(data);
    expect(values.grantIds).toEqual([GRANT]);
    expect(values.placeIds).toEqual([]);
    expect(values.counts.n_total).toBe('environ 50');
    expect(values.counts.n_female).toBe('');
    expect(values.role).toBe('organiser');
  });

  it('puts an activity back in the form as it was recorded', () => {
    const values = valuesFromActivity(
      {
        title: 'CCS-C',
        summary: null,
        type: 'training',
        role: 'organiser',
        startDate: '2023-04-01',
        endDate: '2023-06-30',
        sessions: 13,
        programme: { id: PROGRAMME },
        places: [],
        grants: [{ id: GRANT }],
        participants: {
          total: { value: 325, qualifier: 'at-least' },
          cells: [
            { key: { sex: 'female' }, value: 78, qualifier: 'exact' },
            { key: { disability: 'with' }, value: 3, qualifier: 'exact' },
          ],
        },
      },
      'fr',
    );
    expect(values.counts.n_total).toBe('plus de 325');
    expect(values.counts.n_female).toBe('78');
    expect(values.sessions).toBe('13');
    expect(values.grantIds).toEqual([GRANT]);
    expect(JSON.parse(values.extraCells)).toEqual([
      { key: { disability: 'with' }, value: 3, qualifier: 'exact' },
    ]);
    const r = checkActivityForm(values, 'fr');
    expect(r.ok && r.input.participants?.cells).toHaveLength(2);
  });

  it('maps the API’s field paths to the form’s fields', () => {
    expect(formFieldOfApiPath('title')).toBe('title');
    expect(formFieldOfApiPath('activity.endDate')).toBe('endDate');
    expect(formFieldOfApiPath('participants.cells.0.value')).toBe('n_total');
    expect(formFieldOfApiPath('version')).toBeNull();
  });

  it('lays out the recorded table with bounds for what was not recorded', () => {
    const matrix = breakdownMatrix({
      total: { value: 40, qualifier: 'exact' },
      cells: [
        { key: { sex: 'female' }, value: 18, qualifier: 'exact' },
        { key: { age: 'youth' }, value: 25, qualifier: 'exact' },
      ],
    });
    expect(matrix).toHaveLength(3);
    expect(matrix[0]?.[0]).toMatchObject({ key: '', recorded: { value: 40 } });
    expect(matrix[1]?.[2]).toMatchObject({
      key: 'age=youth;sex=female',
      recorded: null,
      bounds: { lower: 3, upper: 18 },
    });
  });
});

describe('whatever the grid holds', () => {
  const gridText = fc.oneof(
    fc.constant(''),
    fc.nat({ max: 200 }).map(String),
    fc.nat({ max: 200 }).map((n) => `environ ${n}`),
    fc.nat({ max: 200 }).map((n) => `plus de ${n}`),
    fc.integer({ min: -50, max: -1 }).map(String),
    fc.string({ maxLength: 8 }),
  );
  const grid = fc.record(Object.fromEntries(GRID_CELLS.map((c) => [c.name, gridText])));

  it('either validates into a record the engine accepts, or each message names a grid box', () => {
    const names = new Set(GRID_CELLS.map((c) => c.name));
    fc.assert(
      fc.property(grid, fc.constantFrom('fr' as const, 'en' as const), (counts, locale) => {
        const r = checkActivityForm(form(counts), locale);
        if (r.ok) {
          // What the page lets through, the API's own check (the engine's) lets through.
          const participants = r.input.participants;
          if (participants)
            expect(
              checkConsistency(participants as CountRecord).filter((i) => i.severity === 'error'),
            ).toEqual([]);
          return;
        }
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(names.has(e.field)).toBe(true);
          expect(e.fields).toContain(e.field);
          expect(e.message.trim().length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 300 },
    );
  });
});
