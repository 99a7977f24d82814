import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../test/fake-api';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { load } = await import('./+page.server');

async function run(search: string, answer: Parameters<typeof fakeFetch>[0]) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = { url: new URL(`http://web.test/score-institutionnel${search}`), fetch: fetchFn };
  const data = await load(event as unknown as Parameters<typeof load>[0]);
  return { data: data as Exclude<typeof data, void>, calls };
}

describe('the Score institutionnel load', () => {
  it('asks for the 2022 cycle by default', async () => {
    const { data, calls } = await run('', () => ok({ index: 86.85 }));
    expect(calls).toEqual([{ procedure: 'assessment.scorecard', input: { cycle: 2022 } }]);
    expect(data.cycle).toBe(2022);
    expect(data.cycles).toContain(2021);
    expect(data.scorecard).toMatchObject({ ok: true, index: 86.85 });
  });

  it('passes a chosen cycle on and ignores one that is not a year', async () => {
    expect((await run('?cycle=2021', () => ok({}))).calls[0]?.input).toEqual({ cycle: 2021 });
    expect((await run('?cycle=abc', () => ok({}))).calls[0]?.input).toEqual({ cycle: 2022 });
    expect((await run('?cycle=1900', () => ok({}))).calls[0]?.input).toEqual({ cycle: 2022 });
  });

  it('keeps a cycle without assessment apart from a failure', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { data } = await run('?cycle=2019', () =>
      failure('NOT_FOUND', 'Évaluation introuvable.', 404),
    );
    expect(data.scorecard).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', detail: 'Évaluation introuvable.' },
    });
    expect(error).not.toHaveBeenCalled();
  });
});
