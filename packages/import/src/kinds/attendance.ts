import { ageGroupOf } from '@jalon/domain';
import type { ActivityRecord } from './activities';
import { RowReader, type CheckedRow, type MappedRow, type ReadContext } from '../rows';

/**
 * One person on one day of an activity, as the import will write it: the API's attendance line
 * with the activity resolved (an existing one by id, or one of the same batch by external id,
 * with the programme that batch's activity row gives — the database does not hold it yet).
 */
export interface AttendanceRecord {
  externalId: string;
  activity: { id: string } | { externalId: string; programmeId: string | null };
  code: string;
  displayName: string | null;
  sex: string | null;
  ageGroup: string | null;
  disability: string | null;
  category: string | null;
  date: string | null;
}

/** The activities of the same batch: external id → the programme its row gives (`null`: none). */
export type BatchActivities = ReadonlyMap<string, string | null>;

/** The activities a batch's activity rows will create or update, with their programmes. */
export function batchActivitiesOf(
  rows: readonly { externalId: string | null; record: ActivityRecord | null }[],
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const r of rows)
    if (r.externalId !== null) out.set(r.externalId, r.record?.programmeId ?? null);
  return out;
}

/**
 * One attendance row checked. The activity is found among the organisation's (by external id or
 * code) or, failing that, among the activities of the same batch (`batchActivities`, external
 * ids with their programmes); the row's own id defaults to activity + code + date.
 */
export function checkAttendanceRow(
  row: MappedRow,
  ctx: ReadContext,
  batchActivities: BatchActivities = new Map(),
): CheckedRow<AttendanceRecord> {
  const r = new RowReader(row, ctx);
  let activity: AttendanceRecord['activity'] | null = null;
  const activityText = r.text('activity');
  if (r.required('activity', activityText, r.failed('activity'))) {
    if (batchActivities.has(activityText))
      activity = {
        externalId: activityText,
        programmeId: batchActivities.get(activityText) ?? null,
      };
    else {
      const id = r.ref('activity', ctx.refs.activities);
      if (id !== null) activity = { id };
    }
  }
  const code = r.text('code');
  r.required('code', code, r.failed('code'));
  r.maxLength('code', code, 80, { fr: 'Le code', en: 'The code' });
  const displayName = r.text('displayName');
  r.maxLength('displayName', displayName, 200, { fr: 'Le nom', en: 'The name' });
  const sex = r.choice('sex', 'sex');
  let ageGroup = r.choice('ageGroup', 'age');
  const age = r.number('age');
  if (age !== null) {
    if (!Number.isInteger(age) || age < 0 || age > 120)
      r.issue('out-of-range', 'age', {
        fr: 'L’âge doit être un nombre entier d’années, de 0 à 120',
        en: 'The age must be a whole number of years, from 0 to 120',
      });
    else ageGroup ??= ageGroupOf(age);
  }
  const disability = r.choice('disability', 'disability');
  const category = r.choice('category', 'category');
  const date = r.date('date');
  const given = r.text('externalId');
  const externalId =
    given ??
    (activityText !== null && code !== null ? [activityText, code, date ?? ''].join('|') : null);
  const rejected = r.issues.some((i) => i.severity === 'error');
  return {
    rowNumber: row.rowNumber,
    externalId,
    issues: r.issues,
    record:
      rejected || activity === null || code === null || externalId === null
        ? null
        : { externalId, activity, code, displayName, sex, ageGroup, disability, category, date },
  };
}
