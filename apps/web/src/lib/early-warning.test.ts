import { describe, expect, it } from 'vitest';
import {
  activeRegions,
  INCIDENT_CATEGORIES,
  pageCount,
  parseCategory,
  parsePage,
} from './early-warning';
import { incidentCategoryLabels } from './labels';

describe('parseCategory', () => {
  it('accepts the four categories and nothing else', () => {
    for (const c of INCIDENT_CATEGORIES) expect(parseCategory(c)).toBe(c);
    expect(parseCategory(' democracy-governance ')).toBe('democracy-governance');
    expect(parseCategory('')).toBeNull();
    expect(parseCategory(null)).toBeNull();
    expect(parseCategory('terrorism')).toBeNull();
  });

  it('has a label for every category', () => {
    expect(Object.keys(incidentCategoryLabels).sort()).toEqual([...INCIDENT_CATEGORIES].sort());
  });
});

describe('paging', () => {
  it('reads a page number, the first page for anything else', () => {
    expect(parsePage('3')).toBe(3);
    expect(parsePage(null)).toBe(1);
    expect(parsePage('0')).toBe(1);
    expect(parsePage('-2')).toBe(1);
    expect(parsePage('abc')).toBe(1);
  });

  it('counts pages, at least one', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(116, 50)).toBe(3);
  });
});

describe('activeRegions', () => {
  it('hides regions without incidents and puts the most affected first, ties in order', () => {
    const groups = [
      { key: 'kayes', incidents: 0 },
      { key: 'mopti', incidents: 10 },
      { key: 'gao', incidents: 30 },
      { key: 'segou', incidents: 10 },
    ];
    expect(activeRegions(groups).map((g) => g.key)).toEqual(['gao', 'mopti', 'segou']);
    expect(activeRegions([{ key: 'kayes', incidents: 0 }])).toEqual([]);
  });
});
