import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, type Answer } from '../../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const ID = '1b8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const PLACE = '2c8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const incident = {
  id: ID,
  code: 'INC-2023-05-02-A1',
  date: '2023-05-02',
  category: 'democracy-governance',
  deaths: 2,
  injuries: 5,
  verified: true,
  description: null,
  place: { id: PLACE, name: 'Mopti', path: 'ml/mopti' },
  programme: null,
  version: 3,
};

async function post(
  action: 'save' | 'delete',
  fields: Record<string, string>,
  answer: (p: string) => Answer,
) {
  const { fetchFn, calls } = fakeFetch(answer);
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const request = new Request(`http://web.test/alerte-precoce/${ID}?/${action}`, {
    method: 'POST',
    body,
  });
  const event = { request, fetch: fetchFn, url: new URL(request.url), params: { id: ID } };
  try {
    const result = await actions[action](event as unknown as Parameters<typeof actions.save>[0]);
    return { result, calls, redirect: null };
  } catch (thrown) {
    return { result: null, calls, redirect: thrown as { status: number; location: string } };
  }
}

const fields = {
  version: '3',
  date: '2023-05-02',
  category: 'democracy-governance',
  deaths: '3',
  injuries: '5',
  verified: 'on',
  placeId: PLACE,
};

describe('correcting an incident', () => {
  it('shows the incident as the form holds it, with its version', async () => {
    const { fetchFn } = fakeFetch((p) =>
      p === 'incident.byId' ? ok(incident) : ok({ items: [], total: 0 }),
    );
    const data = await load({
      params: { id: ID },
      fetch: fetchFn,
      url: new URL(`http://web.test/alerte-precoce/${ID}`),
    } as unknown as Parameters<typeof load>[0]);
    expect(data?.incident).toMatchObject({
      ok: true,
      version: 3,
      values: { date: '2023-05-02', deaths: '2', placeId: PLACE, verified: true },
    });
  });

  it('saves the correction at the version shown after the check', async () => {
    const { calls, redirect } = await post('save', fields, (p) =>
      p === 'incident.check' ? ok({ warnings: [] }) : ok({ id: ID, code: 'x', version: 4 }),
    );
    expect(calls.map((c) => c.procedure)).toEqual(['incident.check', 'incident.update']);
    expect(calls[1]?.input).toMatchObject({ id: ID, version: 3, incident: { deaths: 3 } });
    expect(redirect).toMatchObject({ status: 303, location: `/alerte-precoce/${ID}?saved=1` });
  });

  it('says a stale version as a conflict in words and keeps what was typed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result } = await post('save', fields, (p) =>
      p === 'incident.check'
        ? ok({ warnings: [] })
        : failure(
            'CONFLICT',
            'Quelqu’un a modifié cet incident entre-temps (version 4) : rechargez-le.',
            409,
          ),
    );
    expect(result).toMatchObject({
      status: 409,
      data: {
        incident: {
          values: { deaths: '3', date: '2023-05-02' },
          apiError: { code: 'CONFLICT', detail: expect.stringContaining('entre-temps') },
        },
      },
    });
  });

  it('sends back what the server holds now beside what was typed, for a stale version or a lock', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const now = { ...incident, version: 4, injuries: 6 };
    for (const [code, status, locked] of [
      ['CONFLICT', 409, false],
      ['PRECONDITION_FAILED', 412, true],
    ] as const) {
      const { result, calls } = await post('save', fields, (p) =>
        p === 'incident.check'
          ? ok({ warnings: [] })
          : p === 'incident.byId'
            ? ok(now)
            : failure(code, 'Refusé', status),
      );
      expect(calls.map((c) => c.procedure)).toEqual([
        'incident.check',
        'incident.update',
        'incident.byId',
      ]);
      expect(result).toMatchObject({
        status,
        data: {
          incident: {
            values: { deaths: '3', injuries: '5' },
            theirs: { version: 4, locked, values: { deaths: '2', injuries: '6' } },
          },
        },
      });
    }
  });

  it('takes a stale correction the server already holds as saved (its first answer was lost)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const now = { ...incident, version: 4, deaths: 3 };
    const answer = (p: string) =>
      p === 'incident.check'
        ? ok({ warnings: [] })
        : p === 'incident.byId'
          ? ok(now)
          : failure('CONFLICT', 'Modifié', 409);
    const { redirect } = await post('save', fields, answer);
    expect(redirect).toMatchObject({ status: 303, location: `/alerte-precoce/${ID}?saved=1` });
    const outbox = await post('save', { ...fields, outbox: '1', confirmWarnings: '1' }, answer);
    expect(outbox.result).toEqual({ saved: { href: `/alerte-precoce/${ID}`, warnings: [] } });
  });

  it('answers the outbox with the record and what the API warned of', async () => {
    const warning = {
      code: 'future-date',
      message: { fr: 'Date à venir', en: 'Date to come' },
      records: [],
    };
    const { result, calls } = await post(
      'save',
      { ...fields, outbox: '1', confirmWarnings: '1' },
      () => ok({ id: ID, code: 'x', version: 4, warnings: [warning] }),
    );
    expect(calls.map((c) => c.procedure)).toEqual(['incident.update']);
    expect(result).toEqual({ saved: { href: `/alerte-precoce/${ID}`, warnings: [warning] } });
  });

  it('deletes only once confirmed, and back on the register of its quarter', async () => {
    const unconfirmed = await post('delete', { version: '3' }, () => ok({ id: ID }));
    expect(unconfirmed.calls).toEqual([]);
    expect(unconfirmed.result).toMatchObject({
      status: 400,
      data: { removal: { unconfirmed: true } },
    });
    const done = await post(
      'delete',
      { version: '3', confirm: 'yes', code: incident.code, date: incident.date },
      () => ok({ id: ID }),
    );
    expect(done.calls).toEqual([{ procedure: 'incident.delete', input: { id: ID, version: 3 } }]);
    expect(done.redirect).toMatchObject({
      status: 303,
      location: `/alerte-precoce?period=2023-Q2&deleted=${incident.code}#register`,
    });
  });

  it('says a locked period in words and removes nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result } = await post('delete', { version: '3', confirm: 'yes' }, () =>
      failure('PRECONDITION_FAILED', 'La période 2023-Q2 est verrouillée', 412),
    );
    expect(result).toMatchObject({
      status: 412,
      data: { removal: { apiError: { detail: 'La période 2023-Q2 est verrouillée' } } },
    });
  });
});
