import { message, messageText } from '../messages';
import {
  importedHashes,
  importReferences,
  stageImport,
  type Database,
  type ImportFailure,
  type RowRefusal,
} from '@jalon/db';
import {
  dryRun,
  groupIssues,
  koboJsonToTables,
  readSource,
  rowRanges,
  type FileError,
  type MappingProfile,
  type PlannedRow,
  type RowIssue,
  type SourceTable,
} from '@jalon/import';
import type { LocalizedText } from '@jalon/domain';
import { TRPCError } from '@trpc/server';
import type { Locale } from '../context';
import { activityInput } from '../routers/activity';
import { baselineSetInput, targetSetInput } from '../routers/target';

/** What a user sends to stage a file: its bytes, its name, and how to read it. */
export interface StageRequest {
  fileName: string;
  bytes: Uint8Array;
  profile: MappingProfile;
  /** where the external ids come from (`file` by default, `kobo:<asset uid>` for a form) */
  source?: string | undefined;
}

/** A file refused whole: BAD_REQUEST with its stable code, in the caller's language. */
export function fileRefused(
  error: FileError | { code: string; message: LocalizedText },
  locale: Locale,
): never {
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: `${error.message[locale]} (${error.code})`,
    cause: Object.assign(new Error(error.code), { importCode: error.code }),
  });
}

/** The table of a file: a spreadsheet or CSV, or a KoboToolbox JSON export for a Kobo profile. */
async function tableOf(request: StageRequest, locale: Locale): Promise<SourceTable> {
  const { profile, bytes, fileName } = request;
  if (profile.source === 'kobo' && bytes[0] !== 0x50) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      fileRefused(
        {
          code: 'kobo-malformed',
          message: messageText('import.kobo-malformed'),
        },
        locale,
      );
    }
    const tables = koboJsonToTables(json, { fileName });
    if (!tables.ok) fileRefused(tables.error, locale);
    // An attendance profile reads a repeat group: the one whose columns it names.
    if (profile.kind === 'attendance')
      for (const t of tables.value.repeats.values())
        if (profile.columns.some((c) => t.headers.includes(c.source))) return t;
    return tables.value.submissions;
  }
  const read = await readSource(bytes, {
    fileName,
    ...(profile.sheet ? { sheet: profile.sheet } : {}),
    ...(profile.headerRow ? { headerRow: profile.headerRow } : {}),
    expectedHeaders: profile.columns.map((c) => c.source),
  });
  if (!read.ok) fileRefused(read.error, locale);
  return read.value;
}

/** What a record's own API schema says of it: nothing, or its issues. */
type SchemaCheck = (record: Record<string, unknown>) => { path: PropertyKey[]; message: string }[];

/** An activity through `activity.create`'s schema (its external id aside). */
const activitySchema: SchemaCheck = ({ externalId: _externalId, ...fields }) =>
  activityInput.safeParse(fields).error?.issues ?? [];

/** A target through `target.set`'s schema, a baseline through `target.setBaseline`'s. */
const targetSchema: SchemaCheck = (r) =>
  (r.nature === 'baseline'
    ? baselineSetInput.safeParse({
        indicatorId: r.indicatorId,
        breakdown: r.breakdown,
        value: r.value,
        year: r.year,
      })
    : targetSetInput.safeParse({
        indicatorId: r.indicatorId,
        period: r.period,
        breakdown: r.breakdown,
        value: r.value,
      })
  ).error?.issues ?? [];

const SCHEMAS: Partial<
  Record<MappingProfile['kind'], { check: SchemaCheck; entry: LocalizedText }>
> = {
  activities: {
    check: activitySchema,
    entry: messageText('import.entry.activities'),
  },
  targets: { check: targetSchema, entry: messageText('import.entry.targets') },
};

/**
 * A record through the API's own schema for the same entry by hand (`activity.create`,
 * `target.set`…): one rule for a form and a file. What it refuses becomes a row error (the
 * import's checks normally catch it first).
 */
function throughApiInput(
  kind: MappingProfile['kind'],
  row: PlannedRow<unknown>,
): PlannedRow<unknown> {
  const schema = SCHEMAS[kind];
  if (row.record === null || !schema) return row;
  const found = schema.check(row.record as Record<string, unknown>);
  if (found.length === 0) return row;
  const issues: RowIssue[] = found.map((i) => ({
    code: 'out-of-range',
    field: i.path.map(String).join('.') || kind,
    rowNumber: row.rowNumber,
    severity: 'error',
    message: messageText('import.refused-by', { entry: schema.entry, detail: i.message }),
  }));
  return {
    ...row,
    action: 'rejected',
    record: null,
    hash: null,
    issues: [...row.issues, ...issues],
  };
}

/**
 * Reads a file through a profile, plans it against what the organisation already has (names
 * resolved, external ids compared) and keeps it as a staged batch: nothing of the
 * organisation's data is written. A file refused whole, or a profile that no longer fits it,
 * is a BAD_REQUEST that names why.
 */
export async function stageFile(
  db: Database,
  organisationId: string,
  actor: { userId: string | null },
  request: StageRequest,
  locale: Locale,
) {
  const table = await tableOf(request, locale);
  const source = request.source ?? (request.profile.source === 'kobo' ? 'kobo' : 'file');
  const [refs, existing] = await Promise.all([
    importReferences(db, organisationId),
    importedHashes(db, organisationId, request.profile.kind, source),
  ]);
  const planned = dryRun({ table, profile: request.profile, refs, existing });
  if (!planned.ok) fileRefused(planned.error, locale);
  const rows = (planned.value.rows as PlannedRow<unknown>[]).map((r) =>
    throughApiInput(request.profile.kind, r),
  );
  const cells = new Map(table.rows.map((r) => [r.rowNumber, r.cells]));
  const staged = await stageImport(
    db,
    organisationId,
    {
      kind: request.profile.kind,
      source,
      fileName: request.fileName,
      sha256: table.source.sha256 ?? '',
      sheet: table.source.sheet ?? null,
      profile: request.profile,
      rows: rows.map((r) => ({
        rowNumber: r.rowNumber,
        externalId: r.externalId,
        hash: r.hash,
        action: r.action,
        cells: cells.get(r.rowNumber) ?? null,
        record: r.record,
        issues: r.issues,
      })),
    },
    actor,
  );
  return {
    id: staged.id,
    counts: staged.counts,
    groups: groupIssues(rows.flatMap((r) => r.issues)),
  };
}

/**
 * The plan of a staged batch against what the organisation holds now: a row planned as a
 * create is unchanged if the same row was imported since, and so on.
 */
export function replan(
  rows: { action: string; externalId: string | null; hash: string | null }[],
  existing: ReadonlyMap<string, string>,
) {
  const counts = { create: 0, update: 0, unchanged: 0, rejected: 0 };
  const actions = rows.map((r) => {
    let action = r.action as keyof typeof counts;
    if (action !== 'rejected' && r.externalId !== null && r.hash !== null) {
      const before = existing.get(r.externalId);
      action = before === undefined ? 'create' : before === r.hash ? 'unchanged' : 'update';
    }
    counts[action]++;
    return action;
  });
  return { counts, actions };
}

/** A refused commit or undo, said in the caller's language with the rows named. */
export function importRefused(failure: ImportFailure, locale: Locale): never {
  if (failure.kind === 'wrong-status')
    throw new TRPCError({ code: 'CONFLICT', message: failure.message[locale] });
  if (failure.kind === 'not-found')
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: message('import.batch-not-found', locale),
    });
  if (failure.kind === 'invalid')
    throw new TRPCError({ code: 'BAD_REQUEST', message: failure.message[locale] });
  if (failure.kind !== 'rows')
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: failure.kind });
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: refusalText(failure.rows, locale),
    cause: Object.assign(new Error('rows refused'), { rows: failure.rows }),
  });
}

/**
 * `Rien n’a été importé : 3 lignes ne peuvent pas être écrites. Lignes 4–6 : … ; ligne 9 : …`,
 * rows with the same message said once.
 */
export function refusalText(rows: readonly RowRefusal[], locale: Locale): string {
  const byMessage = new Map<string, number[]>();
  for (const r of rows) {
    const m = r.message[locale];
    byMessage.set(m, [...(byMessage.get(m) ?? []), r.rowNumber]);
  }
  const parts = [...byMessage.entries()].slice(0, 10).map(([text, ns]) =>
    message('import.refused-rows.part', locale, {
      count: ns.length,
      ranges: rowRanges(ns, locale),
      text,
    }),
  );
  const more = byMessage.size > 10 ? message('import.refused-rows.more', locale) : '';
  return message('import.refused-rows', locale, { count: rows.length, lines: parts, more });
}
