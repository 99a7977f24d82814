import type { ActivityFilter, DeliverableFilter, IncidentFilter } from '@jalon/domain';
import { sql, type SQL } from 'drizzle-orm';

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** "Within any of these places": a path equal to one, or below it (`mopti` holds `mopti/bandiagara`). */
function placeWithin(pathColumn: SQL, places: readonly string[]): SQL {
  return sql`(${sql.join(
    places.map((w) => sql`(${pathColumn} = ${w} or starts_with(${pathColumn}, ${`${w}/`}))`),
    sql` or `,
  )})`;
}

/**
 * The domain's `matchesActivity` as SQL over `activity a`: every listed criterion must match, an
 * empty list matches all, and any of an activity's grants or places may match (none of its places
 * may lie within `notWithin`).
 */
export function activityFilterSql(filter: ActivityFilter | undefined): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter?.programmes?.length) {
    parts.push(
      // Not correlated (one hashed list, not a subquery per activity): an activity's programme
      // is of its own organisation (composite foreign key), so the code is enough.
      sql`a.programme_id in (select p.id from programme p where p.code in (${list(filter.programmes)}))`,
    );
  }
  if (filter?.types?.length) parts.push(sql`a.type in (${list(filter.types)})`);
  // Grants and places as uncorrelated lists too (a hashed semi-join rather than a probe per
  // activity); the activity's own organisation is held by the caller's condition on `a`.
  if (filter?.grants?.length) {
    parts.push(sql`a.id in (select ag.activity_id from activity_grant ag join grant_agreement g on g.id = ag.grant_id
                             where g.code in (${list(filter.grants)}))`);
  }
  if (filter?.places?.length) {
    parts.push(sql`a.id in (select ap.activity_id from activity_place ap join place pl on pl.id = ap.place_id
                             where ${placeWithin(sql`pl.path`, filter.places)})`);
  }
  if (filter?.notWithin?.length) {
    parts.push(sql`a.id not in (select ap.activity_id from activity_place ap join place pl on pl.id = ap.place_id
                                 where ${placeWithin(sql`pl.path`, filter.notWithin)})`);
  }
  return sql.join(parts, sql` and `);
}

/** The domain's `matchesIncident` as SQL over `incident i`. */
export function incidentFilterSql(filter: IncidentFilter | undefined): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter?.verifiedOnly) parts.push(sql`i.verified`);
  if (filter?.categories?.length) parts.push(sql`i.category in (${list(filter.categories)})`);
  if (filter?.places?.length) {
    parts.push(
      sql`exists (select 1 from place pl where pl.id = i.place_id and ${placeWithin(sql`pl.path`, filter.places)})`,
    );
  }
  if (filter?.notWithin?.length) {
    parts.push(
      sql`not exists (select 1 from place pl where pl.id = i.place_id and ${placeWithin(sql`pl.path`, filter.notWithin)})`,
    );
  }
  return sql.join(parts, sql` and `);
}

/** The domain's `matchesDeliverable` as SQL over `deliverable d`. */
export function deliverableFilterSql(filter: DeliverableFilter | undefined): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter?.types?.length) parts.push(sql`d.type in (${list(filter.types)})`);
  if (filter?.programmes?.length) {
    parts.push(
      sql`d.programme_id in (select p.id from programme p where p.organisation_id = d.organisation_id and p.code in (${list(filter.programmes)}))`,
    );
  }
  if (filter?.grants?.length) {
    parts.push(
      sql`d.grant_id in (select g.id from grant_agreement g where g.organisation_id = d.organisation_id and g.code in (${list(filter.grants)}))`,
    );
  }
  return sql.join(parts, sql` and `);
}
