import {
  findGrantByCode,
  findOrganisationByCode,
  setAdxMapping,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { signIn, testOrigin } from '../testing';
import { must } from '@jalon/domain';
import { adxMappingSchema, figuresOfDhis2, readAdx } from '@jalon/reports';
import { ADX_XSD, XMLLINT, iatiValidationAvailable } from '@jalon/reports/test-support';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kinds = await testDatabaseKinds();

describe.each(kinds)('report downloads on %s', (kind) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  /** A request of the signed-in M&E officer. */
  const get = (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { cookie, ...(init.headers as object) } });
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    app = createApp({ db: handle.db, databaseKind: handle.kind });
    cookie = await signIn(app, 'suivi@wanep-mali.demo');
  }, 60_000);
  afterAll(async () => handle?.close());

  it('streams the UNDP workbook as an attachment that exceljs opens, with the quarter’s figures', async () => {
    const res = await get(
      '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly&lang=fr',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="PROSMED-CCSC_2023-Q2_undp-quarterly_fr\.xlsx"/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'En-tête',
      'Avancement des produits',
      'Ventilations',
      'Activités',
      'Qualité des données',
      'Analyse',
    ]);
    const ws = must(
      wb.getWorksheet('Avancement des produits'),
      "wb.getWorksheet('Avancement des produits')",
    );
    const row = [...ws.getSheetValues()].find(
      (r) => Array.isArray(r) && r[2] === 'CCSC-SESSIONS',
    ) as ExcelJS.CellValue[];
    expect(row[6]).toBe(13);
    const en = await get('/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(await en.arrayBuffer());
    expect(wbEn.worksheets[1]?.name).toBe('Output progress');
  });

  it('says « Généré le » in the reader’s language and time zone, and refuses a zone that is none', async () => {
    const res = await get(
      '/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly&lang=fr&tz=Asia/Kolkata',
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cover = must(wb.getWorksheet('En-tête'), "wb.getWorksheet('En-tête')");
    const generated = [...cover.getSheetValues()].find(
      (r) => Array.isArray(r) && r[1] === 'Généré le',
    ) as ExcelJS.CellValue[];
    // India is five and a half hours ahead of UTC, all year round.
    expect(generated[2]).toMatch(/^\d{1,2}(er)? [a-zéû]+ \d{4} à \d{2}:\d{2} UTC\+5:30$/);
    const bad = await get('/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&tz=Mars/Olympus');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('«\u202ftz\u202f» est un fuseau horaire');
  });

  it('serves IATI XML, split per breakdown for the Netherlands ministry by default', async () => {
    const res = await get('/api/reports/iati?grant=JUST-FUTURE&period=2023-Q2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      'attachment; filename="JUST-FUTURE_2023-Q2_iati.xml"',
    );
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).not.toContain('<dimension');
    const dims = await (
      await get('/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2&mode=dimension')
    ).text();
    expect(dims).toContain('<dimension name="sex"');
  });

  it('serves the bulletin in Markdown and HTML', async () => {
    const md = await get('/api/reports/bulletin?period=2023-Q2&format=md&lang=fr');
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await md.text()).toContain(
      '116 incidents majeurs avec un bilan de 153 morts et 236 blessés',
    );
    const html = await get('/api/reports/bulletin?period=2023-Q2&format=html&lang=en');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('116 major incidents, with 153 dead and 236 injured');
  });

  it('refuses bad input with 400 in French, English on request, and an unknown grant with 404', async () => {
    const missing = await get('/api/reports/xlsx?period=2023-Q2');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /^Requête invalide — «\u202fgrant\u202f» manque/,
    );
    const badLang = await get('/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&lang=de', {
      headers: { 'accept-language': 'en-GB,en' },
    });
    expect(badLang.status).toBe(400);
    expect(((await badLang.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid request — "lang" is fr or en',
    );
    const badPeriod = await get('/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q9');
    expect(badPeriod.status).toBe(400);
    expect(((await badPeriod.json()) as { error: { message: string } }).error.message).toMatch(
      /2023-Q9/,
    );
    expect((await get('/api/reports/bulletin?period=2023-Q2&format=pdf')).status).toBe(400);
    expect(
      (await get('/api/reports/xlsx?grant=PROSMED-CCSC&period=2023-Q2&template=nope')).status,
    ).toBe(400);
    const unknown = await get('/api/reports/xlsx?grant=NOPE&period=2023-Q2');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { status: 404, code: 'NOT_FOUND', message: 'Subvention « NOPE » introuvable.' },
    });
    // Nobody signed in: refused before anything is computed.
    expect((await app.request('/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2')).status).toBe(
      401,
    );
    // UNDP's viewer downloads PROSMED's report, not another grant's.
    const donor = await signIn(app, 'pnud@wanep-mali.demo');
    const as = (path: string) => app.request(path, { headers: { cookie: donor } });
    expect((await as('/api/reports/iati?grant=PROSMED-CCSC&period=2023-Q2')).status).toBe(200);
    expect((await as('/api/reports/iati?grant=JUST-FUTURE&period=2023-Q2')).status).toBe(403);
  });

  it('serves DHIS2 ADX XML that validates and reads back, to who reads the report', async () => {
    const res = await get('/api/reports/adx?grant=PROSMED-CCSC&period=2023-Q2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/adx+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="PROSMED-CCSC_2023-Q2_adx\.xml"/,
    );
    expect(res.headers.get('x-jalon-adx-mapping')).toBe('default');
    const xml = await res.text();
    const read = readAdx(xml);
    expect(read.ok && read.value.values.find((v) => v.dataElement === 'CCSC-SESSIONS')?.value).toBe(
      13,
    );
    if (iatiValidationAvailable(process.env, [XMLLINT, ADX_XSD])) {
      const file = join(mkdtempSync(join(tmpdir(), 'jalon-adx-route-')), 'm.xml');
      writeFileSync(file, xml);
      execFileSync(XMLLINT, ['--noout', '--schema', ADX_XSD, file], { stdio: 'pipe' });
    }
    expect((await get('/api/reports/adx?grant=PROSMED-CCSC')).status).toBe(400);
    expect((await app.request('/api/reports/adx?grant=PROSMED-CCSC&period=2023-Q2')).status).toBe(
      401,
    );
    const donor = await signIn(app, 'pnud@wanep-mali.demo');
    const as = (path: string) => app.request(path, { headers: { cookie: donor } });
    expect((await as('/api/reports/adx?grant=PROSMED-CCSC&period=2023-Q2')).status).toBe(200);
    expect((await as('/api/reports/adx?grant=JUST-FUTURE&period=2023-Q2')).status).toBe(403);
    const officer = await signIn(app, 'programme@wanep-mali.demo');
    expect(
      (
        await app.request('/api/reports/adx?grant=PROSMED-CCSC&period=2023-Q2', {
          headers: { cookie: officer },
        })
      ).status,
    ).toBe(403);
  });

  it('serves DHIS2 dataValueSet JSON through the stored mapping, refused naming what it lacks', async () => {
    const path = '/api/reports/dhis2?grant=PROSMED-CCSC&period=2023-Q2';
    const refused = await get(path);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'La correspondance n’a pas de partie DHIS2',
    );
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML');
    const grant = must(await findGrantByCode(handle.db, org.id, 'PROSMED-CCSC'), 'the grant');
    const mapping = {
      dataSet: 'PROSMED',
      orgUnit: 'WANEP-ML',
      indicators: { 'CCSC-SESSIONS': { total: 'CCSC-SESSIONS', breakdowns: [] } },
      categories: {},
      dhis2: { orgUnit: 'ImspTQPwCqd', dataElements: { 'CCSC-SESSIONS': 'fbfJHSPpUQD' } },
    };
    expect((await setAdxMapping(handle.db, org.id, { grantId: grant.id, mapping })).ok).toBe(true);
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="PROSMED-CCSC_2023-Q2_dhis2\.json"/,
    );
    expect(res.headers.get('x-jalon-dhis2-id-scheme')).toBe('UID');
    const back = figuresOfDhis2(await res.json(), adxMappingSchema.parse(mapping));
    expect(back.ok && back.value).toEqual([
      {
        indicator: 'CCSC-SESSIONS',
        region: null,
        period: '2023Q2',
        key: {},
        value: 13,
        commented: false,
      },
    ]);
    const donor = await signIn(app, 'pnud@wanep-mali.demo');
    const as = (p: string) => app.request(p, { headers: { cookie: donor } });
    expect((await as(path)).status).toBe(200);
    expect((await as('/api/reports/dhis2?grant=JUST-FUTURE&period=2023-Q2')).status).toBe(403);
    expect((await app.request(path)).status).toBe(401);
  });

  it('serves a submitted report’s workbook from its snapshot, the same bytes every time, to who reads the report', async () => {
    const unknown = await get('/api/reports/snapshot?id=6f1c1c3e-8f7a-4c55-9d7e-1a2b3c4d5e6f');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      'Rapport soumis introuvable.',
    );
    const noId = await get('/api/reports/snapshot?id=nope');
    expect(noId.status).toBe(400);
    expect(((await noId.json()) as { error: { message: string } }).error.message).toMatch(
      /^Requête invalide — «\u202fid\u202f»/,
    );

    // The M&E officer submits through tRPC, as the web app does.
    const submitted = await app.request('/trpc/report.submit', {
      method: 'POST',
      headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({ grant: 'DRC-PLF', period: '2023-Q2' }),
    });
    expect(submitted.status).toBe(200);
    const snapshot = (
      (await submitted.json()) as { result: { data: { id: string; sha256: string } } }
    ).result.data;

    const path = `/api/reports/snapshot?id=${snapshot.id}&lang=fr`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(first.headers.get('content-disposition')).toMatch(
      /^attachment; filename="DRC-PLF_2023-Q2_[a-z-]+_fr_soumis\.xlsx"/,
    );
    expect(first.headers.get('x-jalon-sha256')).toBe(snapshot.sha256);
    const body = await first.arrayBuffer();
    const bytes = Buffer.from(body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body);
    expect(wb.worksheets.length).toBeGreaterThan(0);

    // Rendered again from the stored model: the same workbook, byte for byte.
    const again = Buffer.from(await (await get(path)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);

    expect((await app.request(path)).status).toBe(401);
    // UNDP's viewer reads PROSMED's reports, not DRC's.
    const donor = await signIn(app, 'pnud@wanep-mali.demo');
    expect((await app.request(path, { headers: { cookie: donor } })).status).toBe(403);
  });
  it('renders a report sent under an earlier version of its template with that version, not today’s', async () => {
    const submitted = await app.request('/trpc/report.submit', {
      method: 'POST',
      headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({ grant: 'PROSMED-CCSC', period: '2023-Q2' }),
    });
    expect(submitted.status).toBe(200);
    const { id } = ((await submitted.json()) as { result: { data: { id: string } } }).result.data;
    const path = `/api/reports/snapshot?id=${id}&lang=fr`;
    const headers = async (): Promise<string[]> => {
      const response = await get(path);
      expect(response.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await response.arrayBuffer());
      const ws = must(wb.getWorksheet('Avancement des produits'), 'the UNDP output sheet');
      const out: string[] = [];
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') out.push(cell.value);
        }),
      );
      return out;
    };
    // Sent today: the milestone to date beside the annual target.
    expect((await headers()).some((h) => h.startsWith('Jalon à date'))).toBe(true);
    // As if it had been sent before the milestone column existed (UNDP template 1.0.0): the
    // workbook of what was sent, by that version, still downloads.
    await handle.db.execute(
      sql`update report_snapshot set template_version = '1.0.0' where id = ${id}`,
    );
    const before = await headers();
    expect(before).toContain('% de la cible annuelle');
    expect(before.some((h) => h.startsWith('Jalon'))).toBe(false);
    // A version Jalon never shipped: refused in words, not a workbook of another version.
    await handle.db.execute(
      sql`update report_snapshot set template_version = '0.0.1' where id = ${id}`,
    );
    const gone = await get(path);
    expect(gone.status).toBe(409);
  });
});
