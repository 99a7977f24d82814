import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client';

/**
 * The hand-written SQL that is the floor for a quarterly report of an organisation: one pass per
 * question, GROUP BY GROUPING SETS in the database — participations and people by grant × sex ×
 * age for the period, cumulative people since the grants' start, activities and sessions per
 * grant. The benchmark times the real report path against it, in the same run.
 */
export async function quarterlyReportFloor(
  db: Database,
  organisationId: string,
  start: string,
  end: string,
  since: string,
): Promise<number> {
  const a = await queryRows(
    db,
    sql`select ag.grant_id, t.sex, t.age_group, count(*) as participations, count(distinct t.person_id) as people
          from attendance t join activity_grant ag on ag.activity_id = t.activity_id
         where t.organisation_id = ${organisationId} and t.date between ${start} and ${end}
         group by grouping sets ((ag.grant_id, t.sex, t.age_group), (ag.grant_id, t.sex), (ag.grant_id, t.age_group), (ag.grant_id))`,
  );
  const b = await queryRows(
    db,
    sql`select ag.grant_id, t.sex, count(distinct t.person_id) as people
          from attendance t join activity_grant ag on ag.activity_id = t.activity_id
         where t.organisation_id = ${organisationId} and t.date between ${since} and ${end}
         group by grouping sets ((ag.grant_id, t.sex), (ag.grant_id))`,
  );
  const c = await queryRows(
    db,
    sql`select ag.grant_id, count(*) as activities, sum(a.sessions) as sessions
          from activity a join activity_grant ag on ag.activity_id = a.id
         where a.organisation_id = ${organisationId} and a.start_date between ${since} and ${end}
         group by ag.grant_id`,
  );
  return a.length + b.length + c.length;
}
