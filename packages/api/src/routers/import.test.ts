import { must } from '@jalon/domain';
import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import type { MappingProfileInput } from '@jalon/import';
import {
  KOBO_ACTIVITIES_PROFILE,
  KOBO_ATTENDANCE_PROFILE,
  recordedKoboPage,
} from '@jalon/import/test-support';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

/**
 * `import.*` end to end on both engines: a French CSV (`;`, dd/mm/yyyy, « environ 50 »,
 * « plus de 325 », « Segou » for Ségou) staged, planned, committed all or nothing, imported
 * again as unchanged, corrected, undone; bad files and bad rows refused with their words.
 */
const kinds = await testDatabaseKinds();

const PROFILE: MappingProfileInput = {
  format: 1,
  name: 'Activités du secrétariat',
  kind: 'activities',
  columns: [
    { source: 'Identifiant', target: { field: 'externalId' } },
    { source: 'Titre', target: { field: 'title' } },
    { source: 'Type', target: { field: 'type' } },
    { source: 'Programme', target: { field: 'programme' } },
    { source: 'Date de début', target: { field: 'startDate' } },
    { source: 'Date de fin', target: { field: 'endDate' }, optional: true },
    { source: 'Lieux', target: { field: 'places' }, optional: true },
    { source: 'Participants', target: { cell: {} } },
    { source: 'Femmes', target: { cell: { sex: 'female' } } },
  ],
};

const KOBO_ACTIVITIES = KOBO_ACTIVITIES_PROFILE;
const KOBO_ATTENDANCE = KOBO_ATTENDANCE_PROFILE;

const HEADER =
  'Identifiant;Titre;Type;Programme;Date de début;Date de fin;Lieux;Participants;Femmes';
const ROWS = [
  'IMP-001;Rencontre de capitalisation PLF;Réunion;FPS;07/04/2024;07/04/2024;Bamako;12;7',
  'IMP-002;Sensibilisation contre les MGF;Sensibilisation;femme, paix et securite;15/05/2024;;"Segou; Mopti";plus de 325;',
  'IMP-003;Célébration de la CEDEAO;Cérémonie;FPS;27/05/2024;27/05/2024;Bamako;environ 50;',
];
const csv = (rows: string[]) =>
  Buffer.from([HEADER, ...rows].join('\r\n'), 'utf8').toString('base64');

describe.each(kinds)('import router on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let caller: ReturnType<typeof createCaller>;
  let asEn: ReturnType<typeof createCaller>;
  const activities = async () =>
    Number(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql`select count(*)::int as n from activity where organisation_id = ${org}`,
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sql`select coun',
      ).n,
    );
  const stage = (rows: string[], fileName = 'activites.csv') =>
    caller.import.stage({ fileName, contentBase64: csv(rows), profile: PROFILE });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof TRPCError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      '(await findOrganisationByCode(handle.db, ’WANEP-ML’))',
    ).id;
    const officer = await demoActor(handle.db, org, 'suivi@wanep-mali.demo');
    caller = createCaller(createContext({ db: handle.db, actor: officer, locale: 'fr' }));
    asEn = createCaller(createContext({ db: handle.db, actor: officer, locale: 'en' }));
  }, 60_000);
  afterAll(async () => handle?.close(), 60_000);

  it('stages a French CSV (nothing written), plans it, commits it, and the same file again is unchanged', async () => {
    const before = await activities();
    const staged = await stage(ROWS);
    expect(staged.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
    expect(await activities()).toBe(before);

    const plan = await caller.import.plan({ id: staged.id });
    expect(plan.batch).toMatchObject({
      status: 'staged',
      kind: 'activities',
      fileName: 'activites.csv',
    });
    expect(plan.batch.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.counts.create).toBe(3);

    const done = await caller.import.commit({ id: staged.id });
    expect(done.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
    expect(await activities()).toBe(before + 3);
    const { items } = await caller.activity.list({ period: '2024-05' });
    const mgf = must(
      items.find((a) => a.title === 'Sensibilisation contre les MGF'),
      'items.find((a) => a.title === ’Sensibilisation contre les MG',
    );
    expect(mgf.participants?.total).toEqual({ value: 325, qualifier: 'at-least' });
    expect(mgf.places.map((p) => p.name).sort()).toEqual(['Mopti', 'Ségou']);
    expect(mgf.programme.code).toBe('FPS');
    const ceremony = must(
      items.find((a) => a.title === 'Célébration de la CEDEAO'),
      'items.find((a) => a.title === ’Célébration de la CEDEAO’)',
    );
    expect(ceremony.participants?.total).toEqual({ value: 50, qualifier: 'approximate' });

    // The same file again: « 3 inchangées », nothing more written.
    const again = await stage(ROWS);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 0 });
    await caller.import.commit({ id: again.id });
    expect(await activities()).toBe(before + 3);

    const listed = await caller.import.list();
    expect(listed.items.slice(0, 2).map((b) => b.status)).toEqual(['committed', 'committed']);
    expect((await caller.import.byId({ id: staged.id })).profile).toMatchObject({
      name: PROFILE.name,
    });
  });

  it('updates a corrected row at its version, never duplicating it, and undoes the correction', async () => {
    const before = await activities();
    const corrected = [
      must(ROWS[0], 'ROWS[0]').replace(';12;7', ';14;8'),
      must(ROWS[1], 'ROWS[1]'),
      must(ROWS[2], 'ROWS[2]'),
    ];
    const staged = await stage(corrected);
    expect(staged.counts).toEqual({ create: 0, update: 1, unchanged: 2, rejected: 0 });
    await caller.import.commit({ id: staged.id });
    expect(await activities()).toBe(before);
    const { items } = await caller.activity.list({ period: '2024-04' });
    const plf = must(
      items.find((a) => a.title === 'Rencontre de capitalisation PLF'),
      'items.find((a) => a.title === ’Rencontre de capitalisation P',
    );
    expect(plf.participants?.total?.value).toBe(14);
    expect(plf.version).toBe(2);

    expect(await caller.import.undo({ id: staged.id })).toEqual({
      id: staged.id,
      deleted: 0,
      restored: 1,
    });
    const back = (await caller.activity.byId({ id: plf.id })).participants?.total?.value;
    expect(back).toBe(12);
    const twice = await refusal(caller.import.undo({ id: staged.id }));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toBe('Ce lot est annulé\u202f: impossible de l’annuler.');
  });

  it('groups row errors by code, writes nothing, then imports the valid rows only when asked', async () => {
    const before = await activities();
    const bad = [
      'BAD-001;Atelier de formation des points focaux;Formation;FPS;03/06/2024;;Bamako;20;30',
      'BAD-002;Atelier à Tombouctou;Formation;FPS;04/06/2024;;Tombouctouu;10;',
      'BAD-003;Atelier sans date;Formation;FPS;;;Bamako;10;',
      'BAD-004;Atelier valide;Formation;FPS;05/06/2024;;Bamako;10;4',
      'BAD-005;Autre atelier sans date;Formation;FPS;;;Bamako;10;',
    ];
    const staged = await stage(bad, 'mauvais.csv');
    expect(staged.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 4 });
    const plan = await caller.import.plan({ id: staged.id });
    const required = must(
      plan.groups.find((g) => g.code === 'required' && g.field === 'startDate'),
      'plan.groups.find((g) => g.code === ’required’ && g.field ===',
    );
    expect(required.rowRanges).toBe('4, 6');
    expect(required.title).toEqual({
      fr: 'Valeur obligatoire manquante',
      en: 'Required value missing',
    });
    const inconsistent = must(
      plan.groups.find((g) => g.code === 'participation-inconsistent'),
      'plan.groups.find((g) => g.code === ’participation-inconsiste',
    );
    expect(inconsistent.rows).toEqual([2]);
    expect(must(inconsistent.examples[0], 'inconsistent.examples[0]').message.fr).toMatch(/30/);
    expect(
      must(
        plan.groups.find((g) => g.code === 'place-not-found'),
        'plan.groups.find((g) => g.code === ’place-not-found’)',
      ).rows,
    ).toEqual([3]);
    expect(plan.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 6]);

    const refused = await refusal(caller.import.commit({ id: staged.id }));
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toMatch(
      /^Rien n’a été importé\u202f: 4 lignes ne peuvent pas être écrites — ligne 2\u202f: /,
    );
    expect(refused.message).toContain('lignes 4, 6\u202f: Valeur obligatoire manquante');
    const en = await refusal(asEn.import.commit({ id: staged.id }));
    expect(en.message).toMatch(/^Nothing was imported: 4 rows cannot be written — row 2: /);
    expect(await activities()).toBe(before);

    const valid = await caller.import.commit({ id: staged.id, validOnly: true });
    expect(valid).toEqual({
      id: staged.id,
      counts: { create: 1, update: 0, unchanged: 0, rejected: 4 },
      validOnly: true,
    });
    expect(await activities()).toBe(before + 1);
  });

  it('refuses a file that is no table, and a profile that no longer fits, with their codes', async () => {
    const pdf = await refusal(
      caller.import.stage({
        fileName: 'rapport.pdf',
        contentBase64: Buffer.from('%PDF-1.7 …').toString('base64'),
        profile: PROFILE,
      }),
    );
    expect(pdf.code).toBe('BAD_REQUEST');
    expect(pdf.message).toMatch(/PDF.*\(file-wrong-type\)$/);
    const renamed = await refusal(
      caller.import.stage({
        fileName: 'a.csv',
        contentBase64: Buffer.from(
          [
            HEADER.replace('Titre', 'Intitulé'),
            must(ROWS[0], 'ROWS[0]').replace('IMP-001', 'X-1'),
          ].join('\n'),
        ).toString('base64'),
        profile: PROFILE,
      }),
    );
    expect(renamed.message).toMatch(/colonne absente « Titre ».*\(profile-mismatch\)$/);
    const header = await refusal(stage([]));
    expect(header.message).toMatch(/\(header-only\)$/);
  });

  it('turns a KoboToolbox JSON export with a repeat group into activities and attendance; an edited submission updates, never duplicates', async () => {
    const kobo = (name: string) => JSON.parse(recordedKoboPage(name)) as { results: unknown[] };
    const base64 = (results: unknown[]) =>
      Buffer.from(JSON.stringify({ results })).toString('base64');
    const first = base64([
      ...kobo('data-page-1.json').results,
      ...kobo('data-page-2.json').results,
    ]);
    const edited = base64(kobo('data-edited.json').results);
    const before = await activities();

    const acts = await caller.import.stage({
      fileName: 'kobo.json',
      contentBase64: first,
      profile: KOBO_ACTIVITIES,
    });
    expect(acts.counts).toMatchObject({ create: 2, rejected: 0 });
    await caller.import.commit({ id: acts.id });
    expect(await activities()).toBe(before + 2);
    const people = await caller.import.stage({
      fileName: 'kobo.json',
      contentBase64: first,
      profile: KOBO_ATTENDANCE,
    });
    expect(people.counts.rejected).toBe(0);
    expect(people.counts.create).toBeGreaterThanOrEqual(3);
    await caller.import.commit({ id: people.id });
    const { items } = await caller.activity.list({ period: '2023-05', limit: 500 });
    const segou = must(
      items.find((a) => a.title === 'Formation des jeunes leaders à Ségou'),
      'items.find((a) => a.title === ’Formation des jeunes leaders ',
    );
    expect(
      (await caller.attendance.list({ activityId: segou.id })).items.map((p) => p.code),
    ).toEqual(['P-01', 'P-02', 'P-03']);

    // The same submission edited in Kobo (same meta/rootUuid): an update and a fourth person.
    const acts2 = await caller.import.stage({
      fileName: 'kobo.json',
      contentBase64: edited,
      profile: KOBO_ACTIVITIES,
    });
    expect(acts2.counts.update).toBe(1);
    expect(acts2.counts.create).toBe(0);
    await caller.import.commit({ id: acts2.id });
    const people2 = await caller.import.stage({
      fileName: 'kobo.json',
      contentBase64: edited,
      profile: KOBO_ATTENDANCE,
    });
    expect(people2.counts.create).toBe(1);
    await caller.import.commit({ id: people2.id });
    expect(await activities()).toBe(before + 2);
    const after = await caller.activity.byId({ id: segou.id });
    expect(after.participants?.total?.value).toBe(4);
    expect(
      (await caller.attendance.list({ activityId: segou.id })).items.map((p) => p.code),
    ).toEqual(['P-01', 'P-02', 'P-03', 'P-04']);
  });

  it('imports the early-warning register: incidents by domain in French, unchanged again, corrected, undone', async () => {
    const profile: MappingProfileInput = {
      format: 1,
      name: 'Registre des incidents',
      kind: 'incidents',
      columns: [
        { source: 'N°', target: { field: 'externalId' } },
        { source: 'Date', target: { field: 'date' } },
        { source: 'Domaine', target: { field: 'category' } },
        { source: 'Morts', target: { field: 'deaths' } },
        { source: 'Blessés', target: { field: 'injuries' } },
        { source: 'Vérifié', target: { field: 'verified' } },
        { source: 'Lieu', target: { field: 'place' } },
        { source: 'Description', target: { field: 'description' }, optional: true },
      ],
    };
    const file = (rows: string[]) =>
      Buffer.from(
        ['N°;Date;Domaine;Morts;Blessés;Vérifié;Lieu;Description', ...rows].join('\n'),
      ).toString('base64');
    const rows = [
      'INC-IMP-1;03/02/2024;Démocratie et gouvernance;2;5;oui;Mopti;Affrontements',
      'INC-IMP-2;04/02/2024;Sécurité environnementale;;1;non;Segou;Litige foncier',
    ];
    const count = async () =>
      Number(
        must(
          (
            await queryRows<{ n: number }>(
              handle.db,
              sql`select count(*)::int as n from incident where organisation_id = ${org}`,
            )
          )[0],
          '( await queryRows<{ n: number }>( handle.db, sql`select coun',
        ).n,
      );
    const before = await count();
    const staged = await caller.import.stage({
      fileName: 'incidents.csv',
      contentBase64: file(rows),
      profile,
    });
    expect(staged.counts).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 0 });
    await caller.import.commit({ id: staged.id });
    expect(await count()).toBe(before + 2);
    const stored = await queryRows<{
      deaths: number;
      injuries: number;
      verified: boolean;
      category: string;
    }>(
      handle.db,
      sql`select deaths, injuries, verified, category from incident where organisation_id = ${org} and description = 'Litige foncier'`,
    );
    expect(stored).toEqual([
      { deaths: 0, injuries: 1, verified: false, category: 'environmental-security' },
    ]);

    const again = await caller.import.stage({
      fileName: 'incidents.csv',
      contentBase64: file(rows),
      profile,
    });
    expect(again.counts.unchanged).toBe(2);
    const corrected = await caller.import.stage({
      fileName: 'incidents.csv',
      contentBase64: file([
        must(rows[0], 'rows[0]').replace(';2;5;', ';3;5;'),
        must(rows[1], 'rows[1]'),
      ]),
      profile,
    });
    expect(corrected.counts).toEqual({ create: 0, update: 1, unchanged: 1, rejected: 0 });
    await caller.import.commit({ id: corrected.id });
    const deaths = async () =>
      must(
        (
          await queryRows<{ deaths: number }>(
            handle.db,
            sql`select deaths from incident where organisation_id = ${org} and description = 'Affrontements'`,
          )
        )[0],
        '( await queryRows<{ deaths: number }>( handle.db, sql`select',
      ).deaths;
    expect(await deaths()).toBe(3);
    expect(await count()).toBe(before + 2);
    expect(await caller.import.undo({ id: corrected.id })).toMatchObject({ restored: 1 });
    expect(await deaths()).toBe(2);
    expect(await caller.import.undo({ id: staged.id })).toMatchObject({ deleted: 2 });
    expect(await count()).toBe(before);
  });

  it('is not for management nor a donor viewer (a programme officer: import-values.test.ts)', async () => {
    for (const email of ['direction@wanep-mali.demo', 'pnud@wanep-mali.demo']) {
      const actor = await demoActor(handle.db, org, email);
      const other = createCaller(createContext({ db: handle.db, actor, locale: 'fr' }));
      const r = await refusal(
        other.import.stage({ fileName: 'a.csv', contentBase64: csv(ROWS), profile: PROFILE }),
      );
      expect(r.code, email).toBe('FORBIDDEN');
      expect((await refusal(other.import.list())).code).toBe('FORBIDDEN');
    }
  });
});
