import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../client';
import { monthKeyOf } from '../indicators/window-cache';
import { must } from '@jalon/domain';

/** The figures of one synthetic grant's quarterly report, as the hand-written SQL finds them. */
export interface FloorFigures {
  /** Activities that started in the quarter (`-ACT`). */
  activities: number;
  /** Sessions of the activities that started since the grant's start (`-SES`, cumulative). */
  sessions: number;
  /** Participations in the quarter: attendance rows plus recorded totals (`-PART`). */
  participations: number;
  /** Participations of women in the quarter (`-WOMEN`). */
  women: number;
  /**
   * People in the quarter, each once (`-UNIQ`): the named people, or the largest activity whose
   * participants were not all named if it had more (they cannot be told apart from the others);
   * by cell, the named people by the sex and age group of their latest attendance.
   */
  people: number;
  peopleByCell: Record<string, number>;
  /** People of the quarter never seen before it at the grant's activities (`-NEW`). */
  newPeople: number;
  /** People since the grant's start, each once, as `people` (`-UNIQ-CUM`), and by sex. */
  cumulativePeople: number;
  cumulativePeopleBySex: Record<string, number>;
}

/** `female|youth`, `female|`, `|youth`: the cell of a grouping-sets row (unknown parts empty). */
const cellOf = (sex: string | null, age: string | null) => `${sex ?? ''}|${age ?? ''}`;

/** The window of a floor reading: the quarter, the grant's start, and the grant's activities. */
interface FloorWindow {
  organisationId: string;
  start: string;
  end: string;
  since: string;
  grantActivities: SQL;
}

/** A grant's activities: those of the grant and of its programme. */
function grantActivitiesOf(organisationId: string): SQL {
  return sql`select ag.grant_id, a.id, a.start_date, a.sessions
      from activity_grant ag
      join activity a on a.id = ag.activity_id
      join grant_programme gp on gp.grant_id = ag.grant_id and gp.programme_id = a.programme_id
     where ag.organisation_id = ${organisationId}`;
}

/** Activities, sessions, and the largest activity with fewer names than participants, per grant. */
function readActivities(db: Database, w: FloorWindow) {
  return queryRows<{
    grant_id: string;
    activities: number;
    sessions: number;
    largest: number | null;
    cumulative_largest: number | null;
  }>(
    db,
    sql`with ga as (${w.grantActivities}),
        counted as (
          select ga.*, coalesce(pc.total, 0) as total,
                 (select count(*) from (select 1 from attendance t where t.activity_id = ga.id
                                        limit greatest(coalesce(pc.total, 0), 1)) x)
                   < greatest(coalesce(pc.total, 0), 1) as unnamed
            from ga left join participation_count pc on pc.activity_id = ga.id
           where ga.start_date between ${w.since} and ${w.end})
        select grant_id, count(*) filter (where start_date >= ${w.start})::int as activities,
               sum(sessions)::int as sessions,
               max(total) filter (where unnamed and start_date >= ${w.start}) as largest,
               max(total) filter (where unnamed) as cumulative_largest
          from counted group by grant_id`,
  );
}

/** Attendance of the quarter's activities without recorded counts, and the recorded counts, per grant. */
function readParticipations(db: Database, w: FloorWindow) {
  return queryRows<{
    grant_id: string;
    kind: 'attendance' | 'total' | 'women';
    sex: string | null;
    n: number;
  }>(
    db,
    sql`with ga as (${w.grantActivities})
        select ga.grant_id, 'attendance' as kind, t.sex, count(*)::int as n
          from ga join attendance t on t.activity_id = ga.id
         where ga.start_date between ${w.start} and ${w.end}
           and not exists (select 1 from participation_count pc where pc.activity_id = ga.id)
         group by ga.grant_id, t.sex
        union all
        select ga.grant_id, 'total', null, sum(pc.total)::int
          from ga join participation_count pc on pc.activity_id = ga.id
         where ga.start_date between ${w.start} and ${w.end}
         group by ga.grant_id
        union all
        select ga.grant_id, 'women', null, sum(c.value)::int
          from ga join participation_cell c on c.activity_id = ga.id
         where ga.start_date between ${w.start} and ${w.end} and c.cell_key = 'sex=female'
         group by ga.grant_id`,
  );
}

/** People of the quarter per grant, by their latest attendance, and whether they came before it. */
function readPeople(db: Database, w: FloorWindow) {
  return queryRows<{
    grant_id: string;
    is_new: boolean;
    sex: string | null;
    age_group: string | null;
    n: number;
  }>(
    db,
    sql`with ga as materialized (${w.grantActivities}),
        latest as materialized (
          select distinct on (ga.grant_id, t.person_id) ga.grant_id, t.person_id, t.sex, t.age_group
            from attendance t join ga on ga.id = t.activity_id
           where t.organisation_id = ${w.organisationId} and t.date between ${w.start} and ${w.end}
             and t.month between ${monthKeyOf(w.start)} and ${monthKeyOf(w.end)}
           order by ga.grant_id, t.person_id, t.date desc, t.activity_id desc),
        earlier as (
          select distinct l.grant_id, l.person_id from latest l
            join attendance t2 on t2.person_id = l.person_id and t2.date < ${w.start}
            join ga on ga.id = t2.activity_id and ga.grant_id = l.grant_id)
        select l.grant_id, e.person_id is null as is_new, l.sex, l.age_group, count(*)::int as n
          from latest l left join earlier e on e.grant_id = l.grant_id and e.person_id = l.person_id
         group by 1, 2, 3, 4`,
  );
}

/** People since the grant's start per grant, each once, by the sex of their latest attendance. */
function readCumulativePeople(db: Database, w: FloorWindow) {
  return queryRows<{ grant_id: string; sex: string | null; n: number }>(
    db,
    sql`with ga as materialized (${w.grantActivities}),
        latest as (
          select distinct on (ga.grant_id, t.person_id) ga.grant_id, t.sex
            from attendance t join ga on ga.id = t.activity_id
           where t.organisation_id = ${w.organisationId} and t.date between ${w.since} and ${w.end}
             and t.month between ${monthKeyOf(w.since)} and ${monthKeyOf(w.end)}
           order by ga.grant_id, t.person_id, t.date desc, t.activity_id desc)
        select grant_id, sex, count(*)::int as n from latest group by 1, 2`,
  );
}

/** The organisation's grants. */
function readGrants(db: Database, w: FloorWindow) {
  return queryRows<{ id: string; code: string }>(
    db,
    sql`select id, code from grant_agreement where organisation_id = ${w.organisationId}`,
  );
}

/**
 * The hand-written SQL that is the floor for a synthetic organisation's quarterly report: the
 * same figures as the report of every synthetic indicator (`syntheticIndicators`: a grant's
 * activities are those of the grant and of its programme), each question answered by one
 * GROUP BY over the facts, the four readings run side by side as the report's are. What it
 * leaves out is what the report adds on top: bounds and coverage, targets, achievement, status.
 * A test holds these figures equal to the report's values, so the benchmark compares the same
 * work.
 */
export async function quarterlyReportFloor(
  db: Database,
  organisationId: string,
  start: string,
  end: string,
  since: string,
): Promise<Map<string, FloorFigures>> {
  const w: FloorWindow = {
    organisationId,
    start,
    end,
    since,
    grantActivities: grantActivitiesOf(organisationId),
  };
  const [activities, participations, people, cumulative, grants] = await Promise.all([
    readActivities(db, w),
    readParticipations(db, w),
    readPeople(db, w),
    readCumulativePeople(db, w),
    readGrants(db, w),
  ]);

  const figures = new Map<string, FloorFigures>(
    grants.map((g) => [
      g.id,
      {
        activities: 0,
        sessions: 0,
        participations: 0,
        women: 0,
        people: 0,
        peopleByCell: {},
        newPeople: 0,
        cumulativePeople: 0,
        cumulativePeopleBySex: {},
      },
    ]),
  );
  const of = (grantId: string) => must(figures.get(grantId), 'the figures of a grant');
  for (const r of participations) {
    const f = of(r.grant_id);
    if (r.kind === 'women') f.women += Number(r.n);
    else {
      f.participations += Number(r.n);
      if (r.kind === 'attendance' && r.sex === 'female') f.women += Number(r.n);
    }
  }
  for (const r of people) {
    const f = of(r.grant_id);
    const n = Number(r.n);
    f.people += n;
    if (r.is_new) f.newPeople += n;
    for (const cell of [cellOf(r.sex, r.age_group), cellOf(r.sex, null), cellOf(null, r.age_group)])
      f.peopleByCell[cell] = (f.peopleByCell[cell] ?? 0) + n;
  }
  for (const r of cumulative) {
    const f = of(r.grant_id);
    f.cumulativePeople += Number(r.n);
    const sex = r.sex ?? '';
    f.cumulativePeopleBySex[sex] = (f.cumulativePeopleBySex[sex] ?? 0) + Number(r.n);
  }
  for (const r of activities) {
    const f = of(r.grant_id);
    f.activities = Number(r.activities);
    f.sessions = Number(r.sessions);
    f.people = Math.max(f.people, Number(r.largest ?? 0));
    f.cumulativePeople = Math.max(f.cumulativePeople, Number(r.cumulative_largest ?? 0));
  }
  const code = new Map(grants.map((g) => [g.id, g.code]));
  return new Map(
    [...figures].map(([id, f]) => [must(code.get(id), 'the code of an indicator'), f]),
  );
}
