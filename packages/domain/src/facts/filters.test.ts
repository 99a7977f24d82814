import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BULLETIN_ACTIVITIES,
  BULLETIN_DELIVERABLES,
  BULLETIN_INCIDENTS,
} from '../test-support/bulletin';
import {
  activityFilterMisses,
  matchesActivity,
  matchesDeliverable,
  matchesIncident,
  placeWithin,
  type ActivityFilter,
} from './filters';
import type { ActivityFact } from './facts';
import { present } from '../test-support/must';

describe('fact filters', () => {
  it('match places by path prefix, never by substring', () => {
    expect(placeWithin('mopti/bandiagara', 'mopti')).toBe(true);
    expect(placeWithin('mopti', 'mopti')).toBe(true);
    expect(placeWithin('moptix', 'mopti')).toBe(false);
  });

  it('hold a place and everything below it (region → cercle → commune), nothing beside it', () => {
    // Codes from a small alphabet so that one is often the beginning of another (`mo`, `mop`).
    const code = fc.stringMatching(/^[mo]{1,3}$/);
    const path = fc.array(code, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(path, path, (place, within) => {
        const below = within.length <= place.length && within.every((part, i) => part === place[i]);
        expect(placeWithin(place.join('/'), within.join('/'))).toBe(below);
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('match activities on every listed criterion', () => {
    const ccsc = present(
      BULLETIN_ACTIVITIES.find((a) => a.id === 'ccsc-trainings'),
      'the CCS-C trainings',
    );
    expect(matchesActivity(ccsc)).toBe(true);
    expect(matchesActivity(ccsc, { grants: ['undp-prosmed'], places: ['segou'] })).toBe(true);
    expect(matchesActivity(ccsc, { grants: ['undp-prosmed'], places: ['gao'] })).toBe(false);
    expect(matchesActivity(ccsc, { programmes: [], types: ['training'] })).toBe(true);
  });

  it('name the criteria an activity fails, each judged alone; none: it passes', () => {
    const code: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c');
    const list = fc.option(fc.array(code, { maxLength: 3 }), { nil: undefined });
    const path = fc.constantFrom('m', 'm/b', 'm/b/x', 's', 's/k');
    const activity = fc.record({
      programme: code,
      type: code,
      grants: fc.array(code, { maxLength: 2 }),
      places: fc.array(path, { maxLength: 2 }),
    });
    const filter = fc.record(
      {
        programmes: list,
        types: list,
        grants: list,
        places: fc.option(fc.array(path, { maxLength: 2 }), { nil: undefined }),
        notWithin: fc.option(fc.array(path, { maxLength: 2 }), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    const open = (l: string[] | undefined) => l === undefined || l.length === 0;
    fc.assert(
      fc.property(activity, filter, (a, f: ActivityFilter) => {
        const fact: ActivityFact = {
          ...a,
          id: 'x',
          date: '2023-05-20',
          endDate: '2023-05-20',
          sessions: 1,
          participation: null,
        };
        const within = (w: string) => a.places.some((p) => placeWithin(p, w));
        const expected = [
          open(f.programmes) || f.programmes?.includes(a.programme) ? null : 'programmes',
          open(f.types) || f.types?.includes(a.type) ? null : 'types',
          open(f.grants) || f.grants?.some((g) => a.grants.includes(g)) ? null : 'grants',
          open(f.places) || f.places?.some(within) ? null : 'places',
          (f.notWithin ?? []).some(within) ? 'notWithin' : null,
        ].filter((x) => x !== null);
        expect(activityFilterMisses(fact, f)).toEqual(expected);
        expect(matchesActivity(fact, f)).toBe(expected.length === 0);
      }),
      { seed: 14, numRuns: 500 },
    );
  });

  it('match incidents and deliverables', () => {
    const first = present(BULLETIN_INCIDENTS[0], 'an incident');
    expect(matchesIncident(first)).toBe(true);
    expect(matchesIncident(first, { verifiedOnly: true })).toBe(false);
    expect(matchesIncident(first, { categories: [first.category], places: ['mopti'] })).toBe(true);
    const weekly = present(BULLETIN_DELIVERABLES[0], 'a deliverable');
    expect(matchesDeliverable(weekly, { types: ['weekly-report'], programmes: ['news'] })).toBe(
      true,
    );
    expect(matchesDeliverable(weekly, { grants: ['interpeace-borders'] })).toBe(false);
  });
});
