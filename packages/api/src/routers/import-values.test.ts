import { must } from '@jalon/domain';
import {
  findOrganisationByCode,
  importReferences,
  listGrants,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { periodLock } from '@jalon/db/schema';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import {
  batchActivitiesOf,
  dryRun,
  groupIssues,
  readSource,
  TEMPLATE_COLUMNS,
  templateProfile,
  type ImportKind,
} from '@jalon/import';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { holdToReach } from '../services/import-batches';
import { demoActor } from './test-actors';

/**
 * Values entered by hand imported (staged, checked, all or nothing, idempotent, locks respected,
 * planned against the values typed in the page), and who may import what: every role against
 * every kind, a programme officer held to her programmes — on PGlite and PostgreSQL.
 */
const kinds = await testDatabaseKinds();

type Caller = ReturnType<typeof createCaller>;

/** A CSV of Jalon's template for `kind` (French headers, `;`), cells named by header. */
function csv(kind: ImportKind, rows: Record<string, string>[]): string {
  const headers = TEMPLATE_COLUMNS[kind].map((c) => c.header);
  const lines = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))];
  return Buffer.from(lines.map((l) => l.join(';')).join('\r\n'), 'utf8').toString('base64');
}

async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe.each(kinds)('import of entered values and importers on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  const as: Record<string, Caller> = {};
  let officerEn: Caller;
  /** An indicator of a grant funding FPS (the officer's programme), one of a grant that does not. */
  let mine: { id: string; code: string; grantId: string };
  let theirs: { code: string };
  let fpsActivity: string;
  let otherActivity: string;
  let otherProgramme: string;

  const stage = (who: Caller, k: ImportKind, rows: Record<string, string>[], name = 'f.csv') =>
    who.import.stage({
      fileName: name,
      contentBase64: csv(k, rows),
      profile: templateProfile(k),
    });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    for (const who of ['admin', 'suivi', 'programme', 'direction', 'pnud']) {
      const actor = await demoActor(handle.db, org, `${who}@wanep-mali.demo`);
      as[who] = createCaller(createContext({ db: handle.db, actor, locale: 'fr' }));
      if (who === 'programme')
        officerEn = createCaller(createContext({ db: handle.db, actor, locale: 'en' }));
    }
    const officer = await demoActor(handle.db, org, 'programme@wanep-mali.demo');
    const fps = new Set(officer.programmeIds);
    const grants = await listGrants(handle.db, org);
    const funds = new Map(grants.map((g) => [g.id, g.programmes.some((p) => fps.has(p.id))]));
    const indicators = (await importReferences(handle.db, org)).indicators
      .filter((i) => i.grant)
      .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? ''));
    const a = must(
      indicators.find((i) => funds.get(i.grant?.id ?? '') === true),
      'an FPS indicator',
    );
    mine = { id: a.id, code: must(a.names[0], 'code'), grantId: must(a.grant, 'grant').id };
    // Broken down by sex, so that the file below may enter a women's cell (a cell the indicator is
    // not broken down by is refused).
    await queryRows(handle.db, sql`update indicator set dimensions = '["sex"]' where id = ${a.id}`);
    theirs = {
      code: must(
        indicators.find((i) => funds.get(i.grant?.id ?? '') === false)?.names[0],
        'an indicator of another programme',
      ),
    };
    const codeOf = async (sameProgramme: boolean) =>
      must(
        (
          await queryRows<{ code: string }>(
            handle.db,
            sql`select a.code, p.code as programme from activity a join programme p on p.id = a.programme_id
                 where a.organisation_id = ${org} and (a.programme_id = ${must(officer.programmeIds[0], 'FPS')}) = ${sameProgramme}
                 order by a.code limit 1`,
          )
        )[0],
        'an activity',
      ).code;
    fpsActivity = await codeOf(true);
    otherActivity = await codeOf(false);
    otherProgramme = must(
      (
        await queryRows<{ code: string }>(
          handle.db,
          sql`select code from programme where organisation_id = ${org} and code <> 'FPS' order by code limit 1`,
        )
      )[0],
      'another programme',
    ).code;
  }, 120_000);
  afterAll(async () => handle?.close(), 60_000);

  const values = async () =>
    (await must(as.suivi, 'suivi').manualValue.list({ indicatorId: mine.id })).items;

  it('imports values typed by hand: all or nothing, the same file again unchanged, planned against the page’s values, undone', async () => {
    const me = must(as.suivi, 'suivi');
    const file: Record<string, string>[] = [
      { Indicateur: mine.code, Période: '2024-Q1', Valeur: '12,5', Note: 'registre du trimestre' },
      { Indicateur: mine.code, Période: '2024-Q1', Sexe: 'Femme', Valeur: '3' },
    ];
    const first = await stage(me, 'values', file);
    expect(first.counts).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 0 });
    expect(await values()).toEqual([]);
    expect(await me.import.commit({ id: first.id })).toMatchObject({
      counts: { create: 2, update: 0, unchanged: 0, rejected: 0 },
    });
    const written = await values();
    expect(written.map((v) => [v.periodCode, v.cellKey, v.value, v.note, v.version])).toEqual([
      ['2024-Q1', '', 12.5, 'registre du trimestre', 1],
      ['2024-Q1', 'sex=female', 3, null, 1],
    ]);

    // The same file again: nothing changes, not even a version.
    const again = await stage(me, 'values', file);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, rejected: 0 });
    await me.import.commit({ id: again.id });
    expect((await values()).map((v) => v.version)).toEqual([1, 1]);

    // A value typed in the page: the preview says what the file does to it.
    await me.manualValue.set({ indicatorId: mine.id, period: '2024-Q3', value: 5 });
    const mixed = await stage(me, 'values', [
      file[0] ?? {},
      { Indicateur: mine.code, Période: '2024-Q3', Valeur: '6' },
      { Indicateur: mine.code, Période: '2024-Q4', Valeur: '1' },
    ]);
    expect(mixed.counts).toEqual({ create: 1, update: 1, unchanged: 1, rejected: 0 });
    const plan = await me.import.plan({ id: mixed.id });
    expect(plan.rows.map((r) => [r.rowNumber, r.action, r.change])).toEqual([
      [2, 'unchanged', { before: 12.5, after: 12.5 }],
      [3, 'update', { before: 5, after: 6 }],
      [4, 'create', { before: null, after: 1 }],
    ]);
    await me.import.commit({ id: mixed.id });
    const q3 = must(
      (await values()).find((v) => v.periodCode === '2024-Q3'),
      'Q3',
    );
    expect([q3.value, q3.version, q3.status]).toEqual([6, 2, 'draft']);

    expect(await me.import.undo({ id: mixed.id })).toMatchObject({ deleted: 1, restored: 1 });
    const after = await values();
    expect(after.find((v) => v.periodCode === '2024-Q3')?.value).toBe(5);
    expect(after.some((v) => v.periodCode === '2024-Q4')).toBe(false);
  });

  it('imports a value’s qualifier as the page stores it: read back, the same file again unchanged', async () => {
    const me = must(as.suivi, 'suivi');
    const typed = ['environ 50', 'plus de 50', '≈ 50', '≥ 50', 'au moins 50'];
    const file = typed.map((v, i) => ({
      Indicateur: mine.code,
      Période: `2025-0${i + 1}`,
      Valeur: v,
    }));
    const first = await stage(me, 'values', file);
    expect(first.counts).toEqual({ create: 5, update: 0, unchanged: 0, rejected: 0 });
    await me.import.commit({ id: first.id });
    const months = async () =>
      (await values())
        .filter((v) => /^2025-0\d$/.test(v.periodCode))
        .map((v) => [v.periodCode, v.value, v.qualifier, v.version]);
    expect(await months()).toEqual([
      ['2025-01', 50, 'approximate', 1],
      ['2025-02', 50, 'at-least', 1],
      ['2025-03', 50, 'approximate', 1],
      ['2025-04', 50, 'at-least', 1],
      ['2025-05', 50, 'at-least', 1],
    ]);

    const again = await stage(me, 'values', file);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 5, rejected: 0 });
    await me.import.commit({ id: again.id });
    expect((await months()).map((v) => v[3])).toEqual([1, 1, 1, 1, 1]);

    // The same figure said exact: the qualifier alone is a correction.
    const exact = await stage(me, 'values', [
      { Indicateur: mine.code, Période: '2025-01', Valeur: '50' },
    ]);
    expect(exact.counts).toEqual({ create: 0, update: 1, unchanged: 0, rejected: 0 });
    await me.import.commit({ id: exact.id });
    expect((await months())[0]).toEqual(['2025-01', 50, 'exact', 2]);
  });

  it('names bad rows, writes nothing, and refuses a locked period row by row', async () => {
    const me = must(as.suivi, 'suivi');
    const before = (await values()).length;
    const bad = await stage(me, 'values', [
      { Indicateur: 'NOPE-9', Période: '2024', Valeur: '1' },
      { Indicateur: mine.code, Période: 'LOG', Valeur: '1' },
      { Indicateur: mine.code, Période: '2024-S2', Valeur: 'beaucoup' },
    ]);
    expect(bad.groups.map((g) => [g.code, g.rowRanges])).toEqual([
      ['indicator-not-found', '2'],
      ['not-a-period', '3'],
      ['not-a-number', '4'],
    ]);
    expect((await refusal(me.import.commit({ id: bad.id }))).code).toBe('PRECONDITION_FAILED');
    expect((await values()).length).toBe(before);

    // As a submitted report leaves it.
    await handle.db
      .insert(periodLock)
      .values({
        organisationId: org,
        grantId: mine.grantId,
        periodCode: '2023-Q3',
        periodStart: '2023-07-01',
        periodEnd: '2023-09-30',
      })
      .onConflictDoNothing();
    const locked = await stage(me, 'values', [
      { Indicateur: mine.code, Période: '2024-S2', Valeur: '8' },
      { Indicateur: mine.code, Période: '2023-08', Valeur: '9' },
    ]);
    const r = await refusal(me.import.commit({ id: locked.id }));
    expect(r.code).toBe('PRECONDITION_FAILED');
    expect(r.message).toMatch(
      /^Rien n’a été importé\u202f: 1 ligne ne peut pas être écrite — ligne 3\u202f: Période 2023-Q3 .*verrouillée/,
    );
    expect((await values()).length).toBe(before);
  });

  it('who may import what: every role × every kind, allowed or refused in words', async () => {
    const fpsRow: Record<ImportKind, Record<string, string>> = {
      activities: {
        Identifiant: 'M-ACT',
        Titre: 'Atelier importé',
        Type: 'Formation',
        Programme: 'FPS',
        'Date de début': '09/05/2024',
      },
      attendance: { Activité: fpsActivity, Code: 'P-MATRIX', Sexe: 'Femme' },
      incidents: {
        Identifiant: 'M-INC',
        Date: '15/05/2024',
        Domaine: 'Démocratie et gouvernance',
        Programme: 'FPS',
      },
      targets: { Nature: 'Cible', Indicateur: mine.code, Période: '2025', Valeur: '10' },
      values: { Indicateur: mine.code, Période: '2025-Q1', Valeur: '4' },
    };
    const allowed: Record<string, readonly ImportKind[]> = {
      admin: ['activities', 'attendance', 'incidents', 'targets', 'values'],
      suivi: ['activities', 'attendance', 'incidents', 'targets', 'values'],
      programme: ['activities', 'attendance', 'incidents', 'values'],
      direction: [],
      pnud: [],
    };
    const seen: string[] = [];
    for (const [who, may] of Object.entries(allowed))
      for (const k of Object.keys(fpsRow) as ImportKind[]) {
        const caller = must(as[who], who);
        const call = stage(caller, k, [fpsRow[k]]);
        if (may.includes(k)) {
          const staged = await call;
          expect(staged.counts.rejected, `${who} × ${k}`).toBe(0);
          seen.push(`${who}×${k}:ok`);
          continue;
        }
        const r = await refusal(call);
        expect(r.code, `${who} × ${k}`).toBe('FORBIDDEN');
        seen.push(`${who}×${k}:refused`);
      }
    expect(seen).toHaveLength(25);
    // The officer is told why, in her language.
    const targets = await refusal(
      stage(must(as.programme, 'officer'), 'targets', [fpsRow.targets]),
    );
    expect(targets.message).toBe(
      'Votre rôle ne permet pas d’importer des cibles et valeurs de référence\u202f: vous ne pouvez pas les saisir à la main non plus.',
    );
    const en = await refusal(
      officerEn.import.stage({
        fileName: 'c.csv',
        contentBase64: csv('targets', [fpsRow.targets]),
        profile: templateProfile('targets'),
      }),
    );
    expect(en.message).toBe(
      'Your role may not import targets and baselines: you may not enter them by hand either.',
    );
    // Management and donors: refused before any kind is read.
    expect((await refusal(must(as.pnud, 'pnud').import.list())).code).toBe('FORBIDDEN');
  });

  it('holds a programme officer to her programmes, row by row, in every kind she may import', async () => {
    const officer = must(as.programme, 'officer');
    const rows: Partial<Record<ImportKind, Record<string, string>[]>> = {
      activities: [
        {
          Identifiant: 'O-1',
          Titre: 'Atelier FPS',
          Type: 'Formation',
          Programme: 'FPS',
          'Date de début': '10/05/2024',
        },
        {
          Identifiant: 'O-2',
          Titre: 'Atelier d’un autre programme',
          Type: 'Formation',
          Programme: otherProgramme,
          'Date de début': '10/05/2024',
        },
      ],
      attendance: [
        { Activité: fpsActivity, Code: 'P-O1', Sexe: 'Femme' },
        { Activité: otherActivity, Code: 'P-O2', Sexe: 'Homme' },
      ],
      incidents: [
        {
          Identifiant: 'OI-1',
          Date: '16/05/2024',
          Domaine: 'Démocratie et gouvernance',
          Programme: 'FPS',
        },
        { Identifiant: 'OI-2', Date: '16/05/2024', Domaine: 'Démocratie et gouvernance' },
      ],
      values: [
        { Indicateur: mine.code, Période: '2025-Q2', Valeur: '2' },
        { Indicateur: theirs.code, Période: '2025-Q2', Valeur: '2' },
      ],
    };
    for (const [k, file] of Object.entries(rows) as [ImportKind, Record<string, string>[]][]) {
      const staged = await stage(officer, k, file);
      expect(staged.counts, k).toMatchObject({ rejected: 1 });
      const group = must(
        staged.groups.find((g) => g.code === 'other-programme'),
        `${k}: other-programme`,
      );
      expect(group.rowRanges, k).toBe('3');
      expect(group.examples[0]?.message.fr, k).toMatch(
        /\u202f: un chargé de programme importe dans ses programmes seulement\.$/,
      );
      expect(group.examples[0]?.message.en, k).toMatch(/her own programmes only\.$/);
      // All or nothing: refused whole; the valid rows only on request.
      expect((await refusal(officer.import.commit({ id: staged.id }))).code, k).toBe(
        'PRECONDITION_FAILED',
      );
      const done = await officer.import.commit({ id: staged.id, validOnly: true });
      expect(done.counts.rejected, k).toBe(1);
      expect(done.counts.create + done.counts.update, k).toBe(1);
    }

    // Someone else's batch is not hers to read, commit or undo; her list holds her own only.
    const other = await stage(must(as.suivi, 'suivi'), 'values', [
      { Indicateur: mine.code, Période: '2025-Q3', Valeur: '1' },
    ]);
    const r = await refusal(officer.import.commit({ id: other.id }));
    expect(r.code).toBe('FORBIDDEN');
    expect(r.message).toMatch(/^Ce lot d’import a été déposé par quelqu’un d’autre\u202f:/);
    expect((await refusal(officer.import.plan({ id: other.id }))).code).toBe('FORBIDDEN');
    const { items } = await officer.import.list();
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((b) => b.id === other.id)).toBe(false);
  });
  it('holds attendance rows pointing at activities of the same batch to the programme those rows give', async () => {
    const officer = await demoActor(handle.db, org, 'programme@wanep-mali.demo');
    const refs = await importReferences(handle.db, org);
    const table = async (k: ImportKind, rows: Record<string, string>[]) => {
      const read = await readSource(Buffer.from(csv(k, rows), 'base64'), { fileName: `${k}.csv` });
      if (!read.ok) throw new Error(read.error.message.en);
      return read.value;
    };
    // Activities not written yet (the database does not know them): one of FPS, one of another
    // programme; the attendance rows of the same batch point at them by their ids.
    const acts = dryRun({
      table: await table('activities', [
        {
          Identifiant: 'B-FPS',
          Titre: 'Atelier FPS du lot',
          Type: 'Formation',
          Programme: 'FPS',
          'Date de début': '11/05/2024',
        },
        {
          Identifiant: 'B-AUTRE',
          Titre: 'Atelier d’un autre programme du lot',
          Type: 'Formation',
          Programme: otherProgramme,
          'Date de début': '11/05/2024',
        },
      ]),
      profile: templateProfile('activities'),
      refs,
      existing: new Map(),
    });
    if (!acts.ok || acts.value.kind !== 'activities') throw new Error('activities profile');
    expect(acts.value.counts).toMatchObject({ create: 2, rejected: 0 });
    const people = dryRun({
      table: await table('attendance', [
        { Activité: 'B-FPS', Code: 'P-B1', Sexe: 'Femme' },
        { Activité: 'B-FPS', Code: 'P-B2', Sexe: 'Homme' },
        { Activité: 'B-AUTRE', Code: 'P-B3', Sexe: 'Femme' },
        { Activité: fpsActivity, Code: 'P-B4', Sexe: 'Femme' },
      ]),
      profile: templateProfile('attendance'),
      refs,
      existing: new Map(),
      batchActivities: batchActivitiesOf(acts.value.rows),
    });
    if (!people.ok) throw new Error('attendance profile');
    expect(people.value.counts).toMatchObject({ create: 4, rejected: 0 });

    const held = await holdToReach(handle.db, officer, 'attendance', people.value.rows, []);
    expect(held.map((r) => [r.rowNumber, r.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'rejected'],
      [5, 'create'],
    ]);
    const groups = groupIssues(held.flatMap((r) => r.issues));
    expect(groups.map((g) => [g.code, g.field, g.rowRanges])).toEqual([
      ['other-programme', 'activity', '4'],
    ]);
    expect(groups[0]?.examples[0]?.message.fr).toMatch(
      /un chargé de programme importe dans ses programmes seulement\.$/,
    );
    // The activity rows themselves are held the same way: the other programme's is refused.
    const heldActs = await holdToReach(handle.db, officer, 'activities', acts.value.rows, []);
    expect(heldActs.map((r) => [r.rowNumber, r.action])).toEqual([
      [2, 'create'],
      [3, 'rejected'],
    ]);
  });
});
