import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, signedInAs, type Answer } from '../../../../test/fake-api';
import { match as matchUuid } from '../../../params/uuid';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+page.server');

const ID = '912821fe-8d9b-4129-aea3-150b3262d030';

async function run(
  id: string,
  search: string,
  answer: (p: string, input: unknown) => Answer,
  role: Parameters<typeof signedInAs>[0] = 'me-officer',
) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = {
    params: { id },
    url: new URL(`http://web.test/subventions/${id}${search}`),
    fetch: fetchFn,
    parent: async () => signedInAs(role),
  };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

const indicator = { id: 'a1b2c3d4-0000-4000-8000-000000000001', code: 'X', dimensions: [] };
const judged = {
  grant: { id: ID, code: 'PROSMED-CCSC' },
  template: { id: 'undp-quarterly', version: '1', name: { fr: 'PNUD', en: 'UNDP' } },
  statusPeriod: null,
  problem: null,
  items: [{ indicatorId: indicator.id, status: 'on-track' }],
};

describe('the grant page load', () => {
  it('loads the grant, its indicators and their values for the bulletin quarter', async () => {
    const { data, calls } = await run(ID, '', (p) => {
      if (p === 'grant.byId') return ok({ id: ID, code: 'PROSMED-CCSC', framework: [] });
      if (p === 'indicator.list') return ok({ items: [indicator] });
      if (p === 'programme.list') return ok({ items: [] });
      if (p === 'indicator.statuses') return ok({ grants: [judged] });
      return ok({ items: [{ indicator: { id: indicator.id } }] });
    });
    expect(calls.map((c) => c.procedure)).toEqual([
      'grant.byId',
      'indicator.list',
      'programme.list',
      'indicator.statuses',
      'indicator.values',
    ]);
    expect(calls[1]?.input).toEqual({ grantId: ID });
    // the statuses the grant's report states, for the period shown: the indicators page's rule
    expect(calls[3]?.input).toEqual({ period: '2023-Q2', grantId: ID });
    expect(calls[4]?.input).toEqual({ indicatorIds: [indicator.id], period: '2023-Q2' });
    expect(data.grant).toMatchObject({ ok: true, code: 'PROSMED-CCSC' });
    expect(data.values).toMatchObject({ ok: true });
    expect(data.statuses).toEqual({ ok: true, grant: judged });
  });

  it('shows no status of its own when the report statuses cannot be read', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run(ID, '', (p) => {
      if (p === 'grant.byId') return ok({ id: ID, code: 'PROSMED-CCSC', framework: [] });
      if (p === 'indicator.statuses') return failure('INTERNAL_SERVER_ERROR', 'boom', 500);
      return ok({ items: [] });
    });
    expect(data.statuses).toEqual({
      ok: false,
      error: { code: 'INTERNAL_SERVER_ERROR', detail: 'boom' },
    });
  });

  it('does not ask a donor viewer’s programmes, which she may not read', async () => {
    const { data, calls } = await run(
      ID,
      '',
      (p) => {
        if (p === 'grant.byId') return ok({ id: ID, code: 'PROSMED-CCSC', framework: [] });
        if (p === 'programme.list') return failure('FORBIDDEN', 'Refusé.', 403);
        if (p === 'indicator.statuses') return ok({ grants: [] });
        return ok({ items: [] });
      },
      'donor-viewer',
    );
    expect(calls.map((c) => c.procedure)).toEqual([
      'grant.byId',
      'indicator.list',
      'indicator.statuses',
    ]);
    expect(data.grant).toMatchObject({ ok: true });
    expect(data.programmes).toEqual([]);
  });

  it('answers 404 without asking the API when the id is not one', () => {
    // The route is `[id=uuid]`: the router refuses the path before this load, or any call, runs.
    expect(decodeURI(import.meta.url)).toContain('/subventions/[id=uuid]/');
    expect(matchUuid('nope')).toBe(false);
    expect(matchUuid(ID)).toBe(true);
  });

  it('answers 404 for a grant the API does not know', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(
      run(ID, '', (p) =>
        p === 'grant.byId'
          ? failure('NOT_FOUND', 'Subvention introuvable.', 404)
          : ok({ items: [] }),
      ),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('says why when the API fails otherwise', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run(ID, '?period=2023', (p) =>
      p === 'grant.byId' ? failure('INTERNAL_SERVER_ERROR', 'boom', 500) : ok({ items: [] }),
    );
    expect(data.grant).toEqual({
      ok: false,
      error: { code: 'INTERNAL_SERVER_ERROR', detail: 'boom' },
    });
    expect(data.period).toBe('2023');
  });
});
