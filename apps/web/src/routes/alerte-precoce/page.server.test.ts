import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+page.server');

async function run(search: string, answer: Parameters<typeof fakeFetch>[0]) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = { url: new URL(`http://web.test/alerte-precoce${search}`), fetch: fetchFn };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

const summary = (by: string) => ({
  period: {},
  totals: { incidents: 116, deaths: 153, injuries: 236 },
  groups: [{ key: by, label: by, incidents: 1, deaths: 0, injuries: 0 }],
});

const answer = (procedure: string, input: unknown) =>
  procedure === 'incident.summary'
    ? ok(summary((input as { by: string }).by))
    : ok({ items: [], total: 0 });

describe('the Alerte précoce load', () => {
  it('asks for Q2 2023 by month, category and region, and the first page of the register', async () => {
    const { data, calls } = await run('', answer);
    expect(calls).toEqual([
      { procedure: 'incident.summary', input: { period: '2023-Q2', by: 'month' } },
      { procedure: 'incident.summary', input: { period: '2023-Q2', by: 'category' } },
      { procedure: 'incident.summary', input: { period: '2023-Q2', by: 'region' } },
      { procedure: 'incident.list', input: { period: '2023-Q2', limit: 50, offset: 0 } },
    ]);
    expect(data.summary).toMatchObject({
      ok: true,
      totals: { incidents: 116 },
      months: [{ key: 'month' }],
      categories: [{ key: 'category' }],
      regions: [{ key: 'region' }],
    });
  });

  it('passes a known category and the page on, and drops an unknown category', async () => {
    const { calls } = await run('?period=2023&category=democracy-governance&page=3', answer);
    expect(calls[3]?.input).toEqual({
      period: '2023',
      category: 'democracy-governance',
      limit: 50,
      offset: 100,
    });
    expect((await run('?category=nope', answer)).calls[3]?.input).toEqual({
      period: '2023-Q2',
      limit: 50,
      offset: 0,
    });
  });

  it('keeps the register when the summary fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run('', (procedure) =>
      procedure === 'incident.summary'
        ? failure('BAD_REQUEST', 'Période invalide.')
        : ok({ items: [], total: 0 }),
    );
    expect(data.summary).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', detail: 'Période invalide.' },
    });
    expect(data.register).toEqual({ ok: true, items: [], total: 0 });
  });
});
