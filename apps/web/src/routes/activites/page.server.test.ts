import { describe, expect, it, vi } from 'vitest';

import { failure, fakeFetch, ok as answer, signedInAs } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

type Answer =
  { result: { data: unknown } } | { error: { message: string; code: number; data: object } };

/** Runs the load function against a fake API that answers each batched procedure in turn. */
async function run(
  search: string,
  answer: (procedure: string, input: unknown) => Answer,
  role: Parameters<typeof signedInAs>[0] = 'me-officer',
) {
  const requests: URL[] = [];
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(url);
    const procedures = url.pathname.replace('/trpc/', '').split(',');
    const inputs = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<string, unknown>;
    const body = procedures.map((p, i) => answer(p, inputs[i]));
    return new Response(JSON.stringify(body), {
      status: body.some((b) => 'error' in b) ? 207 : 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const event = {
    url: new URL(`http://web.test/activites${search}`),
    fetch: fetchFn,
    parent: async () => signedInAs(role),
  };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, requests };
}

const ok = (data: unknown): Answer => ({ result: { data } });

describe('the Activités load', () => {
  it('asks for the bulletin quarter by default, in one batched call', async () => {
    const { data, requests } = await run('', (p) =>
      p === 'programme.list' ? ok({ items: [] }) : ok({ items: [], total: 0 }),
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.origin).toBe('http://api.test');
    const inputs = JSON.parse(requests[0]?.searchParams.get('input') ?? 'null') as Record<
      string,
      unknown
    >;
    expect(inputs['1']).toEqual({ period: '2023-Q2', limit: 50, offset: 0 });
    expect(data.filters).toEqual({
      period: '2023-Q2',
      programme: null,
      status: null,
      page: 1,
      ...{ type: null, grant: null, place: null, q: null, sort: 'date' },
    });
    expect(data.activities).toEqual({ ok: true, items: [], total: 0 });
  });

  it('offers a donor viewer no programme filter, and does not ask for the programmes', async () => {
    const { data, requests } = await run(
      '',
      (p) =>
        p === 'programme.list'
          ? { error: { message: 'Refusé', code: -32600, data: { code: 'FORBIDDEN' } } }
          : ok({ items: [], total: 0 }),
      'donor-viewer',
    );
    // her grants and the places are her filters; the programmes are not hers to read
    expect(requests.map((r) => r.pathname)).toEqual(['/trpc/activity.list,grant.list,place.list']);
    expect(data.programmes).toBeNull();
    expect(data.activities).toEqual({ ok: true, items: [], total: 0 });
  });

  it('passes the filters and the page on', async () => {
    const { requests, data } = await run(
      '?period=2023&programme=JF&page=3&type=dialogue&q=S%C3%A9gou&sort=-date',
      (p) => (p === 'activity.list' ? ok({ items: [], total: 120 }) : ok({ items: [] })),
    );
    const inputs = JSON.parse(requests[0]?.searchParams.get('input') ?? 'null') as Record<
      string,
      unknown
    >;
    expect(inputs['1']).toEqual({
      period: '2023',
      programmeCode: 'JF',
      type: 'dialogue',
      search: 'Ségou',
      sort: '-date',
      limit: 50,
      offset: 100,
    });
    expect(data.filters).toMatchObject({ period: '2023', programme: 'JF', status: null, page: 3 });
    expect(data.filters.q).toBe('Ségou');
  });

  it('asks for the approval queue with ?status=submitted, and ignores a status that is none', async () => {
    const { requests, data } = await run('?status=submitted', (p) =>
      p === 'programme.list' ? ok({ items: [] }) : ok({ items: [], total: 0 }),
    );
    const inputs = JSON.parse(requests[0]?.searchParams.get('input') ?? 'null') as Record<
      string,
      unknown
    >;
    expect(inputs['1']).toEqual({ period: '2023-Q2', status: 'submitted', limit: 50, offset: 0 });
    expect(data.filters.status).toBe('submitted');
    const other = await run('?status=perdu', (p) =>
      p === 'programme.list' ? ok({ items: [] }) : ok({ items: [], total: 0 }),
    );
    expect(other.data.filters.status).toBeNull();
  });

  it('ignores a page number that is not one', async () => {
    const { data } = await run('?page=-2', (p) =>
      p === 'programme.list' ? ok({ items: [] }) : ok({ items: [], total: 0 }),
    );
    expect(data.filters.page).toBe(1);
  });

  it('keeps the programmes when the activities fail, and says why', async () => {
    const programme = {
      id: 'p',
      code: 'JF',
      name: 'Just Future',
      nameEn: 'Just Future',
      description: null,
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run('?period=2023-Q9', (p) =>
      p === 'programme.list'
        ? ok({ items: [programme] })
        : {
            error: {
              message: 'Période non reconnue : « 2023-Q9 »',
              code: -32600,
              data: { code: 'BAD_REQUEST', httpStatus: 400 },
            },
          },
    );
    expect(data.programmes).toEqual({ ok: true, items: [programme] });
    expect(data.activities).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', detail: 'Période non reconnue : « 2023-Q9 »' },
    });
  });
});

describe('validating several activities from the « À valider » list', () => {
  const a = '11111111-1111-4111-8111-111111111111';
  const b = '22222222-2222-4222-8222-222222222222';
  const c = '33333333-3333-4333-8333-333333333333';
  const titles: Record<string, string> = { [a]: 'Causerie à Kayes', [b]: 'Atelier à Ménaka' };

  /** Posts the ticked boxes to the action, the API answering through `answerFor`. */
  async function post(
    ticks: string[],
    answerFor: (procedure: string, input: unknown) => ReturnType<typeof answer>,
  ) {
    const { fetchFn, calls } = fakeFetch(answerFor);
    const body = new FormData();
    for (const t of ticks) body.append('activity', t);
    const event = {
      request: new Request('http://web.test/activites?period=2023-Q2&status=submitted&/validate', {
        method: 'POST',
        body,
      }),
      url: new URL('http://web.test/activites?period=2023-Q2&status=submitted&page=2&/validate'),
      fetch: fetchFn,
    };
    const outcome = await actions
      .validate(event as unknown as Parameters<typeof actions.validate>[0])
      .then(
        (result) => ({ result, redirect: null }),
        (thrown: { status?: number; location?: string }) => {
          if (thrown.location === undefined) throw thrown;
          return { result: null, redirect: thrown };
        },
      );
    return { ...outcome, calls };
  }

  const byIdTitle = (input: unknown) =>
    answer({ title: titles[(input as { id: string }).id] ?? '?' });

  it('validates each ticked activity at the version shown, then goes back to the same list', async () => {
    const { redirect, calls } = await post([`${a}:2`, `${b}:5`], (p) =>
      p === 'activity.validate' ? answer({}) : failure('INTERNAL_SERVER_ERROR', 'non'),
    );
    expect(calls.map((call) => [call.procedure, call.input])).toEqual([
      ['activity.validate', { id: a, version: 2 }],
      ['activity.validate', { id: b, version: 5 }],
    ]);
    expect(redirect).toMatchObject({
      status: 303,
      location: '/activites?period=2023-Q2&status=submitted&validees=2',
    });
  });

  it('names each refusal with the API’s reason, and keeps the others validated', async () => {
    const { result, calls } = await post([`${a}:2`, `${b}:5`], (p, input) => {
      if (p === 'activity.byId') return byIdTitle(input);
      return (input as { id: string }).id === b
        ? failure('FORBIDDEN', 'Vous avez soumis cette activité vous-même', 403)
        : answer({});
    });
    expect(calls.filter((call) => call.procedure === 'activity.validate')).toHaveLength(2);
    expect(result).toEqual({
      bulk: {
        validated: 1,
        refused: [
          {
            id: b,
            title: 'Atelier à Ménaka',
            error: { code: 'FORBIDDEN', detail: 'Vous avez soumis cette activité vous-même' },
          },
        ],
        errors: [],
      },
    });
  });

  it('answers the refusal’s status when none went through', async () => {
    const { result } = await post([`${a}:2`], (p, input) =>
      p === 'activity.byId'
        ? byIdTitle(input)
        : failure('CONFLICT', 'Cette activité a été modifiée entre-temps', 409),
    );
    expect(result).toMatchObject({
      status: 409,
      data: { bulk: { validated: 0, refused: [{ id: a, title: 'Causerie à Kayes' }] } },
    });
  });

  it('asks for a tick, and ignores a box that is not an activity at a version', async () => {
    const { result, calls } = await post([`${c}`, 'nimporte:quoi', `${c}:0`], () => answer({}));
    expect(calls).toEqual([]);
    expect(result).toMatchObject({
      status: 400,
      data: {
        bulk: { validated: 0, refused: [], errors: ['Cochez au moins une activité à valider.'] },
      },
    });
  });
});
