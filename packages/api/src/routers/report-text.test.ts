import { must } from '@jalon/domain';
import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { renderIati } from '@jalon/reports';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();

describe.each(kinds)('the report’s analysis text on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let me: ReturnType<typeof createCaller>;
  let meEn: ReturnType<typeof createCaller>;
  let manager: ReturnType<typeof createCaller>;
  const where = { grant: 'PROSMED-CCSC', period: '2023-Q3' };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    const as = async (email: string, locale: 'fr' | 'en' = 'fr') =>
      createCaller(
        createContext({ db: handle.db, actor: await demoActor(handle.db, org, email), locale }),
      );
    me = await as('suivi@wanep-mali.demo');
    meEn = await as('suivi@wanep-mali.demo', 'en');
    manager = await as('direction@wanep-mali.demo');
  }, 60_000);
  afterAll(async () => handle?.close());

  it('is written per grant × period × language, read back, and carried by the report model', async () => {
    expect(await me.reportText.get(where)).toEqual({ fr: null, en: null });
    await me.reportText.set({
      ...where,
      text: '  Trois dialogues ont réuni les chefs de quartier.  ',
    });
    await meEn.reportText.set({ ...where, text: 'Three dialogues brought ward chiefs together.' });
    expect(await manager.reportText.get(where)).toEqual({
      fr: 'Trois dialogues ont réuni les chefs de quartier.',
      en: 'Three dialogues brought ward chiefs together.',
    });
    const { model } = await me.report.model({ ...where, template: 'undp-quarterly' });
    expect(model.narrative.summary).toEqual({
      fr: 'Trois dialogues ont réuni les chefs de quartier.',
      en: 'Three dialogues brought ward chiefs together.',
    });
    expect(model.narrative.summaryLanguage).toEqual({ fr: 'fr', en: 'en' });
    // Another period has none.
    const q2 = await me.report.model({ ...where, period: '2023-Q2', template: 'undp-quarterly' });
    expect(q2.model.narrative.summary).toBeUndefined();
  });

  it('is removed when emptied, every change audited; only the M&E team writes it', async () => {
    await meEn.reportText.set({ ...where, text: '   ' });
    expect((await me.reportText.get(where)).en).toBeNull();
    const { model } = await me.report.model({ ...where, template: 'undp-quarterly' });
    // The French text stands in for the English one, and says it is French (IATI tags it so).
    expect(model.narrative.summary?.en).toBe('Trois dialogues ont réuni les chefs de quartier.');
    expect(model.narrative.summaryLanguage).toEqual({ fr: 'fr', en: 'fr' });
    expect(renderIati(model)).toMatch(
      /<description type="4">\s*<narrative>Trois dialogues ont réuni les chefs de quartier\.<\/narrative>\s*<\/description>/,
    );
    const audit = await queryRows<{ action: string }>(
      handle.db,
      sql`select action from audit_log where entity = 'report-text' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'delete']);
    await expect(manager.reportText.set({ ...where, text: 'Non.' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('is refused outside the grant and in a locked period, in words, changing nothing', async () => {
    await expect(
      me.reportText.set({ ...where, period: '2030-Q1', text: 'x' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('hors de la subvention'),
    });
    const grant = must(
      (await me.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await me.grant.list()).items.find((g) => g.code === 'PRO...",
    );
    await queryRows(
      handle.db,
      sql`insert into period_lock (organisation_id, grant_id, period_code, period_start, period_end)
          values (${org}, ${grant.id}, '2023-Q3', '2023-07-01', '2023-09-30')`,
    );
    await expect(me.reportText.set({ ...where, text: 'Ajouté après coup.' })).rejects.toMatchObject(
      {
        code: 'PRECONDITION_FAILED',
        message: expect.stringContaining('2023-Q3'),
      },
    );
    expect((await me.reportText.get(where)).fr).toBe(
      'Trois dialogues ont réuni les chefs de quartier.',
    );
  });
});
