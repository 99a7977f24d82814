import type { DomainError, LocalizedText } from '@jalon/domain';

/**
 * What a cell of a source file holds once read: text, a number, a boolean, a calendar date
 * (`YYYY-MM-DD`, read from a date-formatted spreadsheet cell), nothing, or a spreadsheet error
 * value (`#DIV/0!`), which becomes a row error when the column is mapped.
 */
export type CellValue = string | number | boolean | null | { date: string } | { error: string };

/** One data row of a source: its row number as the user sees it (1-based, the sheet's own). */
export interface SourceRow {
  rowNumber: number;
  /** By column name (header text or Kobo xpath). */
  cells: Record<string, CellValue>;
}

/** Where the rows came from, kept with the batch. */
export interface SourceInfo {
  format: 'csv' | 'xlsx' | 'kobo-json';
  fileName?: string;
  sha256?: string;
  sheet?: string;
  /** CSV only: what was detected. */
  encoding?: 'utf-8' | 'utf-16le' | 'windows-1252';
  delimiter?: string;
  /** XLSX only: the date system of the workbook. */
  date1904?: boolean;
  /** The row number of the header row. */
  headerRow?: number;
}

/** A source read into named columns: headers by name, never by position. */
export interface SourceTable {
  source: SourceInfo;
  headers: string[];
  rows: SourceRow[];
}

/** Stable codes of a file refused as a whole (nothing of it is read). */
export const FILE_ERROR_CODES = [
  'file-too-large',
  'file-empty',
  'file-wrong-type',
  'file-encrypted',
  'file-corrupt',
  'zip-bomb',
  'sheet-not-found',
  'sheet-empty',
  'header-only',
  'header-not-found',
  'duplicate-header',
  'csv-malformed',
  'kobo-malformed',
] as const;

/** One of {@link FILE_ERROR_CODES}. */
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** A file refused as a whole, with a message in French and English. */
export type FileError = DomainError<FileErrorCode> & { detail?: string };

export function fileError(code: FileErrorCode, message: LocalizedText, detail?: string): FileError {
  return detail === undefined ? { code, message } : { code, message, detail };
}

/** The text of a cell as the user typed it (dates as ISO, numbers in JavaScript's notation). */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('date' in value) return value.date;
  return value.error;
}

/** Whether a row holds nothing but blanks. */
export function isBlankRow(cells: Iterable<CellValue>): boolean {
  for (const v of cells) if (cellText(v).trim() !== '') return false;
  return true;
}
