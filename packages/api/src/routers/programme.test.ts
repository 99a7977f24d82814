import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('programmes on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: ReturnType<typeof createCaller>;
  const as = (role: Parameters<typeof systemActor>[1], locale: 'fr' | 'en' = 'fr') =>
    createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId, role), locale }),
    );
  const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) =>
    queryRows<T>(handle.db, q);

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = as('network-admin');
  });
  afterAll(async () => handle?.close());

  it('opens a programme and renames it; both steps are audited', async () => {
    const created = await caller.programme.create({
      code: 'GOUV',
      name: 'Gouvernance locale',
      nameEn: 'Local governance',
    });
    expect(created).toMatchObject({ code: 'GOUV', description: null });
    const updated = await as('me-officer').programme.update({
      id: created.id,
      programme: {
        name: 'Gouvernance locale et redevabilité',
        nameEn: 'Local governance and accountability',
        description: 'Dialogues élus–citoyens.',
      },
    });
    expect(updated).toMatchObject({ code: 'GOUV', nameEn: 'Local governance and accountability' });
    expect((await caller.programme.list()).items.map((p) => p.code)).toContain('GOUV');
    const audit = await queryRows<{ action: string }>(
      handle.db,
      sql`select action from audit_log where entity = 'programme' and entity_id = ${created.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('records since when and where a programme runs; validated, audited, kept when left out', async () => {
    const created = await caller.programme.create({
      code: 'PAIX-SAHEL',
      name: 'Paix au Sahel',
      nameEn: 'Sahel peace',
      sinceYear: 2019,
      countries: ['ml', 'BF', 'NE'],
    });
    expect(created).toMatchObject({ sinceYear: 2019, countries: ['ML', 'BF', 'NE'] });
    expect(await caller.programme.byId({ id: created.id })).toMatchObject({
      sinceYear: 2019,
      countries: ['ML', 'BF', 'NE'],
    });
    // A rename that does not name them keeps them; null and [] clear them.
    const renamed = await caller.programme.update({
      id: created.id,
      programme: { name: 'Paix au Sahel central', nameEn: 'Central Sahel peace' },
    });
    expect(renamed).toMatchObject({ sinceYear: 2019, countries: ['ML', 'BF', 'NE'] });
    const cleared = await as('me-officer').programme.update({
      id: created.id,
      programme: { name: 'Paix au Sahel', nameEn: 'Sahel peace', sinceYear: null, countries: [] },
    });
    expect(cleared).toMatchObject({ sinceYear: null, countries: [] });
    const audit = await rows<{
      action: string;
      before_year: number | null;
      after_year: number | null;
      after_countries: string;
    }>(
      sql`select action, (before->>'sinceYear')::int as before_year, (after->>'sinceYear')::int as after_year,
                 after->>'countries' as after_countries
            from audit_log where entity = 'programme' and entity_id = ${created.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audit[0]).toMatchObject({ after_year: 2019 });
    expect(audit[2]).toMatchObject({ before_year: 2019, after_year: null });
    expect(JSON.parse(must(audit[2], 'audit[2]').after_countries)).toEqual([]);

    // Bad input: a clear refusal in French and English, and nothing written.
    const n = async () =>
      must(
        (
          await rows<{ n: number }>(
            sql`select count(*)::int as n from audit_log where entity = 'programme'`,
          )
        )[0],
        '( await rows<{ n: number }>( sql`select count(*)::int as n from aud...',
      ).n;
    const before = await n();
    const bad = [
      { sinceYear: 1850, text: /1900 et 2200.*1900 and 2200/ },
      { sinceYear: 2019.5, text: /année entière.*whole year/ },
      { countries: ['Mali'], text: /deux lettres.*two-letter/ },
      { countries: ['ZZ'], text: /code pays inconnu.*unknown country code/ },
      { countries: ['ML', 'ml'], text: /deux fois.*listed twice/ },
    ];
    for (const { text, ...fields } of bad) {
      // The zod message carries both languages (the HTTP edge prefixes « Saisie invalide — »).
      const e = await caller.programme
        .update({ id: created.id, programme: { name: 'x', nameEn: 'x', ...fields } })
        .then(
          () => null,
          (x: unknown) => x as { code: string; message: string },
        );
      expect(e).toMatchObject({ code: 'BAD_REQUEST' });
      expect(e?.message).toMatch(text);
      await expect(
        caller.programme.create({ code: 'MAUVAIS', name: 'x', nameEn: 'x', ...fields }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await n()).toBe(before);
    expect((await caller.programme.byId({ id: created.id })).name).toBe('Paix au Sahel');

    // Who may set them: the structure's writers only, in their own organisation.
    for (const role of ['programme-officer', 'manager', 'donor-viewer'] as const)
      await expect(
        as(role).programme.update({
          id: created.id,
          programme: { name: 'x', nameEn: 'x', sinceYear: 2000 },
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(
      other.programme.update({
        id: created.id,
        programme: { name: 'x', nameEn: 'x', sinceYear: 2000 },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await caller.programme.byId({ id: created.id })).sinceYear).toBeNull();
    // The demo's programmes read their seeded facts.
    const news = (await caller.programme.list()).items.find((p) => p.code === 'NEWS');
    expect(news?.sinceYear).toBe(2011);
  });

  it('refuses a duplicate code, a lower-case code, an unknown programme and other roles', async () => {
    await expect(
      caller.programme.create({ code: 'FPS', name: 'x', nameEn: 'x' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      caller.programme.create({ code: 'fps 2', name: 'x', nameEn: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.programme.update({
        id: '00000000-0000-4000-8000-000000000009',
        programme: { name: 'x', nameEn: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const fps = must(
      (await caller.programme.list()).items.find((p) => p.code === 'FPS'),
      "(await caller.programme.list()).items.find((p) => p.code === 'FPS')",
    );
    for (const role of ['programme-officer', 'manager', 'donor-viewer'] as const)
      await expect(
        as(role).programme.update({ id: fps.id, programme: { name: 'x', nameEn: 'x' } }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(
      other.programme.update({ id: fps.id, programme: { name: 'x', nameEn: 'x' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await caller.programme.byId({ id: fps.id })).name).toBe('Femme, paix et sécurité');
  });

  it('removes a programme nothing uses, audited with who did it', async () => {
    const admin = await demoActor(handle.db, organisationId, 'admin@wanep-mali.demo');
    const asAdmin = createCaller(createContext({ db: handle.db, actor: admin }));
    const created = await caller.programme.create({
      code: 'ERREUR',
      name: 'Ouvert par erreur',
      nameEn: 'Opened by mistake',
    });
    for (const role of ['programme-officer', 'manager', 'donor-viewer'] as const)
      await expect(as(role).programme.delete({ id: created.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    expect(await asAdmin.programme.delete({ id: created.id })).toEqual({ id: created.id });
    await expect(caller.programme.byId({ id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const audit = await rows<{ action: string; user_id: string | null; code: string }>(
      sql`select action, user_id, before->>'code' as code from audit_log
           where entity = 'programme' and entity_id = ${created.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[1]).toMatchObject({ user_id: admin.userId, code: 'ERREUR' });
    await expect(caller.programme.delete({ id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses to remove a programme still used, saying what uses it and how many', async () => {
    const en = as('me-officer', 'en');
    const fps = must(
      (await caller.programme.list()).items.find((p) => p.code === 'FPS'),
      "(await caller.programme.list()).items.find((p) => p.code === 'FPS')",
    );
    const [used] = await rows<{ activities: number; grants: number; access: number }>(
      sql`select (select count(*)::int from activity where programme_id = ${fps.id}) as activities,
                 (select count(*)::int from grant_programme where programme_id = ${fps.id}) as grants,
                 (select count(*)::int from membership_scope where scope_id = ${fps.id}) as access`,
    );
    expect(must(used, 'used').activities).toBeGreaterThan(1);
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    const refusal = await en.programme
      .delete({ id: fps.id })
      .catch((e: unknown) => e as { code: string; message: string });
    expect(refusal).toMatchObject({ code: 'CONFLICT' });
    const message = (refusal as { message: string }).message;
    expect(message).toContain(`still used by ${must(used, 'used').activities} activities`);
    if (must(used, 'used').grants) expect(message).toContain(`${must(used, 'used').grants} grant`);
    if (must(used, 'used').access)
      expect(message).toContain(`${must(used, 'used').access} user access`);
    expect(message).toContain('nothing was removed');
    expect((await caller.programme.byId({ id: fps.id })).code).toBe('FPS');

    // Named by an indicator filter and funded by a grant, nothing else: both said, in French.
    const named = await caller.programme.create({ code: 'NOMME', name: 'Nommé', nameEn: 'Named' });
    await caller.indicator.create({
      code: 'TEST-NOMME',
      title: 'Activités du programme NOMME',
      titleEn: 'NOMME activities',
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: false,
      source: { kind: 'activities', measure: 'count', filter: { programmes: ['FPS', 'NOMME'] } },
    });
    const donor = must(
      (await caller.donor.list()).items[0],
      '(await caller.donor.list()).items[0]',
    );
    await caller.grant.create({
      donorId: donor.id,
      code: 'NOMME-G',
      title: 'Subvention du programme NOMME',
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      programmeIds: [named.id],
    });
    await expect(caller.programme.delete({ id: named.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'Programme encore utilisé(e) par 1 subvention et 1 indicateur dont le filtre le nomme : rien n’a été supprimé. Supprimez-les ou rattachez-les ailleurs d’abord.',
    });
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`)).toEqual(
      // the programme, indicator and grant created above: nothing for the refused removals
      [{ n: must(before[0], 'before[0]').n + 3 }],
    );
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(other.programme.delete({ id: fps.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
