import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findGrantByCode, findOrganisationByCode, openDatabase, setAdxMapping } from '@jalon/db';
import { testDatabaseKinds } from '@jalon/db/testing';
import { BUILT_IN_TEMPLATE_JSON } from '@jalon/reports';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFlags, runJalon as jalon } from '../testing';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
const dir = mkdtempSync(join(tmpdir(), 'jalon-cli-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(kinds)('jalon report on %s', (kind) => {
  let db: string[];
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabaseFlags(kind, dir, 'jalon_cli_report');
    drop = fresh.drop;
    db = fresh.flags;
    expect((await jalon(['seed', ...db])).code).toBe('ok');
  });
  afterAll(async () => drop?.());

  it('lists the templates', async () => {
    const { lines, code } = await jalon(['report', '--list']);
    expect(code).toBe('ok');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
      'generic',
      'undp-quarterly',
      'usaid-iptt',
      'eu-logframe',
      'nl-mfa',
    ]);
    expect(lines[1]).toContain('PNUD — rapport trimestriel');
    // the generic template is for every donor, said so (not « any »)
    expect(lines[0]?.split(/\s+/)[2]).toBe('tous');
    expect(lines.join('\n')).not.toMatch(/\bany\b/);
  });

  it('writes the UNDP workbook, saying how it goes on stderr', async () => {
    const out = join(dir, `report-${kind}.xlsx`);
    const { lines, err, code } = await jalon([
      'report',
      '--template',
      'undp-quarterly',
      '--grant',
      'PROSMED-CCSC',
      '--period',
      '2023-Q2',
      '--out',
      out,
      ...db,
    ]);
    expect(code).toBe('ok');
    expect(lines).toEqual([out]);
    expect(err).toMatch(/calcul des indicateurs/);
    expect(err).toMatch(/undp-quarterly v1\.1\.0\u202f: 4 indicateurs/);
    expect(err).toMatch(/écrit .*report-.*\.xlsx \(\d/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = must(
      wb.getWorksheet('Avancement des produits'),
      "wb.getWorksheet('Avancement des produits')",
    );
    const row = [...ws.getSheetValues()].find(
      (r) => Array.isArray(r) && r[2] === 'CCSC-SESSIONS',
    ) as ExcelJS.CellValue[];
    expect(row[6]).toBe(13);
  });

  it('prints the values as JSON for scripts, with nothing else on stdout', async () => {
    const { lines, code } = await jalon([
      'report',
      '--format',
      'json',
      '--grant',
      'PROSMED-CCSC',
      '--period',
      '2023-Q2',
      ...db,
    ]);
    expect(code).toBe('ok');
    const values = JSON.parse(lines.join('\n')) as {
      template: { id: string };
      indicators: {
        code: string;
        values: {
          period: string;
          target: number | null;
          actual: { value: number } | null;
          comment: { fr: string; en: string } | null;
        }[];
      }[];
    };
    expect(values.template.id).toBe('undp-quarterly');
    const sessions = must(
      must(
        values.indicators.find((i) => i.code === 'CCSC-SESSIONS'),
        "values.indicators .find((i) => i.code === 'CCSC-SESSIONS')",
      ).values.find((v) => v.period === '2023-Q2'),
      "values.indicators .find((i) => i.code === 'CCSC-SESSIONS')! .values...",
    );
    expect(sessions).toMatchObject({ target: 12, actual: { value: 13 } });
    expect(
      must(
        must(
          values.indicators.find((i) => i.code === 'CCSC-FEMMES'),
          "values.indicators .find((i) => i.code === 'CCSC-FEMMES')",
        ).values.find((v) => v.period === '2023-Q2'),
        "values.indicators .find((i) => i.code === 'CCSC-FEMMES')! .values.f...",
      ).actual?.value,
    ).toBe(78);
    // What the organisation said about the quarter travels with the figures.
    expect(sessions.comment?.fr).toMatch(/^Treize \(13\) sessions de formation/);
    expect(
      must(
        must(
          values.indicators.find((i) => i.code === 'CCSC-FEMMES'),
          "values.indicators .find((i) => i.code === 'CCSC-FEMMES')",
        ).values.find((v) => v.period === '2023-Q2'),
        "values.indicators .find((i) => i.code === 'CCSC-FEMMES')! .values.f...",
      ).comment,
    ).toBeNull();
  });

  it('writes DHIS2 ADX XML of a grant’s period', async () => {
    const xml = join(dir, `adx-${kind}.xml`);
    const run = await jalon([
      'report',
      '--format',
      'adx',
      '--grant',
      'PROSMED-CCSC',
      '--period',
      '2023-Q2',
      '--out',
      xml,
      ...db,
    ]);
    expect(run.code).toBe('ok');
    const text = readFileSync(xml, 'utf8');
    expect(text).toContain('<adx xmlns="urn:ihe:qrph:adx:2015"');
    expect(text).toContain('<dataValue dataElement="CCSC-SESSIONS" value="13"/>');
  });

  it('writes a DHIS2 dataValueSet through the stored mapping, or names what it lacks', async () => {
    const args = ['report', '--format', 'dhis2', '--grant', 'PROSMED-CCSC', '--period', '2023-Q2'];
    const out = join(dir, `dhis2-${kind}.json`);
    const refused = await jalon([...args, '--out', out, ...db]);
    expect(refused.code).toBe('jalon.report');
    expect(refused.err).toContain('La correspondance n’a pas de partie DHIS2');
    expect(existsSync(out)).toBe(false);
    // The mapping is the M&E officer's, stored from the settings page; here straight into the database.
    const at = db.indexOf('--data-dir');
    const handle = await openDatabase(
      at >= 0 ? { dataDir: db[at + 1] } : { url: db[db.indexOf('--database-url') + 1] },
    );
    try {
      const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML');
      const grant = must(await findGrantByCode(handle.db, org.id, 'PROSMED-CCSC'), 'the grant');
      const stored = await setAdxMapping(handle.db, org.id, {
        grantId: grant.id,
        mapping: {
          dataSet: 'PROSMED',
          orgUnit: 'WANEP-ML',
          indicators: { 'CCSC-SESSIONS': { total: 'CCSC-SESSIONS', breakdowns: [] } },
          categories: {},
          dhis2: { idScheme: 'CODE', orgUnit: 'OU_MALI', totalCombo: 'default' },
        },
      });
      expect(stored.ok).toBe(true);
    } finally {
      await handle.close();
    }
    const run = await jalon([...args, '--out', out, ...db]);
    expect(run.code).toBe('ok');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      completeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      dataValues: [
        {
          dataElement: 'CCSC-SESSIONS',
          period: '2023Q2',
          orgUnit: 'OU_MALI',
          categoryOptionCombo: 'default',
          value: '13',
        },
      ],
    });
  });

  it('writes IATI XML and the bulletin', async () => {
    const xml = join(dir, `jf-${kind}.xml`);
    expect(
      (
        await jalon([
          'report',
          '--format',
          'iati',
          '--grant',
          'JUST-FUTURE',
          '--period',
          '2023-Q2',
          '--out',
          xml,
          ...db,
        ])
      ).code,
    ).toBe('ok');
    expect(readFileSync(xml, 'utf8')).toContain(
      '<iati-identifier>XM-WANEP-ML-JUST-FUTURE</iati-identifier>',
    );
    const { lines } = await jalon([
      'report',
      '--format',
      'bulletin',
      '--period',
      '2023-Q2',
      '--lang',
      'en',
      ...db,
    ]);
    expect(lines.join('\n')).toContain('116 major incidents, with 153 dead and 236 injured');
  });

  it('refuses a bad template file with the path of the broken field, and an unknown grant', async () => {
    const template = structuredClone(BUILT_IN_TEMPLATE_JSON[1]) as {
      id: string;
      sheets: { columns?: { period?: string }[] }[];
    };
    template.id = 'my-undp';
    must(
      must(
        must(template.sheets[1], 'template.sheets[1]').columns,
        'template.sheets[1]!.columns',
      )[4],
      'template.sheets[1]!.columns![4]',
    ).period = 'life-of-grant';
    const file = join(dir, 'bad-template.json');
    writeFileSync(file, JSON.stringify(template));
    const out = join(dir, 'never.xlsx');
    const bad = await jalon([
      'report',
      '--template-file',
      file,
      '--grant',
      'PROSMED-CCSC',
      '--period',
      '2023-Q2',
      '--out',
      out,
      ...db,
    ]);
    expect(bad.code).toBe('jalon.report');
    expect(bad.err).toContain('modèle refusé');
    expect(bad.err).toContain(
      'sheets[1].columns[4].period: period "life-of-grant" is not in periods.include',
    );
    expect(existsSync(out)).toBe(false);
    writeFileSync(file, '{ "id": ');
    expect(
      (
        await jalon([
          'report',
          '--template-file',
          file,
          '--grant',
          'PROSMED-CCSC',
          '--period',
          '2023-Q2',
          ...db,
        ])
      ).err,
    ).toContain('(root)');
    const unknown = await jalon(['report', '--grant', 'NOPE', '--period', '2023-Q2', ...db]);
    expect(unknown.code).toBe('jalon.report');
    expect(unknown.err).toContain('Subvention « NOPE » introuvable.');
    const format = await jalon([
      'report',
      '--format',
      'pdf',
      '--grant',
      'PROSMED-CCSC',
      '--period',
      '2023-Q2',
    ]);
    expect(format.code).toBe('commander.invalidArgument');
    expect((await jalon(['report', '--grant', 'PROSMED-CCSC'])).err).toContain('--period');
  });

  it('uses a good template file of the user’s own', async () => {
    const template = { ...(BUILT_IN_TEMPLATE_JSON[1] as Record<string, unknown>), id: 'my-undp' };
    const file = join(dir, 'my-template.json');
    writeFileSync(file, JSON.stringify(template));
    const { lines, code } = await jalon([
      'report',
      '--template-file',
      file,
      '--format',
      'json',
      '--grant',
      'PROSMED-CCSC',
      '--period',
      '2023-Q2',
      ...db,
    ]);
    expect(code).toBe('ok');
    expect((JSON.parse(lines.join('\n')) as { template: { id: string } }).template.id).toBe(
      'my-undp',
    );
  });
});
