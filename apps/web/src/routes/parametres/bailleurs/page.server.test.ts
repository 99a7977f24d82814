import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../test/fake-api';
import { postAction } from '../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const PNUD = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';
const donors = {
  items: [{ id: PNUD, code: 'PNUD', name: 'PNUD Mali', iatiRef: 'XM-DAC-41114', grants: 2 }],
  total: 1,
};
const url = 'http://web.test/parametres/bailleurs';

async function run(search: string, answer: Parameters<typeof fakeFetch>[0]) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = { url: new URL(`${url}${search}`), fetch: fetchFn };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

describe('the donors page load', () => {
  it('lists the donors and opens the one asked for in the form', async () => {
    const { data, calls } = await run(`?modifier=${PNUD}`, () => ok(donors));
    expect(calls).toEqual([{ procedure: 'donor.list', input: { limit: 500 } }]);
    expect(data.donors).toEqual({ ok: true, items: donors.items });
    expect(data.editing?.code).toBe('PNUD');
    expect(data.done).toEqual({ saved: null, deleted: false });
  });

  it('says what the last save did', async () => {
    const { data } = await run('?enregistre=PNUD', () => ok(donors));
    expect(data.editing).toBeNull();
    expect(data.done).toEqual({ saved: 'PNUD', deleted: false });
  });

  it('says a list the API could not give, without throwing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run('', () => failure('FORBIDDEN', 'Accès refusé.', 403));
    expect(data.donors).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', detail: 'Accès refusé.' },
    });
  });
});

describe('the donors page actions', () => {
  it('creates a donor and comes back to the list saying so', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { code: ' NL-MFA ', name: 'Pays-Bas', iatiRef: '' },
      () => ok({ ...donors.items[0], code: 'NL-MFA' }),
    );
    expect(run.calls).toEqual([
      { procedure: 'donor.create', input: { code: 'NL-MFA', name: 'Pays-Bas', iatiRef: null } },
    ]);
    expect(run.redirect).toEqual(
      expect.objectContaining({ status: 303, location: '/parametres/bailleurs?enregistre=NL-MFA' }),
    );
  });

  it('corrects the donor named by id', async () => {
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { id: PNUD, code: 'PNUD', name: 'Programme des Nations unies', iatiRef: 'XM-DAC-41114' },
      () => ok(donors.items[0]),
    );
    expect(run.calls[0]).toEqual({
      procedure: 'donor.update',
      input: {
        id: PNUD,
        donor: { code: 'PNUD', name: 'Programme des Nations unies', iatiRef: 'XM-DAC-41114' },
      },
    });
  });

  it('refuses a form without a name before asking the API, keeping what was typed', async () => {
    const run = await postAction(actions.save, `${url}?/save`, { code: 'PNUD', name: ' ' }, () =>
      ok({}),
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toEqual({
      status: 400,
      data: {
        form: 'donor',
        id: null,
        values: { code: 'PNUD', name: '', iatiRef: '' },
        errors: [{ field: 'name', message: 'Indiquez un nom.' }],
        apiError: null,
      },
    });
  });

  it('says a duplicate code as the API does, keeping what was typed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const run = await postAction(
      actions.save,
      `${url}?/save`,
      { code: 'PNUD', name: 'Encore le PNUD' },
      () => failure('CONFLICT', 'Un bailleur porte déjà le code PNUD.', 409),
    );
    expect(run.result).toMatchObject({
      status: 409,
      data: {
        values: { code: 'PNUD', name: 'Encore le PNUD' },
        apiError: { code: 'CONFLICT', detail: 'Un bailleur porte déjà le code PNUD.' },
      },
    });
  });

  it('says why a donor still named by grants cannot be removed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Bailleur encore utilisé : 2 subventions.';
    const run = await postAction(actions.delete, `${url}?/delete`, { id: PNUD }, () =>
      failure('CONFLICT', said, 409),
    );
    expect(run.calls).toEqual([{ procedure: 'donor.delete', input: { id: PNUD } }]);
    expect(run.result).toMatchObject({
      status: 409,
      data: { form: 'delete', id: PNUD, apiError: { code: 'CONFLICT', detail: said } },
    });
    const done = await postAction(actions.delete, `${url}?/delete`, { id: PNUD }, () =>
      ok({ id: PNUD }),
    );
    expect(done.redirect?.location).toBe('/parametres/bailleurs?supprime=1');
  });
});
