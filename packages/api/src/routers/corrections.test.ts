import { must } from '@jalon/domain';
import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { today } from '../entry-warnings';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();

/** Corrections from the web app: deletes refused in words, warnings that do not refuse. */
describe.each(kinds)('corrections and entry warnings on %s', (kind) => {
  let handle: DatabaseHandle;
  let me: ReturnType<typeof createCaller>;
  let manager: ReturnType<typeof createCaller>;
  let jps: string;
  const count = async (where: string) =>
    Number(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql.raw(`select count(*)::int as n from ${where}`),
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sq...',
      ).n,
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "findOrganisationByCode(handle.db, 'WANEP-ML')",
    ).id;
    const as = async (email: string, locale: 'fr' | 'en' = 'fr') =>
      createCaller(
        createContext({ db: handle.db, actor: await demoActor(handle.db, org, email), locale }),
      );
    me = await as('suivi@wanep-mali.demo');
    manager = await as('direction@wanep-mali.demo');
    jps = must(
      (await me.programme.list()).items.find((p) => p.code === 'JPS'),
      'the JPS programme',
    ).id;
  }, 60_000);
  afterAll(async () => handle?.close());

  const entry = (title: string, date = '2023-06-21') => ({
    programmeId: jps,
    title,
    type: 'dialogue' as const,
    startDate: date,
    endDate: date,
  });

  it('warns of a probable duplicate (same type, date, place, title; accents and case aside) and saves it', async () => {
    const first = await me.activity.create(entry('Dialogue des jeunes à Kayes'));
    expect(first.warnings).toEqual([]);
    const check = await me.activity.check({ activity: entry('DIALOGUE des jeunes a kayes ') });
    expect(check.warnings.map((w) => w.code)).toEqual(['probable-duplicate']);
    expect(must(check.warnings[0], 'check.warnings[0]').records).toEqual([
      { id: first.activity.id, code: first.activity.code, title: 'Dialogue des jeunes à Kayes' },
    ]);
    expect(must(check.warnings[0], 'check.warnings[0]').message.fr).toContain(
      'Doublon probable\u202f:',
    );
    // asking writes nothing; saving goes through, with the same warning
    const before = await count('activity');
    const second = await me.activity.create(entry('Dialogue des jeunes à Kayes'));
    expect(await count('activity')).toBe(before + 1);
    expect(second.warnings[0]?.records.map((r) => r.id)).toEqual([first.activity.id]);
    // a correction of the record is not its own duplicate; another date is no duplicate
    const own = await me.activity.check({ id: first.activity.id, activity: entry('Autre titre') });
    expect(own.warnings).toEqual([]);
    expect(
      (await me.activity.check({ activity: entry('Dialogue des jeunes à Kayes', '2023-06-22') }))
        .warnings,
    ).toEqual([]);
  });

  it('warns of a date to come, and saves it', async () => {
    const r = await me.activity.create(entry('Atelier prévu', '2031-01-15'));
    expect(r.warnings.map((w) => w.code)).toEqual(['future-date']);
    expect(must(r.warnings[0], 'r.warnings[0]').message.fr).toContain(
      `aujourd’hui\u202f: ${today()}`,
    );
    const incident = await me.incident.create({
      date: '2031-02-01',
      category: 'democracy-governance',
    });
    expect(incident.warnings.map((w) => w.code)).toEqual(['future-date']);
  });

  it('warns of a grant whose indicators will not count the activity, saying their filters', async () => {
    const grants = (await me.grant.list()).items;
    const grantId = (code: string) =>
      must(
        grants.find((g) => g.code === code),
        code,
      ).id;
    const ccsc = must(
      (await me.programme.list()).items.find((p) => p.code === 'CCS-C'),
      'the CCS-C programme',
    ).id;
    // Each asked with a title of its own, so that none is a probable duplicate of another.
    let asked = 0;
    const tagged = (
      codes: string[],
      over: { programmeId?: string; type?: 'dialogue' | 'conference' | 'training' } = {},
    ) => ({
      ...entry(`Dialogue intergénérationnel de Ségou ${asked++}`, '2023-06-14'),
      ...over,
      grantIds: codes.map(grantId),
    });
    // A JPS dialogue tagged with PROSMED-CCSC: its three indicators read CCS-C trainings only.
    const r = await me.activity.create(tagged(['PROSMED-CCSC']));
    expect(r.warnings.map((w) => w.code)).toEqual(['grant-not-counted']);
    expect(r.warnings[0]?.message.fr).toBe(
      'Les indicateurs de la subvention PROSMED-CCSC ne compteront pas cette activité\u202f: ' +
        'CCSC-FEMMES, CCSC-MEMBRES et CCSC-SESSIONS ne comptent que le programme CCS-C et le type formation. ' +
        'Vérifiez la subvention, le programme, le type et le lieu avant de confirmer.',
    );
    expect(r.warnings[0]?.message.en).toContain(
      'CCSC-FEMMES, CCSC-MEMBRES and CCSC-SESSIONS count only programme CCS-C and type training',
    );
    expect(r.activity.grants.map((g) => g.code)).toEqual(['PROSMED-CCSC']);
    // Y-TEAM's indicator reads JPS: counted, no warning; a CCS-C conference misses the type only.
    expect((await me.activity.check({ activity: tagged(['Y-TEAM']) })).warnings).toEqual([]);
    const conference = await me.activity.check({
      activity: tagged(['PROSMED-CCSC'], { programmeId: ccsc, type: 'conference' }),
    });
    expect(conference.warnings[0]?.message.fr).toContain('ne comptent que le type formation.');
    expect(
      (
        await me.activity.check({
          activity: tagged(['PROSMED-CCSC'], { programmeId: ccsc, type: 'training' }),
        })
      ).warnings,
    ).toEqual([]);
    // CEDEAO-NEWS counts products and incidents, no activity.
    const news = await me.activity.check({ activity: tagged(['CEDEAO-NEWS', 'Y-TEAM']) });
    expect(news.warnings.map((w) => w.message.fr)).toEqual([
      expect.stringContaining(
        'CEDEAO-NEWS ne compteront pas cette activité\u202f: aucun de ses indicateurs ne compte des activités',
      ),
    ]);
    // A correction is not warned again of what the activity already was; a grant added is.
    const again = await me.activity.check({
      id: r.activity.id,
      activity: tagged(['PROSMED-CCSC']),
    });
    expect(again.warnings).toEqual([]);
    const updated = await me.activity.update({
      id: r.activity.id,
      version: r.activity.version,
      activity: tagged(['PROSMED-CCSC', 'CEDEAO-NEWS']),
    });
    expect(updated.warnings.map((w) => w.message.fr)).toEqual([
      expect.stringContaining('subvention CEDEAO-NEWS'),
    ]);
  });

  it('warns of an incident with the same date, place, category and victims', async () => {
    const fields = {
      date: '2023-06-25',
      category: 'women-peace-security' as const,
      deaths: 2,
      injuries: 1,
    };
    const first = await me.incident.create(fields);
    expect(first.warnings).toEqual([]);
    const check = await me.incident.check({ incident: fields });
    expect(check.warnings.map((w) => [w.code, w.records.map((x) => x.code)])).toEqual([
      ['probable-duplicate', [first.code]],
    ]);
    expect((await me.incident.check({ incident: { ...fields, deaths: 3 } })).warnings).toEqual([]);
  });

  it('refuses in words to delete a validated activity, and one with people named on it', async () => {
    const a = (await me.activity.create(entry('Activité à valider'))).activity;
    const submitted = await me.activity.submit({ id: a.id, version: a.version });
    const validated = await manager.activity.validate({
      id: a.id,
      version: submitted.version,
    });
    await expect(me.activity.delete({ id: a.id, version: validated.version })).rejects.toThrow(
      'Cette activité est validée\u202f: elle ne peut pas être supprimée',
    );
    expect(await count(`activity where id = '${a.id}'`)).toBe(1);

    const b = (
      await me.activity.create({
        ...entry('Activité avec présences'),
        participants: { total: { value: 5, qualifier: 'exact' }, cells: [] },
      })
    ).activity;
    const set = await me.attendance.set({
      activityId: b.id,
      version: b.version,
      participants: [{ code: 'P-CORR-1', sex: 'female' }],
    });
    await expect(
      me.activity.delete({ id: b.id, version: set.activity.version }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('1 personne nommée dans la liste de présence'),
    });
    expect(await count(`activity where id = '${b.id}'`)).toBe(1);

    // a draft with nothing on it goes, and the audit log keeps what it was
    const c = (await me.activity.create(entry('Activité saisie par erreur'))).activity;
    await me.activity.delete({ id: c.id, version: c.version });
    expect(await count(`audit_log where entity_id = '${c.id}' and action = 'delete'`)).toBe(1);
  });
});
