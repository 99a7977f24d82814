import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../test/fake-api';
import { postAction } from '../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');
const { LIVE_PREVIEW_HEADER } = await import('$lib/indicator-form');

const GRANT = '912821fe-8d9b-4129-aea3-150b3262d030';
const NODE = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const PEOPLE = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';
const url = 'http://web.test/parametres/indicateurs';

const people = {
  id: PEOPLE,
  code: 'JAP-PERSONNES',
  title: 'Personnes touchées',
  titleEn: 'People reached',
  description: null,
  unit: 'number',
  direction: 'higher-is-better',
  timeRule: 'sum',
  subPeriod: null,
  cumulative: true,
  source: {
    kind: 'participation',
    measure: 'unique-people',
    filter: { programmes: ['PAIX-J'] },
    where: { sex: 'female' },
  },
  dimensions: ['sex', 'age'],
  sourceOfVerification: null,
  node: { id: NODE, code: 'OP1', level: 'output' },
  grant: {
    id: GRANT,
    code: 'FONDATION-PAIX-2024',
    startDate: '2024-01-01',
    endDate: '2025-12-31',
    fiscalYearStartMonth: 1,
  },
};

const place = (path: string, name: string, level: string) => ({
  id: `${path}-id`,
  parentId: null,
  code: path.toUpperCase(),
  name,
  level,
  path,
});
const PLACES = [
  place('ml', 'Mali', 'country'),
  place('ml/mopti', 'Mopti', 'region'),
  place('ml/mopti/bandiagara', 'Bandiagara', 'cercle'),
];

const answers = (p: string) =>
  p === 'indicator.list'
    ? ok({ items: [people] })
    : p === 'grant.list'
      ? ok({ items: [{ id: GRANT, code: 'FONDATION-PAIX-2024' }] })
      : p === 'grant.byId'
        ? ok({
            id: GRANT,
            code: 'FONDATION-PAIX-2024',
            title: 'Jeunes artisans de paix',
            framework: [
              {
                id: NODE,
                parentId: null,
                level: 'output',
                code: 'OP1',
                title: 'Jeunes formés',
                titleEn: 'Youth trained',
                assumptions: null,
              },
            ],
          })
        : p === 'place.list'
          ? ok({ items: PLACES, total: PLACES.length })
          : ok({ items: [{ id: 'p', code: 'PAIX-J', name: 'Paix et jeunesse' }] });

/** A new indicator as the form posts it: a count of the young women of PAIX-J's dialogues. */
const typed = {
  code: 'JAP-JEUNES-FEMMES',
  title: 'Jeunes femmes ayant participé',
  titleEn: '',
  nodeId: NODE,
  unit: 'number',
  direction: 'higher-is-better',
  timeRule: 'sum',
  subPeriod: '',
  sourceKind: 'participation',
  activityMeasure: 'count',
  participationMeasure: 'participations',
  incidentMeasure: 'count',
  where: ['sex=female', 'age=youth'],
  programmes: ['PAIX-J'],
  types: ['dialogue'],
  places: ['ml/mopti', 'ml/segou/san'],
  dimensions: ['disability'],
  expression: '',
};

describe('the indicator builder’s load', () => {
  it('lists the indicators with every grant’s framework, the programmes, the places, and the one being edited', async () => {
    const { fetchFn, calls } = fakeFetch(answers);
    const event = { url: new URL(`${url}?modifier=${PEOPLE}`), fetch: fetchFn };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(calls.map((c) => c.procedure)).toEqual([
      'indicator.list',
      'grant.list',
      'programme.list',
      'place.list',
      'grant.byId',
    ]);
    expect(calls[3]?.input).toEqual({ sort: 'path', limit: 1000 });
    expect(calls[4]?.input).toEqual({ id: GRANT });
    expect(data.editing?.code).toBe('JAP-PERSONNES');
    expect(data.data).toMatchObject({
      ok: true,
      grants: [
        { code: 'FONDATION-PAIX-2024', nodes: [{ id: NODE, code: 'OP1', level: 'output' }] },
      ],
      programmes: [{ code: 'PAIX-J', name: 'Paix et jeunesse' }],
      // by path, as the engine's filter names them, each with its parent; the country filters nothing
      places: [
        { path: 'ml/mopti', name: 'Mopti', level: 'region', parent: 'Mali' },
        { path: 'ml/mopti/bandiagara', name: 'Bandiagara', level: 'cercle', parent: 'Mopti' },
      ],
    });
  });

  it('says a list the API could not give, without throwing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { fetchFn } = fakeFetch(() => failure('FORBIDDEN', 'Accès refusé.', 403));
    const event = { url: new URL(url), fetch: fetchFn };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(data.data).toEqual({ ok: false, error: { code: 'FORBIDDEN', detail: 'Accès refusé.' } });
  });
});

describe('the indicator builder’s save', () => {
  it('defines a participation indicator: its measure, the cells it keeps, its filters and breakdowns', async () => {
    const run = await postAction(actions.save, `${url}?/save`, typed, () => ok(people));
    expect(run.calls).toEqual([
      {
        procedure: 'indicator.create',
        input: {
          code: 'JAP-JEUNES-FEMMES',
          title: 'Jeunes femmes ayant participé',
          // the English title falls back on the French one
          titleEn: 'Jeunes femmes ayant participé',
          description: null,
          nodeId: NODE,
          unit: 'number',
          direction: 'higher-is-better',
          // left blank: the donor template's rule, by direction
          achievementRule: null,
          timeRule: 'sum',
          subPeriod: null,
          cumulative: false,
          source: {
            kind: 'participation',
            measure: 'participations',
            filter: {
              programmes: ['PAIX-J'],
              types: ['dialogue'],
              places: ['ml/mopti', 'ml/segou/san'],
            },
            where: { sex: 'female', age: 'youth' },
          },
          dimensions: ['disability'],
          sourceOfVerification: null,
        },
      },
    ]);
    expect(run.redirect).toEqual(
      expect.objectContaining({
        status: 303,
        location: '/parametres/indicateurs?enregistre=JAP-JEUNES-FEMMES',
      }),
    );
  });

  it('sends a formula as typed, and shows the engine’s refusal of an unknown code keeping it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said =
      'Indicateur refusé\u202f: la formule utilise «\u202fJAP-TOTAL\u202f», inconnu(s) dans l’organisation.';
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      {
        ...typed,
        sourceKind: 'formula',
        expression: '{JAP-FEMMES} / {JAP-TOTAL} * 100',
        unit: 'percent',
      },
      () => failure('BAD_REQUEST', said, 400),
    );
    expect(run.calls[0]?.input).toMatchObject({
      unit: 'percent',
      source: { kind: 'formula', expression: '{JAP-FEMMES} / {JAP-TOTAL} * 100' },
    });
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        form: 'indicator',
        values: { expression: '{JAP-FEMMES} / {JAP-TOTAL} * 100', where: 'sex=female,age=youth' },
        apiError: { code: 'BAD_REQUEST', detail: said },
      },
    });
  });

  it('refuses before asking: no formula typed, two categories of one breakdown, a code with a space', async () => {
    const formula = await postAction(
      actions.save,
      `${url}?/save`,
      { ...typed, sourceKind: 'formula', expression: ' ' },
      () => ok({}),
    );
    expect(formula.calls).toEqual([]);
    expect(formula.result).toMatchObject({
      status: 400,
      data: { errors: [{ field: 'expression', message: 'Écrivez la formule.' }] },
    });
    const twice = await postAction(
      actions.save,
      `${url}?/save`,
      { ...typed, code: 'JAP 2', where: ['sex=female', 'sex=male'] },
      () => ok({}),
    );
    expect(twice.calls).toEqual([]);
    expect(twice.result).toMatchObject({
      status: 400,
      data: {
        errors: [
          { field: 'code', message: expect.stringContaining('espace') },
          { field: 'where', message: expect.stringContaining('Une seule catégorie') },
        ],
      },
    });
  });

  it('corrects the indicator named by id without sending a code (it is fixed)', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      {
        ...typed,
        id: PEOPLE,
        code: 'JAP-PERSONNES',
        sourceKind: 'incidents',
        incidentMeasure: 'deaths',
        verifiedOnly: 'on',
        cumulative: 'on',
      },
      () => ok(people),
    );
    expect(run.calls[0]?.procedure).toBe('indicator.update');
    const input = run.calls[0]?.input as Record<string, unknown>;
    expect(input).not.toHaveProperty('code');
    expect(input).toMatchObject({
      id: PEOPLE,
      cumulative: true,
      source: { kind: 'incidents', measure: 'deaths', filter: { verifiedOnly: true } },
    });
    expect(run.redirect?.location).toBe('/parametres/indicateurs?enregistre=JAP-PERSONNES');
  });

  it('removes an indicator, or says in the API words what still depends on it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said =
      'Indicateur encore utilisé(e) par 2 cibles et 1 indicateur dont la formule le nomme.';
    const refused = await postAction(actions.delete, `${url}?/delete`, { id: PEOPLE }, () =>
      failure('CONFLICT', said, 409),
    );
    expect(refused.calls).toEqual([{ procedure: 'indicator.delete', input: { id: PEOPLE } }]);
    expect(refused.result).toMatchObject({
      status: 409,
      data: { form: 'delete', id: PEOPLE, apiError: { code: 'CONFLICT', detail: said } },
    });
    const done = await postAction(actions.delete, `${url}?/delete`, { id: PEOPLE }, () =>
      ok({ id: PEOPLE }),
    );
    expect(done.redirect?.location).toBe('/parametres/indicateurs?supprime=1');
  });
});

describe('the indicator builder’s preview', () => {
  const value = {
    indicator: { ...people, code: 'JAP-JEUNES-FEMMES', grant: 'FONDATION-PAIX-2024' },
    period: { kind: 'semester', code: '2024-S1', start: '2024-01-01', end: '2024-06-30' },
    value: {
      window: { start: '2024-01-01', end: '2024-06-30' },
      value: 56,
      qualifier: 'exact',
    },
    notComputable: null,
  };

  it('asks the API for the definition as typed, for the period typed, and keeps the form', async () => {
    const run = await postAction(
      actions.preview,
      `${url}?/preview`,
      { ...typed, previewPeriod: '2024-S1' },
      () => ok(value),
    );
    expect(run.calls.map((c) => c.procedure)).toEqual(['indicator.preview']);
    expect(run.calls[0]?.input).toMatchObject({
      code: 'JAP-JEUNES-FEMMES',
      id: null,
      period: '2024-S1',
      source: { kind: 'participation', where: { sex: 'female', age: 'youth' } },
    });
    expect(run.redirect).toBeNull();
    expect(run.result).toMatchObject({
      form: 'indicator',
      values: { previewPeriod: '2024-S1', code: 'JAP-JEUNES-FEMMES' },
      preview: { value: { value: 56 } },
    });
  });

  it('says the API’s refusal as a save does, keeping what was typed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Période non reconnue\u202f: «\u202f2024-T1\u202f»';
    const run = await postAction(
      actions.preview,
      `${url}?/preview`,
      { ...typed, previewPeriod: '2024-T1' },
      () => failure('BAD_REQUEST', said, 400),
    );
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        form: 'indicator',
        values: { previewPeriod: '2024-T1' },
        apiError: { code: 'BAD_REQUEST', detail: said },
      },
    });
  });

  it('refuses before asking what a save would refuse (no formula typed)', async () => {
    const run = await postAction(
      actions.preview,
      `${url}?/preview`,
      { ...typed, sourceKind: 'formula', expression: ' ' },
      () => ok(value),
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toMatchObject({ status: 400, data: { form: 'indicator' } });
  });

  it('answers the page’s own question as she types with the refusal as data, not as a failed request', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const ask = async (fields: Record<string, string>, answer: () => ReturnType<typeof ok>) => {
      const { fetchFn, calls } = fakeFetch(answer);
      const body = new FormData();
      for (const [name, v] of Object.entries(fields)) body.append(name, v);
      const request = new Request(`${url}?/preview`, {
        method: 'POST',
        body,
        headers: { [LIVE_PREVIEW_HEADER]: '1' },
      });
      const event = { request, fetch: fetchFn, url: new URL(`${url}?/preview`), params: {} };
      return { result: (await actions.preview(event as never)) as unknown, calls };
    };
    const half = await ask({ code: 'X', title: '', sourceKind: 'formula', expression: '' }, () =>
      ok(value),
    );
    expect(half.calls).toEqual([]);
    // a plain object (a 200 answer) with the reasons, not fail(400, …)
    expect(half.result).not.toHaveProperty('status');
    expect(half.result).toMatchObject({ form: 'indicator', errors: [{ field: 'title' }, {}] });
    const refused = await ask(
      { code: 'X', title: 'T', sourceKind: 'manual', previewPeriod: '2024-T1' },
      () => failure('BAD_REQUEST', 'Période non reconnue', 400),
    );
    expect(refused.result).toMatchObject({
      apiError: { code: 'BAD_REQUEST', detail: 'Période non reconnue' },
    });
    expect(refused.result).not.toHaveProperty('status');
    const computed = await ask(
      { ...typed, where: '', programmes: '', types: '', places: 'ml/mopti', dimensions: '' },
      () => ok(value),
    );
    expect(computed.calls[0]?.input).toMatchObject({
      source: { kind: 'participation', filter: { places: ['ml/mopti'] } },
    });
    expect(computed.result).toMatchObject({ preview: { value: { value: 56 } } });
  });
});
