import { err, ok, type Result } from '@jalon/domain';
import ExcelJS from 'exceljs';
import {
  fileError,
  type CellValue,
  type FileError,
  type SourceInfo,
  type SourceTable,
} from '../table';
import { gridToTable, type GridRow, type HeaderOptions } from './grid';
import { DEFAULT_LIMITS, type ReadLimits } from './limits';
import { checkDeclaredSizes, checkZip, readZipPart, type ZipEntry } from './zip';

/** A calendar date of a spreadsheet date cell (exceljs gives midnight UTC, give or take a rounding). */
function isoDate(d: Date): string {
  return new Date(Math.round(d.getTime() / 60_000) * 60_000).toISOString().slice(0, 10);
}

/**
 * One cell as exceljs gives it, whatever its kind: shared and rich text as text, a formula as
 * its cached result, an error value (`#DIV/0!`, or NaN from the streaming reader) as an error.
 */
export function toCellValue(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { error: '#NUM!' };
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? { error: '#VALUE!' } : { date: isoDate(raw) };
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if (Array.isArray(o.richText))
      return o.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
    if ('formula' in o || 'sharedFormula' in o) return toCellValue(o.result);
    if ('text' in o) return toCellValue(o.text);
    if (typeof o.sharedString === 'number') return { error: '#REF!' };
  }
  return String(raw);
}

const wrongType = fileError('file-wrong-type', {
  fr: 'Ce fichier n’est pas un classeur .xlsx : enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV ».',
  en: 'This file is not an .xlsx workbook: save it as "Excel Workbook (.xlsx)" or "CSV".',
});

const DAYS_1900_TO_1904 = 1462;

/**
 * Whether the workbook counts dates from 1904. exceljs reads only `date1904="1"`, while
 * LibreOffice writes `date1904="true"` (both valid xsd:boolean): read the attribute ourselves.
 */
function isDate1904(bytes: Uint8Array, entries: ZipEntry[]): boolean {
  const entry = entries.find((e) => e.name === 'xl/workbook.xml');
  const part = entry ? readZipPart(bytes, entry) : null;
  if (!part) return false;
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(new TextDecoder().decode(part))?.[0] ?? '';
  return /\bdate1904\s*=\s*["'](1|true)["']/.test(pr);
}

/** Moves every date exceljs read in the 1900 system to the 1904 system. */
function shiftDates(workbook: ExcelJS.Workbook): void {
  const shift = (d: Date) => new Date(d.getTime() + DAYS_1900_TO_1904 * 86_400_000);
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v: unknown = cell.value;
        if (v instanceof Date) cell.value = shift(v);
        else if (typeof v === 'object' && v !== null && 'result' in v && v.result instanceof Date)
          (v as { result: Date }).result = shift(v.result);
      }),
    ),
  );
}

/** A workbook loaded by exceljs, after the checks of its zip and with its 1904 dates right. */
export async function loadWorkbook(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<Result<ExcelJS.Workbook, FileError>> {
  const zip = checkZip(bytes, limits);
  if (!zip.ok) return zip;
  const names = new Set(zip.value.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) return err(wrongType);
  const sizes = await checkDeclaredSizes(bytes, zip.value);
  if (!sizes.ok) return sizes;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch (e) {
    return err(
      fileError(
        'file-corrupt',
        {
          fr: 'Le classeur est endommagé et ne peut pas être lu : ouvrez-le dans un tableur et enregistrez-le de nouveau.',
          en: 'The workbook is damaged and cannot be read: open it in a spreadsheet and save it again.',
        },
        e instanceof Error ? e.message : String(e),
      ),
    );
  }
  if (isDate1904(bytes, zip.value) && workbook.properties.date1904 !== true) {
    shiftDates(workbook);
    workbook.properties.date1904 = true;
  }
  return ok(workbook);
}

function sheetGrid(sheet: ExcelJS.Worksheet): GridRow[] {
  const grid: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    grid.push({
      rowNumber,
      values: Array.from({ length: values.length }, (_, i) => toCellValue(values[i])),
    });
  });
  return grid;
}

/**
 * A sheet of an .xlsx workbook as a table. The zip's central directory is checked before
 * anything is inflated (size cap, compression ratio, encryption); the sheet is the one named, or
 * the first holding data; the header row is found or chosen.
 */
export async function readXlsx(
  bytes: Uint8Array,
  info: Omit<SourceInfo, 'format'> = {},
  options: HeaderOptions & { sheet?: string; limits?: ReadLimits } = {},
): Promise<Result<SourceTable, FileError>> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const loaded = await loadWorkbook(bytes, limits);
  if (!loaded.ok) return loaded;
  const workbook = loaded.value;
  const sheets = workbook.worksheets;
  const source = (sheet: ExcelJS.Worksheet): SourceInfo => ({
    ...info,
    format: 'xlsx',
    date1904: workbook.properties.date1904 === true,
    sheet: sheet.name,
  });
  const read = (sheet: ExcelJS.Worksheet): Result<SourceTable, FileError> => {
    const grid = sheetGrid(sheet);
    if (grid.length - 1 > limits.maxRows)
      return err(
        fileError('file-too-large', {
          fr: `La feuille « ${sheet.name} » compte plus de ${limits.maxRows} lignes : découpez-la.`,
          en: `The sheet "${sheet.name}" has more than ${limits.maxRows} rows: split it.`,
        }),
      );
    return gridToTable(grid, source(sheet), options);
  };
  if (options.sheet !== undefined) {
    const sheet = sheets.find((s) => s.name === options.sheet);
    if (sheet) return read(sheet);
    return err(
      fileError(
        'sheet-not-found',
        {
          fr: `Le classeur n’a pas de feuille « ${options.sheet} » (feuilles : ${sheets.map((s) => `« ${s.name} »`).join(', ')}).`,
          en: `The workbook has no sheet "${options.sheet}" (sheets: ${sheets.map((s) => `"${s.name}"`).join(', ')}).`,
        },
        options.sheet,
      ),
    );
  }
  // Any sheet: the first that reads as a table (a "Lisez-moi" sheet before the data is passed over).
  let first: Result<SourceTable, FileError> | undefined;
  for (const sheet of sheets) {
    const r = read(sheet);
    if (r.ok || r.error.code === 'file-too-large') return r;
    first ??= r;
  }
  return (
    first ??
    err(fileError('sheet-empty', { fr: 'Le classeur est vide.', en: 'The workbook is empty.' }))
  );
}

/**
 * Every sheet of a workbook, each read as a table (or why it could not be), with one load: for
 * exports that spread one dataset over sheets (Kobo's repeat groups).
 */
export async function readXlsxSheets(
  bytes: Uint8Array,
  info: Omit<SourceInfo, 'format'> = {},
  options: HeaderOptions & { limits?: ReadLimits } = {},
): Promise<Result<{ name: string; table: Result<SourceTable, FileError> }[], FileError>> {
  const loaded = await loadWorkbook(bytes, options.limits ?? DEFAULT_LIMITS);
  if (!loaded.ok) return loaded;
  const workbook = loaded.value;
  return ok(
    workbook.worksheets.map((sheet) => ({
      name: sheet.name,
      table: gridToTable(
        sheetGrid(sheet),
        {
          ...info,
          format: 'xlsx',
          date1904: workbook.properties.date1904 === true,
          sheet: sheet.name,
        },
        options,
      ),
    })),
  );
}
