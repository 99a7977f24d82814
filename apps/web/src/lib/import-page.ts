import { isUuid } from '$lib/uuid';

/**
 * The import page's pure part (`/importer`): what its address and its upload form say, read
 * strictly (anything unknown falls back or is refused in words), and the rows of a dry run laid
 * out one issue a line, for the table of errors.
 */

/** What can be imported from the page, in the order of its list. */
export const importKinds = ['activities', 'attendance', 'incidents', 'targets', 'values'] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * The procedure entering each kind by hand: a role imports a kind only if it may enter it by hand
 * (the API's `KIND_WRITE`, held equal to this in the tests), so a programme officer is offered
 * activities, attendance, incidents and values, not targets.
 */
export const kindWrites = {
  activities: 'activity.create',
  attendance: 'attendance.set',
  incidents: 'incident.create',
  targets: 'target.set',
  values: 'manualValue.set',
} as const satisfies Record<ImportKind, string>;

/** The kinds the signed-in user may import, in the page's order. */
export function importKindsFor(
  me: { procedures: readonly string[] } | null | undefined,
): ImportKind[] {
  const allowed = new Set(me?.procedures ?? []);
  return importKinds.filter((k) => allowed.has(kindWrites[k]));
}

export const isImportKind = (value: unknown): value is ImportKind =>
  (importKinds as readonly unknown[]).includes(value);

/** The page's address: the batch shown (`?lot=<id>`), the kind chosen, what was just done. */
export interface ImportQuery {
  batch: string | null;
  kind: ImportKind;
  done: 'committed' | 'undone' | null;
}

export function readImportQuery(params: URLSearchParams): ImportQuery {
  const batch = params.get('lot');
  const kind = params.get('type');
  const done = params.get('fait');
  return {
    batch: batch && isUuid(batch) ? batch.toLowerCase() : null,
    kind: isImportKind(kind) ? kind : 'activities',
    done: done === 'importe' ? 'committed' : done === 'annule' ? 'undone' : null,
  };
}

/**
 * The largest file the page takes: 5 MB (a workbook of some 50,000 rows). The server's edge lets
 * the page's form through up to this and its multipart framing (`importPage` in apps/api's
 * limits); larger files go through the API route or the CLI (`JALON_MAX_UPLOAD_BYTES`).
 */
export const MAX_PAGE_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The upload form, checked: a file of the right kind, and the profile when one was pasted. */
export type UploadForm =
  | { ok: true; kind: ImportKind; file: File; profile: string | null }
  | { ok: false; kind: ImportKind; problem: 'no-file' | 'too-large' | 'bad-kind' | 'truncated' };

export function readUploadForm(form: FormData): UploadForm {
  const rawKind = form.get('kind');
  const kind = isImportKind(rawKind) ? rawKind : 'activities';
  if (!isImportKind(rawKind)) return { ok: false, kind, problem: 'bad-kind' };
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0 || file.name === '')
    return { ok: false, kind, problem: 'no-file' };
  if (file.size > MAX_PAGE_UPLOAD_BYTES) return { ok: false, kind, problem: 'too-large' };
  const profile = String(form.get('profile') ?? '').trim();
  return { ok: true, kind, file, profile: profile === '' ? null : profile };
}

/** One issue of a dry run's row, as the API gives it. */
interface RowIssue {
  code: string;
  field: string;
  column?: string | undefined;
  severity: 'error' | 'warning';
  value?: string | undefined;
  message: { fr: string; en: string };
  suggestions?: string[] | undefined;
}

/** One line of the page's table of errors: the row, the column, what is wrong, in words. */
export interface IssueLine {
  rowNumber: number;
  column: string;
  severity: 'error' | 'warning';
  value: string | null;
  message: string;
  code: string;
}

/**
 * The rows of a dry run, one line per issue, in row order: the row number of the user's own
 * file, the column as headed in it (the field when the file has none), the message in her
 * language with the closest names when the API suggests some.
 */
export function issueLines(
  rows: readonly { rowNumber: number; issues: readonly RowIssue[] }[],
  locale: 'fr' | 'en',
  words: { suggestions: (names: string) => string },
): IssueLine[] {
  return rows
    .flatMap((row) =>
      row.issues.map((issue) => ({
        rowNumber: row.rowNumber,
        column: issue.column ?? issue.field,
        severity: issue.severity,
        value: issue.value ?? null,
        code: issue.code,
        message:
          issue.suggestions && issue.suggestions.length > 0
            ? `${issue.message[locale]} ${words.suggestions(issue.suggestions.join(', '))}`
            : issue.message[locale],
      })),
    )
    .sort((a, b) => a.rowNumber - b.rowNumber);
}

/** The message of a refusal answered by `/api/import/upload` (`{ error: { code, message } }`). */
export function problemMessage(body: unknown): { code: string; message: string | null } {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: unknown }).error
      : null;
  if (typeof error !== 'object' || error === null) return { code: 'UNKNOWN', message: null };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : 'UNKNOWN',
    message: typeof message === 'string' ? message : null,
  };
}
