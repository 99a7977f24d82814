import { err, ok, type Result } from '@jalon/domain';
import { z } from 'zod';
import { fileError, type CellValue, type FileError, type SourceTable } from '../table';

/**
 * One submission of Kobo's API v2 (`/api/v2/assets/{uid}/data/`): flat keys by xpath
 * (`groupe/question`), metadata in `_…` and `meta/…` keys, each repeat group an array of
 * objects whose keys are full xpaths (`groupe/participants/sexe`).
 */
export const koboSubmission = z
  .object({
    _id: z.number().int().optional(),
    _uuid: z.string().optional(),
    _submission_time: z.string().optional(),
    _validation_status: z
      .union([
        z.object({ uid: z.string().optional(), label: z.string().optional() }).loose(),
        z.null(),
      ])
      .optional(),
    'meta/instanceID': z.string().optional(),
    'meta/rootUuid': z.string().optional(),
  })
  .loose();

export type KoboSubmission = z.infer<typeof koboSubmission>;

/** A page of the data endpoint: `count`, `next` / `previous` links, `results`. */
export const koboPage = z.object({
  count: z.number().int().nonnegative(),
  next: z.string().nullable(),
  previous: z.string().nullable().optional(),
  results: z.array(koboSubmission),
});

export type KoboPage = z.infer<typeof koboPage>;

/** The stable id of a submission across edits: `meta/rootUuid`, else its first instance id. */
export function rootUuid(s: KoboSubmission): string | null {
  const raw = s['meta/rootUuid'] ?? s['meta/instanceID'] ?? s._uuid ?? null;
  return raw === null ? null : raw.replace(/^uuid:/, '');
}

/** Kobo's validation statuses (`{}` when none was set). */
export type KoboValidation = 'approved' | 'not-approved' | 'on-hold' | 'none';

export function validationOf(s: KoboSubmission): KoboValidation {
  const uid = s._validation_status?.uid;
  if (uid === 'validation_status_approved') return 'approved';
  if (uid === 'validation_status_not_approved') return 'not-approved';
  if (uid === 'validation_status_on_hold') return 'on-hold';
  return 'none';
}

export interface KoboTables {
  /** One row per submission; `meta/rootUuid` always filled (from the instance id if needed). */
  submissions: SourceTable;
  /** One table per repeat group (by its xpath): each row carries its submission's `meta/rootUuid` and `_index`. */
  repeats: Map<string, SourceTable>;
  /** Submissions left out by the validation filter, by root uuid. */
  skipped: { rootUuid: string | null; validation: KoboValidation }[];
}

function scalar(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function headersOf(rows: Record<string, CellValue>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

export interface KoboReadOptions {
  /** Which validation statuses to import; by default all but « non approuvé ». */
  accept?: readonly KoboValidation[];
  fileName?: string;
}

/**
 * Submissions of the API v2 JSON (a page, or its `results` array, or several pages' results) as
 * tables: the submissions by xpath, and each repeat group (nested ones too) as its own table,
 * the way attendance lists come from a form.
 */
export function koboJsonToTables(
  json: unknown,
  options: KoboReadOptions = {},
): Result<KoboTables, FileError> {
  const list = Array.isArray(json) ? json : (json as { results?: unknown } | null)?.results;
  const parsed = z.array(koboSubmission).safeParse(list);
  if (!parsed.success)
    return err(
      fileError(
        'kobo-malformed',
        {
          fr: 'Ce fichier n’est pas un export JSON de KoboToolbox (API v2, /data/) : la liste « results » est introuvable ou mal formée.',
          en: 'This file is not a KoboToolbox JSON export (API v2, /data/): the "results" list is missing or malformed.',
        },
        parsed.error.issues[0]?.message,
      ),
    );
  const accept = new Set(options.accept ?? ['approved', 'on-hold', 'none']);
  const main: Record<string, CellValue>[] = [];
  const repeats = new Map<string, Record<string, CellValue>[]>();
  const skipped: KoboTables['skipped'] = [];
  const walk = (
    obj: Record<string, unknown>,
    into: Record<string, CellValue>,
    root: string | null,
  ) => {
    for (const [key, v] of Object.entries(obj)) {
      if (
        Array.isArray(v) &&
        v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))
      ) {
        if (key.startsWith('_')) continue; // _attachments, _notes…
        const rows = repeats.get(key) ?? [];
        v.forEach((item, i) => {
          const row: Record<string, CellValue> = { 'meta/rootUuid': root, _index: i + 1 };
          walk(item as Record<string, unknown>, row, root);
          rows.push(row);
        });
        repeats.set(key, rows);
      } else into[key] = scalar(v);
    }
  };
  for (const s of parsed.data) {
    const root = rootUuid(s);
    const validation = validationOf(s);
    if (!accept.has(validation)) {
      skipped.push({ rootUuid: root, validation });
      continue;
    }
    const row: Record<string, CellValue> = {};
    walk(s, row, root);
    row['meta/rootUuid'] = root;
    row._validation_status = validation;
    main.push(row);
  }
  const table = (rows: Record<string, CellValue>[], sheet?: string): SourceTable => ({
    source: {
      format: 'kobo-json',
      ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
      ...(sheet === undefined ? {} : { sheet }),
    },
    headers: headersOf(rows),
    rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })),
  });
  return ok({
    submissions: table(main),
    repeats: new Map([...repeats].map(([k, rows]) => [k, table(rows, k)])),
    skipped,
  });
}
