import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../../../test/fake-api';
import { postAction } from '../../../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const GRANT = '912821fe-8d9b-4129-aea3-150b3262d030';
const IND = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const VALUE = '1b8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const url = `http://web.test/parametres/subventions/${GRANT}/valeurs`;
const params = { id: GRANT };

describe('the manual values page load', () => {
  it('offers the grant’s manual indicators and quarters, and lists its values', async () => {
    const { fetchFn, calls } = fakeFetch((p) =>
      p === 'grant.byId'
        ? ok({
            id: GRANT,
            code: 'FONDS',
            startDate: '2024-01-01',
            endDate: '2024-06-30',
            fiscalYearStartMonth: 1,
          })
        : p === 'indicator.list'
          ? ok({
              items: [
                {
                  id: IND,
                  code: 'SCORE',
                  title: 'Score',
                  titleEn: 'Score',
                  source: { kind: 'manual' },
                },
                {
                  id: 'x',
                  code: 'COUNT',
                  title: 'N',
                  titleEn: 'N',
                  source: { kind: 'activities' },
                },
              ],
            })
          : ok({ items: [{ id: VALUE, status: 'draft' }] }),
    );
    const event = { url: new URL(`${url}?fait=validate`), fetch: fetchFn, params };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(calls.map((c) => c.procedure)).toEqual([
      'grant.byId',
      'indicator.list',
      'manualValue.list',
    ]);
    expect(calls[2]?.input).toEqual({ grantId: GRANT });
    expect(data.page).toMatchObject({
      ok: true,
      indicators: [{ id: IND, code: 'SCORE' }],
      periods: ['2024-Q1', '2024-Q2'],
      values: [{ id: VALUE }],
    });
    expect(data.done).toBe('validate');
  });
});

describe('the manual values actions', () => {
  it('enters a value read in French numbers, with its qualifier and note', async () => {
    const run = await postAction(
      actions.set,
      `${url}?/set`,
      {
        indicatorId: IND,
        period: '2024-Q1',
        value: '12,5',
        qualifier: 'approximate',
        note: 'Enquête',
      },
      () => ok({}),
      params,
    );
    expect(run.calls).toEqual([
      {
        procedure: 'manualValue.set',
        input: {
          indicatorId: IND,
          period: '2024-Q1',
          value: 12.5,
          qualifier: 'approximate',
          note: 'Enquête',
        },
      },
    ]);
    expect(run.redirect?.location).toBe(`/parametres/subventions/${GRANT}/valeurs?saisie=1`);
  });

  it('refuses a value that is not a number before asking, keeping what was typed', async () => {
    const run = await postAction(
      actions.set,
      `${url}?/set`,
      { indicatorId: IND, period: '2024-Q1', value: 'douze' },
      () => ok({}),
      params,
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        values: { value: 'douze' },
        errors: [{ field: 'value', message: 'La valeur est un nombre, par exemple 12 ou 12,5.' }],
      },
    });
  });

  it('submits and validates at the version shown; a stale version is said as the API says it', async () => {
    const submitted = await postAction(
      actions.submit,
      `${url}?/submit`,
      { id: VALUE, version: '3' },
      () => ok({}),
      params,
    );
    expect(submitted.calls).toEqual([
      { procedure: 'manualValue.submit', input: { id: VALUE, version: 3 } },
    ]);
    expect(submitted.redirect?.location).toBe(
      `/parametres/subventions/${GRANT}/valeurs?fait=submit`,
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'Cette valeur saisie a été modifiée entre-temps : rechargez-la.';
    const stale = await postAction(
      actions.validate,
      `${url}?/validate`,
      { id: VALUE, version: '3' },
      () => failure('CONFLICT', said, 409),
      params,
    );
    expect(stale.result).toMatchObject({
      status: 409,
      data: { form: 'validate', id: VALUE, apiError: { detail: said } },
    });
  });

  it('asks a rejection for its reason before asking the API', async () => {
    const run = await postAction(
      actions.reject,
      `${url}?/reject`,
      { id: VALUE, version: '2', reason: ' ' },
      () => ok({}),
      params,
    );
    expect(run.calls).toEqual([]);
    expect(run.result).toMatchObject({
      status: 400,
      data: {
        form: 'reject',
        errors: [{ field: 'reason', message: 'Indiquez le motif du rejet.' }],
      },
    });
    const sent = await postAction(
      actions.reject,
      `${url}?/reject`,
      { id: VALUE, version: '2', reason: 'Source manquante' },
      () => ok({}),
      params,
    );
    expect(sent.calls).toEqual([
      {
        procedure: 'manualValue.reject',
        input: { id: VALUE, version: 2, reason: 'Source manquante' },
      },
    ]);
  });
});
