import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, signedInAs } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+page.server');

async function run(
  search: string,
  answer: Parameters<typeof fakeFetch>[0],
  role: Parameters<typeof signedInAs>[0] = 'me-officer',
) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = {
    url: new URL(`http://web.test/tableau-de-bord${search}`),
    fetch: fetchFn,
    parent: async () => signedInAs(role),
  };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

const exact = (value: number) => ({
  value,
  qualifier: 'exact',
  atLeast: false,
  bounds: null,
  uncounted: 0,
});
const figures = (activities: number) => ({
  activities,
  sessions: activities,
  participants: exact(10 * activities),
  women: {
    ...exact(179),
    qualifier: 'at-least',
    atLeast: true,
    bounds: { lower: 179, upper: null },
    uncounted: 13,
  },
  youth: exact(activities),
  uniquePeople: exact(8 * activities),
  deliverables: {},
});
const quarterOf = (input: unknown) => (input as { period: string }).period;
const answer = (procedure: string, input: unknown) => {
  const q = quarterOf(input);
  const activities = Number(q.slice(-1)) * 5;
  if (procedure === 'bulletin.figures')
    return ok({
      period: { code: q },
      totals: { ...figures(activities), incidents: 116, deaths: 153, injuries: 236 },
      programmes: [],
    });
  if (procedure === 'dashboard.summary')
    return ok({
      period: { code: q },
      figures: figures(activities),
      // The trend's other quarters, computed with the period's (`trend`).
      trend: ((input as { trend?: string[] }).trend ?? []).map((code) => ({
        period: { code },
        figures: figures(Number(code.slice(-1)) * 5),
      })),
      statuses: {},
      indicators: [
        { indicator: { grant: 'PROSMED-CCSC' }, status: 'on-track' },
        { indicator: { grant: 'PROSMED-CCSC' }, status: 'off-track' },
      ],
    });
  if (procedure === 'incident.summary')
    return ok({
      period: {},
      totals: {},
      groups: [{ key: 'ml/mopti', label: 'Mopti', incidents: 41, deaths: 0, injuries: 0 }],
    });
  return failure('NOT_FOUND', 'inconnu', 404);
};

describe('the Tableau de bord load', () => {
  it('asks for the period once and the three quarters before it as the summary’s trend, and draws the trends, the statuses and the map', async () => {
    const { data, calls } = await run('?period=2023-Q2', answer);
    expect(
      calls.filter((c) => c.procedure === 'bulletin.figures').map((c) => quarterOf(c.input)),
    ).toEqual(['2023-Q2']);
    expect(calls.filter((c) => c.procedure === 'dashboard.summary').map((c) => c.input)).toEqual([
      { period: '2023-Q2', trend: ['2022-Q3', '2022-Q4', '2023-Q1'] },
    ]);
    expect(calls).toHaveLength(3);
    expect(data.figures).toMatchObject({ ok: true, totals: { activities: 10 } });
    expect(
      data.charts.trends?.activities.table.rows.map((r: { header: string; cells: string[] }) => [
        r.header,
        ...r.cells,
      ]),
    ).toEqual([
      ['3e trimestre 2022', '15'],
      ['4e trimestre 2022', '20'],
      ['1er trimestre 2023', '5'],
      ['2e trimestre 2023', '10'],
    ]);
    expect(data.charts.trends?.participants.table.rows[3]?.cells).toEqual([
      '100',
      'au moins 179 (13 activités sans décompte)',
      '10',
    ]);
    expect(data.charts.status?.table.rows).toEqual([
      { header: 'PROSMED-CCSC', cells: ['1', '0', '1', '0', '2'] },
    ]);
    expect(data.charts.map?.svg).toContain('data-region="mopti" data-value="41"');
  });

  it('gives a programme officer her own figures per quarter and no map', async () => {
    const { data, calls } = await run('', answer, 'programme-officer');
    expect(calls.map((c) => c.procedure)).not.toContain('bulletin.figures');
    expect(calls.map((c) => c.procedure)).not.toContain('incident.summary');
    expect(calls.filter((c) => c.procedure === 'dashboard.summary')).toHaveLength(1);
    expect(data.scoped).toBe(true);
    expect(data.charts.trends?.activities.table.rows).toHaveLength(4);
    expect(data.charts.map).toBeNull();
  });

  it('keeps the page when the trends fail, and the trends out when the page fails', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    // The summary (with the trend's quarters) fails: the bulletin's figures and the map stay.
    const noSummary = (procedure: string, input: unknown) =>
      procedure === 'dashboard.summary'
        ? failure('INTERNAL_SERVER_ERROR', 'boom', 500)
        : answer(procedure, input);
    const partial = await run('?period=2023-Q2', noSummary);
    expect(partial.data.figures).toMatchObject({ ok: true });
    expect(partial.data.charts.trends).toBeNull();
    expect(partial.data.charts.status).toBeNull();
    expect(partial.data.charts.map).not.toBeNull();
    // A trend that lacks a quarter draws no trend, rather than a false zero.
    const noQ1 = (procedure: string, input: unknown) => {
      const answered = answer(procedure, input);
      if (procedure !== 'dashboard.summary') return answered;
      const trend = ((input as { trend?: string[] }).trend ?? []).filter((c) => c !== '2023-Q1');
      return answer(procedure, { ...(input as object), trend });
    };
    const gap = await run('?period=2023-Q2', noQ1);
    expect(gap.data.figures).toMatchObject({ ok: true });
    expect(gap.data.charts.trends).toBeNull();
    expect(gap.data.charts.status).not.toBeNull();
    const down = await run('?period=2023-Q2', () => failure('INTERNAL_SERVER_ERROR', 'boom', 500));
    expect(down.data.figures).toMatchObject({ ok: false });
    expect(down.data.charts).toEqual({ trends: null, status: null, map: null });
    error.mockRestore();
  });
});
