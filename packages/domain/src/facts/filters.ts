import type { ActivityFact, DeliverableFact, IncidentFact } from './facts';

/** Which activities count: every listed criterion must match; an empty or absent list matches all. */
export type ActivityFilter = {
  programmes?: string[];
  grants?: string[];
  types?: string[];
  places?: string[];
  /**
   * Places none of the activity's places may lie within: an activity with no place, or with places
   * outside all of these, passes (« outside every listed region »).
   */
  notWithin?: string[];
};

/** Which incidents count. */
export type IncidentFilter = {
  categories?: string[];
  places?: string[];
  /** Places the incident's place may not lie within (an incident without a place passes). */
  notWithin?: string[];
  verifiedOnly?: boolean;
};

/** Which deliverables count. */
export type DeliverableFilter = { types?: string[]; programmes?: string[]; grants?: string[] };

function any(list: readonly string[] | undefined, test: (x: string) => boolean): boolean {
  return !list || list.length === 0 || list.some(test);
}

/** No element of the list passes the test (an empty or absent list: nothing to avoid). */
function none(list: readonly string[] | undefined, test: (x: string) => boolean): boolean {
  return !list || !list.some(test);
}

/**
 * Whether a place path lies within a filter place: `mopti` holds `mopti` and `mopti/bandiagara`
 * (in SQL: `place = $1 OR place LIKE $1 || '/%'`).
 * @example placeWithin('mopti/bandiagara', 'mopti') // true
 */
export function placeWithin(place: string, within: string): boolean {
  return place === within || place.startsWith(`${within}/`);
}

/** A criterion of an activity filter, as {@link activityFilterMisses} names the ones failed. */
export type ActivityCriterion = 'programmes' | 'types' | 'grants' | 'places' | 'notWithin';

/**
 * The criteria of a filter an activity fails, in this order: programmes, types, grants, places,
 * notWithin (any of its grants / places may match; none of its places may lie within a place of
 * `notWithin`). None: the activity passes; what an entry warning says when a grant's indicators
 * will not count an activity.
 * @example activityFilterMisses(conference, { programmes: ['CCS-C'], types: ['training'] }) // ['types']
 */
export function activityFilterMisses(
  activity: ActivityFact,
  filter: ActivityFilter = {},
): ActivityCriterion[] {
  const misses: ActivityCriterion[] = [];
  if (!any(filter.programmes, (p) => p === activity.programme)) misses.push('programmes');
  if (!any(filter.types, (t) => t === activity.type)) misses.push('types');
  if (!any(filter.grants, (g) => activity.grants.includes(g))) misses.push('grants');
  if (!any(filter.places, (w) => activity.places.some((p) => placeWithin(p, w))))
    misses.push('places');
  if (!none(filter.notWithin, (w) => activity.places.some((p) => placeWithin(p, w))))
    misses.push('notWithin');
  return misses;
}

/**
 * Whether an activity passes a filter: it fails none of its criteria ({@link activityFilterMisses}).
 * @example matchesActivity(activity, { programmes: ['wps'], places: ['bamako'] })
 */
export function matchesActivity(activity: ActivityFact, filter: ActivityFilter = {}): boolean {
  return activityFilterMisses(activity, filter).length === 0;
}

/**
 * Whether an incident passes a filter. It reads only the place, category and verification, so
 * a group of incidents sharing them (the database's grouped counts) passes or fails as one.
 * @example matchesIncident(incident, { verifiedOnly: true })
 */
export function matchesIncident(
  incident: Pick<IncidentFact, 'verified' | 'category' | 'place'>,
  filter: IncidentFilter = {},
): boolean {
  return (
    (!filter.verifiedOnly || incident.verified) &&
    any(filter.categories, (c) => c === incident.category) &&
    any(filter.places, (w) => placeWithin(incident.place, w)) &&
    none(filter.notWithin, (w) => placeWithin(incident.place, w))
  );
}

/**
 * Whether a deliverable passes a filter (type, programme and grants only: a group of deliverables
 * sharing them passes or fails as one).
 * @example matchesDeliverable(report, { types: ['weekly-report'] })
 */
export function matchesDeliverable(
  deliverable: Pick<DeliverableFact, 'type' | 'programme' | 'grants'>,
  filter: DeliverableFilter = {},
): boolean {
  return (
    any(filter.types, (t) => t === deliverable.type) &&
    any(filter.programmes, (p) => p === deliverable.programme) &&
    any(filter.grants, (g) => (deliverable.grants ?? []).includes(g))
  );
}
