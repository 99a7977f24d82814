import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, type Answer } from '../../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const ID = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

type Action = 'submit' | 'validate' | 'reject';

/** Posts the approval form `action` against a fake API answering `answer`. */
async function post(action: Action, fields: Record<string, string>, answer: () => Answer) {
  const { fetchFn, calls } = fakeFetch(answer);
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const request = new Request(`http://web.test/activites/${ID}?/${action}`, {
    method: 'POST',
    body,
  });
  const event = { request, fetch: fetchFn, url: new URL(request.url), params: { id: ID } };
  try {
    const result = await actions[action](event as unknown as Parameters<typeof actions.submit>[0]);
    return { result, calls, redirect: null };
  } catch (thrown) {
    return { result: null, calls, redirect: thrown as { status: number; location: string } };
  }
}

const activity = { id: ID, status: 'submitted', version: 4 };

describe('the approval actions of an activity', () => {
  it('submits at the version shown and comes back to the page saying so', async () => {
    const { calls, redirect } = await post('submit', { version: '3' }, () => ok(activity));
    expect(calls).toEqual([{ procedure: 'activity.submit', input: { id: ID, version: 3 } }]);
    expect(redirect).toMatchObject({
      status: 303,
      location: `/activites/${ID}?approbation=submit#validation`,
    });
  });

  it('validates, and rejects with the reason given', async () => {
    const validated = await post('validate', { version: '4' }, () => ok(activity));
    expect(validated.calls[0]).toEqual({
      procedure: 'activity.validate',
      input: { id: ID, version: 4 },
    });
    expect(validated.redirect?.location).toBe(`/activites/${ID}?approbation=validate#validation`);
    const rejected = await post(
      'reject',
      { version: '5', reason: '  Le total ne correspond pas à la liste.  ' },
      () => ok(activity),
    );
    expect(rejected.calls[0]).toEqual({
      procedure: 'activity.reject',
      input: { id: ID, version: 5, reason: 'Le total ne correspond pas à la liste.' },
    });
    expect(rejected.redirect?.location).toBe(`/activites/${ID}?approbation=reject#validation`);
  });

  it('refuses a rejection without a reason, or with too short a one, without asking the API', async () => {
    const empty = await post('reject', { version: '4', reason: '   ' }, () => ok(activity));
    expect(empty.calls).toEqual([]);
    expect(empty.result).toMatchObject({
      status: 400,
      data: {
        approval: {
          action: 'reject',
          reason: '   ',
          errors: [{ field: 'reason', message: 'Indiquez le motif du rejet.' }],
          apiError: null,
        },
      },
    });
    const short = await post('reject', { version: '4', reason: 'non' }, () => ok(activity));
    expect(short.calls).toEqual([]);
    expect(short.result).toMatchObject({
      status: 400,
      data: {
        approval: {
          reason: 'non',
          errors: [{ message: 'Le motif du rejet doit compter au moins 5 caractères.' }],
        },
      },
    });
  });

  it('says a version conflict in the API’s words and keeps the reason typed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const message =
      'Quelqu’un a modifié cette activité entre-temps (version 5) : rechargez-la, vos changements n’ont pas été enregistrés.';
    const { result, redirect } = await post(
      'reject',
      { version: '4', reason: 'Chiffres à revoir' },
      () => failure('CONFLICT', message, 409),
    );
    expect(redirect).toBeNull();
    expect(result).toMatchObject({
      status: 409,
      data: {
        approval: {
          action: 'reject',
          reason: 'Chiffres à revoir',
          errors: [],
          apiError: { code: 'CONFLICT', detail: message },
        },
      },
    });
  });

  it('says a move the status does not allow, or a locked period, with 412', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const message =
      'La période 2023-Q2 de la subvention PROSMED-CCSC est verrouillée par un rapport soumis : rien n’a été modifié.';
    const { result } = await post('submit', { version: '4' }, () =>
      failure('PRECONDITION_FAILED', message, 412),
    );
    expect(result).toMatchObject({
      status: 412,
      data: {
        approval: { action: 'submit', apiError: { code: 'PRECONDITION_FAILED', detail: message } },
      },
    });
  });
});

describe('the activity page load', () => {
  it('reads the move just made back from the URL, and nothing else', async () => {
    const run = async (search: string) => {
      const { fetchFn } = fakeFetch((p) =>
        p === 'activity.byId' ? ok({ ...activity, title: 'Forum' }) : ok({ items: [] }),
      );
      const data = await load({
        params: { id: ID },
        url: new URL(`http://web.test/activites/${ID}${search}`),
        fetch: fetchFn,
      } as unknown as Parameters<typeof load>[0]);
      return data as Exclude<typeof data, void>;
    };
    expect((await run('?approbation=validate')).approved).toBe('validate');
    expect((await run('?approbation=delete')).approved).toBeNull();
    const plain = await run('');
    expect(plain.approved).toBeNull();
    expect(plain.activity).toMatchObject({ ok: true, status: 'submitted', version: 4 });
  });
});
