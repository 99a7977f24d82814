import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: {} }));

const { createApiClient, describeApiError } = await import('./trpc');

/** A fetch that answers like the API does, and records what it was asked. */
function fakeApi(body: unknown, status = 200) {
  const calls: Request[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(new Request(input, init));
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { calls, fetchFn };
}

describe('createApiClient', () => {
  it('calls the API under /trpc, in the page language', async () => {
    const { calls, fetchFn } = fakeApi([{ result: { data: { items: [] } } }]);
    const api = createApiClient(fetchFn, { apiUrl: 'http://api.test', locale: 'en' });
    await expect(api.programme.list.query()).resolves.toEqual({ items: [] });
    expect(calls[0]?.url).toMatch(/^http:\/\/api\.test\/trpc\/programme\.list\?batch=1/);
    expect(calls[0]?.headers.get('accept-language')).toBe('en');
  });

  it('turns an API error into its code and message', async () => {
    const { fetchFn } = fakeApi(
      [
        {
          error: {
            message: 'Période illisible : « 2023-Q7 ».',
            code: -32600,
            data: { code: 'BAD_REQUEST', httpStatus: 400 },
          },
        },
      ],
      400,
    );
    const api = createApiClient(fetchFn, { apiUrl: 'http://api.test' });
    const error = await api.activity.list.query({ period: '2023-Q7' }).catch((e: unknown) => e);
    expect(describeApiError(error)).toEqual({
      code: 'BAD_REQUEST',
      detail: 'Période illisible : « 2023-Q7 ».',
    });
  });

  it('says the API is unreachable when no answer came back', async () => {
    const fetchFn = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const api = createApiClient(fetchFn, { apiUrl: 'http://api.test' });
    const error = await api.programme.list.query().catch((e: unknown) => e);
    expect(describeApiError(error)).toEqual({ code: 'UNREACHABLE', detail: null });
  });

  it('does not leak unknown errors', () => {
    expect(describeApiError(new Error('boom'))).toEqual({ code: 'UNKNOWN', detail: null });
  });
});
