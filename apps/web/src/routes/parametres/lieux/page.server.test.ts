import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../test/fake-api';
import { postAction } from '../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const MALI = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';
const MOPTI = '7a2d2d4f-9a8b-4d66-8e8f-2b3c4d5e6f70';
const SEGOU = '8b3e3e5a-0b9c-4e77-9f90-3c4d5e6f7081';
const CERCLE = '9c4f4f6b-1cad-4f88-8a01-4d5e6f708192';
const place = (id: string, code: string, name: string, level: string, parentId: string | null) => ({
  id,
  code,
  name,
  level,
  parentId,
  path: code.toLowerCase(),
});
const mali = place(MALI, 'ML', 'Mali', 'country', null);
const mopti = place(MOPTI, 'ML-MOPTI', 'Mopti', 'region', MALI);
const segou = place(SEGOU, 'ML-SEGOU', 'Ségou', 'region', MALI);
const cercle = place(CERCLE, 'ML-TENENKOU', 'Ténenkou', 'cercle', MOPTI);
const url = 'http://web.test/parametres/lieux';

async function run(search: string, answer: Parameters<typeof fakeFetch>[0]) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = { url: new URL(`${url}${search}`), fetch: fetchFn };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

describe('the places page load', () => {
  it('starts at the countries', async () => {
    const { data, calls } = await run('', () => ok({ items: [mali], total: 1 }));
    expect(calls).toEqual([{ procedure: 'place.list', input: { level: 'country', sort: 'name' } }]);
    expect(data.data).toMatchObject({ ok: true, items: [mali], path: [], current: null });
    expect(data.newLevel).toBe('country');
  });

  it('opens a place: the way down from its country, the places in it, a new one a level below', async () => {
    const { data, calls } = await run(`?sous=${MOPTI}`, (p, input) =>
      p === 'place.byId'
        ? ok((input as { id: string }).id === MOPTI ? mopti : mali)
        : ok({
            items: (input as { parentId?: string }).parentId ? [cercle] : [mopti, segou],
            total: 1,
          }),
    );
    expect(calls.map((c) => c.procedure)).toEqual([
      'place.byId',
      'place.byId',
      'place.list',
      'place.list',
    ]);
    expect(calls[2]?.input).toEqual({ parentId: MOPTI, sort: 'name', limit: 1000 });
    expect(data.data).toMatchObject({ ok: true, path: [mali, mopti], items: [cercle] });
    expect(data.newLevel).toBe('cercle');
  });

  it('finds places by a name typed without accents, and opens one to rename or move it', async () => {
    const { data, calls } = await run(`?recherche=segou&modifier=${SEGOU}`, (p) =>
      p === 'place.list' ? ok({ items: [segou], total: 1 }) : ok(segou),
    );
    expect(calls[0]).toEqual({
      procedure: 'place.list',
      input: { search: 'segou', sort: 'name', limit: 200 },
    });
    // Where Ségou may go: the countries (a region's parent level).
    expect(calls[1]).toEqual({
      procedure: 'place.list',
      input: { level: 'country', sort: 'name', limit: 1000 },
    });
    expect(data.search).toBe('segou');
    expect(data.editing).toEqual(segou);
  });

  it('says a list the API could not give, without throwing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run('', () => failure('FORBIDDEN', 'Accès refusé.', 403));
    expect(data.data).toEqual({ ok: false, error: { code: 'FORBIDDEN', detail: 'Accès refusé.' } });
  });
});

describe('the places page actions', () => {
  it('adds a cercle under the region being browsed, and comes back to it', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { code: 'ml-youwarou', name: 'Youwarou', level: 'cercle', parentId: MOPTI, sous: MOPTI },
      () => ok(cercle),
    );
    expect(run.calls).toEqual([
      {
        procedure: 'place.create',
        input: { code: 'ML-YOUWAROU', name: 'Youwarou', level: 'cercle', parentId: MOPTI },
      },
    ]);
    expect(run.redirect?.location).toBe(`/parametres/lieux?sous=${MOPTI}&enregistre=ML-YOUWAROU`);
  });

  it('renames and moves the place named by id; its code and level stay', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { id: CERCLE, code: 'ML-TENENKOU', name: 'Ténenkou ', level: 'cercle', parentId: SEGOU },
      () => ok(cercle),
    );
    expect(run.calls).toEqual([
      { procedure: 'place.update', input: { id: CERCLE, name: 'Ténenkou', parentId: SEGOU } },
    ]);
  });

  it('refuses a bad code before asking, and a wrong parent in the API’s words, keeping what was typed', async () => {
    const bad = await postAction(
      actions.save,
      `${url}?/save`,
      { code: 'ML TENENKOU', name: '', level: 'cercle', parentId: MOPTI },
      () => ok({}),
    );
    expect(bad.calls).toEqual([]);
    expect(bad.result).toMatchObject({
      status: 400,
      data: {
        form: 'place',
        values: { code: 'ML TENENKOU' },
        errors: [
          {
            field: 'code',
            message: 'Le code s’écrit en lettres majuscules, chiffres et tirets (ML-TENENKOU).',
          },
          { field: 'name', message: 'Indiquez un nom.' },
        ],
      },
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Un cercle se range sous une région, pas sous un cercle (ML-DJENNE).';
    const refused = await postAction(
      actions.save,
      `${url}?/save`,
      { id: CERCLE, code: 'ML-TENENKOU', name: 'Ténenkou', level: 'cercle', parentId: CERCLE },
      () => failure('BAD_REQUEST', said, 400),
    );
    expect(refused.result).toMatchObject({
      status: 400,
      data: { values: { parentId: CERCLE }, apiError: { detail: said } },
    });
  });

  it('says why a place still used cannot be removed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Lieu encore utilisé : 3 activités.';
    const run = await postAction(
      actions.delete,
      `${url}?/delete`,
      { id: CERCLE, sous: MOPTI },
      () => failure('CONFLICT', said, 409),
    );
    expect(run.calls).toEqual([{ procedure: 'place.delete', input: { id: CERCLE } }]);
    expect(run.result).toMatchObject({ status: 409, data: { apiError: { detail: said } } });
    const done = await postAction(
      actions.delete,
      `${url}?/delete`,
      { id: CERCLE, sous: MOPTI },
      () => ok({ id: CERCLE }),
    );
    expect(done.redirect?.location).toBe(`/parametres/lieux?sous=${MOPTI}&supprime=1`);
  });
});
