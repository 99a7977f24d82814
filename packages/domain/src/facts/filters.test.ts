import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BULLETIN_ACTIVITIES,
  BULLETIN_DELIVERABLES,
  BULLETIN_INCIDENTS,
} from '../test-support/bulletin';
import { matchesActivity, matchesDeliverable, matchesIncident, placeWithin } from './filters';
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
