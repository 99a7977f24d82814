import {
  checkConsistency,
  err,
  inEachLanguage,
  ok,
  type CountRecord,
  type LocalizedText,
  must,
} from '@jalon/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { type CommandFailure, type Tx, writeAudit } from '../../command';
import type { ApprovalFailure } from '../approval/commands';
import {
  importBatch,
  importRecord,
  incident,
  importRow,
  type ImportAction,
  type ImportKindName,
} from '../../schema/index';
import {
  createActivities,
  createActivity,
  deleteActivity,
  lockActivity,
  updateActivity,
  type ActivityInput,
  type AuditActor,
  type CreatedActivity,
} from '../activity/commands';
import { findActivity, type ActivityRow } from '../activity/queries';
import {
  createIncident,
  deleteIncident,
  lockIncident,
  updateIncident,
  type IncidentInput,
} from '../incident/commands';
import { setAttendance, type AttendanceInput } from '../attendance/commands';
import { listAttendance, type AttendanceRow } from '../attendance/queries';
import type { Result } from '@jalon/domain';
import { undoTargetRow, writeTargetRow } from './targets';
import { dbSays, dbText, type DbMessageKey } from '../../messages/index';
import { undoValueRow, writeValueRow } from './values';

/** One row as the API planned it, to be kept with its batch. */
export interface StagedRowInput {
  rowNumber: number;
  externalId: string | null;
  hash: string | null;
  action: ImportAction;
  /** the source cells, by column */
  cells?: unknown;
  /** what the row writes: for activities, `activity.create`'s input plus `externalId` */
  record: unknown;
  issues: unknown[];
}

export interface StageInput {
  kind: ImportKindName;
  /** where the external ids come from: `file` (a column the user names), `kobo:<asset>` */
  source?: string;
  fileName: string;
  sha256: string;
  sheet?: string | null;
  profile: unknown;
  rows: readonly StagedRowInput[];
}

/** Why a row cannot be written, said with its row number. */
export interface RowRefusal {
  rowNumber: number;
  externalId: string | null;
  /** `rejected-row`, `participation-inconsistent`, `concurrent-import`, `changed-since-import`, `record-gone`, or a repository refusal's kind (`locked`, `unknown-reference`, `invalid`, `duplicate-code`, `in-use`, `frozen`, `wrong-status`, `own-submission`) */
  code: string;
  message: LocalizedText;
}

/** Why a commit or an undo was refused: nothing was written. */
export type ImportFailure =
  | CommandFailure
  | { kind: 'wrong-status'; status: string; message: LocalizedText }
  | { kind: 'rows'; rows: RowRefusal[] };

export type ImportResult<T> = Result<T, ImportFailure>;

export interface CommitSummary {
  id: string;
  counts: Record<ImportAction, number>;
  validOnly: boolean;
}

const CHUNK = 1000;

/** The import record of one external id: unique per organisation, kind and source. */
const recordKey = (
  organisationId: string,
  kind: ImportKindName,
  source: string,
  externalId: string,
) =>
  and(
    eq(importRecord.organisationId, organisationId),
    eq(importRecord.kind, kind),
    eq(importRecord.source, source),
    eq(importRecord.externalId, externalId),
  );

/** The columns of that key, for an upsert of an import record. */
export const recordKeyColumns = [
  importRecord.organisationId,
  importRecord.kind,
  importRecord.source,
  importRecord.externalId,
];

/** A row whose external id another batch claimed between this batch's check and its commit. */
const concurrentImport = (rowNumber: number, externalId: string): RowRefusal => ({
  rowNumber,
  externalId,
  code: 'concurrent-import',
  message: dbText('import-concurrent', externalId),
});

/** A row whose participant figures contradict each other (the engine's own messages). */
const inconsistent = (
  rowNumber: number,
  externalId: string,
  errors: readonly { message: LocalizedText }[],
): RowRefusal => ({
  rowNumber,
  externalId,
  code: 'participation-inconsistent',
  message: inEachLanguage((l) =>
    dbSays(
      l,
      'import-messages',
      errors.map((e) => e.message[l]),
    ),
  ),
});

/**
 * Keeps an upload as a batch: its file, profile and every row as read and planned. Nothing of
 * the organisation's data is written; the batch is audited.
 */
export async function stageImport(
  db: Database,
  organisationId: string,
  input: StageInput,
  actor: { userId: string | null } = { userId: null },
): Promise<{ id: string; counts: Record<ImportAction, number> }> {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, rejected: 0 };
  for (const r of input.rows) counts[r.action]++;
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(importBatch)
      .values({
        organisationId,
        kind: input.kind,
        source: input.source ?? 'file',
        fileName: input.fileName,
        sha256: input.sha256,
        sheet: input.sheet ?? null,
        profile: input.profile,
        counts,
        createdBy: actor.userId,
      })
      .returning({ id: importBatch.id });
    const id = must(batch, 'batch').id;
    for (let i = 0; i < input.rows.length; i += CHUNK)
      await tx.insert(importRow).values(
        input.rows.slice(i, i + CHUNK).map((r) => ({
          organisationId,
          batchId: id,
          rowNumber: r.rowNumber,
          externalId: r.externalId,
          hash: r.hash,
          action: r.action,
          cells: r.cells ?? null,
          record: r.record ?? null,
          issues: r.issues,
        })),
      );
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'stage',
      entity: 'import_batch',
      entityId: id,
      before: null,
      after: {
        kind: input.kind,
        source: input.source ?? 'file',
        fileName: input.fileName,
        sha256: input.sha256,
        counts,
      },
    });
    return { id, counts };
  });
}

/** Thrown inside a transaction to roll it back with a refusal. */
class Abort extends Error {
  constructor(readonly failure: ImportFailure) {
    super('import refused');
  }
}

async function refusedOnAbort<T>(run: () => Promise<ImportResult<T>>): Promise<ImportResult<T>> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Abort) return err(e.failure);
    throw e;
  }
}

const statusWords: Record<string, DbMessageKey> = {
  staged: 'batch-staged',
  committed: 'batch-committed',
  undone: 'batch-undone',
};

function wrongStatus(
  status: string,
  doing: 'batch-doing-commit' | 'batch-doing-undo',
): ImportFailure {
  const word = statusWords[status];
  return {
    kind: 'wrong-status',
    status,
    message: inEachLanguage((l) =>
      dbSays(l, 'batch-wrong-status', word ? dbSays(l, word) : status, dbSays(l, doing)),
    ),
  };
}

/** The words of a repository refusal, for one row: every kind said in a sentence, none raw. */
export function refusalOf(
  row: { rowNumber: number; externalId: string | null },
  failure: ApprovalFailure,
): RowRefusal {
  const base = { rowNumber: row.rowNumber, externalId: row.externalId };
  const said = (code: string, message: LocalizedText): RowRefusal => ({ ...base, code, message });
  switch (failure.kind) {
    case 'locked':
      return said('locked', dbText('import-row-locked', failure.period, failure.grant));
    case 'unknown-reference':
      return said(
        'unknown-reference',
        dbText('import-row-unknown-reference', failure.what, failure.ids),
      );
    case 'conflict':
      return said(
        'changed-since-import',
        dbText('import-row-changed-meanwhile', failure.currentVersion),
      );
    case 'invalid':
      return said('invalid', failure.message);
    case 'not-found':
      return said('record-gone', dbText('import-row-gone'));
    case 'duplicate-code':
      return said('duplicate-code', dbText('import-row-duplicate-code', failure.code));
    case 'in-use':
      return said('in-use', dbText('import-row-in-use'));
    case 'frozen':
      return said('frozen', dbText('import-row-frozen', failure.grant, failure.periods));
    case 'wrong-status':
      return said('wrong-status', dbText('import-row-wrong-status', failure.status));
    case 'own-submission':
      return said('own-submission', dbText('import-row-own-submission'));
  }
}

/** The input that writes an activity back as it is. */
export function activityInputOf(a: ActivityRow): ActivityInput {
  return {
    programmeId: a.programme.id,
    code: a.code,
    title: a.title,
    summary: a.summary,
    type: a.type,
    role: a.role,
    startDate: a.startDate,
    endDate: a.endDate,
    sessions: a.sessions,
    placeIds: a.places.map((p) => p.id),
    grantIds: a.grants.map((g) => g.id),
    participants: a.participants as CountRecord | null,
  };
}

/** An activity record as staged (`ActivityRecord` of @jalon/import). */
interface StagedActivity extends Omit<ActivityInput, 'code'> {
  externalId: string;
}

/** What writing one row did, or why it could not. */
export type RowWritten = Written;

type Written =
  | {
      action: 'create' | 'update' | 'unchanged';
      entityId: string | null;
      version: number | null;
      before: unknown;
    }
  | RowRefusal;

async function writeActivityRow(
  tx: Tx,
  organisationId: string,
  batch: { id: string; source: string },
  row: { rowNumber: number; externalId: string | null; hash: string | null; record: unknown },
  actor: AuditActor,
): Promise<Written> {
  const record = row.record as StagedActivity;
  const { externalId, ...fields } = record;
  const input: ActivityInput = fields;
  const errors = input.participants
    ? checkConsistency(input.participants).filter((i) => i.severity === 'error')
    : [];
  if (errors.length) return inconsistent(row.rowNumber, externalId, errors);
  const hash = must(row.hash, 'row.hash');
  const [known] = await tx
    .select({
      entityId: importRecord.entityId,
      hash: importRecord.hash,
      entityVersion: importRecord.entityVersion,
      batchId: importRecord.batchId,
    })
    .from(importRecord)
    .where(recordKey(organisationId, 'activities', batch.source, externalId))
    .for('update');
  const current = known ? await findActivity(tx, organisationId, known.entityId) : undefined;

  if (!known || !current) {
    // New, or its activity was deleted in Jalon since: created (again).
    const created = await createActivity(tx, organisationId, input, actor);
    if (!created.ok) return refusalOf(row, created.error);
    const claim = known
      ? await tx
          .update(importRecord)
          .set({
            entityId: created.value.id,
            hash,
            entityVersion: created.value.version,
            batchId: batch.id,
            updatedAt: sql`now()`,
          })
          .where(recordKey(organisationId, 'activities', batch.source, externalId))
          .returning({ id: importRecord.entityId })
      : await tx
          .insert(importRecord)
          .values({
            organisationId,
            kind: 'activities',
            source: batch.source,
            externalId,
            entityId: created.value.id,
            hash,
            entityVersion: created.value.version,
            batchId: batch.id,
          })
          .onConflictDoNothing()
          .returning({ id: importRecord.entityId });
    if (!claim[0]) return concurrentImport(row.rowNumber, externalId);
    return {
      action: 'create',
      entityId: created.value.id,
      version: created.value.version,
      before: known ? { hash: known.hash, batchId: known.batchId, entityId: known.entityId } : null,
    };
  }
  if (known.hash === hash)
    return { action: 'unchanged', entityId: known.entityId, version: null, before: null };
  if (current.version !== known.entityVersion)
    return {
      rowNumber: row.rowNumber,
      externalId,
      code: 'changed-since-import',
      message: dbText(
        'import-activity-changed',
        current.code,
        current.version,
        known.entityVersion,
      ),
    };
  const updated = await updateActivity(
    tx,
    organisationId,
    known.entityId,
    known.entityVersion,
    { ...input, code: current.code },
    actor,
  );
  if (!updated.ok) return refusalOf(row, updated.error);
  await tx
    .update(importRecord)
    .set({
      hash,
      entityVersion: updated.value.version,
      batchId: batch.id,
      updatedAt: sql`now()`,
    })
    .where(recordKey(organisationId, 'activities', batch.source, externalId));
  return {
    action: 'update',
    entityId: known.entityId,
    version: updated.value.version,
    before: { hash: known.hash, batchId: known.batchId, activity: activityInputOf(current) },
  };
}

/**
 * An attendance list written by an import bumps its activity's version: the activity's own
 * import record follows (when it was at the version just replaced), so that a later import of
 * the activity does not take the import's own list for an edit made in Jalon.
 */
async function followVersion(
  tx: Tx,
  organisationId: string,
  activityId: string,
  from: number | undefined,
  to: number,
) {
  if (from === undefined) return;
  await tx
    .update(importRecord)
    .set({ entityVersion: to, updatedAt: sql`now()` })
    .where(
      and(
        eq(importRecord.organisationId, organisationId),
        eq(importRecord.kind, 'activities'),
        eq(importRecord.entityId, activityId),
        eq(importRecord.entityVersion, from),
      ),
    );
}

/** An incident record as staged (`IncidentRecord` of @jalon/import). */
interface StagedIncident extends IncidentInput {
  externalId: string;
}

/** An incident's fields as they stand, to tell whether it changed since an import wrote it. */
async function incidentNow(tx: Tx, organisationId: string, id: string) {
  const [row] = await tx
    .select({
      date: incident.date,
      category: incident.category,
      deaths: incident.deaths,
      injuries: incident.injuries,
      verified: incident.verified,
      placeId: incident.placeId,
      programmeId: incident.programmeId,
      description: incident.description,
      code: incident.code,
    })
    .from(incident)
    .where(and(eq(incident.organisationId, organisationId), eq(incident.id, id)))
    .for('update');
  return row;
}

const sameIncident = (a: IncidentInput, b: IncidentInput) =>
  a.date === b.date &&
  a.category === b.category &&
  a.deaths === b.deaths &&
  a.injuries === b.injuries &&
  a.verified === b.verified &&
  (a.placeId ?? null) === (b.placeId ?? null) &&
  (a.programmeId ?? null) === (b.programmeId ?? null) &&
  (a.description ?? null) === (b.description ?? null);

/**
 * One incident row through the incident repository (`createIncident`, `updateIncident`: its
 * references, period locks and audit). Incidents carry no version: an update is refused when the
 * incident no longer holds what the last import wrote (an edit made in Jalon since).
 */
async function writeIncidentRow(
  tx: Tx,
  organisationId: string,
  batch: { id: string; source: string },
  row: { rowNumber: number; externalId: string | null; hash: string | null; record: unknown },
  actor: AuditActor,
): Promise<Written> {
  const { externalId, ...input } = row.record as StagedIncident;
  const key = recordKey(organisationId, 'incidents', batch.source, externalId);
  const [known] = await tx
    .select({
      entityId: importRecord.entityId,
      hash: importRecord.hash,
      batchId: importRecord.batchId,
    })
    .from(importRecord)
    .where(key)
    .for('update');
  const current = known ? await incidentNow(tx, organisationId, known.entityId) : undefined;
  if (!known || !current) {
    const created = await createIncident(tx, organisationId, input, actor);
    if (!created.ok) return refusalOf(row, created.error);
    const values = {
      organisationId,
      kind: 'incidents' as const,
      source: batch.source,
      externalId,
      entityId: created.value.id,
      hash: must(row.hash, 'row.hash'),
      entityVersion: 1,
      batchId: batch.id,
    };
    const claim = await tx
      .insert(importRecord)
      .values(values)
      .onConflictDoUpdate({
        target: recordKeyColumns,
        set: {
          entityId: created.value.id,
          hash: must(row.hash, 'row.hash'),
          batchId: batch.id,
          updatedAt: sql`now()`,
        },
        setWhere: known ? undefined : sql`false`,
      })
      .returning({ id: importRecord.entityId });
    if (!claim[0]) return concurrentImport(row.rowNumber, externalId);
    return { action: 'create', entityId: created.value.id, version: 1, before: { written: input } };
  }
  if (known.hash === row.hash)
    return { action: 'unchanged', entityId: known.entityId, version: null, before: null };
  const [last] = await tx
    .select({ before: importRow.before })
    .from(importRow)
    .where(
      and(
        eq(importRow.organisationId, organisationId),
        eq(importRow.batchId, known.batchId),
        eq(importRow.entityId, known.entityId),
      ),
    )
    .limit(1);
  const written = (last?.before as { written?: IncidentInput } | null)?.written;
  if (written && !sameIncident(written, current))
    return {
      rowNumber: row.rowNumber,
      externalId,
      code: 'changed-since-import',
      message: dbText('import-incident-changed', current.code),
    };
  const updated = await updateIncident(
    tx,
    organisationId,
    known.entityId,
    (await lockIncident(tx, organisationId, known.entityId)) ?? 0,
    { ...input, code: current.code },
    actor,
  );
  if (!updated.ok) return refusalOf(row, updated.error);
  await tx
    .update(importRecord)
    .set({ hash: must(row.hash, 'row.hash'), batchId: batch.id, updatedAt: sql`now()` })
    .where(key);
  const { code: _code, ...previous } = current;
  return {
    action: 'update',
    entityId: known.entityId,
    version: 1,
    before: { written: input, previous, hash: known.hash, batchId: known.batchId },
  };
}

/** An attendance record as staged (`AttendanceRecord` of @jalon/import). */
interface StagedAttendance {
  externalId: string;
  activity: { id: string } | { externalId: string; programmeId?: string | null };
  code: string;
  displayName: string | null;
  sex: string | null;
  ageGroup: string | null;
  disability: string | null;
  category: string | null;
  date: string | null;
}

const lineOf = (a: {
  code: string;
  displayName: string | null;
  sex: string | null;
  ageGroup: string | null;
  disability: string | null;
  category: string | null;
  date: string | null;
}): AttendanceInput => ({
  code: a.code,
  displayName: a.displayName,
  sex: a.sex,
  ageGroup: a.ageGroup,
  disability: a.disability,
  category: a.category,
  ...(a.date ? { date: a.date } : {}),
});

/** A staged row as a commit reads it. */
type StagedRow = {
  rowNumber: number;
  externalId: string | null;
  hash: string | null;
  record: unknown;
};

/** What one row did, by its row number. */
type RowOutcome = { rowNumber: number; written: Written };

/** The attendance rows of one activity still to write, each with whether it was imported before. */
type ActivityLines = { row: StagedRow; rec: StagedAttendance; known: boolean }[];

/** The activity an attendance row names: by id, or by the external id an import gave it. */
async function attendanceActivityId(
  tx: Tx,
  organisationId: string,
  rec: StagedAttendance,
): Promise<string | undefined> {
  if ('id' in rec.activity) return rec.activity.id;
  const [a] = await tx
    .select({ id: importRecord.entityId })
    .from(importRecord)
    .where(
      and(
        eq(importRecord.organisationId, organisationId),
        eq(importRecord.kind, 'activities'),
        eq(importRecord.externalId, rec.activity.externalId),
      ),
    )
    .limit(1);
  return a?.id;
}

/**
 * Attendance rows sorted out before anything is written: a row whose activity cannot be found is
 * refused, a row unchanged since its last import writes nothing, the others go by activity.
 */
async function attendanceByActivity(
  tx: Tx,
  organisationId: string,
  source: string,
  rows: readonly StagedRow[],
): Promise<{ settled: RowOutcome[]; byActivity: Map<string, ActivityLines> }> {
  const settled: RowOutcome[] = [];
  const byActivity = new Map<string, ActivityLines>();
  for (const row of rows) {
    const rec = row.record as StagedAttendance;
    const activityId = await attendanceActivityId(tx, organisationId, rec);
    if (!activityId) {
      settled.push({
        rowNumber: row.rowNumber,
        written: {
          rowNumber: row.rowNumber,
          externalId: row.externalId,
          code: 'unknown-reference',
          message: dbText('import-attendance-activity-missing'),
        },
      });
      continue;
    }
    const [known] = await tx
      .select({ hash: importRecord.hash })
      .from(importRecord)
      .where(recordKey(organisationId, 'attendance', source, rec.externalId));
    if (known && known.hash === row.hash) {
      settled.push({
        rowNumber: row.rowNumber,
        written: { action: 'unchanged', entityId: activityId, version: null, before: null },
      });
      continue;
    }
    byActivity.set(activityId, [
      ...(byActivity.get(activityId) ?? []),
      { row, rec, known: known !== undefined },
    ]);
  }
  return { settled, byActivity };
}

/**
 * One activity's list: it keeps its people and takes the file's lines (a person's line replaced
 * by her code) through `setAttendance`; each row's record is claimed at the version written. A
 * refusal names every row of the activity.
 */
async function writeActivityAttendance(
  tx: Tx,
  organisationId: string,
  batch: { id: string; source: string },
  activityId: string,
  items: ActivityLines,
  actor: AuditActor,
): Promise<RowOutcome[]> {
  const previous = await listAttendance(tx, organisationId, activityId);
  const lines = new Map(previous.map((p) => [p.code, lineOf(p)]));
  for (const { rec } of items) lines.set(rec.code, lineOf(rec));
  const versionBefore = await lockActivity(tx, organisationId, activityId);
  const saved = await setAttendance(
    tx,
    organisationId,
    activityId,
    undefined,
    [...lines.values()],
    actor,
  );
  if (!saved.ok) {
    const code = (await findActivity(tx, organisationId, activityId))?.code ?? activityId;
    return items.map(({ row }) => {
      const r = refusalOf(row, saved.error);
      return {
        rowNumber: row.rowNumber,
        written: {
          ...r,
          message: inEachLanguage((l) => dbSays(l, 'import-of-activity', code, r.message[l])),
        },
      };
    });
  }
  const version = saved.value.activity.version;
  await followVersion(tx, organisationId, activityId, versionBefore, version);
  const out: RowOutcome[] = [];
  for (const [i, { row, rec, known }] of items.entries()) {
    const hash = must(row.hash, 'row.hash');
    await tx
      .insert(importRecord)
      .values({
        organisationId,
        kind: 'attendance',
        source: batch.source,
        externalId: rec.externalId,
        entityId: activityId,
        hash,
        entityVersion: version,
        batchId: batch.id,
      })
      .onConflictDoUpdate({
        target: recordKeyColumns,
        set: { hash, entityVersion: version, batchId: batch.id, updatedAt: sql`now()` },
      });
    out.push({
      rowNumber: row.rowNumber,
      written: {
        action: known ? 'update' : 'create',
        entityId: activityId,
        version,
        // The activity's list as it was, kept once (on its first row) for an undo.
        before:
          i === 0 ? { attendance: previous } : { sameAs: must(items[0], 'items[0]').row.rowNumber },
      },
    });
  }
  return out;
}

/**
 * Attendance rows, written per activity through the attendance repository (`setAttendance`: one
 * rule with the activity page — days inside the activity, no more names than an exact total,
 * locks, audit): each activity's list keeps its people and takes the file's lines, a person's
 * line replaced by her code. A row whose content is unchanged since its last import writes
 * nothing; an activity's refusal names every row of it.
 */
async function writeAttendanceRows(
  tx: Tx,
  organisationId: string,
  batch: { id: string; source: string },
  rows: readonly StagedRow[],
  actor: AuditActor,
): Promise<RowOutcome[]> {
  const { settled, byActivity } = await attendanceByActivity(
    tx,
    organisationId,
    batch.source,
    rows,
  );
  const out = [...settled];
  for (const [activityId, items] of byActivity)
    out.push(
      ...(await writeActivityAttendance(tx, organisationId, batch, activityId, items, actor)),
    );
  return out.sort((a, b) => a.rowNumber - b.rowNumber);
}

/** The external ids of `externalIds` this source already imported, their records locked. */
async function importedIds(
  tx: Tx,
  organisationId: string,
  source: string,
  externalIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < externalIds.length; i += CHUNK) {
    const rows = await tx
      .select({ externalId: importRecord.externalId })
      .from(importRecord)
      .where(
        and(
          eq(importRecord.organisationId, organisationId),
          eq(importRecord.kind, 'activities'),
          eq(importRecord.source, source),
          inArray(importRecord.externalId, externalIds.slice(i, i + CHUNK)),
        ),
      )
      .for('update');
    for (const r of rows) found.add(r.externalId);
  }
  return found;
}

/**
 * New activity rows, created together by the activity repository's `createActivities` (the
 * rules of `createActivity`), each checked first by the engine's consistency check, then claimed
 * under its external id: an id another batch has just claimed refuses its row.
 */
async function createActivityRows(
  tx: Tx,
  organisationId: string,
  batch: { id: string; source: string },
  rows: readonly {
    rowNumber: number;
    externalId: string | null;
    hash: string | null;
    record: unknown;
  }[],
  actor: AuditActor,
): Promise<{ rowNumber: number; written: Written }[]> {
  const out: { rowNumber: number; written: Written }[] = [];
  const accepted: { row: (typeof rows)[number]; input: ActivityInput; externalId: string }[] = [];
  for (const row of rows) {
    const { externalId, ...input } = row.record as StagedActivity;
    const errors = input.participants
      ? checkConsistency(input.participants).filter((i) => i.severity === 'error')
      : [];
    if (errors.length)
      out.push({
        rowNumber: row.rowNumber,
        written: inconsistent(row.rowNumber, externalId, errors),
      });
    else accepted.push({ row, input, externalId });
  }
  const created = await createActivities(
    tx,
    organisationId,
    accepted.map((a) => a.input),
    actor,
  );
  const claims: { a: (typeof accepted)[number]; value: CreatedActivity }[] = [];
  for (const [i, r] of created.entries()) {
    const a = must(accepted[i], 'accepted[i]');
    if (!r.ok) out.push({ rowNumber: a.row.rowNumber, written: refusalOf(a.row, r.error) });
    else claims.push({ a, value: r.value });
  }
  for (let i = 0; i < claims.length; i += CHUNK) {
    const chunk = claims.slice(i, i + CHUNK);
    const claimed = await tx
      .insert(importRecord)
      .values(
        chunk.map(({ a, value }) => ({
          organisationId,
          kind: 'activities' as const,
          source: batch.source,
          externalId: a.externalId,
          entityId: value.id,
          hash: must(a.row.hash, 'a.row.hash'),
          entityVersion: value.version,
          batchId: batch.id,
        })),
      )
      .onConflictDoNothing()
      .returning({ externalId: importRecord.externalId });
    const got = new Set(claimed.map((c) => c.externalId));
    for (const { a, value } of chunk)
      out.push({
        rowNumber: a.row.rowNumber,
        written: got.has(a.externalId)
          ? { action: 'create', entityId: value.id, version: value.version, before: null }
          : concurrentImport(a.row.rowNumber, a.externalId),
      });
  }
  return out;
}

async function lockBatch(tx: Tx, organisationId: string, id: string) {
  const [batch] = await tx
    .select({
      id: importBatch.id,
      kind: importBatch.kind,
      source: importBatch.source,
      status: importBatch.status,
      counts: importBatch.counts,
    })
    .from(importBatch)
    .where(and(eq(importBatch.organisationId, organisationId), eq(importBatch.id, id)))
    .for('update');
  return batch;
}

/** A batch's rows as staged, in row order. */
async function stagedRows(tx: Tx, organisationId: string, id: string) {
  return tx
    .select({
      rowNumber: importRow.rowNumber,
      externalId: importRow.externalId,
      hash: importRow.hash,
      action: importRow.action,
      record: importRow.record,
      issues: importRow.issues,
    })
    .from(importRow)
    .where(and(eq(importRow.organisationId, organisationId), eq(importRow.batchId, id)))
    .orderBy(asc(importRow.rowNumber));
}

/** The rows the plan rejected, each named with its first error: they refuse a whole commit. */
function rejectedRows(rows: Awaited<ReturnType<typeof stagedRows>>): RowRefusal[] {
  return rows
    .filter((r) => r.action === 'rejected')
    .map((r) => {
      const issues = (r.issues as { severity?: string; message?: LocalizedText }[]) ?? [];
      const first = issues.find((i) => i.severity === 'error')?.message;
      return {
        rowNumber: r.rowNumber,
        externalId: r.externalId,
        code: 'rejected-row',
        message: first ?? dbText('import-row-rejected'),
      };
    });
}

/** One row at a time through a kind's own writer. */
async function eachRow(
  rows: readonly StagedRow[],
  write: (row: StagedRow) => Promise<Written>,
): Promise<RowOutcome[]> {
  const out: RowOutcome[] = [];
  for (const r of rows) out.push({ rowNumber: r.rowNumber, written: await write(r) });
  return out;
}

/** Activities: rows this source never imported are created together; the others one by one. */
async function writeActivityRows(
  tx: Tx,
  organisationId: string,
  batch: { id: string; source: string },
  rows: readonly StagedRow[],
  actor: AuditActor,
): Promise<RowOutcome[]> {
  const idOf = (r: StagedRow) => (r.record as StagedActivity).externalId;
  const known = await importedIds(tx, organisationId, batch.source, rows.map(idOf));
  const results = await createActivityRows(
    tx,
    organisationId,
    batch,
    rows.filter((r) => !known.has(idOf(r))),
    actor,
  );
  results.push(
    ...(await eachRow(
      rows.filter((r) => known.has(idOf(r))),
      (r) => writeActivityRow(tx, organisationId, batch, r, actor),
    )),
  );
  return results.sort((a, b) => a.rowNumber - b.rowNumber);
}

/** Every row to write through its kind's repository, in row order. */
function writeRows(
  tx: Tx,
  organisationId: string,
  batch: { id: string; kind: ImportKindName; source: string },
  rows: readonly StagedRow[],
  actor: AuditActor,
): Promise<RowOutcome[]> {
  switch (batch.kind) {
    case 'activities':
      return writeActivityRows(tx, organisationId, batch, rows, actor);
    case 'incidents':
      return eachRow(rows, (r) => writeIncidentRow(tx, organisationId, batch, r, actor));
    case 'targets':
      return eachRow(rows, (r) => writeTargetRow(tx, organisationId, batch, r, actor));
    case 'values':
      return eachRow(rows, (r) => writeValueRow(tx, organisationId, r, actor));
    default:
      return writeAttendanceRows(tx, organisationId, batch, rows, actor);
  }
}

/** What each row did, kept for the undo: a few multi-row updates, not one per row. */
async function keepOutcomes(
  tx: Tx,
  organisationId: string,
  id: string,
  outcomes: readonly { rowNumber: number; written: Exclude<Written, RowRefusal> }[],
) {
  for (let i = 0; i < outcomes.length; i += CHUNK) {
    const values = outcomes
      .slice(i, i + CHUNK)
      .map(
        ({ rowNumber, written: w }) =>
          sql`(${rowNumber}::int, ${w.action}::text, ${w.entityId}::uuid, ${w.version}::int, ${w.before === null ? null : JSON.stringify(w.before)}::jsonb)`,
      );
    await tx.execute(sql`
      update import_row r
         set action = v.action, entity_id = v.entity_id,
             written_version = v.written_version, before = v.before
        from (values ${sql.join(values, sql`, `)})
             as v(row_number, action, entity_id, written_version, before)
       where r.organisation_id = ${organisationId} and r.batch_id = ${id}
         and r.row_number = v.row_number`);
  }
}

/** The batch marked committed with what it did, audited (a valid-rows-only choice said). */
async function markCommitted(
  tx: Tx,
  organisationId: string,
  batch: { id: string; counts: unknown },
  done: { counts: Record<ImportAction, number>; validOnly: boolean },
  actor: { userId: string | null },
) {
  const { counts, validOnly } = done;
  await tx
    .update(importBatch)
    .set({
      status: 'committed',
      counts,
      validOnly,
      committedBy: actor.userId,
      committedAt: sql`now()`,
    })
    .where(and(eq(importBatch.organisationId, organisationId), eq(importBatch.id, batch.id)));
  await writeAudit(tx, {
    organisationId,
    userId: actor.userId,
    action: validOnly ? 'commit-valid-only' : 'commit',
    entity: 'import_batch',
    entityId: batch.id,
    before: { status: 'staged', counts: batch.counts },
    after: { status: 'committed', counts, validOnly },
    reason: validOnly
      ? `lignes valides seulement\u202f: ${counts.rejected} ligne(s) rejetée(s) laissée(s) de côté`
      : null,
  });
}

/**
 * Writes a staged batch, all or nothing, in one transaction: every row planned is written through
 * the activity repository (the engine's consistency check, references, period locks, audit), or
 * nothing is, and every row that cannot be written is named. A row rejected by the plan refuses
 * the whole batch unless `validOnly` (the user's explicit choice, kept in the batch and the
 * audit). External ids make it idempotent: an unchanged row writes nothing, a corrected one
 * updates its record at the version it was imported at — never over an edit made in Jalon since.
 * The batch row is locked first: two commits of one batch run one after the other, and the
 * second is refused.
 */
export async function commitImport(
  db: Database,
  organisationId: string,
  id: string,
  options: { validOnly?: boolean } = {},
  actor: { userId: string | null } = { userId: null },
): Promise<ImportResult<CommitSummary>> {
  const validOnly = options.validOnly === true;
  return refusedOnAbort(() =>
    db.transaction(async (tx) => {
      const batch = await lockBatch(tx, organisationId, id);
      if (!batch) return err({ kind: 'not-found' } as const);
      if (batch.status !== 'staged') return err(wrongStatus(batch.status, 'batch-doing-commit'));
      const rows = await stagedRows(tx, organisationId, id);
      const rejected = validOnly ? [] : rejectedRows(rows);
      if (rejected.length) return err({ kind: 'rows', rows: rejected } as const);
      const auditActor: AuditActor = { userId: actor.userId, reason: `import ${id}` };
      const toWrite = rows.filter((r) => r.action !== 'rejected' && r.record !== null);
      const counts: Record<ImportAction, number> = {
        create: 0,
        update: 0,
        unchanged: 0,
        rejected: rows.length - toWrite.length,
      };
      const refusals: RowRefusal[] = [];
      const outcomes: { rowNumber: number; written: Exclude<Written, RowRefusal> }[] = [];
      for (const { rowNumber, written } of await writeRows(
        tx,
        organisationId,
        batch,
        toWrite,
        auditActor,
      )) {
        if ('code' in written) {
          refusals.push(written);
          continue;
        }
        counts[written.action]++;
        outcomes.push({ rowNumber, written });
      }
      if (refusals.length) throw new Abort({ kind: 'rows', rows: refusals });
      await keepOutcomes(tx, organisationId, id, outcomes);
      await markCommitted(tx, organisationId, batch, { counts, validOnly }, actor);
      return ok({ id, counts, validOnly });
    }),
  );
}

/** A batch's rows as committed, with what each wrote, in row order. */
async function committedRows(tx: Tx, organisationId: string, id: string) {
  return tx
    .select({
      rowNumber: importRow.rowNumber,
      externalId: importRow.externalId,
      action: importRow.action,
      entityId: importRow.entityId,
      writtenVersion: importRow.writtenVersion,
      before: importRow.before,
    })
    .from(importRow)
    .where(and(eq(importRow.organisationId, organisationId), eq(importRow.batchId, id)))
    .orderBy(asc(importRow.rowNumber));
}

type CommittedRow = Awaited<ReturnType<typeof committedRows>>[number];

/** A committed row that wrote a record (created or updated it), with that record's id. */
type WrittenRow = CommittedRow & { entityId: string };

const wroteRecord = (r: CommittedRow): r is WrittenRow =>
  (r.action === 'create' || r.action === 'update') && r.entityId !== null;

/** What an undo did so far: records deleted, records restored, rows that refused. */
interface UndoTally {
  deleted: number;
  restored: number;
  refusals: RowRefusal[];
}

/** Counts one row's undo: a record deleted or restored, or the row's refusal. */
function tally(t: UndoTally, done: RowRefusal | 'deleted' | 'restored') {
  if (done === 'deleted') t.deleted++;
  else if (done === 'restored') t.restored++;
  else t.refusals.push(done);
}

/** Forgets the import records a batch of `kind` holds (its rows' external ids). */
async function forgetRecords(tx: Tx, organisationId: string, kind: ImportKindName, id: string) {
  await tx
    .delete(importRecord)
    .where(
      and(
        eq(importRecord.organisationId, organisationId),
        eq(importRecord.kind, kind),
        eq(importRecord.batchId, id),
      ),
    );
}

/** Attendance: each activity's list written back as it was before the batch. */
async function undoAttendance(
  tx: Tx,
  organisationId: string,
  batchId: string,
  rows: readonly CommittedRow[],
  actor: AuditActor,
  t: UndoTally,
) {
  const lists = new Map<
    string,
    {
      rowNumber: number;
      externalId: string | null;
      version: number | null;
      previous?: AttendanceRow[];
    }
  >();
  for (const r of rows.filter(wroteRecord)) {
    const b = r.before as { attendance?: AttendanceRow[] } | null;
    const seen = lists.get(r.entityId);
    if (!seen)
      lists.set(r.entityId, {
        rowNumber: r.rowNumber,
        externalId: r.externalId,
        version: r.writtenVersion,
        ...(b?.attendance ? { previous: b.attendance } : {}),
      });
    else if (b?.attendance) seen.previous = b.attendance;
  }
  for (const [activityId, list] of lists) {
    const version = await lockActivity(tx, organisationId, activityId);
    const a =
      version === undefined ? undefined : await findActivity(tx, organisationId, activityId);
    if (version === undefined || version !== list.version) {
      t.refusals.push({
        rowNumber: list.rowNumber,
        externalId: list.externalId,
        code: version === undefined ? 'record-gone' : 'changed-since-import',
        message: dbText('undo-attendance-activity-changed', a?.code ?? ''),
      });
      continue;
    }
    const back = await setAttendance(
      tx,
      organisationId,
      activityId,
      version,
      (list.previous ?? []).map(lineOf),
      actor,
    );
    if (!back.ok) {
      t.refusals.push(refusalOf(list, back.error));
      continue;
    }
    await followVersion(tx, organisationId, activityId, version, back.value.activity.version);
    t.restored++;
  }
  await forgetRecords(tx, organisationId, 'attendance', batchId);
}

/** One incident row undone: deleted when the row created it, else written back as it was. */
async function undoIncidentRow(
  tx: Tx,
  organisationId: string,
  source: string,
  r: WrittenRow,
  actor: AuditActor,
): Promise<RowRefusal | 'deleted' | 'restored'> {
  const b = r.before as {
    written: IncidentInput;
    previous?: IncidentInput;
    hash?: string;
    batchId?: string;
  };
  const now = await incidentNow(tx, organisationId, r.entityId);
  if (!now || !sameIncident(b.written, now))
    return {
      rowNumber: r.rowNumber,
      externalId: r.externalId,
      code: now ? 'changed-since-import' : 'record-gone',
      message: now ? dbText('undo-incident-changed', now.code) : dbText('undo-incident-gone'),
    };
  const key = recordKey(organisationId, 'incidents', source, r.externalId ?? '');
  const version = (await lockIncident(tx, organisationId, r.entityId)) ?? 0;
  if (r.action === 'create') {
    const gone = await deleteIncident(tx, organisationId, r.entityId, version, actor);
    if (!gone.ok) return refusalOf(r, gone.error);
    await tx.delete(importRecord).where(key);
    return 'deleted';
  }
  const back = await updateIncident(
    tx,
    organisationId,
    r.entityId,
    version,
    { ...must(b.previous, 'b.previous'), code: now.code },
    actor,
  );
  if (!back.ok) return refusalOf(r, back.error);
  await tx
    .update(importRecord)
    .set({
      hash: must(b.hash, 'b.hash'),
      batchId: must(b.batchId, 'b.batchId'),
      updatedAt: sql`now()`,
    })
    .where(key);
  return 'restored';
}

/**
 * One activity row undone, only while the activity is at the version the row wrote: deleted when
 * the row created it, else written back as it was.
 */
async function undoActivityRow(
  tx: Tx,
  organisationId: string,
  source: string,
  r: WrittenRow,
  actor: AuditActor,
): Promise<RowRefusal | 'deleted' | 'restored'> {
  const version = await lockActivity(tx, organisationId, r.entityId);
  if (version === undefined || version !== r.writtenVersion) {
    const a =
      version === undefined ? undefined : await findActivity(tx, organisationId, r.entityId);
    return {
      rowNumber: r.rowNumber,
      externalId: r.externalId,
      code: version === undefined ? 'record-gone' : 'changed-since-import',
      message:
        version === undefined
          ? dbText('undo-activity-gone')
          : dbText('undo-activity-changed', a?.code ?? '', version, r.writtenVersion),
    };
  }
  const key = recordKey(organisationId, 'activities', source, r.externalId ?? '');
  if (r.action === 'create') {
    const gone = await deleteActivity(tx, organisationId, r.entityId, version, actor);
    if (!gone.ok) return refusalOf(r, gone.error);
    await tx.delete(importRecord).where(key);
    return 'deleted';
  }
  const before = must(
    r.before as { hash: string; batchId: string; activity?: ActivityInput } | null,
    'before',
  );
  const back = await updateActivity(
    tx,
    organisationId,
    r.entityId,
    version,
    must(before.activity, 'before.activity'),
    actor,
  );
  if (!back.ok) return refusalOf(r, back.error);
  await tx
    .update(importRecord)
    .set({
      hash: before.hash,
      batchId: before.batchId,
      entityVersion: back.value.version,
      updatedAt: sql`now()`,
    })
    .where(key);
  return 'restored';
}

/** Every row of a committed batch undone through its kind's repository. */
async function undoRows(
  tx: Tx,
  organisationId: string,
  batch: { id: string; kind: ImportKindName; source: string },
  rows: readonly CommittedRow[],
  actor: AuditActor,
): Promise<UndoTally> {
  const t: UndoTally = { deleted: 0, restored: 0, refusals: [] };
  if (batch.kind === 'attendance') {
    await undoAttendance(tx, organisationId, batch.id, rows, actor, t);
    return t;
  }
  const undoRow = {
    targets: (r: WrittenRow) => undoTargetRow(tx, organisationId, r, actor),
    values: (r: WrittenRow) => undoValueRow(tx, organisationId, r, actor),
    incidents: (r: WrittenRow) => undoIncidentRow(tx, organisationId, batch.source, r, actor),
    activities: (r: WrittenRow) => undoActivityRow(tx, organisationId, batch.source, r, actor),
  }[batch.kind];
  for (const r of rows.filter(wroteRecord)) tally(t, await undoRow(r));
  if (batch.kind === 'targets') await forgetRecords(tx, organisationId, 'targets', batch.id);
  return t;
}

/**
 * Undoes a committed batch, all or nothing: the activities it created are deleted and those it
 * updated are written back as they were, each only if nobody changed it since the import (else
 * refused, the row and the activity named) and while no submitted report locks its period.
 * Audited, each change with the batch's id.
 */
export async function undoImport(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<ImportResult<{ id: string; deleted: number; restored: number }>> {
  return refusedOnAbort(() =>
    db.transaction(async (tx) => {
      const batch = await lockBatch(tx, organisationId, id);
      if (!batch) return err({ kind: 'not-found' } as const);
      if (batch.status !== 'committed') return err(wrongStatus(batch.status, 'batch-doing-undo'));
      const rows = await committedRows(tx, organisationId, id);
      const auditActor: AuditActor = { userId: actor.userId, reason: `annulation import ${id}` };
      const { deleted, restored, refusals } = await undoRows(
        tx,
        organisationId,
        batch,
        rows,
        auditActor,
      );
      if (refusals.length) throw new Abort({ kind: 'rows', rows: refusals });
      await tx
        .update(importBatch)
        .set({ status: 'undone', undoneBy: actor.userId, undoneAt: sql`now()` })
        .where(and(eq(importBatch.organisationId, organisationId), eq(importBatch.id, id)));
      await writeAudit(tx, {
        organisationId,
        userId: actor.userId,
        action: 'undo',
        entity: 'import_batch',
        entityId: id,
        before: { status: 'committed' },
        after: { status: 'undone', deleted, restored },
      });
      return ok({ id, deleted, restored });
    }),
  );
}
