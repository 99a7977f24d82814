import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, type Answer } from '../../../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions } = await import('./+page.server');

const ID = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

async function post(fields: Record<string, string>, answer: () => Answer) {
  const { fetchFn, calls } = fakeFetch(answer);
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const request = new Request(`http://web.test/activites/${ID}/supprimer`, {
    method: 'POST',
    body,
  });
  const event = { request, fetch: fetchFn, url: new URL(request.url), params: { id: ID } };
  try {
    const result = await actions.default(event as unknown as Parameters<typeof actions.default>[0]);
    return { result, calls, redirect: null };
  } catch (thrown) {
    return { result: null, calls, redirect: thrown as { status: number; location: string } };
  }
}

describe('deleting an activity', () => {
  it('asks for the ticked confirmation first, and calls nothing without it', async () => {
    const { result, calls } = await post({ version: '2' }, () => ok({ id: ID }));
    expect(calls).toEqual([]);
    expect(result).toMatchObject({ status: 400, data: { unconfirmed: true, apiError: null } });
  });

  it('deletes at the version shown, then says so on the list', async () => {
    const { calls, redirect } = await post({ version: '2', confirm: 'yes' }, () => ok({ id: ID }));
    expect(calls).toEqual([{ procedure: 'activity.delete', input: { id: ID, version: 2 } }]);
    expect(redirect).toMatchObject({ status: 303, location: '/activites?supprimee=1' });
  });

  it('says the API’s refusal in words (a validated activity, a locked period, a stale version)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const validated = await post({ version: '2', confirm: 'yes' }, () =>
      failure('BAD_REQUEST', 'Cette activité est validée : elle ne peut pas être supprimée.'),
    );
    expect(validated.result).toMatchObject({
      status: 400,
      data: {
        apiError: {
          code: 'BAD_REQUEST',
          detail: 'Cette activité est validée : elle ne peut pas être supprimée.',
        },
      },
    });
    const locked = await post({ version: '2', confirm: 'yes' }, () =>
      failure('PRECONDITION_FAILED', 'La période 2023-Q2 de PROSMED-CCSC est verrouillée', 412),
    );
    expect(locked.result).toMatchObject({ status: 412 });
    const stale = await post({ version: '1', confirm: 'yes' }, () =>
      failure('CONFLICT', 'Quelqu’un a modifié cette activité entre-temps', 409),
    );
    expect(stale.result).toMatchObject({ status: 409, data: { apiError: { code: 'CONFLICT' } } });
  });
});
