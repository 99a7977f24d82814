import { describe, expect, it, vi } from 'vitest';

import { signedInAs } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+page.server');

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
    expect(data.filters).toEqual({ period: '2023-Q2', programme: null, status: null, page: 1 });
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
    expect(requests.map((r) => r.pathname)).toEqual(['/trpc/activity.list']);
    expect(data.programmes).toBeNull();
    expect(data.activities).toEqual({ ok: true, items: [], total: 0 });
  });

  it('passes the filters and the page on', async () => {
    const { requests, data } = await run('?period=2023&programme=JF&page=3', (p) =>
      p === 'programme.list' ? ok({ items: [] }) : ok({ items: [], total: 120 }),
    );
    const inputs = JSON.parse(requests[0]?.searchParams.get('input') ?? 'null') as Record<
      string,
      unknown
    >;
    expect(inputs['1']).toEqual({ period: '2023', programmeCode: 'JF', limit: 50, offset: 100 });
    expect(data.filters).toEqual({ period: '2023', programme: 'JF', status: null, page: 3 });
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
