import { findOrganisationByCode, seedDemo, type DatabaseHandle } from '@jalon/db';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { BUILT_IN_TEMPLATE_JSON } from '@jalon/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

describe.each(kinds)('report router on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let callerEn: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = (await findOrganisationByCode(handle.db, 'WANEP-ML'))!.id;
    caller = createCaller(createContext({ db: handle.db, organisationId }));
    callerEn = createCaller(createContext({ db: handle.db, organisationId, locale: 'en' }));
  });
  afterAll(async () => handle?.close());

  it('lists the five built-in templates with their version and names', async () => {
    const { items } = await caller.report.templates();
    expect(items.map((t) => t.id)).toEqual([
      'generic',
      'undp-quarterly',
      'usaid-iptt',
      'eu-logframe',
      'nl-mfa',
    ]);
    expect(items.find((t) => t.id === 'undp-quarterly')).toMatchObject({
      version: '1.0.0',
      name: { en: 'UNDP — quarterly progress report' },
    });
  });

  it('previews the values a report would write', async () => {
    const p = await caller.report.preview({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
    });
    expect(p.template).toEqual({ id: 'undp-quarterly', version: '1.0.0' });
    const sessions = p.indicators.find((i) => i.code === 'CCSC-SESSIONS')!;
    expect(sessions.values.find((v) => v.period === '2023-Q2')).toMatchObject({
      target: 12,
      actual: { value: 13 },
      status: 'on-track',
    });
    const members = p.indicators
      .find((i) => i.code === 'CCSC-MEMBRES')!
      .values.find((v) => v.period === '2023-Q2')!;
    expect(members.actual).toEqual({ value: 325, qualifier: 'at-least' });
    expect(members.breakdown?.find((c) => c.key.sex === 'female')?.bounds.lower).toBe(78);
    // Without a template, the grant's own (Just Future reports to the Netherlands ministry).
    const jf = await caller.report.preview({ grant: 'JUST-FUTURE', period: '2023-Q2' });
    expect(jf.template.id).toBe('nl-mfa');
  });

  it('answers NOT_FOUND for an unknown grant and BAD_REQUEST for a bad period, template or user template', async () => {
    await expect(caller.report.preview({ grant: 'NOPE', period: '2023-Q2' })).rejects.toMatchObject(
      { code: 'NOT_FOUND', message: 'Subvention « NOPE » introuvable.' },
    );
    await expect(
      callerEn.report.preview({ grant: 'NOPE', period: '2023-Q2' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Grant "NOPE" not found.' });
    await expect(
      caller.report.preview({ grant: 'PROSMED-CCSC', period: '2023-Q9' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.report.preview({ grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'nope' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const broken = { ...(BUILT_IN_TEMPLATE_JSON[1] as Record<string, unknown>), id: 'Bad Id' };
    await expect(
      caller.report.preview({ grant: 'PROSMED-CCSC', period: '2023-Q2', templateJson: broken }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^Modèle de rapport invalide — id: /),
    });
    const own = { ...(BUILT_IN_TEMPLATE_JSON[1] as Record<string, unknown>), id: 'my-undp' };
    expect(
      (await caller.report.preview({ grant: 'PROSMED-CCSC', period: '2023-Q2', templateJson: own }))
        .template.id,
    ).toBe('my-undp');
  });

  it('validates a user template with field-path messages', async () => {
    const good = await caller.report.validateTemplate({
      json: JSON.stringify(BUILT_IN_TEMPLATE_JSON[0]),
    });
    expect(good).toMatchObject({ ok: true, issues: [], template: { id: 'generic' } });
    const t = structuredClone(BUILT_IN_TEMPLATE_JSON[1]) as {
      sheets: { columns?: { period?: string }[] }[];
    };
    t.sheets[1]!.columns![4]!.period = 'life-of-grant';
    const bad = await caller.report.validateTemplate({
      json: t as unknown as Record<string, unknown>,
    });
    expect(bad.ok).toBe(false);
    expect(bad.issues).toContainEqual({
      path: 'sheets[1].columns[4].period',
      message: 'period "life-of-grant" is not in periods.include',
    });
    expect(await caller.report.validateTemplate({ json: '{ not json' })).toMatchObject({
      ok: false,
      code: 'invalid-json',
    });
  });

  it('builds the bulletin model for a period', async () => {
    const model = await caller.report.bulletin({ period: '2023-Q2' });
    expect(model.incidents[0]?.total).toEqual({ incidents: 116, deaths: 153, injuries: 236 });
  });
});
