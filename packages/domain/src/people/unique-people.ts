import type { AttendanceFact } from '../facts/facts';
import type { CalendarDate } from '../period/calendar-date';
import type { CellKey } from '../disaggregation/cell-key';
import type { CountRecord } from '../disaggregation/count-record';
import { breakdownKeys } from '../disaggregation/aggregate';
import { DEFAULT_DIMENSIONS, type Dimension } from '../disaggregation/dimension';

/** A window of days, both ends inclusive. */
export type DayWindow = { start: CalendarDate; end: CalendarDate };

function inWindow(date: CalendarDate, window: DayWindow): boolean {
  return window.start <= date && date <= window.end;
}

/**
 * Participations in a window: every attendance counts, so a person at five activities counts five times.
 * @example countParticipations(attendance, { start: '2023-04-01', end: '2023-06-30' }) // 7
 */
export function countParticipations(
  attendance: readonly AttendanceFact[],
  window: DayWindow,
): number {
  return attendance.filter((a) => inWindow(a.date, window)).length;
}

/**
 * Each person seen in the window once, with the attributes of their latest attendance in it (latest
 * date, then greatest activity id): the most recent thing we were told about them. The SQL mirror is
 * `DISTINCT ON (person_id) … ORDER BY person_id, date DESC, activity_id DESC`.
 * @example peopleIn(attendance, q2).get('p1') // { sex: 'female', age: 'youth' }
 */
export function peopleIn(
  attendance: readonly AttendanceFact[],
  window: DayWindow,
): Map<string, Record<string, string>> {
  const latest = new Map<string, AttendanceFact>();
  for (const a of attendance) {
    if (!inWindow(a.date, window)) continue;
    const seen = latest.get(a.personId);
    if (!seen || a.date > seen.date || (a.date === seen.date && a.activityId > seen.activityId))
      latest.set(a.personId, a);
  }
  return new Map([...latest].map(([id, a]) => [id, a.attributes]));
}

/**
 * The persons whose first attendance ever (among the attendance given) falls in the window.
 * @example newPeopleIn(attendance, q2).size // people reached for the first time in Q2
 */
export function newPeopleIn(
  attendance: readonly AttendanceFact[],
  window: DayWindow,
): Map<string, Record<string, string>> {
  const first = new Map<string, CalendarDate>();
  for (const a of attendance) {
    const f = first.get(a.personId);
    if (f === undefined || a.date < f) first.set(a.personId, a.date);
  }
  const inside = peopleIn(attendance, window);
  for (const id of [...inside.keys()]) {
    const f = first.get(id);
    if (f === undefined || !inWindow(f, window)) inside.delete(id);
  }
  return inside;
}

/**
 * Counts people by their attributes as a count record: the exact total, and every cell over the given
 * dimensions. A person whose attribute is missing (or not a known category) might be in a cell, so a
 * cell that such a person could belong to is a lower bound (`at-least`): 3 known women and one person
 * of unknown sex means 3 or 4 women, and the bounds will say so.
 * @example peopleRecord(peopleIn(attendance, q2), ['sex']) // { total: { value: 6, qualifier: 'exact' }, cells: [{ key: { sex: 'female' }, value: 3, qualifier: 'at-least' }, …] }
 */
export function peopleRecord(
  people: ReadonlyMap<string, Record<string, string>>,
  dimensionCodes: string[] = [],
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): CountRecord {
  return attributeCountsRecord(
    [...people.values()].map((attributes) => ({ attributes, count: 1 })),
    dimensionCodes,
    dimensions,
  );
}

/** A number of people who share the same attributes (one row of an SQL `GROUP BY`). */
export type AttributeCount = { attributes: Record<string, string>; count: number };

/**
 * {@link peopleRecord} over people already grouped by their attributes, so that a database can
 * count a million attendances with `GROUP BY` and hand over only the groups: the rule is the same.
 * @example attributeCountsRecord([{ attributes: { sex: 'female' }, count: 3 }, { attributes: {}, count: 1 }], ['sex']) // total 4, women at least 3
 */
export function attributeCountsRecord(
  groups: readonly AttributeCount[],
  dimensionCodes: string[] = [],
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): CountRecord {
  const keys: CellKey[] = breakdownKeys(dimensionCodes, dimensions);
  const entries = keys.map((key) => Object.entries(key));
  const categories = new Map(
    dimensions.map((d) => [d.code, new Set(d.categories.map((k) => k.code))]),
  );
  const known = (d: string, c: string | undefined) =>
    c !== undefined && (categories.get(d)?.has(c) ?? false);
  const exactCounts = keys.map(() => 0);
  const uncertain = keys.map(() => false);
  let total = 0;
  for (const { attributes, count } of groups) {
    if (count <= 0) continue;
    total += count;
    for (const [i, cell] of entries.entries()) {
      // In the cell when every attribute matches; possibly in it when those that differ are
      // unknown (missing, or not a category of the dimension).
      let inCell = true;
      let possible = true;
      for (const [d, c] of cell) {
        if (attributes[d] === c) continue;
        inCell = false;
        if (known(d, attributes[d])) {
          possible = false;
          break;
        }
      }
      if (inCell) exactCounts[i] = (exactCounts[i] ?? 0) + count;
      else if (possible) uncertain[i] = true;
    }
  }
  return {
    total: { value: total, qualifier: 'exact' },
    cells: keys.map((key, i) => ({
      key,
      value: exactCounts[i] ?? 0,
      qualifier: uncertain[i] ? 'at-least' : 'exact',
    })),
  };
}
