import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../../../test/fake-api';
import { postAction } from '../../../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const GRANT = '912821fe-8d9b-4129-aea3-150b3262d030';
const IND = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const url = `http://web.test/parametres/subventions/${GRANT}/cibles`;
const params = { id: GRANT };
const grant = {
  id: GRANT,
  code: 'FONDS',
  title: 'Fonds',
  startDate: '2023-10-01',
  endDate: '2024-06-30',
  fiscalYearStartMonth: 10,
  framework: [],
};

describe('the targets grid load', () => {
  it('lays the grant’s fiscal quarters out with the targets, life-of-grant target and baseline', async () => {
    const { fetchFn, calls } = fakeFetch((p) =>
      p === 'grant.byId'
        ? ok(grant)
        : p === 'indicator.list'
          ? ok({ items: [{ id: IND, code: 'IND-1', title: 'Un', titleEn: 'One' }] })
          : ok({
              targets: [
                { periodCode: 'FY2024-Q1', cellKey: '', value: 10, lifeOfGrant: false },
                { periodCode: 'FY2024-Q1', cellKey: 'sex=female', value: 4, lifeOfGrant: false },
                { periodCode: 'LOG', cellKey: '', value: 50, lifeOfGrant: true },
              ],
              baselines: [{ cellKey: '', value: 3, year: 2022, date: null }],
            }),
    );
    const event = { url: new URL(url), fetch: fetchFn, params };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(calls.map((c) => c.procedure)).toEqual(['grant.byId', 'indicator.list', 'target.list']);
    expect(calls[2]?.input).toEqual({ indicatorId: IND });
    expect(data.grid).toMatchObject({
      ok: true,
      periods: [{ code: 'FY2024-Q1' }, { code: 'FY2024-Q2' }, { code: 'FY2024-Q3' }],
      targets: { 'FY2024-Q1': 10 },
      lifeOfGrant: 50,
      baseline: { value: 3, year: 2022 },
    });
  });
});

describe('the targets grid save', () => {
  const periods = ['FY2024-Q1', 'FY2024-Q2', 'FY2024-Q3'];
  const unchanged = {
    indicatorId: IND,
    period: periods,
    'target:FY2024-Q1': '10',
    'was:FY2024-Q1': '10',
    'target:FY2024-Q2': '',
    'was:FY2024-Q2': '',
    'target:FY2024-Q3': '',
    'was:FY2024-Q3': '',
    'target:LOG': '50',
    'was:LOG': '50',
    baseline: '',
    'was:baseline': '',
    baselineYear: '',
    'was:baselineYear': '',
  };

  it('fills the quarters from a pasted column of French numbers and saves only what changed', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { ...unchanged, paste: '10\n12,5\n1 250\n', baseline: '3', baselineYear: '2022' },
      () => ok({ id: 'x' }),
      params,
    );
    expect(run.calls).toEqual([
      { procedure: 'target.set', input: { indicatorId: IND, period: 'FY2024-Q2', value: 12.5 } },
      { procedure: 'target.set', input: { indicatorId: IND, period: 'FY2024-Q3', value: 1250 } },
      { procedure: 'target.setBaseline', input: { indicatorId: IND, value: 3, year: 2022 } },
    ]);
    expect(run.redirect?.location).toBe(
      `/parametres/subventions/${GRANT}/cibles?indicateur=${IND}&enregistre=1`,
    );
  });

  it('refuses a paste longer than the grant and a box that is not a number, saving nothing', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { ...unchanged, paste: '1\t2\t3\t4', 'target:LOG': 'cinquante' },
      () => ok({}),
      params,
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        values: { 'target:LOG': 'cinquante' },
        errors: [
          { field: 'paste', message: '4 valeurs collées pour 3 trimestres.' },
          {
            field: 'target:LOG',
            message:
              'La cible pour la durée de la subvention n’est pas un nombre (par exemple 1 250 ou 12,5).',
          },
        ],
      },
    });
  });

  it('says a period locked by a submitted report as the API does, keeping every box', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'La période FY2024-Q1 est verrouillée par un rapport soumis.';
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { ...unchanged, 'target:FY2024-Q1': '11' },
      () => failure('PRECONDITION_FAILED', said, 412),
      params,
    );
    expect(run.result).toMatchObject({
      status: 412,
      data: { values: { 'target:FY2024-Q1': '11' }, apiError: { detail: said } },
    });
  });
});

describe('the targets of a breakdown cell', () => {
  const TARGET = '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
  const indicators = {
    items: [{ id: IND, code: 'IND-1', title: 'Un', titleEn: 'One', dimensions: ['sex', 'age'] }],
  };

  it('offers the indicator’s cells and shows the one asked for, with each target’s id', async () => {
    const { fetchFn } = fakeFetch((p) =>
      p === 'grant.byId'
        ? ok(grant)
        : p === 'indicator.list'
          ? ok(indicators)
          : ok({
              targets: [
                { id: 'a', periodCode: 'FY2024-Q1', cellKey: '', value: 10, lifeOfGrant: false },
                {
                  id: TARGET,
                  periodCode: 'FY2024-Q1',
                  cellKey: 'sex=female',
                  value: 4,
                  lifeOfGrant: false,
                },
              ],
              baselines: [{ cellKey: 'sex=female', value: 1, year: 2022, date: null }],
            }),
    );
    const event = { url: new URL(`${url}?cellule=sex%3Dfemale`), fetch: fetchFn, params };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    if (!data.grid.ok) throw new Error('grid not loaded');
    expect(data.grid.cell).toBe('sex=female');
    expect(data.grid.targets).toEqual({ 'FY2024-Q1': 4 });
    expect(data.grid.ids).toEqual({ 'FY2024-Q1': TARGET });
    expect(data.grid.baseline).toEqual({ value: 1, year: 2022 });
    const cells: { key: string; label: string }[] = data.grid.cells;
    const labels = cells.map((c) => c.label);
    expect(labels[0]).toBe('Tous les participants');
    expect(labels).toContain('Femmes');
    expect(labels).toContain('Femmes · Jeunes');
    expect(cells.map((c) => c.key)).toContain('age=youth;sex=female');
  });

  it('offers the crossings of three dimensions, named in words', async () => {
    const three = {
      items: [{ ...indicators.items[0], dimensions: ['sex', 'age', 'disability'] }],
    };
    const cell = 'age=youth;disability=with;sex=female';
    const { fetchFn } = fakeFetch((p) =>
      p === 'grant.byId'
        ? ok(grant)
        : p === 'indicator.list'
          ? ok(three)
          : ok({
              targets: [
                {
                  id: TARGET,
                  periodCode: 'FY2024-Q1',
                  cellKey: cell,
                  value: 2,
                  lifeOfGrant: false,
                },
              ],
              baselines: [],
            }),
    );
    const event = {
      url: new URL(`${url}?cellule=${encodeURIComponent(cell)}`),
      fetch: fetchFn,
      params,
    };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    if (!data.grid.ok) throw new Error('grid not loaded');
    expect(data.grid.cell).toBe(cell);
    expect(data.grid.targets).toEqual({ 'FY2024-Q1': 2 });
    const cells: { key: string; label: string }[] = data.grid.cells;
    // Everyone, 2 + 3 + 2 single categories, 6 + 4 + 6 pairs, 12 triples.
    expect(cells).toHaveLength(1 + 7 + 16 + 12);
    const label = cells.find((c) => c.key === cell)?.label ?? '';
    expect(label.split(' · ')).toHaveLength(3);
    expect(label).toContain('Femmes');
  });

  it('saves a cell’s targets and baseline with its breakdown, and comes back to that cell', async () => {
    const cell = 'age=youth;sex=female';
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      {
        indicatorId: IND,
        cellKey: cell,
        period: ['FY2024-Q1'],
        'target:FY2024-Q1': '3',
        'was:FY2024-Q1': '',
        'target:LOG': '',
        'was:LOG': '',
        baseline: '1',
        'was:baseline': '',
        baselineYear: '2022',
        'was:baselineYear': '',
      },
      () => ok({ id: 'x' }),
      params,
    );
    const breakdown = { age: 'youth', sex: 'female' };
    expect(run.calls).toEqual([
      {
        procedure: 'target.set',
        input: { indicatorId: IND, period: 'FY2024-Q1', breakdown, value: 3 },
      },
      {
        procedure: 'target.setBaseline',
        input: { indicatorId: IND, breakdown, value: 1, year: 2022 },
      },
    ]);
    expect(run.redirect?.location).toBe(
      `/parametres/subventions/${GRANT}/cibles?indicateur=${IND}&cellule=${encodeURIComponent(cell)}&enregistre=1`,
    );
  });

  it('removes the target of the button pressed, and says a locked period in the API’s words', async () => {
    const posted = {
      indicatorId: IND,
      cellKey: 'sex=female',
      targetId: TARGET,
      'target:FY2024-Q1': '5',
    };
    const done = await postAction(
      actions.remove,
      `${url}?/remove`,
      posted,
      () => ok({ id: TARGET }),
      params,
    );
    expect(done.calls).toEqual([{ procedure: 'target.remove', input: { id: TARGET } }]);
    expect(done.redirect?.location).toBe(
      `/parametres/subventions/${GRANT}/cibles?indicateur=${IND}&cellule=sex%3Dfemale&supprime=1`,
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said =
      'La période FY2024-Q1 de la subvention FONDS est verrouillée par un rapport soumis.';
    const refused = await postAction(
      actions.remove,
      `${url}?/remove`,
      posted,
      () => failure('PRECONDITION_FAILED', said, 412),
      params,
    );
    expect(refused.result).toMatchObject({
      status: 412,
      data: { values: { 'target:FY2024-Q1': '5' }, apiError: { detail: said } },
    });
  });
});
