import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { activity, attendance, person } from '../../schema/index';
import { findActivity, type ActivityRow } from '../activity/queries';
import { type CommandResult, type Tx, writeAudit } from '../../command';
import { lockActivity } from '../activity/commands';
import { locksHolding } from '../period-lock/queries';
import { type AttendanceRow, listAttendance } from './queries';
import { must } from '@jalon/domain';
import { refused } from '../../messages/index';

/** One line of an attendance list as entered: a known person (`personId`) or a code. */
export interface AttendanceInput {
  personId?: string | undefined;
  code?: string | undefined;
  displayName?: string | null | undefined;
  sex?: string | null | undefined;
  ageGroup?: string | null | undefined;
  disability?: string | null | undefined;
  category?: string | null | undefined;
  /** the day attended; the activity's first day when absent */
  date?: string | undefined;
}

/**
 * Replaces the named participants of an activity read at `version` (any version when absent), all
 * or nothing: persons are found by code in the organisation or created, their current attributes
 * updated with what was entered; each attendance keeps the attributes of the day. Refused when a
 * submitted report locks the activity, when a line names an unknown person, a person twice or a
 * day outside the activity, and when more people are named than the activity's exact total. Like
 * any edit, it returns a submitted or validated activity to draft, and it is audited.
 */
export async function setAttendance(
  db: Database,
  organisationId: string,
  activityId: string,
  version: number | undefined,
  rows: readonly AttendanceInput[],
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ activity: ActivityRow; attendance: AttendanceRow[] }>> {
  return db.transaction(async (tx) => {
    // The activity's row is locked first: a concurrent list or edit of the activity waits, then
    // reads the version (and the exact total) this one committed.
    const current = await lockActivity(tx, organisationId, activityId);
    if (current === undefined) return { ok: false, error: { kind: 'not-found' } };
    if (version !== undefined && version !== current)
      return { ok: false, error: { kind: 'conflict', currentVersion: current } };
    const before = must(
      await findActivity(tx, organisationId, activityId),
      'the activity of the attendance list, read back',
    );

    const previous = await listAttendance(tx, organisationId, activityId);
    const dates = rows.map((r) => r.date ?? before.startDate);
    for (const [i, d] of dates.entries())
      if (d < before.startDate || d > before.endDate) {
        return refused('attendance-outside-activity', i, d, before.startDate, before.endDate);
      }

    const [lock] = await locksHolding(
      tx,
      organisationId,
      before.grants.map((g) => g.id),
      [...new Set([before.startDate, ...previous.map((p) => p.date), ...dates])],
    );
    if (lock)
      return { ok: false, error: { kind: 'locked', grant: lock.grant, period: lock.period } };

    const total = before.participants?.total;
    if (total && total.qualifier === 'exact' && rows.length > total.value)
      return refused('attendance-beyond-total', rows.length, total.value);

    // Every line is checked before anything is written: a refusal leaves the persons untouched.
    const refusal = await lineRefusal(tx, organisationId, rows);
    if (refusal) return refusal;

    const ids = await writePersons(tx, organisationId, rows);

    await tx
      .delete(attendance)
      .where(
        and(eq(attendance.organisationId, organisationId), eq(attendance.activityId, activityId)),
      );
    if (rows.length)
      await tx.insert(attendance).values(
        rows.map((r, i) => ({
          organisationId,
          activityId,
          personId: must(ids[i], 'the id of a person written'),
          date: must(dates[i], 'the date of an attendance'),
          sex: r.sex ?? null,
          ageGroup: r.ageGroup ?? null,
          disability: r.disability ?? null,
          category: r.category ?? null,
        })),
      );
    // The activity changed: a concurrent save must see it, and what was approved is not this.
    await tx
      .update(activity)
      .set({
        status: 'draft',
        version: sql`${activity.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(activity.organisationId, organisationId),
          eq(activity.id, activityId),
          eq(activity.version, current),
        ),
      );
    const after = await listAttendance(tx, organisationId, activityId);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'attendance',
      entityId: activityId,
      before: previous,
      after,
    });
    const row = must(
      await findActivity(tx, organisationId, activityId),
      'the activity of the attendance list, read back',
    );
    return { ok: true, value: { activity: row, attendance: after } };
  });
}

/**
 * The refusal of the first line that names an unknown person or a person already named on an
 * earlier line, or null.
 */
async function lineRefusal(
  tx: Tx,
  organisationId: string,
  rows: readonly AttendanceInput[],
): Promise<CommandResult<never> | null> {
  const byId = rows.flatMap((r) => (r.personId ? [r.personId] : []));
  const codes = rows.flatMap((r) =>
    r.personId ? [] : [must(r.code, 'the code of a named person')],
  );
  const known = byId.length
    ? await tx
        .select({ id: person.id })
        .from(person)
        .where(and(eq(person.organisationId, organisationId), inArray(person.id, byId)))
    : [];
  const existingByCode = codes.length
    ? await tx
        .select({ id: person.id, code: person.code })
        .from(person)
        .where(and(eq(person.organisationId, organisationId), inArray(person.code, codes)))
    : [];
  const seen = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    if (r.personId && !known.some((k) => k.id === r.personId))
      return refused('attendance-unknown-person', i, r.personId);
    const key = r.personId ?? existingByCode.find((p) => p.code === r.code)?.id ?? `code:${r.code}`;
    const first = seen.get(key);
    if (first !== undefined) return refused('attendance-person-twice', i, first);
    seen.set(key, i);
  }
  return null;
}

/**
 * The persons of the lines, in their order: a person named by id has her current attributes
 * updated with what was entered; one named by code is found by it or created.
 */
async function writePersons(
  tx: Tx,
  organisationId: string,
  rows: readonly AttendanceInput[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    if (r.personId) {
      const current = {
        ...(r.displayName !== undefined ? { displayName: r.displayName } : {}),
        ...(r.sex ? { sex: r.sex } : {}),
        ...(r.disability ? { disability: r.disability === 'with' } : {}),
        ...(r.category ? { category: r.category } : {}),
      };
      if (Object.keys(current).length)
        await tx
          .update(person)
          .set({ ...current, updatedAt: sql`now()` })
          .where(and(eq(person.organisationId, organisationId), eq(person.id, r.personId)));
      ids.push(r.personId);
      continue;
    }
    // Found or created by code; what was entered becomes the person's current attributes.
    const [p] = await tx
      .insert(person)
      .values({
        organisationId,
        code: must(r.code, 'the code of a named person'),
        displayName: r.displayName ?? null,
        sex: r.sex ?? null,
        disability: r.disability ? r.disability === 'with' : null,
        category: r.category ?? null,
      })
      .onConflictDoUpdate({
        target: [person.organisationId, person.code],
        set: {
          displayName: sql`coalesce(excluded.display_name, ${person.displayName})`,
          sex: sql`coalesce(excluded.sex, ${person.sex})`,
          disability: sql`coalesce(excluded.disability, ${person.disability})`,
          category: sql`coalesce(excluded.category, ${person.category})`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: person.id });
    ids.push(must(p, 'a person of the attendance list').id);
  }
  return ids;
}
