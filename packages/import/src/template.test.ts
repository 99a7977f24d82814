import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dryRun } from './dry-run';
import { readSource } from './read/index';
import {
  buildTemplate,
  buildTemplateCsv,
  TEMPLATE_COLUMNS,
  TEMPLATE_SHEETS,
  templateExample,
  templateProfile,
} from './template';
import { IMPORT_KINDS, type ImportKind } from './profile';
import { REFS } from './test-support/references';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

describe('the fillable import template', () => {
  it('has French headers, an instructions sheet and drop-down lists from the organisation’s data', async () => {
    const wb = await load(await buildTemplate('activities', REFS));
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Activités', 'visible'],
      ['Instructions', 'visible'],
      ['Listes', 'hidden'],
    ]);
    const data = wb.getWorksheet('Activités');
    const headers = (data?.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(TEMPLATE_COLUMNS.activities.map((c) => c.header));
    const help = wb.getWorksheet('Instructions');
    expect(String(help?.getCell('A1').value)).toContain('Ne renommez pas les en-têtes');
    expect(help?.getCell('A3').value).toBe('Colonne');
    expect([help?.getCell('A4').value, help?.getCell('B4').value]).toEqual(['Identifiant', 'oui']);
    const type = data?.getCell('C2').dataValidation;
    expect(type).toMatchObject({ type: 'list', formulae: ['Listes!$A$2:$A$11'] });
    expect(data?.getCell('C1000').dataValidation).toMatchObject({ type: 'list' });
    const lists = wb.getWorksheet('Listes');
    const programmes = [2, 3, 4].map((r) => lists?.getCell(`B${r}`).value);
    // The organisation's programmes, in French order.
    expect(programmes).toEqual([
      'Développement organisationnel du réseau et des organisations membres',
      'Femme, paix et sécurité',
      'Jeunesse, paix et sécurité',
    ]);
    expect(data?.getCell('G2').dataValidation).toMatchObject({ errorStyle: 'warning' });
  });

  it.each(['activities', 'attendance'] as const)(
    '%s: a filled template reads back through its own profile',
    async (kind) => {
      const wb = await load(await buildTemplate(kind, REFS));
      const sheet = wb.getWorksheet(TEMPLATE_SHEETS[kind]);
      if (kind === 'activities') {
        sheet?.addRow([
          'A-1',
          'Atelier de validation',
          'Réunion',
          'Femme, paix et sécurité',
          '09/05/2023',
          '',
          'Ségou; Mopti',
          '',
          'environ 50',
          'plus de 20',
        ]);
        sheet?.addRow([
          'A-2',
          'Formation',
          'Conférence',
          'JPS',
          new Date(Date.UTC(2023, 4, 10)),
          '',
          'Bamako',
          2,
          40,
          18,
          22,
          25,
          3,
        ]);
      } else {
        sheet?.addRow(['A-001', 'P-1', 'Awa', 'Femme', '', 24, 'Non', '09/05/2023']);
        sheet?.addRow(['A-001', 'P-2', '', 'Homme', 'Adulte', '', 'Oui', '09/05/2023']);
      }
      const filled = new Uint8Array(await wb.xlsx.writeBuffer());
      const profile = templateProfile(kind);
      const table = await readSource(filled, {
        sheet: profile.sheet,
        headerRow: profile.headerRow,
      });
      if (!table.ok) throw new Error(table.error.code);
      const plan = dryRun({ table: table.value, profile, refs: REFS, existing: new Map() });
      if (!plan.ok) throw new Error(plan.error.message.en);
      expect(plan.value.groups).toEqual([]);
      // The two rows typed under the template's example row.
      expect(plan.value.counts.create).toBe(3);
    },
  );

  /** The template as downloaded (headers and example row), read by the importer itself. */
  async function readBack(kind: ImportKind, bytes: Uint8Array, fileName: string) {
    const profile = templateProfile(kind);
    const table = await readSource(bytes, {
      fileName,
      sheet: profile.sheet,
      headerRow: profile.headerRow,
    });
    if (!table.ok) throw new Error(table.error.code);
    const plan = dryRun({ table: table.value, profile, refs: REFS, existing: new Map() });
    if (!plan.ok) throw new Error(plan.error.message.en);
    return { table: table.value, plan: plan.value };
  }

  it.each(IMPORT_KINDS.flatMap((kind) => [[kind, 'xlsx'] as const, [kind, 'csv'] as const]))(
    '%s as %s: the example row of the template reads back as one valid row',
    async (kind, format) => {
      const bytes =
        format === 'xlsx' ? await buildTemplate(kind, REFS) : buildTemplateCsv(kind, REFS);
      const { table, plan } = await readBack(kind, bytes, `modele.${format}`);
      expect(table.headers).toEqual(TEMPLATE_COLUMNS[kind].map((c) => c.header));
      expect(table.rows).toHaveLength(1);
      expect(plan.groups).toEqual([]);
      expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 0 });
    },
  );

  it('writes the CSV as French Excel does: BOM, semicolons, CRLF, quoted when needed', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      buildTemplateCsv('activities', {
        ...REFS,
        places: [{ id: 'p', names: ['Ségou; Mopti "centre"'] }],
      }),
    );
    expect(text.startsWith('\ufeffIdentifiant;Titre;Type;')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text).toContain(';"Ségou; Mopti ""centre""";');
  });

  it('names the organisation’s own programme and place in the example, and the template’s when it has none', () => {
    const own = templateExample('incidents', REFS);
    expect(own).toContain('Bamako');
    expect(own).toContain('Femme, paix et sécurité');
    const bare = templateExample('attendance');
    expect(bare[0]).toBe('EXEMPLE-001');
  });
});
