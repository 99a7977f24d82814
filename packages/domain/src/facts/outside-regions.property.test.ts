import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../period/calendar-date';
import { yearPeriod } from '../period/calendar-periods';
import { computeIndicator } from '../indicator/compute-indicator';
import type { IndicatorSource } from '../indicator/definition';
import { indicator } from '../test-support/definitions';
import { unwrap } from '../test-support/must';
import type { ActivityFact, AttendanceFact, Facts, IncidentFact } from './facts';
import { matchesActivity, type ActivityFilter } from './filters';

/*
 * A per-region export sends each region's figures and, for an org unit « outside every region »,
 * the figures of `notWithin: <every region>`. For what adds up (activities, participations,
 * incidents, deaths), the regions and the outside then give back the whole, when each activity
 * lies in one region at most; unique people do not add up (one person seen in two regions is one
 * person nationally), so they are never computed as a difference.
 */
const REGIONS = ['ml/mopti', 'ml/segou', 'ml/gao'];
// Places in a region, below it, beside it (`ml/moptikoro` is not in `ml/mopti`), the country alone.
const PLACES = ['ml/mopti', 'ml/mopti/bandiagara', 'ml/moptikoro', 'ml/segou/san', 'ml/gao', 'ml'];
const Y0 = toDayNumber('2023-01-01');
const day = fc.integer({ min: 0, max: 364 }).map((n) => fromDayNumber(Y0 + n));
const YEAR = yearPeriod(2023);

/** The regions a set of places lies in. */
const regionsOf = (places: readonly string[]) =>
  REGIONS.filter((r) => places.some((p) => p === r || p.startsWith(`${r}/`)));

const activity = fc.record({
  date: day,
  // No place at all, one place, or two places of one region at most (checked below).
  places: fc.subarray(PLACES, { maxLength: 2 }),
  total: fc.nat({ max: 60 }),
  sessions: fc.integer({ min: 1, max: 4 }),
});

const facts = fc
  .record({
    activities: fc.array(activity, { maxLength: 20 }),
    attendance: fc.array(fc.record({ activity: fc.nat(), person: fc.nat(6) }), { maxLength: 40 }),
    incidents: fc.array(
      fc.record({
        date: day,
        place: fc.constantFrom('', ...PLACES),
        deaths: fc.nat(5),
      }),
      { maxLength: 15 },
    ),
  })
  .map(({ activities: as, attendance, incidents }): Facts => {
    const activities = as
      .filter((a) => regionsOf(a.places).length <= 1)
      .map((a, i): ActivityFact => ({
        id: `a${i}`,
        date: a.date,
        endDate: a.date,
        programme: 'p',
        grants: [],
        type: 't',
        places: a.places,
        sessions: a.sessions,
        participation: { total: { value: a.total, qualifier: 'exact' }, cells: [] },
      }));
    const seen: AttendanceFact[] = activities.length
      ? attendance.map(({ activity: n, person }) => {
          const a = activities[n % activities.length] as ActivityFact;
          return { personId: `p${person}`, activityId: a.id, date: a.date, attributes: {} };
        })
      : [];
    return {
      activities,
      attendance: seen,
      incidents: incidents.map((x, i): IncidentFact => ({
        id: `i${i}`,
        category: 'c',
        verified: true,
        injuries: 0,
        ...x,
      })),
    };
  });

const value = (source: IndicatorSource, f: Facts) =>
  unwrap(computeIndicator(indicator('x', source), f, YEAR)).value;

/** The source with its place filter: within one region, or outside every region. */
function scoped(source: IndicatorSource, filter: ActivityFilter): IndicatorSource {
  if (
    source.kind !== 'activities' &&
    source.kind !== 'participation' &&
    source.kind !== 'incidents'
  )
    throw new Error(`${source.kind} has no place`);
  return { ...source, filter: { ...source.filter, ...filter } };
}

describe('outside every region', () => {
  it('regions and the outside add up to the whole for additive counts; unique people are never less', () => {
    const additive: IndicatorSource[] = [
      { kind: 'activities', measure: 'count' },
      { kind: 'activities', measure: 'sessions' },
      { kind: 'participation', measure: 'participations' },
      { kind: 'incidents', measure: 'count' },
      { kind: 'incidents', measure: 'deaths' },
    ];
    fc.assert(
      fc.property(facts, (f) => {
        for (const source of additive) {
          const regions = REGIONS.map((r) => value(scoped(source, { places: [r] }), f));
          const outside = value(scoped(source, { notWithin: REGIONS }), f);
          expect(regions.reduce((a, b) => a + b, 0) + outside).toBe(value(source, f));
        }
        const people: IndicatorSource = { kind: 'participation', measure: 'unique-people' };
        const parts = [
          ...REGIONS.map((r) => value(scoped(people, { places: [r] }), f)),
          value(scoped(people, { notWithin: REGIONS }), f),
        ];
        // Each part counts a person once; a person seen in two parts is one person in the whole.
        expect(parts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(value(people, f));
        for (const part of parts) expect(part).toBeLessThanOrEqual(value(people, f));
      }),
      { seed: 1604, numRuns: 300 },
    );
  });

  it('lets through an activity with no place, or with places beside every listed one', () => {
    const a = (places: string[]): ActivityFact => ({
      id: 'a',
      date: '2023-05-01',
      endDate: '2023-05-01',
      programme: 'p',
      grants: [],
      type: 't',
      places,
      sessions: 1,
      participation: null,
    });
    const outside = { notWithin: ['ml/mopti', 'ml/segou'] };
    expect(matchesActivity(a([]), outside)).toBe(true);
    expect(matchesActivity(a(['ml/moptikoro', 'ml']), outside)).toBe(true);
    expect(matchesActivity(a(['ml/mopti/bandiagara']), outside)).toBe(false);
    expect(matchesActivity(a(['ml/gao', 'ml/segou']), outside)).toBe(false);
    expect(matchesActivity(a(['ml/gao']), { ...outside, places: ['ml/gao'] })).toBe(true);
  });
});
