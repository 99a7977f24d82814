import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions } = await import('./+page.server');

const PROGRAMME = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';
const ACTIVITY = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

/** Posts the form to the action against a fake API that answers `answer` to any mutation. */
async function post(fields: Record<string, string>, answer: unknown = { result: { data: {} } }) {
  const sent: { url: string; body: unknown }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = input instanceof Request ? await input.text() : String(init?.body ?? '');
    sent.push({ url, body: JSON.parse(body || 'null') });
    const status = 'error' in (answer as object) ? 400 : 200;
    return new Response(JSON.stringify([answer]), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const request = new Request('http://web.test/activites/nouvelle', { method: 'POST', body });
  const event = { request, fetch: fetchFn, url: new URL(request.url), params: {} };
  try {
    const result = await actions.default(event as unknown as Parameters<typeof actions.default>[0]);
    return { result, sent, redirect: null };
  } catch (thrown) {
    return { result: null, sent, redirect: thrown as { status: number; location: string } };
  }
}

const basics = {
  title: 'Causerie sur la cohésion sociale',
  type: 'awareness',
  programmeId: PROGRAMME,
  startDate: '2023-05-10',
};

describe('the activity entry action', () => {
  it('refuses 30 women out of 20 without calling the API, values kept', async () => {
    const { result, sent } = await post({ ...basics, n_total: '20', n_female: '30' });
    expect(sent).toEqual([]);
    expect(result).toMatchObject({
      status: 400,
      data: {
        values: { title: basics.title, counts: { n_total: '20', n_female: '30' } },
        errors: [
          {
            field: 'n_female',
            message:
              '30 femmes pour 20 participants au total : une partie ne peut pas dépasser le total.',
          },
        ],
        apiError: null,
      },
    });
  });

  it('creates the activity and opens its page', async () => {
    const { sent, redirect } = await post(
      { ...basics, n_total: 'environ 40', n_female: '18', n_youth: '25' },
      { result: { data: { activity: { id: ACTIVITY }, issues: [] } } },
    );
    expect(sent[0]?.url).toContain('/trpc/activity.create');
    expect(sent[0]?.body).toMatchObject({
      0: {
        title: basics.title,
        endDate: '2023-05-10',
        participants: {
          total: { value: 40, qualifier: 'approximate' },
          cells: [
            { key: { sex: 'female' }, value: 18, qualifier: 'exact' },
            { key: { age: 'youth' }, value: 25, qualifier: 'exact' },
          ],
        },
      },
    });
    expect(redirect).toMatchObject({ status: 303, location: `/activites/${ACTIVITY}?saved=1` });
  });

  it('puts the API’s field errors on their fields and keeps its message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result } = await post(basics, {
      error: {
        message: 'Saisie invalide — title: trop court',
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          validation: { formErrors: [], fieldErrors: { title: ['trop court'] } },
        },
      },
    });
    expect(result).toMatchObject({
      status: 400,
      data: {
        errors: [{ field: 'title', message: 'trop court' }],
        apiError: { code: 'BAD_REQUEST', detail: 'Saisie invalide — title: trop court' },
      },
    });
  });
});
