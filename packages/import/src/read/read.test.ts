import { describe, expect, it } from 'vitest';
import { fixture, makeZip } from '../test-support/fixtures';
import type { SourceTable } from '../table';
import { readSource } from './index';
import { DEFAULT_LIMITS } from './limits';
import { readCentralDirectory } from './zip';

async function table(bytes: Uint8Array, options = {}): Promise<SourceTable> {
  const r = await readSource(bytes, options);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message.en}`);
  return r.value;
}

async function refusal(bytes: Uint8Array, options = {}) {
  const r = await readSource(bytes, options);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

const HEADERS = [
  'Identifiant',
  'Titre',
  'Type',
  'Programme',
  'Date de début',
  'Date de fin',
  'Lieux',
  'Participants',
  'Femmes',
  'Jeunes',
  'Budget (FCFA)',
];

describe('xlsx written by LibreOffice', () => {
  it('finds the data sheet and its header row under a title, and reads every kind of cell', async () => {
    const t = await table(fixture('activites.xlsx'), { fileName: 'activites.xlsx' });
    expect(t.source).toMatchObject({
      format: 'xlsx',
      sheet: 'Activités',
      headerRow: 3,
      date1904: false,
      fileName: 'activites.xlsx',
    });
    expect(t.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(t.headers).toEqual(HEADERS);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([4, 5, 6, 7]);
    const [a1, a2, a3, a4] = t.rows.map((r) => r.cells);
    // Rich text (a bold span) as its text; date cells as calendar dates; numbers as numbers.
    expect(a1).toMatchObject({
      Titre: 'Rencontre de capitalisation PLF',
      'Date de début': { date: '2023-04-07' },
      Participants: 12,
      'Budget (FCFA)': 1234.5,
      Jeunes: null,
    });
    // Text typed as such stays text, for the transforms to read.
    expect(a2).toMatchObject({ 'Date de début': '15/06/2023', Participants: 'plus de 325' });
    // An error value is kept as an error (a row error once mapped); a formula gives its cached value.
    expect(a3?.['Budget (FCFA)']).toEqual({ error: '#DIV/0!' });
    expect(a4?.Participants).toBe(8);
  });

  it('reads dates of a workbook in the 1904 date system as the same calendar dates', async () => {
    const t = await table(fixture('activites-1904.xlsx'));
    expect(t.source.date1904).toBe(true);
    expect(t.rows.map((r) => r.cells['Date de début'])).toEqual([
      { date: '2023-04-07' },
      '15/06/2023',
      { date: '2023-05-27' },
      { date: '2023-05-29' },
    ]);
  });

  it('takes a chosen sheet and a chosen header row', async () => {
    const t = await table(fixture('activites.xlsx'), { sheet: 'Activités', headerRow: 3 });
    expect(t.headers).toEqual(HEADERS);
    const row4 = await refusal(fixture('activites.xlsx'), { sheet: 'Activités', headerRow: 4 });
    expect(row4.code).toBe('duplicate-header');
    const lone = await table(fixture('activites.xlsx'), { sheet: 'Lisez-moi', headerRow: 1 }).catch(
      (e: Error) => e.message,
    );
    expect(lone).toMatch(/^header-only/);
    const e = await refusal(fixture('activites.xlsx'), { sheet: 'Feuil1' });
    expect(e.code).toBe('sheet-not-found');
    expect(e.message.fr).toContain('« Activités »');
  });

  it('finds the header row naming the expected columns', async () => {
    const t = await table(fixture('activites.xlsx'), { expectedHeaders: ['titre', 'LIEUX'] });
    expect(t.source.headerRow).toBe(3);
  });

  it('refuses an empty sheet and a header row alone', async () => {
    expect((await refusal(fixture('vide.xlsx'))).code).toBe('sheet-empty');
    const e = await refusal(fixture('entetes-seules.xlsx'));
    expect(e.code).toBe('header-only');
    expect(e.message.fr).toContain('en-têtes');
    expect(e.message.en).toContain('header row');
  });
});

describe('csv', () => {
  it.each([
    ['activites-utf8-pointvirgule.csv', 'utf-8', ';'],
    ['activites-utf8-bom.csv', 'utf-8', ';'],
    ['activites-windows1252.csv', 'windows-1252', ';'],
    ['activites-tabulation.tsv', 'utf-8', '\t'],
  ])('%s: encoding %s, delimiter %j detected', async (name, encoding, delimiter) => {
    const t = await table(fixture(name));
    expect(t.source).toMatchObject({ format: 'csv', encoding, delimiter, headerRow: 3 });
    expect(t.headers).toEqual(HEADERS);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([4, 5, 6, 7]);
    expect(t.rows[1]?.cells).toMatchObject({
      Lieux: 'Segou; Mopti',
      Participants: 'plus de 325',
      Programme: 'femme, paix et securite',
    });
    expect(t.rows[2]?.cells.Titre).toBe('Célébration du 48e anniversaire de la CEDEAO');
  });

  it('keeps French decimals whole in a `;` file written by French Excel (Windows-1252)', async () => {
    const t = await table(fixture('excel-fr-windows1252.csv'));
    expect(t.source).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headerRow: 1 });
    expect(t.rows.map((r) => r.cells)).toEqual([
      { Identifiant: 'B-1', Titre: 'Atelier à Ségou', Montant: '1 234,5', Date: '09/05/2023' },
      { Identifiant: 'B-2', Titre: 'Dialogue à Ménaka', Montant: '12,75', Date: '10/05/2023' },
    ]);
  });

  it('decodes Windows-1252’s own characters (’ œ € …), which Node’s TextDecoder gets wrong', async () => {
    // « Cœur;Coût » / « l’été;5 € » as French Excel writes them: 0x9C, 0x92, 0x80.
    const bytes = new Uint8Array([
      0x43, 0x9c, 0x75, 0x72, 0x3b, 0x43, 0x6f, 0xfb, 0x74, 0x0a, 0x6c, 0x92, 0xe9, 0x74, 0xe9,
      0x3b, 0x35, 0x20, 0x80, 0x0a,
    ]);
    const t = await table(bytes);
    expect(t.source.encoding).toBe('windows-1252');
    expect(t.headers).toEqual(['Cœur', 'Coût']);
    expect(t.rows[0]?.cells).toEqual({ Cœur: 'l’été', Coût: '5 €' });
  });

  it('reads a comma file and UTF-16 (Excel’s "Unicode text")', async () => {
    const text = 'code,sexe\nP1,F\nP2,"H"\n';
    expect((await table(new TextEncoder().encode(text))).source.delimiter).toBe(',');
    const utf16 = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,/g, '\t'), 'utf16le')]),
    );
    const t = await table(utf16);
    expect(t.source).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(t.rows.map((r) => r.cells.sexe)).toEqual(['F', 'H']);
  });

  it('detects the delimiter when a quoted field spans the lines it samples', async () => {
    const lines = ['Code;Résumé, en bref;Total'];
    for (let i = 1; i <= 18; i++) lines.push(`C-${i};court, simple;${i}`);
    lines.push('C-19;"long\nrésumé, sur\nplusieurs\nlignes\n; avec des ;\nfin";19', 'C-20;x;20');
    const t = await table(new TextEncoder().encode(lines.join('\n')));
    expect(t.source.delimiter).toBe(';');
    expect(t.rows).toHaveLength(20);
    expect(t.rows[18]?.cells['Résumé, en bref']).toBe(
      'long\nrésumé, sur\nplusieurs\nlignes\n; avec des ;\nfin',
    );
    expect(t.rows[19]?.rowNumber).toBe(21);
  });

  it('refuses duplicate headers, naming them', async () => {
    const e = await refusal(new TextEncoder().encode('Code;Sexe;code\n1;F;2\n'));
    expect(e.code).toBe('duplicate-header');
    expect(e.message.fr).toContain('« code »');
  });
});

describe('bad files are refused whole, with a reason in French and English', () => {
  it('an empty file, a file over the limit', async () => {
    expect((await refusal(new Uint8Array())).code).toBe('file-empty');
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: 1000 };
    const e = await refusal(fixture('activites.xlsx'), { limits });
    expect(e.code).toBe('file-too-large');
    const rows = { ...DEFAULT_LIMITS, maxRows: 3 };
    expect((await refusal(fixture('activites-tabulation.tsv'), { limits: rows })).code).toBe(
      'file-too-large',
    );
    expect((await refusal(fixture('activites.xlsx'), { limits: rows })).code).toBe(
      'file-too-large',
    );
  });

  it('a zip bomb, from its central directory, before inflating anything', async () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const e = await refusal(bomb);
    expect(e.code).toBe('zip-bomb');
    expect(e.message.fr).toContain('refusé par sécurité');
    const capped = { ...DEFAULT_LIMITS, maxUncompressedBytes: 4000 };
    expect((await refusal(fixture('activites.xlsx'), { limits: capped })).code).toBe('zip-bomb');
  });

  it('a zip whose central directory lies about a part’s size, caught while inflating it', async () => {
    const liar = makeZip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: new Uint8Array(3 * 1024 * 1024),
        declaredSize: 1000,
      },
    ]);
    const e = await refusal(liar);
    expect(e.code).toBe('zip-bomb');
    expect(e.message.en).toContain('false sizes');
  });

  it('an encrypted workbook (an OLE package naming EncryptionInfo) and an encrypted zip part', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1200);
    expect((await refusal(new Uint8Array(ole))).code).toBe('file-encrypted');
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    const old = await refusal(new Uint8Array(xls));
    expect(old.code).toBe('file-wrong-type');
    expect(old.message.fr).toContain('.xls');
    const locked = makeZip([
      { name: 'xl/workbook.xml', data: new Uint8Array(10), encrypted: true },
    ]);
    expect((await refusal(locked)).code).toBe('file-encrypted');
  });

  it('a truncated or damaged workbook', async () => {
    const bytes = fixture('activites.xlsx');
    expect((await refusal(bytes.subarray(0, bytes.length - 200))).code).toBe('file-corrupt');
    const damaged = new Uint8Array(bytes);
    damaged.fill(0x41, 200, 1200);
    expect((await refusal(damaged)).code).toBe('file-corrupt');
  });

  it('a zip that is no workbook, a PDF, a binary', async () => {
    const docx = makeZip([{ name: 'word/document.xml', data: new Uint8Array(10) }]);
    expect((await refusal(docx)).code).toBe('file-wrong-type');
    expect((await refusal(new TextEncoder().encode('%PDF-1.7\n'))).code).toBe('file-wrong-type');
    expect(await refusal(new Uint8Array([1, 0, 2, 0, 3]))).toMatchObject({
      code: 'file-wrong-type',
    });
  });

  it('reads the central directory of a LibreOffice workbook', () => {
    const r = readCentralDirectory(fixture('activites.xlsx'));
    expect(r.ok && r.value.map((e) => e.name)).toContain('xl/workbook.xml');
  });
});
