import type { LocalizedText } from '@jalon/domain';
import { createHash } from 'node:crypto';
import { ISSUE_TITLES, type RowIssue, type RowIssueCode } from './issues';
import type { CheckedRow } from './rows';

/** Lists that are sets: their order in a file is not a change. */
const SET_KEYS = new Set(['placeIds', 'grantIds', 'cells']);

/**
 * JSON with object keys sorted, so equal records give equal text; `undefined` properties left
 * out as `JSON.stringify` does. With `sets`, the lists named in {@link SET_KEYS} are sorted too.
 */
export function canonicalJson(value: unknown, sets = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, sets)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(o).sort()) {
      const v = o[k];
      if (v === undefined) continue;
      let text: string;
      if (sets && SET_KEYS.has(k) && Array.isArray(v))
        text = `[${v
          .map((x) => canonicalJson(x, sets))
          .sort()
          .join(',')}]`;
      else text = canonicalJson(v, sets);
      parts.push(`${JSON.stringify(k)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The content hash of a record as imported: sha256 of its canonical JSON. Stored with the
 * record's external id, it tells a re-import what changed. Lists that are sets (places, grants,
 * breakdown cells) are sorted first, so their order in the file does not count as a change.
 */
export function contentHash(record: object): string {
  return createHash('sha256').update(canonicalJson(record, true)).digest('hex');
}

export type PlanAction = 'create' | 'update' | 'unchanged' | 'rejected';

/** What the import would do with one row. */
export interface PlannedRow<T> {
  rowNumber: number;
  externalId: string | null;
  action: PlanAction;
  record: T | null;
  hash: string | null;
  issues: RowIssue[];
}

/** Every row with one code on one field, said once: 10,000 rows with one wrong column is one line. */
export interface IssueGroup {
  code: RowIssueCode;
  severity: 'error' | 'warning';
  field: string;
  column?: string;
  /** Rows, ascending, each once. */
  rows: number[];
  /** The same as text: `4–10 003, 10 007`. */
  rowRanges: string;
  title: LocalizedText;
  /** Up to three rows' own messages, to show what is wrong. */
  examples: { rowNumber: number; value?: string; message: LocalizedText; suggestions?: string[] }[];
}

/** A dry run: nothing written; what a commit would do, and why rows would be rejected. */
export interface DryRun<T> {
  counts: Record<PlanAction, number>;
  rows: PlannedRow<T>[];
  groups: IssueGroup[];
}

/** `4–6, 9` (French: narrow no-break space between thousands, en dash for ranges). */
export function rowRanges(rows: readonly number[], locale: 'fr' | 'en' = 'fr'): string {
  const fmt = (n: number) =>
    locale === 'fr' ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f') : n.toLocaleString('en');
  const parts: string[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === (rows[j] ?? 0) + 1) j++;
    const a = rows[i] ?? 0;
    const b = rows[j] ?? 0;
    parts.push(a === b ? fmt(a) : `${fmt(a)}–${fmt(b)}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Issues grouped by code, severity, field and column; groups in the order first met. */
export function groupIssues(issues: Iterable<RowIssue>): IssueGroup[] {
  const groups = new Map<string, IssueGroup & { seen: Set<number> }>();
  for (const issue of issues) {
    const key = [issue.code, issue.severity, issue.field, issue.column ?? ''].join('\u0000');
    let g = groups.get(key);
    if (!g) {
      g = {
        code: issue.code,
        severity: issue.severity,
        field: issue.field,
        ...(issue.column === undefined ? {} : { column: issue.column }),
        rows: [],
        rowRanges: '',
        title: ISSUE_TITLES[issue.code],
        examples: [],
        seen: new Set(),
      };
      groups.set(key, g);
    }
    if (!g.seen.has(issue.rowNumber)) {
      g.seen.add(issue.rowNumber);
      g.rows.push(issue.rowNumber);
    }
    if (g.examples.length < 3 && !g.examples.some((e) => e.rowNumber === issue.rowNumber))
      g.examples.push({
        rowNumber: issue.rowNumber,
        message: issue.message,
        ...(issue.value === undefined ? {} : { value: issue.value }),
        ...(issue.suggestions ? { suggestions: issue.suggestions } : {}),
      });
  }
  return [...groups.values()].map(({ seen: _seen, ...g }) => {
    const rows = [...g.rows].sort((a, b) => a - b);
    return { ...g, rows, rowRanges: rowRanges(rows) };
  });
}

/**
 * The dry run of checked rows against what the organisation already has (external id → content
 * hash): create, update, unchanged or rejected. An external id on several rows of the file
 * rejects all of them (which one is right cannot be known).
 */
export function planImport<T extends object>(
  checked: readonly CheckedRow<T>[],
  existing: ReadonlyMap<string, string>,
): DryRun<T> {
  const byId = new Map<string, number[]>();
  for (const row of checked)
    if (row.externalId !== null)
      byId.set(row.externalId, [...(byId.get(row.externalId) ?? []), row.rowNumber]);
  const counts: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, rejected: 0 };
  const rows = checked.map((row): PlannedRow<T> => {
    const issues = [...row.issues];
    const same = row.externalId === null ? [] : (byId.get(row.externalId) ?? []);
    if (same.length > 1) {
      const others = same.filter((n) => n !== row.rowNumber);
      issues.push({
        code: 'duplicate-external-id',
        field: 'externalId',
        rowNumber: row.rowNumber,
        severity: 'error',
        ...(row.externalId === null ? {} : { value: row.externalId }),
        message: {
          fr: `L’identifiant « ${row.externalId ?? ''} » figure aussi ${others.length > 1 ? 'aux lignes' : 'à la ligne'} ${rowRanges(others)}`,
          en: `The identifier "${row.externalId ?? ''}" is also on ${others.length > 1 ? 'rows' : 'row'} ${rowRanges(others, 'en')}`,
        },
      });
    }
    const rejected = row.record === null || issues.some((i) => i.severity === 'error');
    let action: PlanAction = 'rejected';
    let hash: string | null = null;
    if (!rejected && row.record !== null && row.externalId !== null) {
      hash = contentHash(row.record);
      const before = existing.get(row.externalId);
      action = before === undefined ? 'create' : before === hash ? 'unchanged' : 'update';
    }
    counts[action]++;
    return {
      rowNumber: row.rowNumber,
      externalId: row.externalId,
      action,
      record: rejected ? null : row.record,
      hash,
      issues,
    };
  });
  return { counts, rows, groups: groupIssues(rows.flatMap((r) => r.issues)) };
}

/** What a committed plan leaves: external id → hash, the "existing" of the next dry run. */
export function committedHashes(
  plan: { rows: readonly Pick<PlannedRow<unknown>, 'externalId' | 'hash' | 'action'>[] },
  before: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const after = new Map(before);
  for (const row of plan.rows)
    if (row.externalId !== null && row.hash !== null && row.action !== 'rejected')
      after.set(row.externalId, row.hash);
  return after;
}
