import { must } from '@jalon/domain';
import type { DatabaseHandle } from '@jalon/db';
import { findOrganisationByCode, listActivities, listGrants } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createContext, systemActor } from '@jalon/api';
import { createApp } from '../app';
import { signIn } from '../testing';

const kinds = await testDatabaseKinds();

/** A CSV of `;`-separated fields (no field of the demo carries a quote or a line break). */
async function readCsv(res: Response): Promise<string[][]> {
  // read as bytes: `Response.text()` would drop the byte-order mark this checks
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}

describe.each(kinds)('list exports on %s', (kind) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  const cookies: Record<string, string> = {};
  let org: string;
  const get = (who: string | null, path: string) =>
    app.request(path, { headers: who ? { cookie: must(cookies[who], 'cookies[who]') } : {} });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "findOrganisationByCode(handle.db, 'WANEP-ML')",
    ).id;
    app = createApp({ db: handle.db, databaseKind: handle.kind });
    for (const who of ['suivi', 'programme', 'pnud', 'direction'])
      cookies[who] = await signIn(app, `${who}@wanep-mali.demo`);
    // Named participants at an FPS and a NEWS activity, for the register.
    const system = createCaller(createContext({ db: handle.db, actor: systemActor(org) }));
    const programmes = (await system.programme.list()).items;
    for (const [code, people] of [
      ['FPS', [{ code: 'FPS-001', displayName: 'Awa Traoré', sex: 'female', ageGroup: 'youth' }]],
      ['NEWS', [{ code: 'NEWS-001', displayName: 'Oumar Diallo', sex: 'male', ageGroup: 'adult' }]],
    ] as const) {
      const { activity } = await system.activity.create({
        programmeId: must(
          programmes.find((p) => p.code === code),
          code,
        ).id,
        title: `Causerie ${code} nommée`,
        type: 'dialogue',
        // Out of 2023-Q2, whose list the other tests count.
        startDate: '2024-03-12',
        endDate: '2024-03-12',
        participants: { total: { value: 10, qualifier: 'exact' }, cells: [] },
      });
      await system.attendance.set({ activityId: activity.id, participants: [...people] });
    }
  }, 180_000);
  afterAll(async () => handle?.close());

  it('exports the filtered activities as French CSV, read back row for row', async () => {
    const res = await get('suivi', '/api/exports/activities?format=csv&period=2023-Q2&q=cedeao');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="activites\.csv"/,
    );
    const [header, ...rows] = await readCsv(res);
    expect(header).toEqual([
      'Code',
      'Début',
      'Fin',
      'Titre',
      'Type',
      'Statut',
      'Programme',
      'Lieux',
      'Subventions',
      'Séances',
      'Participants',
    ]);
    const expected = await listActivities(handle.db, org, {
      from: '2023-04-01',
      to: '2023-06-30',
      search: 'cedeao',
    });
    expect(expected.total).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(expected.items.map((a) => a.code));
    // the bulletin's « plus de 325 » keeps its words
    const all = await readCsv(
      await get('suivi', '/api/exports/activities?format=csv&period=2023-Q2'),
    );
    expect(all.length - 1).toBe(20);
    expect(all.some((r) => r[10] === 'plus de 325')).toBe(true);
    expect(all.some((r) => r[10] === 'environ 50')).toBe(true);
  });

  it('exports the same list as xlsx, read back with exceljs; English with lang=en', async () => {
    const res = await get('suivi', '/api/exports/activities?format=xlsx&period=2023-Q2&lang=en');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = must(wb.getWorksheet('Activities'), "wb.getWorksheet('Activities')");
    expect(sheet.getRow(1).getCell(2).value).toBe('Start');
    expect(sheet.rowCount).toBe(21);
    const counts = [...Array(20).keys()].map((i) => sheet.getRow(i + 2).getCell(11));
    const atLeast = must(
      counts.find((c) => c.numFmt === '"more than "0'),
      'counts.find((c) => c.numFmt === \'"more than "0\')',
    );
    expect(atLeast.value).toBe(325);
  });

  it('gives each role what its list gives it: the programme officer her programme, the donor her grant', async () => {
    const codes = async (who: string) =>
      (await readCsv(await get(who, '/api/exports/activities?format=csv&period=2023-Q2')))
        .slice(1)
        .map((r) => r[6]);
    const mine = await codes('programme');
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine)).toEqual(new Set(['Femme, paix et sécurité']));

    const donorRows = (
      await readCsv(await get('pnud', '/api/exports/activities?format=csv&period=2023-Q2'))
    ).slice(1);
    expect(donorRows.length).toBeGreaterThan(0);
    expect(donorRows.every((r) => must(r[8], 'r[8]').includes('PROSMED-CCSC'))).toBe(true);

    // a grant that is not hers: refused, not an empty file
    const other = must(
      (await listGrants(handle.db, org)).find((g) => g.code !== 'PROSMED-CCSC'),
      'a grant other than PROSMED-CCSC',
    );
    const refused = await get('pnud', `/api/exports/activities?format=csv&grant=${other.id}`);
    expect(refused.status).toBe(403);
    expect(await get(null, '/api/exports/activities?format=csv')).toHaveProperty('status', 401);
  });

  it('exports the incident register filtered and sorted, and refuses bad input in words', async () => {
    const res = await get(
      'suivi',
      '/api/exports/incidents?format=csv&period=2023-Q2&category=democracy-governance&sort=region',
    );
    expect(res.status).toBe(200);
    const [header, ...rows] = await readCsv(res);
    expect(header?.slice(0, 3)).toEqual(['Code', 'Date', 'Catégorie']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[2] === 'Démocratie et gouvernance')).toBe(true);

    const bad = await get('suivi', '/api/exports/incidents?format=pdf');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('«\u202fformat\u202f» vaut csv ou xlsx');
  });

  it('exports the register of participants searched with accents ignored; each role its reach', async () => {
    const [header, ...rows] = await readCsv(
      await get('suivi', '/api/exports/persons?format=csv&q=traore'),
    );
    expect(header).toEqual([
      'Code',
      'Nom',
      'Sexe',
      'Année de naissance',
      'Handicap',
      'Catégorie',
      'Participations',
      'Vu le',
    ]);
    expect(rows).toEqual([['FPS-001', 'Awa Traoré', 'femmes', '', '', '', '1', '2024-03-12']]);
    const all = (await readCsv(await get('direction', '/api/exports/persons?format=csv'))).slice(1);
    expect(all.map((r) => r[0])).toEqual(['FPS-001', 'NEWS-001']);
    // The programme officer: her programme's people only; the donor: no names at all.
    const mine = (await readCsv(await get('programme', '/api/exports/persons?format=csv'))).slice(
      1,
    );
    expect(mine.map((r) => r[0])).toEqual(['FPS-001']);
    expect((await get('pnud', '/api/exports/persons?format=csv')).status).toBe(403);
    expect((await get(null, '/api/exports/persons?format=csv')).status).toBe(401);
    const bad = await get('suivi', '/api/exports/persons?format=csv&sex=x');
    expect(bad.status).toBe(400);
  });

  it('exports the indicators as the page shows them, with the status each report states, as xlsx read back', async () => {
    const res = await get('suivi', '/api/exports/indicators?format=xlsx&period=2023-Q2');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = must(wb.getWorksheet('Indicateurs'), 'the Indicateurs sheet');
    expect(sheet.getRow(1).getCell(10).value).toBe('Statut');
    const system = createCaller(createContext({ db: handle.db, actor: systemActor(org) }));
    const { items } = await system.indicator.list();
    expect(sheet.rowCount).toBe(items.length + 1);
    const { grants } = await system.indicator.statuses({ period: '2023-Q2' });
    const words = {
      'on-track': 'En bonne voie',
      watch: 'À surveiller',
      'off-track': 'En retard',
      'no-data': 'Pas de données',
    };
    let checked = 0;
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const judged = grants.flatMap((g) => g.items).find((i) => i.code === row.getCell(1).value);
      if (!judged) continue;
      expect(row.getCell(8).value ?? null).toBe(judged.target);
      expect(row.getCell(10).value).toBe(words[judged.status]);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
    // Searched, accents ignored; the donor gets her grant's indicators only.
    const women = (
      await readCsv(
        await get('suivi', '/api/exports/indicators?format=csv&period=2023-Q2&q=FEMMES'),
      )
    ).slice(1);
    expect(women.length).toBeGreaterThan(0);
    expect(women.every((r) => /femmes/i.test(`${r[0]} ${r[1]}`))).toBe(true);
    const donor = (
      await readCsv(await get('pnud', '/api/exports/indicators?format=csv&period=2023-Q2'))
    ).slice(1);
    expect(donor.length).toBeGreaterThan(0);
    expect(new Set(donor.map((r) => r[2]))).toEqual(new Set(['PROSMED-CCSC']));
  });

  it('exports the audit journal searched in its values; the M&E team only', async () => {
    const [header, ...rows] = await readCsv(
      await get('suivi', '/api/exports/journal?format=csv&q=traore'),
    );
    expect(header).toEqual([
      'Quand (UTC)',
      'Qui',
      'Action',
      'Objet',
      'Identifiant',
      'Motif',
      'Champ',
      'Avant',
      'Après',
    ]);
    // The attendance saved above names « Awa Traoré » in its values after: one of its fields.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r[3] === 'attendance' && (r[8] ?? '').includes('Traoré'))).toBe(true);
    // no raw JSON: every value is said in words
    expect(rows.some((r) => /^[[{]/.test(r[7] ?? '') || /^[[{]/.test(r[8] ?? ''))).toBe(false);
    for (const who of ['programme', 'pnud', 'direction'])
      expect((await get(who, '/api/exports/journal?format=csv')).status, who).toBe(403);
  });

  it('exports each changed field of a correction: its name, before and after, in the reader’s language', async () => {
    const system = createCaller(createContext({ db: handle.db, actor: systemActor(org) }));
    const donor = await system.donor.create({ code: 'JRN-TEST', name: 'Fondation Niger' });
    await system.donor.update({
      id: donor.id,
      donor: { code: 'JRN-TEST', name: 'Fondation du Niger', iatiRef: null },
    });
    const [, ...fr] = await readCsv(
      await get('suivi', `/api/exports/journal?format=csv&record=${donor.id}`),
    );
    const update = fr.filter((r) => r[2] === 'update');
    expect(update.map((r) => r.slice(6))).toEqual([
      ['Nom', 'Fondation Niger', 'Fondation du Niger'],
    ]);
    // the creation says what was set, one field a row
    expect(fr.filter((r) => r[2] === 'create').map((r) => r[6])).toEqual(['Code', 'Nom']);

    const res = await get('suivi', `/api/exports/journal?format=xlsx&record=${donor.id}&lang=en`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = must(wb.worksheets[0], 'the journal sheet');
    const row = (i: number) =>
      [7, 8, 9].map((c) => sheet.getRow(i).getCell(c).value as string | null);
    expect(row(1)).toEqual(['Field', 'Before', 'After']);
    const lines = [...Array(sheet.rowCount - 1).keys()].map((i) => row(i + 2));
    expect(lines).toContainEqual(['Name', 'Fondation Niger', 'Fondation du Niger']);
  });
});
