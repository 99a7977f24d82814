import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, type Answer } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+page.server');

const indicator = (id: string, code: string, filter: Record<string, unknown>) => ({
  id,
  code,
  title: code,
  titleEn: code,
  unit: 'number',
  cumulative: false,
  source: { kind: 'activities', measure: 'count', filter },
  dimensions: [],
  node: null,
  grant: null,
});
const MOPTI = indicator('a1b2c3d4-0000-4000-8000-000000000001', 'MOPTI', {
  places: ['ml/mopti'],
});
const TWO = indicator('a1b2c3d4-0000-4000-8000-000000000002', 'DEUX', {
  places: ['ml/mopti', 'ml/segou/san'],
});
const EVERYWHERE = indicator('a1b2c3d4-0000-4000-8000-000000000003', 'PARTOUT', {});
const PLACES = [
  { id: 'p1', path: 'ml', name: 'Mali', level: 'country' },
  { id: 'p2', path: 'ml/mopti', name: 'Mopti', level: 'region' },
  { id: 'p3', path: 'ml/segou/san', name: 'San', level: 'cercle' },
];

async function run(items: unknown[], places: Answer = ok({ items: PLACES, total: 3 })) {
  const { fetchFn, calls } = fakeFetch((p) =>
    p === 'indicator.list'
      ? ok({ items })
      : p === 'place.list'
        ? places
        : p === 'indicator.values'
          ? ok({ items: [] })
          : p === 'indicator.statuses'
            ? ok({ grants: [] })
            : ok({ items: [] }),
  );
  const event = { url: new URL('http://web.test/indicateurs?period=2024-Q2'), fetch: fetchFn };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

describe('the indicators page load', () => {
  it('names the places each indicator counts in, and only those that name one', async () => {
    const { data, calls } = await run([MOPTI, TWO, EVERYWHERE]);
    expect(data.places).toEqual({ [MOPTI.id]: ['Mopti'], [TWO.id]: ['Mopti', 'San'] });
    expect(calls.filter((c) => c.procedure === 'place.list')).toHaveLength(1);
  });

  it('does not ask for the places when no indicator is filtered on one', async () => {
    const { data, calls } = await run([EVERYWHERE]);
    expect(data.places).toEqual({});
    expect(calls.map((c) => c.procedure)).not.toContain('place.list');
  });

  it('says a path as is when the places cannot be read', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run([MOPTI], failure('INTERNAL_SERVER_ERROR', 'down', 500));
    expect(data.places).toEqual({ [MOPTI.id]: ['ml/mopti'] });
    error.mockRestore();
  });
});
