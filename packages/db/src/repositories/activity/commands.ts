import { randomBytes } from 'node:crypto';
import { must, cellKeyToString, type CountRecord } from '@jalon/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  activity,
  activityGrant,
  activityPlace,
  attendance,
  grant,
  participationCell,
  participationCount,
  place,
  programme,
  restatement,
  type ActivityRole,
  type ActivityType,
  type RecordStatus,
} from '../../schema/index';
import { findActivity, type ActivityRow } from './queries';
import { lockedAt } from '../period-lock/queries';
import { type CommandFailure, type CommandResult, inUse, type Tx, writeAudit } from '../../command';
import { dbText, refused } from '../../messages/index';

/** Who makes a change, and why when it is said (an import names its batch). */
export interface AuditActor {
  userId: string | null;
  reason?: string;
}

export interface ActivityInput {
  programmeId: string;
  code?: string | undefined;
  title: string;
  summary?: string | null | undefined;
  type: ActivityType;
  role: ActivityRole;
  startDate: string;
  endDate: string;
  sessions: number;
  placeIds: string[];
  grantIds: string[];
  participants: CountRecord | null;
}

export async function missingReferences(
  tx: Tx,
  organisationId: string,
  input: ActivityInput,
): Promise<CommandFailure | null> {
  const [p] = await tx
    .select({ id: programme.id })
    .from(programme)
    .where(and(eq(programme.organisationId, organisationId), eq(programme.id, input.programmeId)));
  if (!p) return { kind: 'unknown-reference', what: 'programme', ids: [input.programmeId] };
  for (const [what, table, ids] of [
    ['place', place, input.placeIds],
    ['grant', grant, input.grantIds],
  ] as const) {
    if (ids.length === 0) continue;
    const found = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.organisationId, organisationId), inArray(table.id, ids)));
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) return { kind: 'unknown-reference', what, ids: missing };
  }
  return null;
}

/**
 * Locks an activity's row until the transaction ends and answers the version it holds (undefined
 * when there is no such activity). Every command that changes an activity or what hangs off it
 * (its attendance list) takes this lock first: on PostgreSQL two concurrent calls then run one
 * after the other, and the second reads the version and the figures the first committed instead
 * of checking against a snapshot that is already stale.
 */
export async function lockActivity(
  tx: Tx,
  organisationId: string,
  id: string,
): Promise<number | undefined> {
  const [row] = await tx
    .select({ version: activity.version })
    .from(activity)
    .where(and(eq(activity.organisationId, organisationId), eq(activity.id, id)))
    .for('update');
  return row?.version;
}

/**
 * An exact total below the number of people already named would make the activity say fewer
 * people came than its own list shows: refused, with what to do about it. Read under the
 * activity's lock, so a concurrent attendance list cannot slip in between.
 */
export async function namedBeyondTotal(
  tx: Tx,
  organisationId: string,
  id: string,
  participants: CountRecord | null,
): Promise<CommandFailure | null> {
  const total = participants?.total;
  if (!total || total.qualifier !== 'exact') return null;
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${attendance.personId})::int` })
    .from(attendance)
    .where(and(eq(attendance.organisationId, organisationId), eq(attendance.activityId, id)));
  const named = Number(row?.n ?? 0);
  if (named <= total.value) return null;
  return { kind: 'invalid', message: dbText('named-beyond-total', total.value, named) };
}

/**
 * The start of every command on an activity read at `version`: its row locked for the
 * transaction, the version checked (a save in between answers a conflict), and the activity as it
 * was before the change.
 */
export async function activityAtVersion(
  tx: Tx,
  organisationId: string,
  id: string,
  version: number,
): Promise<CommandResult<ActivityRow>> {
  const current = await lockActivity(tx, organisationId, id);
  if (current === undefined) return { ok: false, error: { kind: 'not-found' } };
  if (current !== version)
    return { ok: false, error: { kind: 'conflict', currentVersion: current } };
  const before = must(
    await findActivity(tx, organisationId, id),
    'the activity just locked, read back',
  );
  return { ok: true, value: before };
}

/**
 * What an edit's input must pass against the stored data, under the activity's lock: everything
 * it names exists in the organisation, and its exact total is not below the people named.
 */
export async function inputRefused(
  tx: Tx,
  organisationId: string,
  id: string,
  input: ActivityInput,
): Promise<CommandFailure | null> {
  return (
    (await missingReferences(tx, organisationId, input)) ??
    (await namedBeyondTotal(tx, organisationId, id, input.participants))
  );
}

/**
 * The prelude of an edit ({@link activityAtVersion}, then {@link inputRefused}): the activity as it
 * was, or why the edit is refused before anything is written.
 */
export async function activityToEdit(
  tx: Tx,
  organisationId: string,
  id: string,
  version: number,
  input: ActivityInput,
): Promise<CommandResult<ActivityRow>> {
  const read = await activityAtVersion(tx, organisationId, id, version);
  if (!read.ok) return read;
  const refusal = await inputRefused(tx, organisationId, id, input);
  return refusal ? { ok: false, error: refusal } : read;
}

/**
 * Writes an activity's fields and details if it is still at `version` (bumping it), and reads it
 * back; undefined when someone saved in between (the caller answers a conflict). `status` resets
 * the approval status (an edit), or keeps it when omitted (a restatement).
 */
export async function saveAtVersion(
  tx: Tx,
  organisationId: string,
  id: string,
  version: number,
  input: ActivityInput,
  options: { status?: RecordStatus } = {},
): Promise<ActivityRow | undefined> {
  const updated = await tx
    .update(activity)
    .set({
      programmeId: input.programmeId,
      ...(input.code ? { code: input.code } : {}),
      title: input.title,
      summary: input.summary ?? null,
      type: input.type,
      role: input.role,
      startDate: input.startDate,
      endDate: input.endDate,
      sessions: input.sessions,
      ...(options.status ? { status: options.status } : {}),
      version: sql`${activity.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(activity.organisationId, organisationId),
        eq(activity.id, id),
        eq(activity.version, version),
      ),
    )
    .returning({ id: activity.id });
  if (!updated[0]) return undefined;
  await writeDetails(tx, organisationId, id, input);
  return must(await findActivity(tx, organisationId, id), 'the activity just saved, read back');
}

export async function writeDetails(
  tx: Tx,
  organisationId: string,
  activityId: string,
  input: ActivityInput,
) {
  // The participation cells go with their count (ON DELETE CASCADE).
  for (const table of [activityPlace, activityGrant, participationCount])
    await tx
      .delete(table)
      .where(and(eq(table.organisationId, organisationId), eq(table.activityId, activityId)));
  if (input.placeIds.length)
    await tx
      .insert(activityPlace)
      .values(
        [...new Set(input.placeIds)].map((placeId) => ({ organisationId, activityId, placeId })),
      );
  if (input.grantIds.length)
    await tx
      .insert(activityGrant)
      .values(
        [...new Set(input.grantIds)].map((grantId) => ({ organisationId, activityId, grantId })),
      );
  if (input.participants) {
    await tx.insert(participationCount).values({
      organisationId,
      activityId,
      total: input.participants.total?.value ?? null,
      totalQualifier: input.participants.total?.qualifier ?? 'exact',
    });
    if (input.participants.cells.length) {
      await tx.insert(participationCell).values(
        input.participants.cells.map((c) => ({
          organisationId,
          activityId,
          cellKey: cellKeyToString(c.key),
          dims: { ...c.key },
          value: c.value,
          qualifier: c.qualifier,
        })),
      );
    }
  }
}

export async function grantsOf(tx: Tx, activityId: string): Promise<string[]> {
  return (
    await tx
      .select({ id: activityGrant.grantId })
      .from(activityGrant)
      .where(eq(activityGrant.activityId, activityId))
  ).map((r) => r.id);
}

/**
 * Creates an activity with its places, grants and participant counts, all or nothing, and records
 * it in the audit log. The caller has validated the breakdown with the engine.
 */
export async function createActivity(
  db: Database,
  organisationId: string,
  input: ActivityInput,
  actor: AuditActor = { userId: null },
): Promise<CommandResult<ActivityRow>> {
  return db.transaction(async (tx) => {
    const missing = await missingReferences(tx, organisationId, input);
    if (missing) return { ok: false, error: missing };
    const locked = await lockedAt(tx, organisationId, input.grantIds, [input.startDate]);
    if (locked) return { ok: false, error: locked };
    const code = input.code ?? newActivityCode(input.startDate);
    const inserted = await tx
      .insert(activity)
      .values(activityValues(organisationId, code, input))
      .onConflictDoNothing({ target: [activity.organisationId, activity.code] })
      .returning({ id: activity.id });
    if (!inserted[0]) return { ok: false, error: { kind: 'duplicate-code', code } };
    await writeDetails(tx, organisationId, inserted[0].id, input);
    const row = must(
      await findActivity(tx, organisationId, inserted[0].id),
      'the activity just created, read back',
    );
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      ...(actor.reason ? { reason: actor.reason } : {}),
      action: 'create',
      entity: 'activity',
      entityId: row.id,
      before: null,
      after: row,
    });
    return { ok: true, value: row };
  });
}

/** One created activity of {@link createActivities}. */
export interface CreatedActivity {
  id: string;
  code: string;
  version: number;
}

/**
 * Creates many activities in the caller's transaction (an import's commit), with the rules of
 * {@link createActivity} — the same reference checks, the same period locks, the same codes,
 * details and audit line per activity — in a few multi-row statements instead of a dozen per
 * activity. Answers, per input and in its order, the activity created or why it was not; what
 * was refused is not written, the rest is (the caller rolls back when it wants all or nothing).
 * The caller has validated each breakdown with the engine.
 */
export async function createActivities(
  tx: Tx,
  organisationId: string,
  inputs: readonly ActivityInput[],
  actor: AuditActor = { userId: null },
): Promise<CommandResult<CreatedActivity>[]> {
  const results: (CommandResult<CreatedActivity> | undefined)[] = inputs.map(() => undefined);
  if (inputs.length === 0) return [];
  const refusals = await refusalsOf(tx, organisationId, inputs);
  const rows: NewActivity[] = [];
  for (const [index, input] of inputs.entries()) {
    const refusal = refusals[index];
    if (refusal) results[index] = { ok: false, error: refusal };
    else rows.push({ index, code: input.code ?? newActivityCode(input.startDate), input });
  }
  const CHUNK = 500;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    for (const [index, result] of await insertActivities(tx, organisationId, chunk, actor))
      results[index] = result;
  }
  return results.map((r) => must(r, 'the answer for each activity of the batch'));
}

/** An activity of a batch that passed the checks: its place in the batch and its code. */
type NewActivity = { index: number; code: string; input: ActivityInput };

/** The `activity` row of a new activity: its fields as entered, under its code. */
function activityValues(organisationId: string, code: string, input: ActivityInput) {
  return {
    organisationId,
    programmeId: input.programmeId,
    code,
    title: input.title,
    summary: input.summary ?? null,
    type: input.type,
    role: input.role,
    startDate: input.startDate,
    endDate: input.endDate,
    sessions: input.sessions,
  };
}

/** `ACT-2023-04-12-3F9A1C`: the code of an activity created without one. */
function newActivityCode(startDate: string): string {
  return `ACT-${startDate}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/**
 * Why each activity of a batch cannot be created (null: it can): a programme, place or grant
 * the organisation does not have, or a locked period — asked in a few statements for the batch.
 */
async function refusalsOf(
  tx: Tx,
  organisationId: string,
  inputs: readonly ActivityInput[],
): Promise<(CommandFailure | null)[]> {
  const known = async (
    table: typeof programme | typeof place | typeof grant,
    ids: Iterable<string>,
  ): Promise<Set<string>> => {
    const list = [...new Set(ids)];
    if (!list.length) return new Set();
    const found = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.organisationId, organisationId), inArray(table.id, list)));
    return new Set(found.map((f) => f.id));
  };
  const programmes = await known(
    programme,
    inputs.map((i) => i.programmeId),
  );
  const places = await known(
    place,
    inputs.flatMap((i) => i.placeIds),
  );
  const grants = await known(
    grant,
    inputs.flatMap((i) => i.grantIds),
  );
  // One look for locks over every grant and date; only when one holds is each activity asked.
  const anyLock = await lockedAt(
    tx,
    organisationId,
    [...grants],
    [...new Set(inputs.filter((i) => i.grantIds.length).map((i) => i.startDate))],
  );
  const refusals: (CommandFailure | null)[] = [];
  for (const input of inputs) {
    const missingPlaces = input.placeIds.filter((id) => !places.has(id));
    const missingGrants = input.grantIds.filter((id) => !grants.has(id));
    if (!programmes.has(input.programmeId))
      refusals.push({ kind: 'unknown-reference', what: 'programme', ids: [input.programmeId] });
    else if (missingPlaces.length)
      refusals.push({ kind: 'unknown-reference', what: 'place', ids: missingPlaces });
    else if (missingGrants.length)
      refusals.push({ kind: 'unknown-reference', what: 'grant', ids: missingGrants });
    else if (anyLock && input.grantIds.length)
      refusals.push(await lockedAt(tx, organisationId, input.grantIds, [input.startDate]));
    else refusals.push(null);
  }
  return refusals;
}

/**
 * Writes a chunk of checked activities in multi-row statements — the activities, their places,
 * grants and counts, one audit line each — and answers each one's result by its batch index (a
 * code already taken is a `duplicate-code`, and nothing of it is written).
 */
async function insertActivities(
  tx: Tx,
  organisationId: string,
  chunk: readonly NewActivity[],
  actor: AuditActor,
): Promise<[number, CommandResult<CreatedActivity>][]> {
  const inserted = await tx
    .insert(activity)
    .values(chunk.map(({ code, input }) => activityValues(organisationId, code, input)))
    .onConflictDoNothing({ target: [activity.organisationId, activity.code] })
    .returning({ id: activity.id, code: activity.code, version: activity.version });
  const byCode = new Map(inserted.map((r) => [r.code, r]));
  const results: [number, CommandResult<CreatedActivity>][] = [];
  const written: { id: string; code: string; input: ActivityInput }[] = [];
  for (const { index, code, input } of chunk) {
    const r = byCode.get(code);
    // A code twice in one batch is written once: the second is a duplicate, as it would be alone.
    byCode.delete(code);
    if (!r) {
      results.push([index, { ok: false, error: { kind: 'duplicate-code', code } }]);
      continue;
    }
    results.push([index, { ok: true, value: r }]);
    written.push({ id: r.id, code, input });
  }
  await insertDetails(tx, organisationId, written);
  await writeAudit(
    tx,
    written.map((w) => ({
      organisationId,
      userId: actor.userId,
      ...(actor.reason ? { reason: actor.reason } : {}),
      action: 'create',
      entity: 'activity',
      entityId: w.id,
      before: null,
      after: { id: w.id, code: w.code, status: 'draft', version: 1, ...w.input },
    })),
  );
  return results;
}

/** The places, grants and participant counts of activities just created, in one statement each. */
async function insertDetails(
  tx: Tx,
  organisationId: string,
  written: readonly { id: string; input: ActivityInput }[],
): Promise<void> {
  const placeRows = written.flatMap((w) =>
    [...new Set(w.input.placeIds)].map((placeId) => ({
      organisationId,
      activityId: w.id,
      placeId,
    })),
  );
  if (placeRows.length) await tx.insert(activityPlace).values(placeRows);
  const grantRows = written.flatMap((w) =>
    [...new Set(w.input.grantIds)].map((grantId) => ({
      organisationId,
      activityId: w.id,
      grantId,
    })),
  );
  if (grantRows.length) await tx.insert(activityGrant).values(grantRows);
  const counted = written.flatMap((w) =>
    w.input.participants ? [{ id: w.id, participants: w.input.participants }] : [],
  );
  if (counted.length)
    await tx.insert(participationCount).values(
      counted.map((w) => ({
        organisationId,
        activityId: w.id,
        total: w.participants.total?.value ?? null,
        totalQualifier: w.participants.total?.qualifier ?? 'exact',
      })),
    );
  const cells = counted.flatMap((w) =>
    w.participants.cells.map((c) => ({
      organisationId,
      activityId: w.id,
      cellKey: cellKeyToString(c.key),
      dims: { ...c.key },
      value: c.value,
      qualifier: c.qualifier,
    })),
  );
  if (cells.length) await tx.insert(participationCell).values(cells);
}

/**
 * Replaces an activity's fields if nobody changed it since `version` was read: the second of two
 * concurrent saves gets a conflict, and neither edit is lost silently. An edit returns a submitted
 * or validated activity to draft: what was approved is no longer what is recorded.
 */
export async function updateActivity(
  db: Database,
  organisationId: string,
  id: string,
  version: number,
  input: ActivityInput,
  actor: AuditActor = { userId: null },
): Promise<CommandResult<ActivityRow>> {
  return db.transaction(async (tx) => {
    const read = await activityToEdit(tx, organisationId, id, version, input);
    if (!read.ok) return read;
    const before = read.value;
    const locked = await lockedAt(
      tx,
      organisationId,
      [...new Set([...(await grantsOf(tx, id)), ...input.grantIds])],
      [before.startDate, input.startDate],
    );
    if (locked) return { ok: false, error: locked };
    const saved = await saveAtVersion(tx, organisationId, id, version, input, {
      status: 'draft',
    });
    if (!saved) return { ok: false, error: { kind: 'conflict', currentVersion: before.version } };
    const after = saved;
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      ...(actor.reason ? { reason: actor.reason } : {}),
      action: 'update',
      entity: 'activity',
      entityId: id,
      before,
      after,
    });
    return { ok: true, value: after };
  });
}

/**
 * What still stands on an activity: the people named on its attendance list (their participation
 * would vanish with it) and the restatements recorded on it (a grant's next report lists them).
 */
async function activityUses(tx: Tx, organisationId: string, id: string) {
  const [named] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(attendance)
    .where(and(eq(attendance.organisationId, organisationId), eq(attendance.activityId, id)));
  const [restated] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(restatement)
    .where(
      and(
        eq(restatement.organisationId, organisationId),
        eq(restatement.entity, 'activity'),
        eq(restatement.entityId, id),
      ),
    );
  return inUse([
    { by: 'attendance', count: Number(named?.n ?? 0) },
    { by: 'restatement', count: Number(restated?.n ?? 0) },
  ]);
}

/**
 * Deletes an activity read at `version`, unless a submitted report locks it, it is validated (it
 * is sent back to draft first, with a reason) or something still stands on it (named people,
 * restatements): each refusal says why, and nothing is removed.
 */
export async function deleteActivity(
  db: Database,
  organisationId: string,
  id: string,
  version: number,
  actor: AuditActor = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const read = await activityAtVersion(tx, organisationId, id, version);
    if (!read.ok) return read;
    const before = read.value;
    const locked = await lockedAt(tx, organisationId, await grantsOf(tx, id), [before.startDate]);
    if (locked) return { ok: false, error: locked };
    if (before.status === 'validated') return refused('validated-activity-not-deleted');
    const used = await activityUses(tx, organisationId, id);
    if (used) return { ok: false, error: used };
    const deleted = await tx
      .delete(activity)
      .where(
        and(
          eq(activity.organisationId, organisationId),
          eq(activity.id, id),
          eq(activity.version, version),
        ),
      )
      .returning({ id: activity.id });
    if (!deleted[0])
      return { ok: false, error: { kind: 'conflict', currentVersion: before.version } };
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      ...(actor.reason ? { reason: actor.reason } : {}),
      action: 'delete',
      entity: 'activity',
      entityId: id,
      before,
      after: null,
    });
    return { ok: true, value: { id } };
  });
}
