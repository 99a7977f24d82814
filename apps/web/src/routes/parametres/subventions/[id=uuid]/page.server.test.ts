import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../../test/fake-api';
import { postAction } from '../../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const GRANT = '912821fe-8d9b-4129-aea3-150b3262d030';
const IMPACT = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const url = `http://web.test/parametres/subventions/${GRANT}`;
const params = { id: GRANT };

describe('the results framework editor load', () => {
  it('loads the grant with its tree and the indicators under each node', async () => {
    const { fetchFn, calls } = fakeFetch((p) =>
      p === 'grant.byId'
        ? ok({ id: GRANT, code: 'FONDS', framework: [{ id: IMPACT, code: 'IMP' }] })
        : ok({
            items: [
              { id: 'i1', code: 'IND-1', node: { id: IMPACT, code: 'IMP', level: 'impact' } },
            ],
          }),
    );
    const event = { url: new URL(url), fetch: fetchFn, params };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(calls).toEqual([
      { procedure: 'grant.byId', input: { id: GRANT } },
      { procedure: 'indicator.list', input: { grantId: GRANT } },
    ]);
    expect(data.grant).toMatchObject({ ok: true, code: 'FONDS' });
    expect(data.indicators).toEqual([{ id: 'i1', code: 'IND-1', nodeId: IMPACT }]);
  });

  it('answers 404 for a grant the API does not know', async () => {
    const { fetchFn } = fakeFetch(() => failure('NOT_FOUND', 'Subvention introuvable.', 404));
    const event = { url: new URL(url), fetch: fetchFn, params };
    await expect(load(event as unknown as Parameters<typeof load>[0])).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('the results framework editor actions', () => {
  it('adds an outcome under the impact', async () => {
    const run = await postAction(
      actions.addNode,
      `${url}?/addNode`,
      { level: 'outcome', parentId: IMPACT, code: 'OC1', title: 'Les femmes participent' },
      () => ok({}),
      params,
    );
    expect(run.calls).toEqual([
      {
        procedure: 'grant.addNode',
        input: {
          grantId: GRANT,
          level: 'outcome',
          parentId: IMPACT,
          code: 'OC1',
          title: 'Les femmes participent',
          titleEn: 'Les femmes participent',
          assumptions: null,
        },
      },
    ]);
    expect(run.redirect?.location).toBe(`/parametres/subventions/${GRANT}?enregistre=OC1`);
  });

  it('says a wrong level in words, as the API does, keeping what was typed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Un extrant se place sous un effet, pas sous l’impact.';
    const run = await postAction(
      actions.addNode,
      `${url}?/addNode`,
      { level: 'output', parentId: IMPACT, code: 'OP1', title: 'Formations' },
      () => failure('BAD_REQUEST', said, 400),
      params,
    );
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        form: 'addNode',
        values: { level: 'output', parentId: IMPACT, code: 'OP1', title: 'Formations' },
        apiError: { code: 'BAD_REQUEST', detail: said },
      },
    });
  });

  it('renames a node: code and titles only, its level and parent stay', async () => {
    const run = await postAction(
      actions.updateNode,
      `${url}?/updateNode`,
      { id: IMPACT, level: 'impact', code: 'IMP', title: 'La paix', titleEn: 'Peace' },
      () => ok({}),
      params,
    );
    expect(run.calls).toEqual([
      {
        procedure: 'grant.updateNode',
        input: {
          id: IMPACT,
          node: { code: 'IMP', title: 'La paix', titleEn: 'Peace', assumptions: null },
        },
      },
    ]);
  });

  it('says why a node with children cannot be removed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Élément du cadre de résultats encore utilisé : 1 élément.';
    const run = await postAction(
      actions.removeNode,
      `${url}?/removeNode`,
      { id: IMPACT },
      () => failure('CONFLICT', said, 409),
      params,
    );
    expect(run.result).toMatchObject({ status: 409, data: { apiError: { detail: said } } });
  });

  it('moves a node under another, or to the top, and says a wrong level in the API’s words', async () => {
    const OUTPUT = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
    const done = await postAction(
      actions.moveNode,
      `${url}?/moveNode`,
      { id: OUTPUT, code: 'OP1', parentId: IMPACT },
      () => ok({}),
      params,
    );
    expect(done.calls).toEqual([
      { procedure: 'grant.moveNode', input: { id: OUTPUT, parentId: IMPACT } },
    ]);
    expect(done.redirect?.location).toBe(`/parametres/subventions/${GRANT}?enregistre=OP1`);
    const top = await postAction(
      actions.moveNode,
      `${url}?/moveNode`,
      { id: OUTPUT, code: 'OP1', parentId: '' },
      () => ok({}),
      params,
    );
    expect(top.calls[0]?.input).toEqual({ id: OUTPUT, parentId: null });

    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Un produit se range sous un effet, pas sous un impact (IMP).';
    const refused = await postAction(
      actions.moveNode,
      `${url}?/moveNode`,
      { id: OUTPUT, code: 'OP1', parentId: IMPACT },
      () => failure('BAD_REQUEST', said, 400),
      params,
    );
    expect(refused.result).toMatchObject({
      status: 400,
      data: { form: 'moveNode', id: OUTPUT, apiError: { detail: said } },
    });
  });
});
