import { and, asc, eq } from 'drizzle-orm';
import { attendance, person } from '../../schema/index';
import { type Queryable } from '../period-lock/queries';

/** A named participant of an activity, with her attributes on the day. */
export interface AttendanceRow {
  personId: string;
  code: string;
  displayName: string | null;
  date: string;
  sex: string | null;
  ageGroup: string | null;
  disability: string | null;
  category: string | null;
}

/** The named participants of an activity, by code. */
export async function listAttendance(
  db: Queryable,
  organisationId: string,
  activityId: string,
): Promise<AttendanceRow[]> {
  return db
    .select({
      personId: attendance.personId,
      code: person.code,
      displayName: person.displayName,
      date: attendance.date,
      sex: attendance.sex,
      ageGroup: attendance.ageGroup,
      disability: attendance.disability,
      category: attendance.category,
    })
    .from(attendance)
    .innerJoin(
      person,
      and(eq(person.organisationId, attendance.organisationId), eq(person.id, attendance.personId)),
    )
    .where(
      and(eq(attendance.organisationId, organisationId), eq(attendance.activityId, activityId)),
    )
    .orderBy(asc(person.code), asc(attendance.date));
}
