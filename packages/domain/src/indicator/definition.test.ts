import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_MEASURES,
  DIRECTIONS,
  INCIDENT_MEASURES,
  INDICATOR_SOURCES,
  LIFE_OF_GRANT_TARGET_RULES,
  PARTICIPATION_MEASURES,
  TIME_RULES,
  UNITS,
} from './definition';

describe('indicator vocabularies (for zod enums)', () => {
  it('list every value once', () => {
    expect(TIME_RULES).toEqual(['sum', 'latest', 'max', 'average', 'ratio']);
    expect(INDICATOR_SOURCES).toEqual([
      'activities',
      'participation',
      'incidents',
      'deliverables',
      'manual',
      'assessment',
      'formula',
    ]);
    for (const list of [
      ACTIVITY_MEASURES,
      PARTICIPATION_MEASURES,
      INCIDENT_MEASURES,
      UNITS,
      DIRECTIONS,
      LIFE_OF_GRANT_TARGET_RULES,
    ]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });
});
