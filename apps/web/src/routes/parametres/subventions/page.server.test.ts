import { describe, expect, it, vi } from 'vitest';
import { failure, fakeFetch, ok } from '../../../../test/fake-api';
import { postAction } from '../../../../test/post-action';

vi.mock('$env/dynamic/private', () => ({ env: { JALON_API_URL: 'http://api.test' } }));

const { actions, load } = await import('./+page.server');

const DONOR = '6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f';
const FPS = '0a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CCSC = '1b8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const GRANT = '912821fe-8d9b-4129-aea3-150b3262d030';
const url = 'http://web.test/parametres/subventions';

const form = {
  code: 'FONDS-PAIX-2024',
  donorId: DONOR,
  title: 'Fonds pour la paix',
  titleEn: 'Peace fund',
  startDate: '2024-01-01',
  endDate: '2025-12-31',
  currency: 'USD',
  amount: '250 000',
  fiscalYearStartMonth: '10',
  reportTemplate: 'usaid-iptt',
  donorReference: 'AW-0042',
  programmeIds: [FPS, CCSC],
};

describe('the grants set-up page', () => {
  it('loads the grants with the donors, programmes and templates their form chooses from', async () => {
    const { fetchFn, calls } = fakeFetch((p) =>
      p === 'grant.list'
        ? ok({ items: [{ id: GRANT, code: 'PROSMED-CCSC' }] })
        : p === 'report.templates'
          ? ok({
              items: [{ id: 'generic', name: { fr: 'Générique', en: 'Generic' }, version: '1' }],
            })
          : ok({ items: [] }),
    );
    const event = { url: new URL(`${url}?modifier=${GRANT}`), fetch: fetchFn };
    const data = (await load(event as unknown as Parameters<typeof load>[0])) as Exclude<
      Awaited<ReturnType<typeof load>>,
      void
    >;
    expect(calls.map((c) => c.procedure)).toEqual([
      'grant.list',
      'donor.list',
      'programme.list',
      'report.templates',
    ]);
    expect(data.editing?.code).toBe('PROSMED-CCSC');
    expect(data.data).toMatchObject({
      ok: true,
      templates: [{ id: 'generic', name: { fr: 'Générique', en: 'Generic' } }],
    });
  });

  it('records a grant with its calendar, amount, donor codes and every ticked programme', async () => {
    const run = await postAction(actions.save, `${url}?/save`, form, () => ok({}));
    expect(run.calls).toEqual([
      {
        procedure: 'grant.create',
        input: {
          code: 'FONDS-PAIX-2024',
          donorId: DONOR,
          title: 'Fonds pour la paix',
          titleEn: 'Peace fund',
          startDate: '2024-01-01',
          endDate: '2025-12-31',
          currency: 'USD',
          amount: 250000,
          fiscalYearStartMonth: 10,
          reportTemplate: 'usaid-iptt',
          iatiIdentifier: null,
          donorReference: 'AW-0042',
          businessUnit: null,
          projectId: null,
          programmeIds: [FPS, CCSC],
        },
      },
    ]);
    expect(run.redirect?.location).toBe('/parametres/subventions?enregistre=FONDS-PAIX-2024');
  });

  it('corrects a grant without its code', async () => {
    const run = await postAction(actions.save, `${url}?/save`, { ...form, id: GRANT }, () =>
      ok({}),
    );
    expect(run.calls[0]?.procedure).toBe('grant.update');
    expect(run.calls[0]?.input).toMatchObject({
      id: GRANT,
      grant: { title: 'Fonds pour la paix' },
    });
    expect((run.calls[0]?.input as { grant: object }).grant).not.toHaveProperty('code');
  });

  it('says a calendar frozen by a locked period as the API does, the ticked programmes kept', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const said =
      'La subvention FONDS-PAIX-2024 a des périodes verrouillées (2024-Q1) : début de l’exercice ne peut plus changer.';
    const run = await postAction(actions.save, `${url}?/save`, { ...form, id: GRANT }, () =>
      failure('PRECONDITION_FAILED', said, 412),
    );
    expect(run.result).toMatchObject({
      status: 412,
      data: {
        form: 'grant',
        id: GRANT,
        values: { fiscalYearStartMonth: '10', programmeIds: `${FPS},${CCSC}` },
        apiError: { code: 'PRECONDITION_FAILED', detail: said },
      },
    });
  });
});
