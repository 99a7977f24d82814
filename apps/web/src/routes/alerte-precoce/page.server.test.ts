import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, signedInAs } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load, actions } = await import('./+page.server');

async function run(
  search: string,
  answer: Parameters<typeof fakeFetch>[0],
  role: Parameters<typeof signedInAs>[0] = 'me-officer',
) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = {
    url: new URL(`http://web.test/alerte-precoce${search}`),
    fetch: fetchFn,
    parent: async () => signedInAs(role),
  };
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
  it('asks a programme officer only for what she may read: her register, not the organisation’s figures', async () => {
    const { data, calls } = await run('', answer, 'programme-officer');
    expect(calls.map((c) => c.procedure)).toEqual([
      'incident.list',
      'programme.list',
      'place.list',
    ]);
    expect(data.summary).toBeNull();
    expect(data.register).toMatchObject({ ok: true });
  });

  it('asks for Q2 2023 by month, category and region, and the first page of the register', async () => {
    const { data, calls } = await run('', answer);
    expect(calls).toEqual([
      { procedure: 'incident.summary', input: { period: '2023-Q2', by: 'month' } },
      { procedure: 'incident.summary', input: { period: '2023-Q2', by: 'category' } },
      { procedure: 'incident.summary', input: { period: '2023-Q2', by: 'region' } },
      { procedure: 'incident.list', input: { period: '2023-Q2', limit: 50, offset: 0 } },
      // The entry form's choices.
      { procedure: 'programme.list', input: undefined },
      { procedure: 'place.list', input: { sort: 'name', limit: 1000 } },
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

describe('the incident entry action', () => {
  const PROGRAMME = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';

  /** What `incident.check` answers: nothing to warn of, unless a test says otherwise. */
  let warnings: unknown[] = [];
  async function post(fields: Record<string, string>) {
    const sent: { url: string; body: unknown }[] = [];
    const checked: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/trpc/incident.check')) {
        checked.push(url);
        return new Response(JSON.stringify([{ result: { data: { warnings } } }]), {
          headers: { 'content-type': 'application/json' },
        });
      }
      const body = input instanceof Request ? await input.text() : String(init?.body ?? '');
      sent.push({ url, body: JSON.parse(body || 'null') });
      const created = { id: 'x', code: 'INC-1', warnings };
      return new Response(JSON.stringify([{ result: { data: created } }]), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const request = new Request('http://web.test/alerte-precoce?/incident', {
      method: 'POST',
      body,
    });
    const event = { request, fetch: fetchFn, url: new URL(request.url) };
    try {
      const result = await actions.incident(
        event as unknown as Parameters<typeof actions.incident>[0],
      );
      return { result, sent, checked, redirect: null };
    } catch (thrown) {
      return {
        result: null,
        sent,
        checked,
        redirect: thrown as { status: number; location: string },
      };
    }
  }

  it('shows a probable duplicate before saving, values kept; « Enregistrer quand même » saves', async () => {
    warnings = [
      {
        code: 'probable-duplicate',
        message: { fr: 'Doublon probable', en: 'Probable duplicate' },
        records: [{ id: 'i', code: 'INC-0', title: '' }],
      },
    ];
    const fields = { date: '2023-05-02', category: 'democracy-governance', deaths: '2' };
    const warned = await post(fields);
    expect(warned.checked).toHaveLength(1);
    expect(warned.sent).toEqual([]);
    expect(warned.result).toMatchObject({
      status: 422,
      data: { incident: { values: { date: '2023-05-02', deaths: '2' }, warnings } },
    });
    const confirmed = await post({ ...fields, confirmWarnings: '1' });
    expect(confirmed.checked).toEqual([]);
    expect(confirmed.sent[0]?.url).toContain('/trpc/incident.create');
    expect(confirmed.redirect).toMatchObject({ status: 303 });
    warnings = [];
  });

  it('refuses a form with errors without calling the API, and gives the values back', async () => {
    const { result, sent } = await post({ date: '2023-05-02', deaths: 'trois' });
    expect(sent).toEqual([]);
    expect(result).toMatchObject({
      status: 400,
      data: {
        incident: {
          values: { date: '2023-05-02', deaths: 'trois' },
          errors: [{ field: 'category' }, { field: 'deaths' }],
          apiError: null,
        },
      },
    });
  });

  it('records the incident and shows the register of its quarter', async () => {
    const { sent, redirect } = await post({
      date: '2023-05-02',
      category: 'democracy-governance',
      deaths: '2',
      injuries: '5',
      verified: 'on',
      programmeId: PROGRAMME,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toContain('/trpc/incident.create');
    expect(sent[0]?.body).toEqual({
      0: {
        date: '2023-05-02',
        category: 'democracy-governance',
        deaths: 2,
        injuries: 5,
        verified: true,
        placeId: null,
        programmeId: PROGRAMME,
        description: null,
      },
    });
    expect(redirect).toMatchObject({
      status: 303,
      location: '/alerte-precoce?period=2023-Q2&saved=INC-1#register',
    });
  });

  it('answers a save from the outbox with the record and what the API warned of', async () => {
    warnings = [
      {
        code: 'future-date',
        message: { fr: 'Date à venir', en: 'Date to come' },
        records: [],
      },
    ];
    const fields = { date: '2023-05-02', category: 'democracy-governance', deaths: '2' };
    const { result, redirect, checked } = await post({
      ...fields,
      confirmWarnings: '1',
      outbox: '1',
    });
    expect(checked).toEqual([]);
    expect(redirect).toBeNull();
    expect(result).toEqual({ saved: { href: '/alerte-precoce/x', warnings } });
    warnings = [];
  });
});
