import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, type Answer } from '../../../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions } = await import('./+page.server');

const ID = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const PROGRAMME = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';

/** The activity as the server holds it now (someone saved it in the meantime). */
const theirs = {
  id: ID,
  version: 7,
  title: 'Causerie à Kayes (corrigé)',
  summary: null,
  type: 'awareness',
  role: 'organiser',
  startDate: '2023-05-10',
  endDate: '2023-05-10',
  sessions: 2,
  programme: { id: PROGRAMME },
  places: [],
  grants: [],
  participants: { total: { value: 20, qualifier: 'exact' }, cells: [] },
};

async function post(answer: (procedure: string) => Answer, extra: Record<string, string> = {}) {
  // The entry check (probable duplicate, date to come) finds nothing to warn about.
  const { fetchFn, calls } = fakeFetch((p) =>
    p === 'activity.check' ? ok({ warnings: [] }) : answer(p),
  );
  const body = new FormData();
  for (const [k, v] of Object.entries({
    title: 'Causerie à Kayes',
    type: 'awareness',
    programmeId: PROGRAMME,
    startDate: '2023-05-10',
    sessions: '3',
    n_total: '25',
    version: '6',
    ...extra,
  }))
    body.set(k, v);
  const request = new Request(`http://web.test/activites/${ID}/modifier`, { method: 'POST', body });
  const event = { request, fetch: fetchFn, url: new URL(request.url), params: { id: ID } };
  const result = (await actions.default(
    event as unknown as Parameters<typeof actions.default>[0],
  )) as { status?: number; data?: unknown; saved?: unknown };
  return { result, calls };
}

/** What the server holds after the typed save went through (its answer lost on the way). */
const same = {
  ...theirs,
  title: 'Causerie à Kayes',
  sessions: 3,
  participants: { total: { value: 25, qualifier: 'exact' }, cells: [] },
};

describe('an update sent again after its answer was lost', () => {
  it('is no conflict when the server already holds what was typed: the save is done', async () => {
    const sent = post((p) =>
      p === 'activity.byId' ? ok(same) : failure('CONFLICT', 'Modifiée entre-temps', 409),
    );
    await expect(sent).rejects.toMatchObject({
      status: 303,
      location: `/activites/${ID}?saved=1`,
    });
  });

  it('from the outbox, answers the record’s page instead of redirecting', async () => {
    const { result } = await post(
      (p) => (p === 'activity.byId' ? ok(same) : failure('CONFLICT', 'Modifiée', 409)),
      { outbox: '1', confirmWarnings: '1' },
    );
    expect(result).toEqual({ saved: { href: `/activites/${ID}`, warnings: [] } });
  });

  it('from the outbox, a save that goes through answers with what the API warned of', async () => {
    const warning = {
      code: 'future-date',
      message: { fr: 'Date à venir', en: 'Date to come' },
      records: [],
    };
    const { result, calls } = await post(
      () => ok({ activity: { id: ID }, issues: [], warnings: [warning] }),
      { outbox: '1', confirmWarnings: '1' },
    );
    expect(calls.map((c) => c.procedure)).toEqual(['activity.update']);
    expect(result).toEqual({ saved: { href: `/activites/${ID}`, warnings: [warning] } });
  });
});

describe('an update refused by the API', () => {
  it('for a stale version, sends back what the server holds now beside what was typed', async () => {
    const { result, calls } = await post((p) =>
      p === 'activity.byId' ? ok(theirs) : failure('CONFLICT', 'Modifiée entre-temps', 409),
    );
    expect(calls.map((c) => c.procedure)).toEqual([
      'activity.check',
      'activity.update',
      'activity.byId',
    ]);
    expect(calls[1]?.input).toMatchObject({ id: ID, version: 6 });
    expect(result).toMatchObject({
      status: 409,
      data: {
        values: { title: 'Causerie à Kayes', sessions: '3', counts: { n_total: '25' } },
        apiError: { code: 'CONFLICT', detail: 'Modifiée entre-temps' },
        theirs: {
          version: 7,
          locked: false,
          values: { title: 'Causerie à Kayes (corrigé)', sessions: '2', counts: { n_total: '20' } },
        },
      },
    });
  });

  it('for a locked period, says it is locked (mine cannot be sent again)', async () => {
    const { result } = await post((p) =>
      p === 'activity.byId' ? ok(theirs) : failure('PRECONDITION_FAILED', 'Période verrouillée'),
    );
    expect(result).toMatchObject({ status: 400, data: { theirs: { version: 7, locked: true } } });
  });

  it('for anything else, reads nothing back', async () => {
    const { result, calls } = await post(() => failure('FORBIDDEN', 'Non', 403));
    expect(calls.map((c) => c.procedure)).toEqual(['activity.check', 'activity.update']);
    expect((result.data as { theirs?: unknown }).theirs).toBeUndefined();
  });

  it('when the record cannot be read back, the refusal alone is said', async () => {
    const { result } = await post((p) =>
      p === 'activity.byId'
        ? failure('NOT_FOUND', 'Introuvable', 404)
        : failure('CONFLICT', 'Modifiée entre-temps', 409),
    );
    expect(result).toMatchObject({ status: 409, data: { apiError: { code: 'CONFLICT' } } });
    expect((result.data as { theirs?: unknown }).theirs).toBeUndefined();
  });
});
