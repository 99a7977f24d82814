import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+page.server');

async function run(search: string, answer: Parameters<typeof fakeFetch>[0]) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = { url: new URL(`http://web.test/rapports${search}`), fetch: fetchFn };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

const templates = { items: [{ id: 'generic' }, { id: 'undp-quarterly' }] };
const grants = { items: [{ code: 'PROSMED-CCSC', reportTemplate: 'undp-quarterly' }] };
const answer = (procedure: string) =>
  procedure === 'report.templates'
    ? ok(templates)
    : procedure === 'grant.list'
      ? ok(grants)
      : ok({ indicators: [] });

describe('the Rapports load', () => {
  it('lists templates and grants and previews nothing until a grant is chosen', async () => {
    const { data, calls } = await run('', answer);
    expect(calls.map((c) => c.procedure)).toEqual(['report.templates', 'grant.list']);
    expect(data.filters).toEqual({ period: '2023-Q2', grant: null, template: 'generic' });
    expect(data.preview).toBeNull();
  });

  it('previews a grant on its own template unless another is asked for', async () => {
    const own = await run('?grant=PROSMED-CCSC', answer);
    expect(own.calls[2]).toEqual({
      procedure: 'report.preview',
      input: { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' },
    });
    expect(own.data.preview).toEqual({ ok: true, indicators: [] });
    const asked = await run('?grant=PROSMED-CCSC&template=generic&period=2023', answer);
    expect(asked.calls[2]?.input).toEqual({
      grant: 'PROSMED-CCSC',
      period: '2023',
      template: 'generic',
    });
  });

  it('says a failed preview apart from the choices', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run('?grant=NOPE', (procedure) =>
      procedure === 'report.preview'
        ? failure('NOT_FOUND', 'Subvention introuvable.', 404)
        : answer(procedure),
    );
    expect(data.choices.ok).toBe(true);
    expect(data.preview).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', detail: 'Subvention introuvable.' },
    });
  });
});
