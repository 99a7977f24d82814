import type {
  ActivityFact,
  AttendanceFact,
  CountRecord,
  DeliverableFact,
  Facts,
  IncidentFact,
} from '@jalon/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client';
import type { CountQualifier } from '../schema/index';
import { attendanceAttributes } from '../indicators/attendance-attributes';

/**
 * Every fact of an organisation in the engine's shape (codes and place paths). Row by row: for
 * tests that hold the SQL path equal to the engine, and small organisations — at scale the
 * indicators are computed in the database instead.
 */
export async function loadFacts(db: Database, organisationId: string): Promise<Facts> {
  const activities = await queryRows<{
    id: string;
    date: string;
    end_date: string;
    programme: string;
    type: string;
    sessions: number;
    grants: string[] | null;
    places: string[] | null;
  }>(
    db,
    sql`select a.id, a.start_date as date, a.end_date, p.code as programme, a.type, a.sessions,
               (select array_agg(g.code order by g.code) from activity_grant ag join grant_agreement g on g.id = ag.grant_id where ag.activity_id = a.id) as grants,
               (select array_agg(pl.path order by pl.path) from activity_place ap join place pl on pl.id = ap.place_id where ap.activity_id = a.id) as places
          from activity a join programme p on p.id = a.programme_id
         where a.organisation_id = ${organisationId}`,
  );
  const counts = await queryRows<{
    activity_id: string;
    total: number | null;
    total_qualifier: CountQualifier;
  }>(
    db,
    sql`select activity_id, total, total_qualifier from participation_count where organisation_id = ${organisationId}`,
  );
  const cells = await queryRows<{
    activity_id: string;
    dims: Record<string, string>;
    value: number;
    qualifier: CountQualifier;
  }>(
    db,
    sql`select activity_id, dims, value, qualifier from participation_cell where organisation_id = ${organisationId}`,
  );
  const records = new Map<string, CountRecord>(
    counts.map((c) => [
      c.activity_id,
      {
        total: c.total === null ? null : { value: c.total, qualifier: c.total_qualifier },
        cells: [],
      },
    ]),
  );
  for (const c of cells)
    records.get(c.activity_id)?.cells.push({ key: c.dims, value: c.value, qualifier: c.qualifier });

  const attendance = await queryRows<{
    activity_id: string;
    person_id: string;
    date: string;
    sex: string | null;
    age_group: string | null;
    disability: string | null;
    category: string | null;
    extra: Record<string, string> | null;
  }>(
    db,
    sql`select activity_id, person_id, date, sex, age_group, disability, category, extra from attendance where organisation_id = ${organisationId}`,
  );
  const incidents = await queryRows<{
    id: string;
    date: string;
    path: string | null;
    category: string;
    deaths: number;
    injuries: number;
    verified: boolean;
  }>(
    db,
    sql`select i.id, i.date, pl.path, i.category, i.deaths, i.injuries, i.verified
          from incident i left join place pl on pl.id = i.place_id where i.organisation_id = ${organisationId}`,
  );
  const deliverables = await queryRows<{
    id: string;
    date: string;
    type: string;
    programme: string;
    grant: string | null;
  }>(
    db,
    sql`select d.id, d.date, d.type, p.code as programme, g.code as grant
          from deliverable d join programme p on p.id = d.programme_id left join grant_agreement g on g.id = d.grant_id
         where d.organisation_id = ${organisationId}`,
  );
  return {
    activities: activities.map((a): ActivityFact => ({
      id: a.id,
      date: a.date,
      endDate: a.end_date,
      programme: a.programme,
      grants: a.grants ?? [],
      type: a.type,
      places: a.places ?? [],
      sessions: Number(a.sessions),
      participation: records.get(a.id) ?? null,
    })),
    attendance: attendance.map((r): AttendanceFact => ({
      activityId: r.activity_id,
      personId: r.person_id,
      date: r.date,
      attributes: attendanceAttributes(r),
    })),
    incidents: incidents.map((i): IncidentFact => ({
      id: i.id,
      date: i.date,
      place: i.path ?? '',
      category: i.category,
      deaths: i.deaths,
      injuries: i.injuries,
      verified: i.verified,
    })),
    deliverables: deliverables.map((d): DeliverableFact => ({
      id: d.id,
      date: d.date,
      type: d.type,
      programme: d.programme,
      grants: d.grant ? [d.grant] : [],
    })),
  };
}
