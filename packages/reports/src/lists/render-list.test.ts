import { must } from '@jalon/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderListCsv, renderListXlsx, type ListTable } from './render-list';

const table: ListTable = {
  title: 'Activités',
  locale: 'fr',
  columns: [
    { header: 'Code', kind: 'text' },
    { header: 'Début', kind: 'date' },
    { header: 'Titre', kind: 'text' },
    { header: 'Participants', kind: 'number' },
  ],
  rows: [
    ['A-1', '2023-04-12', 'Atelier ; « Ségou »', { value: 50, qualifier: 'approximate' }],
    ['A-2', '2023-05-02', '=HYPERLINK("x")', { value: 325, qualifier: 'at-least' }],
    ['A-3', '2023-06-30', 'Dialogue\nà Mopti', 12.5],
    ['A-4', '2023-06-30', 'Sans décompte', null],
  ],
};

describe('a list exported', () => {
  it('to CSV for French spreadsheets: BOM, « ; », decimal comma, precision in words, formulas defused', () => {
    const csv = renderListCsv(table);
    expect(csv.startsWith('\uFEFFCode;Début;Titre;Participants\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('A-1;2023-04-12;"Atelier ; « Ségou »";environ 50');
    expect(lines[2]).toBe(`A-2;2023-05-02;"'=HYPERLINK(""x"")";plus de 325`);
    expect(lines[3]).toBe('A-3;2023-06-30;"Dialogue\nà Mopti";12,5');
    expect(csv.endsWith('A-4;2023-06-30;Sans décompte;\r\n')).toBe(true);
  });

  it('to CSV in English: commas and points', () => {
    const csv = renderListCsv({ ...table, locale: 'en', rows: [['A', '2023-01-01', 'x', 2.5]] });
    expect(csv).toBe('\uFEFFCode,Début,Titre,Participants\r\nA,2023-01-01,x,2.5\r\n');
  });

  it('to xlsx, read back: numbers stay numbers, precision is a number format, dates are dates', async () => {
    const wb = new ExcelJS.Workbook();
    const bytes = await renderListXlsx(table);
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
    const sheet = must(wb.worksheets[0], 'wb.worksheets[0]');
    expect(sheet.name).toBe('Activités');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Code', 'Début', 'Titre', 'Participants']);
    expect(sheet.getCell('D2').value).toBe(50);
    expect(sheet.getCell('D2').numFmt).toBe('"environ "0');
    expect(sheet.getCell('D3').numFmt).toBe('"plus de "0');
    expect(sheet.getCell('C3').value).toBe('=HYPERLINK("x")');
    expect(sheet.getCell('B2').value).toEqual(new Date('2023-04-12T00:00:00Z'));
    expect(sheet.getCell('D5').value).toBeNull();
    expect(sheet.rowCount).toBe(5);
  });
});
