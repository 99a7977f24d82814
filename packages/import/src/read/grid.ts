import { err, ok, type Result } from '@jalon/domain';
import { normalizeName } from '../names';
import {
  cellText,
  fileError,
  isBlankRow,
  type CellValue,
  type FileError,
  type SourceInfo,
  type SourceTable,
} from '../table';

/** A sheet or a CSV as rows of cells, before the header row is known. */
export interface GridRow {
  rowNumber: number;
  values: CellValue[];
}

export interface HeaderOptions {
  /** The header row as the user chose it (1-based, the sheet's own number). */
  headerRow?: number;
  /** The columns a mapping profile expects: the row naming most of them is the header row. */
  expectedHeaders?: readonly string[];
}

const SCAN = 30;

function headerScore(row: GridRow, expected: Set<string>): number {
  return row.values.filter((v) => expected.has(normalizeName(cellText(v)))).length;
}

function looksLikeHeader(row: GridRow, widest: number): boolean {
  const filled = row.values.filter((v) => cellText(v).trim() !== '');
  return (
    filled.length >= Math.min(2, widest) &&
    filled.length * 2 >= widest &&
    filled.every((v) => typeof v === 'string')
  );
}

/**
 * Finds the header row (chosen, or the one naming most of the expected columns, or the first row
 * of text as wide as the table) and reads the rows under it by column name. Blank rows are
 * skipped; an empty sheet and a header row alone are refused.
 */
export function gridToTable(
  grid: GridRow[],
  source: SourceInfo,
  options: HeaderOptions = {},
): Result<SourceTable, FileError> {
  const rows = grid.filter((r) => !isBlankRow(r.values));
  if (rows.length === 0)
    return err(
      fileError('sheet-empty', {
        fr: `${source.sheet ? `La feuille « ${source.sheet} »` : 'Le fichier'} est vide.`,
        en: `${source.sheet ? `The sheet "${source.sheet}"` : 'The file'} is empty.`,
      }),
    );
  let header: GridRow | undefined;
  if (options.headerRow !== undefined) {
    header = rows.find((r) => r.rowNumber === options.headerRow);
  } else if (options.expectedHeaders && options.expectedHeaders.length > 0) {
    const expected = new Set(options.expectedHeaders.map(normalizeName));
    let best = 0;
    for (const row of rows.slice(0, SCAN)) {
      const score = headerScore(row, expected);
      if (score > best) [best, header] = [score, row];
    }
  }
  if (!header && options.headerRow === undefined) {
    const top = rows.slice(0, SCAN);
    const widest = Math.max(
      ...top.map((r) => r.values.filter((v) => cellText(v).trim() !== '').length),
    );
    header = top.find((r) => looksLikeHeader(r, widest));
  }
  if (!header)
    return err(
      fileError('header-not-found', {
        fr:
          options.headerRow !== undefined
            ? `La ligne ${options.headerRow} est vide : choisissez la ligne des en-têtes.`
            : 'Aucune ligne d’en-têtes trouvée : choisissez la ligne qui nomme les colonnes.',
        en:
          options.headerRow !== undefined
            ? `Row ${options.headerRow} is empty: choose the header row.`
            : 'No header row found: choose the row that names the columns.',
      }),
    );
  const headers: { index: number; name: string }[] = [];
  header.values.forEach((v, index) => {
    const name = cellText(v).replace(/\s+/g, ' ').trim();
    if (name !== '') headers.push({ index, name });
  });
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const h of headers) {
    const key = normalizeName(h.name);
    if (seen.has(key)) duplicates.push(h.name);
    else seen.set(key, h.name);
  }
  if (duplicates.length > 0)
    return err(
      fileError(
        'duplicate-header',
        {
          fr: `Plusieurs colonnes portent le même nom (${duplicates.map((d) => `« ${d} »`).join(', ')}) : renommez-les pour les distinguer.`,
          en: `Several columns have the same name (${duplicates.map((d) => `"${d}"`).join(', ')}): rename them apart.`,
        },
        duplicates.join(', '),
      ),
    );
  const body = rows.filter((r) => r.rowNumber > (header?.rowNumber ?? 0));
  if (body.length === 0)
    return err(
      fileError('header-only', {
        fr: 'Le fichier ne contient que la ligne d’en-têtes : aucune ligne à importer.',
        en: 'The file holds the header row only: no rows to import.',
      }),
    );
  return ok({
    source: { ...source, headerRow: header.rowNumber },
    headers: headers.map((h) => h.name),
    rows: body.map((r) => ({
      rowNumber: r.rowNumber,
      cells: Object.fromEntries(headers.map((h) => [h.name, r.values[h.index] ?? null])),
    })),
  });
}
