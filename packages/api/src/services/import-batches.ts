import { messageText } from '../messages';
import {
  activityProgrammes,
  importedHashes,
  importReferences,
  listGrants,
  listManualValues,
  stageImport,
  type Database,
  type ImportFailure,
} from '@jalon/db';
import {
  dryRun,
  enteredValueCounts,
  enteredValueHashes,
  groupIssues,
  koboJsonToTables,
  readSource,
  type FileError,
  type MappingProfile,
  type PlannedRow,
  type RowIssue,
  type SourceTable,
} from '@jalon/import';
import type { Count, LocalizedText } from '@jalon/domain';
import { failCommand, toTRPCError } from '../errors';
import { authorize, authorizeProcedure } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import type { Locale } from '../context';
import { activityInput } from '../routers/activity';
import { manualValueSetInput } from '../routers/manual-value';
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
  throw toTRPCError(
    { kind: 'import-file-refused', code: error.code, message: error.message },
    locale,
  );
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
        date: r.date ?? null,
      })
    : targetSetInput.safeParse({
        indicatorId: r.indicatorId,
        period: r.period,
        breakdown: r.breakdown,
        value: r.value,
      })
  ).error?.issues ?? [];

/** A value entered by hand through `manualValue.set`'s schema (its period by code). */
const valueSchema: SchemaCheck = (r) =>
  manualValueSetInput.safeParse({
    indicatorId: r.indicatorId,
    period: r.periodCode,
    breakdown: Object.fromEntries(
      String(r.cellKey)
        .split(';')
        .filter(Boolean)
        .map((kv) => kv.split('=')),
    ),
    value: r.value,
    qualifier: r.qualifier,
    note: r.note,
  }).error?.issues ?? [];

const SCHEMAS: Partial<
  Record<MappingProfile['kind'], { check: SchemaCheck; entry: LocalizedText }>
> = {
  activities: {
    check: activitySchema,
    entry: messageText('import.entry.activities'),
  },
  targets: { check: targetSchema, entry: messageText('import.entry.targets') },
  values: { check: valueSchema, entry: messageText('import.entry.values') },
};

/**
 * What a dry run compares rows with: for values, every value the organisation holds (typed by
 * hand or imported), so a row equal to a typed value is unchanged; for the other kinds, what
 * this source imported before (external id → hash).
 */
export async function existingRecords(
  db: Database,
  organisationId: string,
  kind: MappingProfile['kind'],
  source: string,
): Promise<{ hashes: ReadonlyMap<string, string>; values?: ReadonlyMap<string, Count> }> {
  if (kind !== 'values') return { hashes: await importedHashes(db, organisationId, kind, source) };
  const typed = await listManualValues(db, organisationId, {});
  return { hashes: enteredValueHashes(typed), values: enteredValueCounts(typed) };
}

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

/** The procedure that writes each kind by hand: an import of the kind is allowed as it is. */
export const KIND_WRITE: Record<MappingProfile['kind'], string> = {
  activities: 'activity.create',
  attendance: 'attendance.set',
  incidents: 'incident.create',
  targets: 'target.set',
  values: 'manualValue.set',
};

/**
 * Refuses (FORBIDDEN, in the caller's language) a kind her role may not write by hand: a
 * programme officer imports activities, attendance, incidents and entered values, not targets.
 * Answers her reach for the kind.
 */
export function requireKind(actor: Actor, kind: MappingProfile['kind'], locale: Locale) {
  const gate = authorizeProcedure(actor, KIND_WRITE[kind]);
  if (!gate.allow)
    throw toTRPCError(
      { kind: 'import-kind-refused', importKind: kind, reason: gate.reason },
      locale,
    );
  return gate.reach;
}

type Scoped = PlannedRow<unknown>;

/**
 * The programmes each row's record belongs to: an activity's or incident's own, an attendance
 * row's activity's (held, or of the same batch), an entered value's indicator's grant's programmes (none: the organisation's).
 */
async function rowProgrammes(
  db: Database,
  organisationId: string,
  kind: MappingProfile['kind'],
  rows: readonly Scoped[],
  indicators: readonly { id: string; grant: { id: string } | null }[],
): Promise<(string | null)[][]> {
  const rec = (r: Scoped) => (r.record ?? {}) as Record<string, unknown>;
  if (kind === 'activities' || kind === 'incidents')
    return rows.map((r) => [(rec(r).programmeId as string | null | undefined) ?? null]);
  if (kind === 'attendance') {
    // An activity already held: its programme in the database. One of the same batch, not
    // written yet: the programme its own row gives.
    type Ref = { id?: string; externalId?: string; programmeId?: string | null } | undefined;
    const ids = rows.flatMap((r) => {
      const a = rec(r).activity as Ref;
      return a?.id ? [a.id] : [];
    });
    const of = await activityProgrammes(db, organisationId, ids);
    return rows.map((r) => {
      const a = rec(r).activity as Ref;
      if (a?.id) return [of.get(a.id) ?? null];
      return [a?.externalId !== undefined ? (a.programmeId ?? null) : null];
    });
  }
  const grantOf = new Map(indicators.map((i) => [i.id, i.grant?.id ?? null]));
  const programmesOf = new Map(
    (await listGrants(db, organisationId)).map((g) => [g.id, g.programmes.map((p) => p.id)]),
  );
  return rows.map((r) => {
    const grant = grantOf.get(rec(r).indicatorId as string) ?? null;
    return grant ? (programmesOf.get(grant) ?? []) : [];
  });
}

/**
 * A programme officer's import holds to her programmes, row by row, as the same entry by hand
 * would (`activity.create`, `manualValue.set`…): a row of another programme — or of none — is
 * rejected with its reason, so the dry run names it and the commit, all or nothing, refuses it.
 */
export async function holdToReach(
  db: Database,
  actor: Actor,
  kind: MappingProfile['kind'],
  rows: Scoped[],
  indicators: readonly { id: string; grant: { id: string } | null }[],
): Promise<Scoped[]> {
  const candidates = rows.filter((r) => r.record !== null);
  if (candidates.length === 0) return rows;
  const programmes = await rowProgrammes(db, actor.organisationId, kind, candidates, indicators);
  const outside = new Set<number>();
  candidates.forEach((r, i) => {
    const programmeIds = (programmes[i] ?? []).filter((p): p is string => p !== null);
    const d = authorize(actor, KIND_WRITE[kind], {
      organisationId: actor.organisationId,
      programmeIds,
    });
    if (!d.allow) outside.add(r.rowNumber);
  });
  return rows.map((r) =>
    outside.has(r.rowNumber)
      ? {
          ...r,
          action: 'rejected',
          record: null,
          hash: null,
          issues: [
            ...r.issues,
            {
              code: 'other-programme',
              field:
                kind === 'values' ? 'indicator' : kind === 'attendance' ? 'activity' : 'programme',
              rowNumber: r.rowNumber,
              severity: 'error',
              message: messageText('import.other-programme', { kind }),
            },
          ],
        }
      : r,
  );
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
  actor: Actor,
  request: StageRequest,
  locale: Locale,
) {
  const reach = requireKind(actor, request.profile.kind, locale);
  const table = await tableOf(request, locale);
  const source = request.source ?? (request.profile.source === 'kobo' ? 'kobo' : 'file');
  const [refs, existing] = await Promise.all([
    importReferences(db, organisationId),
    existingRecords(db, organisationId, request.profile.kind, source).then((e) => e.hashes),
  ]);
  const planned = dryRun({ table, profile: request.profile, refs, existing });
  if (!planned.ok) fileRefused(planned.error, locale);
  let rows = (planned.value.rows as PlannedRow<unknown>[]).map((r) =>
    throughApiInput(request.profile.kind, r),
  );
  if (reach !== 'organisation')
    rows = await holdToReach(db, actor, request.profile.kind, rows, refs.indicators);
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

/**
 * A refused commit or undo, said in the caller's language with the rows named; a repository's
 * own refusal (a lock, a conflict…) in the words the API says it with everywhere, never its code.
 */
export function importRefused(failure: ImportFailure, locale: Locale): never {
  switch (failure.kind) {
    case 'wrong-status':
      throw toTRPCError({ kind: 'import-wrong-status', message: failure.message }, locale);
    case 'not-found':
      throw toTRPCError({ kind: 'import-batch-not-found' }, locale);
    case 'rows':
      throw toTRPCError({ kind: 'import-rows-refused', rows: failure.rows }, locale);
    default:
      return failCommand(failure, messageText('entity.import'), locale);
  }
}
