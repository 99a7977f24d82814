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
