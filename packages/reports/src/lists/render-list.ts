import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { reportSays } from '../messages/index';
import type { Locale } from '@jalon/domain';

/**
 * A list exported as it is shown (activities, the incident register): a header row and one row a
 * record, to CSV for French spreadsheets or to xlsx. No figure is computed here: the rows are the
 * API's list, cell for cell.
 */
export interface ListColumn {
  header: string;
  /** `number`: a count; `date`: an ISO calendar date; `text` otherwise */
  kind: 'text' | 'number' | 'date';
  /** characters, for the xlsx column width */
  width?: number;
}

/** A count with its precision: `environ 50`, `plus de 325`, kept in both formats. */
export interface QualifiedCount {
  value: number;
  qualifier: 'exact' | 'approximate' | 'at-least';
}

export type ListCell = string | number | QualifiedCount | null;

export interface ListTable {
  /** the sheet's name (xlsx) and the file's first word */
  title: string;
  columns: ListColumn[];
  rows: ListCell[][];
  locale: 'fr' | 'en';
}

/** `environ`, `plus de`: the words before an open count, in the list's language. */
const qualifierWord = (locale: Locale, qualifier: 'approximate' | 'at-least') =>
  reportSays(locale, qualifier === 'approximate' ? 'qualifier-approximate' : 'qualifier-at-least');

const isCount = (cell: ListCell): cell is QualifiedCount =>
  typeof cell === 'object' && cell !== null;

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is read as text. */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV as a French spreadsheet opens it: a UTF-8 byte-order mark (accents survive a double click
 * in Excel), `;` between fields and a decimal comma in French, `,` and a point in English; CRLF
 * line ends. A count keeps its precision as words (« environ 50 »).
 * @example renderListCsv({ title: 'x', locale: 'fr', columns: [{ header: 'N', kind: 'number' }], rows: [[1.5]] }) // "\uFEFFN\r\n1,5\r\n"
 */
export function renderListCsv(table: ListTable): string {
  const separator = table.locale === 'fr' ? ';' : ',';
  const number = (n: number) => (table.locale === 'fr' ? String(n).replace('.', ',') : String(n));
  const cell = (value: ListCell): string => {
    if (value === null) return '';
    if (typeof value === 'number') return number(value);
    if (isCount(value))
      return value.qualifier === 'exact'
        ? number(value.value)
        : `${qualifierWord(table.locale, value.qualifier)} ${number(value.value)}`;
    return csvField(defused(value), separator);
  };
  const lines = [
    table.columns.map((c) => csvField(c.header, separator)).join(separator),
    ...table.rows.map((row) => row.map(cell).join(separator)),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The same list as an xlsx workbook, written with exceljs's streaming writer: counts are numbers
 * (summable), their precision a number format (« environ 50 » shows, 50 sums), dates real dates.
 */
export async function renderListXlsx(table: ListTable): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = wb.addWorksheet(table.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.width ?? (c.kind === 'text' ? 30 : 12),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const values of table.rows) {
    const row = sheet.addRow(
      values.map((v, i) => {
        if (v === null) return null;
        if (isCount(v)) return v.value;
        if (table.columns[i]?.kind === 'date' && typeof v === 'string')
          return new Date(`${v}T00:00:00Z`);
        return v;
      }),
    );
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      if (isCount(v) && v.qualifier !== 'exact')
        cell.numFmt = `"${qualifierWord(table.locale, v.qualifier)} "0`;
      if (table.columns[i]?.kind === 'date' && v !== null) cell.numFmt = 'yyyy-mm-dd';
    });
    row.commit();
  }
  sheet.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
