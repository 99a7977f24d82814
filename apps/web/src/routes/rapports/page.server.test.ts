import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../test/fake-api';
import { postAction } from '../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

/** The signed-in user's procedures, as the root layout loads them (`session.me`). */
const meOfficer = { procedures: ['report.preview', 'report.submit', 'audit.list'] };
const donor = { procedures: ['report.preview', 'report.snapshot'] };

async function run(
  search: string,
  answer: Parameters<typeof fakeFetch>[0],
  me: { procedures: string[] } | null = meOfficer,
) {
  const { fetchFn, calls } = fakeFetch(answer);
  const event = {
    url: new URL(`http://web.test/rapports${search}`),
    fetch: fetchFn,
    parent: async () => ({ me }),
  };
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
      : procedure === 'report.snapshot'
        ? ok(null)
        : ok({ indicators: [] });

const SNAPSHOT = '5b1d7c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const snapshot = {
  id: SNAPSHOT,
  grant: { id: 'g1', code: 'PROSMED-CCSC' },
  period: { code: '2023-Q2', start: '2023-04-01', end: '2023-06-30' },
  template: { id: 'undp-quarterly', version: '1', definition: { big: true } },
  sha256: 'ab'.repeat(32),
  submittedAt: '2024-06-12T10:32:05.000Z',
  model: { a: 'large model the page does not show' },
  intact: true,
};
const submitted = (procedure: string) =>
  procedure === 'report.snapshot'
    ? ok(snapshot)
    : procedure === 'audit.list'
      ? ok({
          items: [{ id: 9, user: { id: 'u1', email: 'suivi@wanep-mali.demo' } }],
          total: 1,
        })
      : answer(procedure);

describe('the DHIS2 download', () => {
  const exchange = { procedures: [...meOfficer.procedures, 'adx.dhis2', 'adx.mapping'] };
  const withMapping = (mapping: unknown) => (procedure: string) =>
    procedure === 'adx.mapping' ? ok({ mapping }) : answer(procedure);

  it('is offered when the grant’s mapping has its DHIS2 part, asked of the mapping once', async () => {
    const { data, calls } = await run(
      '?grant=PROSMED-CCSC',
      withMapping({ dhis2: { idScheme: 'UID' } }),
      exchange,
    );
    expect(calls.filter((c) => c.procedure === 'adx.mapping')).toEqual([
      { procedure: 'adx.mapping', input: { grant: 'PROSMED-CCSC' } },
    ]);
    expect(data.dhis2).toBe(true);
  });

  it('is not offered without a DHIS2 part, without a mapping, or when the API cannot say', async () => {
    expect((await run('?grant=PROSMED-CCSC', withMapping({}), exchange)).data.dhis2).toBe(false);
    expect((await run('?grant=PROSMED-CCSC', withMapping(null), exchange)).data.dhis2).toBe(false);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const refused = await run(
      '?grant=PROSMED-CCSC',
      (p) => (p === 'adx.mapping' ? failure('FORBIDDEN', 'Refusé.', 403) : answer(p)),
      exchange,
    );
    expect(refused.data.dhis2).toBe(false);
  });

  it('is never asked of a reader who may not read the mapping (a donor)', async () => {
    const { data, calls } = await run('?grant=PROSMED-CCSC', answer, {
      procedures: [...donor.procedures, 'adx.dhis2'],
    });
    expect(calls.map((c) => c.procedure)).not.toContain('adx.mapping');
    expect(data.dhis2).toBe(false);
  });
});

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

describe('the Rapports submission step', () => {
  it('says a period not yet submitted, and asks to confirm only when asked to submit', async () => {
    const { data, calls } = await run('?grant=PROSMED-CCSC', answer);
    expect(calls.find((c) => c.procedure === 'report.snapshot')?.input).toEqual({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
    });
    expect(data.submission).toEqual({ ok: true, snapshot: null });
    expect(data.confirming).toBe(false);
    const asked = await run('?grant=PROSMED-CCSC&soumettre=1', answer);
    expect(asked.data.confirming).toBe(true);
  });

  it('shows a submitted period as locked, when and by whom, without the model', async () => {
    const { data, calls } = await run('?grant=PROSMED-CCSC&soumettre=1&soumis=1', submitted);
    expect(calls.find((c) => c.procedure === 'audit.list')?.input).toEqual({
      entity: 'report',
      entityId: SNAPSHOT,
      limit: 1,
    });
    expect(data.submission).toEqual({
      ok: true,
      snapshot: {
        id: SNAPSHOT,
        grant: 'PROSMED-CCSC',
        period: snapshot.period,
        template: 'undp-quarterly',
        sha256: snapshot.sha256,
        submittedAt: snapshot.submittedAt,
        submittedBy: 'suivi@wanep-mali.demo',
      },
    });
    expect(data.submitted).toBe(true);
    // Already submitted: nothing left to confirm.
    expect(data.confirming).toBe(false);
  });

  it('does not ask the audit trail for a donor, who may not read it', async () => {
    const { data, calls } = await run('?grant=PROSMED-CCSC', submitted, donor);
    expect(calls.map((c) => c.procedure)).not.toContain('audit.list');
    expect(data.submission).toMatchObject({ ok: true, snapshot: { submittedBy: null } });
  });
});

describe('the Rapports submit action', () => {
  async function post(fields: Record<string, string>, reply: Parameters<typeof fakeFetch>[0]) {
    const { fetchFn, calls } = fakeFetch(reply);
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const request = new Request('http://web.test/rapports?grant=PROSMED-CCSC&/submit', {
      method: 'POST',
      body,
    });
    const event = { request, fetch: fetchFn, url: new URL(request.url), params: {} };
    try {
      const result = await actions.submit(event as unknown as Parameters<typeof actions.submit>[0]);
      return { result, calls, redirect: null };
    } catch (thrown) {
      return { result: null, calls, redirect: thrown as { status: number; location: string } };
    }
  }
  const fields = { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' };

  it('submits only once confirmed, then shows the locked period', async () => {
    const unconfirmed = await post(fields, () => ok(snapshot));
    expect(unconfirmed.calls).toEqual([]);
    expect(unconfirmed.result).toMatchObject({
      status: 400,
      data: {
        submitReport: {
          apiError: null,
          message: 'La soumission n’a pas été confirmée\u202f: rien n’a été soumis.',
        },
      },
    });
    const { calls, redirect } = await post({ ...fields, confirm: 'yes' }, () => ok(snapshot));
    expect(calls).toEqual([{ procedure: 'report.submit', input: fields }]);
    expect(redirect).toMatchObject({
      status: 303,
      location:
        '/rapports?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly&soumis=1#soumission',
    });
  });

  it('says why the API refused (period already submitted), nothing else lost', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const message =
      'La période 2023-Q2 de la subvention PROSMED-CCSC est verrouillée par un rapport soumis : rien n’a été modifié.';
    const { result } = await post({ ...fields, confirm: 'yes' }, () =>
      failure('PRECONDITION_FAILED', message, 412),
    );
    expect(result).toMatchObject({
      status: 412,
      data: { submitReport: { apiError: { code: 'PRECONDITION_FAILED', detail: message } } },
    });
  });
});

describe('the Rapports comments (narrative)', () => {
  const GRANT_ID = '912821fe-8d9b-4129-aea3-150b3262d030';
  const IND_A = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
  const IND_B = '1b8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
  const writer = { procedures: [...meOfficer.procedures, 'report.setComment'] };
  const withIds = (procedure: string) =>
    procedure === 'grant.list'
      ? ok({ items: [{ id: GRANT_ID, code: 'PROSMED-CCSC', reportTemplate: 'undp-quarterly' }] })
      : procedure === 'indicator.list'
        ? ok({ items: [{ id: IND_A, code: 'A' }] })
        : answer(procedure);

  it('gives the comment boxes their indicators only to a role that may write comments', async () => {
    const allowed = await run('?grant=PROSMED-CCSC&commente=2', withIds, writer);
    expect(allowed.calls.find((c) => c.procedure === 'indicator.list')?.input).toEqual({
      grantId: GRANT_ID,
    });
    expect(allowed.data.commentable).toEqual({ ok: true, items: [{ id: IND_A, code: 'A' }] });
    expect(allowed.data.commented).toBe(2);
    const reader = await run('?grant=PROSMED-CCSC', withIds, donor);
    expect(reader.calls.map((c) => c.procedure)).not.toContain('indicator.list');
    expect(reader.data.commentable).toBeNull();
  });

  const base = { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' };
  const url = 'http://web.test/rapports?grant=PROSMED-CCSC&/comments';

  it('saves the comments that changed, an emptied one removed, and says how many', async () => {
    const posted = await postAction(
      actions.comments,
      url,
      {
        ...base,
        [`comment:${IND_A}`]: 'Treize sessions dans huit régions.',
        [`was:${IND_A}`]: '',
        [`code:${IND_A}`]: 'A',
        [`comment:${IND_B}`]: '',
        [`was:${IND_B}`]: 'Ancien texte',
        [`code:${IND_B}`]: 'B',
      },
      () => ok({}),
    );
    expect(posted.calls).toEqual([
      {
        procedure: 'report.setComment',
        input: {
          grant: 'PROSMED-CCSC',
          period: '2023-Q2',
          indicatorId: IND_A,
          comment: 'Treize sessions dans huit régions.',
        },
      },
      {
        procedure: 'report.setComment',
        input: { grant: 'PROSMED-CCSC', period: '2023-Q2', indicatorId: IND_B, comment: null },
      },
    ]);
    expect(posted.redirect?.location).toBe(
      '/rapports?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly&commente=2#analyse',
    );
  });

  it('saves the report’s analysis when it changed, and keeps it, said, when the period is locked', async () => {
    const analysis = 'Trois dialogues ont réuni les chefs de quartier de Mopti.';
    const posted = await postAction(
      actions.comments,
      url,
      { ...base, analysis: ` ${analysis} `, 'was:analysis': '' },
      () => ok({ text: analysis, language: 'fr' }),
    );
    expect(posted.calls).toEqual([
      {
        procedure: 'reportText.set',
        input: { grant: 'PROSMED-CCSC', period: '2023-Q2', text: analysis },
      },
    ]);
    expect(posted.redirect?.location).toBe(
      '/rapports?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly&commente=1#analyse',
    );
    const unchanged = await postAction(
      actions.comments,
      url,
      { ...base, analysis, 'was:analysis': analysis },
      () => ok({}),
    );
    expect(unchanged.calls).toEqual([]);

    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'La période 2023-Q2 de PROSMED-CCSC est verrouillée par un rapport soumis.';
    const refused = await postAction(
      actions.comments,
      url,
      { ...base, analysis, 'was:analysis': '' },
      () => failure('PRECONDITION_FAILED', said, 412),
    );
    expect(refused.result).toMatchObject({
      status: 412,
      data: {
        narrative: { analysis, refused: [{ code: 'Analyse du rapport', reason: said }] },
      },
    });
  });

  it('names the indicator whose comment a locked period refused, and keeps its text', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = 'La période 2023-Q2 de PROSMED-CCSC est verrouillée par un rapport soumis.';
    const posted = await postAction(
      actions.comments,
      url,
      {
        ...base,
        [`comment:${IND_A}`]: 'Texte refusé',
        [`was:${IND_A}`]: '',
        [`code:${IND_A}`]: 'A',
      },
      () => failure('PRECONDITION_FAILED', said, 412),
    );
    expect(posted.result).toEqual({
      status: 412,
      data: {
        narrative: { typed: { [IND_A]: 'Texte refusé' }, refused: [{ code: 'A', reason: said }] },
      },
    });
  });
});
