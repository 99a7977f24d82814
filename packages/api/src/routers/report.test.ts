import {
  findGrantByCode,
  findOrganisationByCode,
  listIndicators,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { auditLog, periodLock } from '@jalon/db/schema';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { BUILT_IN_TEMPLATE_JSON } from '@jalon/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('report router on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let callerEn: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    callerEn = createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId), locale: 'en' }),
    );
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
      version: '1.1.0',
      name: { en: 'UNDP — quarterly progress report' },
    });
    // the generic template is for every donor: no « Bailleur : any »
    expect(items.find((t) => t.id === 'generic')?.donor).toBeNull();
    expect(items.find((t) => t.id === 'undp-quarterly')?.donor).toBe('UNDP');
  });

  it('previews the values a report would write', async () => {
    const p = await caller.report.preview({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
    });
    expect(p.template).toEqual({ id: 'undp-quarterly', version: '1.1.0' });
    const sessions = must(
      p.indicators.find((i) => i.code === 'CCSC-SESSIONS'),
      "p.indicators.find((i) => i.code === 'CCSC-SESSIONS')",
    );
    expect(sessions.values.find((v) => v.period === '2023-Q2')).toMatchObject({
      target: 12,
      actual: { value: 13 },
      status: 'on-track',
    });
    const members = must(
      must(
        p.indicators.find((i) => i.code === 'CCSC-MEMBRES'),
        "p.indicators .find((i) => i.code === 'CCSC-MEMBRES')",
      ).values.find((v) => v.period === '2023-Q2'),
      "p.indicators .find((i) => i.code === 'CCSC-MEMBRES')! .values.find(...",
    );
    expect(members.actual).toEqual({ value: 325, qualifier: 'at-least' });
    expect(members.breakdown?.find((c) => c.key.sex === 'female')?.bounds.lower).toBe(78);
    // Without a template, the grant's own (Just Future reports to the Netherlands ministry).
    const jf = await caller.report.preview({ grant: 'JUST-FUTURE', period: '2023-Q2' });
    expect(jf.template.id).toBe('nl-mfa');
  });

  it('answers NOT_FOUND for an unknown grant and BAD_REQUEST for a bad period, template or user template', async () => {
    await expect(caller.report.preview({ grant: 'NOPE', period: '2023-Q2' })).rejects.toMatchObject(
      { code: 'NOT_FOUND', message: 'Subvention « NOPE » introuvable.' },
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
    must(
      must(must(t.sheets[1], 't.sheets[1]').columns, 't.sheets[1]!.columns')[4],
      't.sheets[1]!.columns![4]',
    ).period = 'life-of-grant';
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

  describe('setComment', () => {
    let org: string;
    let ids: Record<string, string>;
    beforeAll(async () => {
      org = must(
        await findOrganisationByCode(handle.db, 'WANEP-ML'),
        "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
      ).id;
      ids = Object.fromEntries(
        (await listIndicators(handle.db, org)).map((i) => [i.code, i.id] as const),
      );
    });
    const q3Comment = async (code: string) =>
      must(
        must(
          (
            await caller.report.preview({
              grant: 'PROSMED-CCSC',
              period: '2023-Q3',
              template: 'undp-quarterly',
            })
          ).indicators.find((i) => i.code === code),
          "( await caller.report.preview({ grant: 'PROSMED-CCSC', period: '202...",
        ).values.find((v) => v.period === '2023-Q3'),
        "( await caller.report.preview({ grant: 'PROSMED-CCSC', period: '202...",
      ).comment;

    it('sets, replaces and clears a comment the report then carries, each change audited', async () => {
      const set = (comment: string | null, grant = 'PROSMED-CCSC') =>
        caller.report.setComment({
          grant,
          indicatorId: must(ids['CCSC-SESSIONS'], "ids['CCSC-SESSIONS']"),
          period: '2023-Q3',
          comment,
        });
      expect(await set('  Dix sessions prévues, report de trois.  ')).toEqual({
        grant: 'PROSMED-CCSC',
        indicator: 'CCSC-SESSIONS',
        period: '2023-Q3',
        comment: 'Dix sessions prévues, report de trois.',
        language: 'fr',
      });
      expect(await q3Comment('CCSC-SESSIONS')).toEqual({
        fr: 'Dix sessions prévues, report de trois.',
        en: 'Dix sessions prévues, report de trois.',
      });
      // By the grant's id as well as its code.
      const grantId = must(
        await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
        "(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'))",
      ).id;
      expect((await set('Treize sessions tenues.', grantId)).comment).toBe(
        'Treize sessions tenues.',
      );
      expect(await q3Comment('CCSC-SESSIONS')).toMatchObject({ fr: 'Treize sessions tenues.' });
      expect((await set('   ')).comment).toBeNull();
      expect(await q3Comment('CCSC-SESSIONS')).toBeNull();
      expect((await set(null)).comment).toBeNull();
      const audit = await handle.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(
          sql`${auditLog.organisationId} = ${org} and ${auditLog.entity} = 'indicator-comment'`,
        )
        .orderBy(auditLog.id);
      expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    });

    it('writes a comment in the caller’s language unless told, and the report keeps each language’s text', async () => {
      const input = {
        grant: 'PROSMED-CCSC',
        indicatorId: must(ids['CCSC-MEMBRES'], "ids['CCSC-MEMBRES']"),
        period: '2023-Q3',
      };
      const preview = async () =>
        must(
          must(
            (
              await caller.report.preview({
                grant: 'PROSMED-CCSC',
                period: '2023-Q3',
                template: 'undp-quarterly',
              })
            ).indicators.find((i) => i.code === 'CCSC-MEMBRES'),
            "( await caller.report.preview({ grant: 'PROSMED-CCSC', period: '202...",
          ).values.find((v) => v.period === '2023-Q3'),
          "( await caller.report.preview({ grant: 'PROSMED-CCSC', period: '202...",
        );
      await caller.report.setComment({ ...input, comment: 'Trois comités renouvelés.' });
      // French only: the English side is the French text, and says it is French.
      expect(await preview()).toMatchObject({
        comment: { fr: 'Trois comités renouvelés.', en: 'Trois comités renouvelés.' },
        commentLanguage: { fr: 'fr', en: 'fr' },
      });
      expect(
        await callerEn.report.setComment({ ...input, comment: 'Three committees renewed.' }),
      ).toMatchObject({ language: 'en' });
      expect(await preview()).toMatchObject({
        comment: { fr: 'Trois comités renouvelés.', en: 'Three committees renewed.' },
        commentLanguage: null,
      });
      // Clearing the English text leaves the French one.
      await caller.report.setComment({ ...input, comment: null, language: 'en' });
      expect((await preview()).comment).toEqual({
        fr: 'Trois comités renouvelés.',
        en: 'Trois comités renouvelés.',
      });
      await caller.report.setComment({ ...input, comment: null });
      expect((await preview()).comment).toBeNull();
    });

    it('answers NOT_FOUND in the caller’s language for an unknown grant or an indicator outside the grant', async () => {
      const input = {
        grant: 'PROSMED-CCSC',
        indicatorId: must(ids['CCSC-SESSIONS'], "ids['CCSC-SESSIONS']"),
        period: '2023-Q3',
        comment: 'x',
      };
      await expect(caller.report.setComment({ ...input, grant: 'NOPE' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Subvention « NOPE » introuvable.',
      });
      await expect(callerEn.report.setComment({ ...input, grant: 'NOPE' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Grant "NOPE" not found.',
      });
      await expect(
        caller.report.setComment({
          ...input,
          indicatorId: must(ids['JF-LOBBYING'], "ids['JF-LOBBYING']"),
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Indicateur introuvable.' });
      await expect(
        callerEn.report.setComment({
          ...input,
          indicatorId: '00000000-0000-4000-8000-0000000000ee',
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Indicator not found.' });
    });

    it('refuses a bad period, a period outside the grant, a comment too long, and a locked period', async () => {
      const input = {
        grant: 'JUST-FUTURE',
        indicatorId: must(ids['JF-LOBBYING'], "ids['JF-LOBBYING']"),
        period: '2023-Q3',
        comment: 'x',
      };
      for (const bad of [
        { period: '2023-Q9' },
        { period: '2030-Q1' },
        { comment: 'x'.repeat(4001) },
        { indicatorId: 'not-a-uuid' },
      ])
        await expect(caller.report.setComment({ ...input, ...bad })).rejects.toMatchObject({
          code: 'BAD_REQUEST',
        });
      const grantId = must(
        await findGrantByCode(handle.db, org, 'JUST-FUTURE'),
        "(await findGrantByCode(handle.db, org, 'JUST-FUTURE'))",
      ).id;
      await handle.db.insert(periodLock).values({
        organisationId: org,
        grantId,
        periodCode: '2023-Q3',
        periodStart: '2023-07-01',
        periodEnd: '2023-09-30',
      });
      await expect(caller.report.setComment(input)).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: expect.stringMatching(
          /^La période 2023-Q3 de la subvention JUST-FUTURE est verrouillée/,
        ),
      });
      await handle.db.delete(periodLock).where(sql`${periodLock.grantId} = ${grantId}`);
    });
  });
});
