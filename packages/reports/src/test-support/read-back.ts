/**
 * Reading a rendered workbook back for tests, with a second reader independent of the one that
 * wrote it: SheetJS (`xlsx`). Exported as `@jalon/reports/test-support` so the suites that render
 * from the database (packages/api) read files the same way as this package's own tests.
 */
import * as XLSX from 'xlsx';

/** A cell as SheetJS reads it: a number, a string, a boolean, or empty. */
export type SheetJsValue = number | string | boolean | null;

/** What SheetJS sees in a workbook: its sheet names, each sheet's rows (0-based), its print titles. */
export interface SheetJsWorkbook {
  sheetNames: string[];
  /** Rows of a sheet as arrays of cached values, 0-based (column A is index 0); empty cells null. */
  rows: (sheet: string) => SheetJsValue[][];
  /** The rows each sheet repeats on every printed page (`'IPTT'!$4:$5`). */
  printTitles: string[];
}

/**
 * Opens a workbook with SheetJS.
 * @example readWithSheetJs(buffer).rows('IPTT')[5]?.[1] // 'Nombre de sessions de formation des CCS-C'
 */
export function readWithSheetJs(buffer: Buffer | Uint8Array): SheetJsWorkbook {
  const wb = XLSX.read(buffer);
  return {
    sheetNames: wb.SheetNames,
    rows: (sheet) => {
      const ws = wb.Sheets[sheet];
      if (!ws)
        throw new Error(`SheetJS finds no sheet "${sheet}" (has ${wb.SheetNames.join(', ')})`);
      return XLSX.utils.sheet_to_json<SheetJsValue[]>(ws, { header: 1, defval: null, raw: true });
    },
    printTitles: (wb.Workbook?.Names ?? [])
      .filter((n) => n.Name === '_xlnm.Print_Titles')
      .map((n) => n.Ref),
  };
}
