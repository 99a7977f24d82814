import { err, ok, type Result } from '@jalon/domain';
import { createHash } from 'node:crypto';
import { readXlsxSheets } from '../read/xlsx';
import type { ReadLimits } from '../read/limits';
import { cellText, fileError, type FileError, type SourceTable } from '../table';
import type { KoboReadOptions, KoboTables, KoboValidation } from './json';

/** The validation label of Kobo's xlsx export (English or French interface) to its status. */
function validationFromLabel(label: string): KoboValidation {
  const l = label.trim().toLowerCase();
  if (l === 'approved' || l === 'approuvé' || l === 'validation_status_approved') return 'approved';
  if (l === 'not approved' || l === 'non approuvé' || l === 'validation_status_not_approved')
    return 'not-approved';
  if (l === 'on hold' || l === 'en attente' || l === 'validation_status_on_hold') return 'on-hold';
  return 'none';
}

/**
 * Kobo's xlsx export ("XML values and headers"): the first sheet holds one row per submission
 * (headers are xpaths, `_uuid`, `_index`, `_submission_time`, `_validation_status`), each
 * other sheet a repeat group linked by `_submission__uuid` / `_parent_index`. The same tables
 * as the JSON: `meta/rootUuid` filled on every row (the export's own column when the form has
 * it, else `_uuid`: then an edited submission comes back as a new one; the JSON and the pull
 * carry the root uuid and do not have this limit).
 */
export async function koboXlsxToTables(
  bytes: Uint8Array,
  options: KoboReadOptions & { limits?: ReadLimits } = {},
): Promise<Result<KoboTables, FileError>> {
  const info = {
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  const read = await readXlsxSheets(bytes, info, {
    headerRow: 1,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (!read.ok) return read;
  const [first, ...others] = read.value;
  if (!first)
    return err(
      fileError('sheet-empty', { fr: 'Le classeur est vide.', en: 'The workbook is empty.' }),
    );
  if (!first.table.ok || !first.table.value.headers.includes('_uuid'))
    return err(
      fileError(
        'kobo-malformed',
        {
          fr: 'Ce classeur n’est pas un export de KoboToolbox (colonne « _uuid » absente de la première feuille) : exportez avec « Valeurs et en-têtes XML ».',
          en: 'This workbook is not a KoboToolbox export (no "_uuid" column on the first sheet): export with "XML values and headers".',
        },
        first.table.ok ? first.name : first.table.error.code,
      ),
    );
  const main = first.table.value;
  const accept = new Set(options.accept ?? ['approved', 'on-hold', 'none']);
  const rootOf = new Map<string, string>();
  const rootByIndex = new Map<string, string>();
  const skipped: KoboTables['skipped'] = [];
  const rows = main.rows.flatMap((row) => {
    const uuid = cellText(row.cells._uuid ?? null).replace(/^uuid:/, '');
    const root = cellText(row.cells['meta/rootUuid'] ?? null).replace(/^uuid:/, '') || uuid;
    const validation = validationFromLabel(cellText(row.cells._validation_status ?? null));
    if (!accept.has(validation)) {
      skipped.push({ rootUuid: root || null, validation });
      return [];
    }
    rootOf.set(uuid, root);
    rootByIndex.set(cellText(row.cells._index ?? null), root);
    return [
      { ...row, cells: { ...row.cells, 'meta/rootUuid': root, _validation_status: validation } },
    ];
  });
  const submissions: SourceTable = {
    ...main,
    headers: main.headers.includes('meta/rootUuid')
      ? main.headers
      : [...main.headers, 'meta/rootUuid'],
    rows,
  };
  const repeats = new Map<string, SourceTable>();
  for (const sheet of others) {
    if (!sheet.table.ok) continue; // a repeat group nobody filled: header only
    const t = sheet.table.value;
    repeats.set(sheet.name, {
      ...t,
      headers: [...t.headers, 'meta/rootUuid'],
      rows: t.rows.flatMap((row) => {
        const root =
          rootOf.get(cellText(row.cells._submission__uuid ?? null).replace(/^uuid:/, '')) ??
          rootByIndex.get(cellText(row.cells._parent_index ?? null));
        // Rows of submissions left out (not approved) go with them.
        return root === undefined
          ? []
          : [{ ...row, cells: { ...row.cells, 'meta/rootUuid': root } }];
      }),
    });
  }
  return ok({ submissions, repeats, skipped });
}
