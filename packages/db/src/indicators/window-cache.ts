import type { ActivityFact, AttributeCount, CountRecord, DayWindow } from '@jalon/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client';
import type { CountQualifier } from '../schema/index';
import { attributeColumns, toAttributeCount, type AttributeColumns } from './attendance-attributes';

/** An activity of the window as the engine reads it, with its number of attendance rows (all dates). */
export type WindowActivity = ActivityFact & { attendance: number };

interface WindowData {
  activities: WindowActivity[];
  attributeGroups?: Promise<Map<string, AttributeCount[]>>;
}

/**
 * What many indicators of one report share: the activities that start in a window (a few thousand
 * rows, with their programme, grants, places, counts and number of attendances), read once, and
 * their attendance grouped by attributes, read once when a breakdown asks for it. Filters are then
 * the engine's own `matchesActivity`. One cache per request: it is never invalidated.
 */
export class WindowCache {
  private readonly windows = new Map<string, Promise<WindowData>>();

  constructor(
    private readonly db: Database,
    private readonly organisationId: string,
  ) {}

  activities(w: DayWindow): Promise<WindowActivity[]> {
    return this.window(w).then((d) => d.activities);
  }

  /** Attendance of the window's activities (all dates) grouped by activity and attributes. */
  async attributeGroups(w: DayWindow): Promise<Map<string, AttributeCount[]>> {
    const data = await this.window(w);
    data.attributeGroups ??= this.loadGroups(w);
    return data.attributeGroups;
  }

  private window(w: DayWindow): Promise<WindowData> {
    const key = `${w.start}|${w.end}`;
    let data = this.windows.get(key);
    if (!data) {
      data = this.load(w);
      this.windows.set(key, data);
    }
    return data;
  }

  private async load(w: DayWindow): Promise<WindowData> {
    const { db, organisationId } = this;
    const rows = await queryRows<{
      id: string;
      date: string;
      end_date: string;
      programme: string;
      type: string;
      sessions: number;
      grants: string[] | null;
      places: string[] | null;
      attendance: number;
      total: number | null;
      total_qualifier: CountQualifier | null;
      has_count: boolean;
    }>(
      db,
      sql`select a.id, a.start_date as date, a.end_date, p.code as programme, a.type, a.sessions,
                 (select array_agg(g.code) from activity_grant ag join grant_agreement g on g.id = ag.grant_id where ag.activity_id = a.id) as grants,
                 (select array_agg(pl.path) from activity_place ap join place pl on pl.id = ap.place_id where ap.activity_id = a.id) as places,
                 (select count(*)::int from attendance t where t.activity_id = a.id) as attendance,
                 pc.total, pc.total_qualifier, pc.activity_id is not null as has_count
            from activity a
            join programme p on p.id = a.programme_id
            left join participation_count pc on pc.activity_id = a.id
           where a.organisation_id = ${organisationId} and a.start_date between ${w.start} and ${w.end}`,
    );
    const counted = rows.filter((r) => r.has_count);
    const cells = counted.length
      ? await queryRows<{
          activity_id: string;
          dims: Record<string, string>;
          value: number;
          qualifier: CountQualifier;
        }>(
          db,
          sql`select c.activity_id, c.dims, c.value, c.qualifier
                from participation_cell c join activity a on a.id = c.activity_id
               where a.organisation_id = ${organisationId} and a.start_date between ${w.start} and ${w.end}`,
        )
      : [];
    const records = new Map<string, CountRecord>(
      counted.map((r) => [
        r.id,
        {
          total:
            r.total === null
              ? null
              : { value: Number(r.total), qualifier: r.total_qualifier ?? 'exact' },
          cells: [],
        },
      ]),
    );
    for (const c of cells)
      records
        .get(c.activity_id)
        ?.cells.push({ key: c.dims, value: Number(c.value), qualifier: c.qualifier });
    return {
      activities: rows.map((r) => ({
        id: r.id,
        date: r.date,
        endDate: r.end_date,
        programme: r.programme,
        type: r.type,
        sessions: Number(r.sessions),
        grants: r.grants ?? [],
        places: r.places ?? [],
        participation: records.get(r.id) ?? null,
        attendance: Number(r.attendance),
      })),
    };
  }

  private async loadGroups(w: DayWindow): Promise<Map<string, AttributeCount[]>> {
    const rows = await queryRows<AttributeColumns & { activity_id: string; n: number }>(
      this.db,
      sql`select t.activity_id, ${attributeColumns}, count(*)::int as n
            from attendance t join activity a on a.id = t.activity_id
           where a.organisation_id = ${this.organisationId} and a.start_date between ${w.start} and ${w.end}
             and not exists (select 1 from participation_count pc where pc.activity_id = a.id)
           group by t.activity_id, t.sex, t.age_group, t.disability, t.category, t.extra`,
    );
    const groups = new Map<string, AttributeCount[]>();
    for (const r of rows) {
      groups.set(r.activity_id, [...(groups.get(r.activity_id) ?? []), toAttributeCount(r)]);
    }
    return groups;
  }
}
