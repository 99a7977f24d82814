import { err, type Result } from '@jalon/domain';
import { parse } from 'csv-parse/sync';
import { fileError, type FileError, type SourceInfo, type SourceTable } from '../table';
import { gridToTable, type GridRow, type HeaderOptions } from './grid';
import { DEFAULT_LIMITS, type ReadLimits } from './limits';

/** Windows-1252's characters for the bytes 0x80–0x9F (where it differs from ISO-8859-1). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 decoded by hand: Node's `TextDecoder('windows-1252')` decodes ISO-8859-1 instead
 * (nodejs/node#56542), which turns French Excel's ’ (0x92), œ (0x9C) and € (0x80) into control
 * characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return out;
}

/**
 * The text of a CSV file: UTF-8 with or without its byte-order mark, UTF-16 with its mark (Excel's
 * "Unicode text"), otherwise Windows-1252 (what French Excel writes as "CSV (séparateur : point-virgule)").
 */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'windows-1252';
} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

const DELIMITERS = [';', ',', '\t', '|'] as const;

function records(text: string, delimiter: string, maxRecords?: number): string[][] {
  return parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines are kept while reading so that row numbers stay those a spreadsheet shows.
    ...(maxRecords === undefined ? {} : { to: maxRecords, skip_empty_lines: true }),
  }) as string[][];
}

/**
 * The delimiter that cuts the first lines into the same number of columns, more than one: `;`
 * (French Excel), `,`, tab or `|`. On a tie the order above wins, so `1 234,5` in a `;` file
 * never splits a number.
 */
export function detectDelimiter(text: string): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    let sample: string[][];
    try {
      sample = records(text, delimiter, 20);
    } catch {
      continue;
    }
    const widths = sample.map((r) => r.length);
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [width, times] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = width > 1 ? (times / widths.length) * 1000 + width : 0;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** A CSV file as a table: encoding and delimiter detected, headers found or chosen. */
export function readCsv(
  bytes: Uint8Array,
  info: Omit<SourceInfo, 'format'> = {},
  options: HeaderOptions & { delimiter?: string; limits?: ReadLimits } = {},
): Result<SourceTable, FileError> {
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000'))
    return err(
      fileError('file-wrong-type', {
        fr: 'Ce fichier n’est ni un classeur .xlsx ni un fichier texte .csv.',
        en: 'This file is neither an .xlsx workbook nor a .csv text file.',
      }),
    );
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let rows: string[][];
  try {
    rows = records(text, delimiter);
  } catch (e) {
    return err(
      fileError(
        'csv-malformed',
        {
          fr: 'Le fichier CSV est mal formé (guillemets non refermés ?) : vérifiez-le dans un tableur.',
          en: 'The CSV file is malformed (unclosed quotes?): check it in a spreadsheet.',
        },
        e instanceof Error ? e.message : String(e),
      ),
    );
  }
  const maxRows = (options.limits ?? DEFAULT_LIMITS).maxRows;
  if (rows.length - 1 > maxRows)
    return err(
      fileError('file-too-large', {
        fr: `Le fichier compte plus de ${maxRows} lignes : découpez-le.`,
        en: `The file has more than ${maxRows} rows: split it.`,
      }),
    );
  const grid: GridRow[] = rows.map((values, i) => ({ rowNumber: i + 1, values }));
  return gridToTable(grid, { ...info, format: 'csv', encoding, delimiter }, options);
}
