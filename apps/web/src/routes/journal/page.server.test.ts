import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok, type Answer } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load, _PAGE_SIZE } = await import('./+page.server');

async function run(search: string, answer: (p: string, input: unknown) => Answer) {
  const { fetchFn, calls } = fakeFetch(answer);
  const data = await load({
    url: new URL(`http://web.test/journal${search}`),
    fetch: fetchFn,
  } as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

const USER = '3f0c2b9a-1d2e-4f5a-8b6c-7d8e9f0a1b2c';
const entry = {
  id: 12,
  at: '2024-06-12T10:32:05.000Z',
  action: 'reject',
  entity: 'activity',
  entityId: '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  user: { id: USER, email: 'suivi@wanep-mali.demo' },
  before: { title: 'Forum de Bamako', status: 'validated' },
  after: { title: 'Forum de Bamako', status: 'draft' },
  reason: 'Chiffres à revoir',
};

describe('the audit trail load', () => {
  it('asks for the newest page with the filters of the URL, and shows each change before → after', async () => {
    const { data, calls } = await run(
      `?entity=activity&user=${USER}&from=2024-06-01&to=2024-06-30&page=2`,
      (p) => (p === 'audit.list' ? ok({ items: [entry], total: 51 }) : ok({ items: [] })),
    );
    expect(calls.map((c) => c.procedure)).toEqual(['audit.list', 'place.list', 'programme.list']);
    expect(calls.slice(0, 1)).toEqual([
      {
        procedure: 'audit.list',
        input: {
          entity: 'activity',
          userId: USER,
          from: '2024-06-01',
          to: '2024-06-30',
          limit: _PAGE_SIZE,
          offset: _PAGE_SIZE,
        },
      },
    ]);
    expect(data.audit).toEqual({
      ok: true,
      total: 51,
      items: [
        {
          id: 12,
          at: entry.at,
          action: 'reject',
          entity: 'activity',
          entityId: entry.entityId,
          user: entry.user,
          reason: 'Chiffres à revoir',
          name: 'Forum de Bamako',
          // the title did not change: only the status is said, in words
          changes: [{ field: 'status', label: 'Statut', before: 'Validée', after: 'Brouillon' }],
        },
      ],
    });
  });

  it('says an end date before the start without asking the API', async () => {
    const { data, calls } = await run('?from=2024-06-30&to=2024-06-01', () => ok({}));
    expect(calls).toEqual([]);
    expect(data.problems).toEqual(['La date de fin précède la date de début.']);
    expect(data.audit).toBeNull();
  });

  it('answers 403 to a role the API refuses, and says an API that does not answer', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(
      run('', () => failure('FORBIDDEN', 'Votre rôle ne permet pas cette action.', 403)),
    ).rejects.toMatchObject({ status: 403 });
    const { data } = await run('', () => failure('INTERNAL_SERVER_ERROR', 'Erreur', 500));
    expect(data.audit).toEqual({
      ok: false,
      error: { code: 'INTERNAL_SERVER_ERROR', detail: 'Erreur' },
    });
  });
});
