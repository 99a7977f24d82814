import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import type { IndicatorDto } from '$lib/api-types';
import { loadIndicatorValues } from './indicator-values';
import type { ApiClient } from './trpc';

vi.mock('$env/dynamic/private', () => ({ env: {} }));

const indicator = (id: string, dimensions: string[]) =>
  ({ id, code: id.toUpperCase(), dimensions }) as unknown as IndicatorDto;

/** A client whose `indicator.values` answers each id with a marker of the call that asked. */
function fakeApi(fail = false) {
  const calls: { indicatorIds: string[]; breakdown?: string[] }[] = [];
  const query = vi.fn((input: { indicatorIds: string[]; breakdown?: string[] }) => {
    calls.push(input);
    if (fail) return Promise.reject(new TRPCClientError('down'));
    return Promise.resolve({
      items: input.indicatorIds.map((id) => ({
        indicator: { id },
        breakdown: input.breakdown ?? null,
      })),
    });
  });
  return { api: { indicator: { values: { query } } } as unknown as ApiClient, calls };
}

describe('loadIndicatorValues', () => {
  it('asks for breakdowns only of indicators that have dimensions, one call per set', async () => {
    const { api, calls } = fakeApi();
    const result = await loadIndicatorValues(
      api,
      [
        indicator('a', ['sex', 'age']),
        indicator('b', []),
        indicator('c', ['sex']),
        indicator('d', ['sex', 'age']),
      ],
      '2023-Q2',
    );
    expect(calls).toEqual([
      { indicatorIds: ['a', 'b', 'c', 'd'], period: '2023-Q2' },
      { indicatorIds: ['a', 'd'], period: '2023-Q2', breakdown: ['sex', 'age'] },
      { indicatorIds: ['c'], period: '2023-Q2', breakdown: ['sex'] },
    ]);
    if (!result.ok) throw new Error('expected values');
    expect(Object.keys(result.values)).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.keys(result.breakdowns).sort()).toEqual(['a', 'c', 'd']);
    expect(result.breakdowns.c).toMatchObject({ breakdown: ['sex'] });
  });

  it('does not send a dimension the API cannot break down by', async () => {
    const { api, calls } = fakeApi();
    await loadIndicatorValues(api, [indicator('a', ['region'])], '2023');
    expect(calls).toEqual([{ indicatorIds: ['a'], period: '2023' }]);
  });

  it('asks nothing for no indicators', async () => {
    const { api, calls } = fakeApi();
    expect(await loadIndicatorValues(api, [], '2023')).toEqual({
      ok: true,
      values: {},
      breakdowns: {},
    });
    expect(calls).toEqual([]);
  });

  it('turns a failure into a readable one', async () => {
    const { api } = fakeApi(true);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await loadIndicatorValues(api, [indicator('a', [])], '2023')).toEqual({
      ok: false,
      error: { code: 'UNREACHABLE', detail: null },
    });
  });
});
