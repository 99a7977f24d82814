import { describe, expect, it } from 'vitest';
import {
  activitiesQuery,
  breakdownGroups,
  buildTree,
  filterPlaces,
  groupBy,
  placeFilterNames,
  query,
} from './indicators';

describe('buildTree', () => {
  const node = (id: string, parentId: string | null) => ({ id, parentId });

  it('nests impact → outcomes → outputs, keeping sibling order', () => {
    const tree = buildTree([
      node('I', null),
      node('O1', 'I'),
      node('O2', 'I'),
      node('P1.1', 'O1'),
      node('P1.2', 'O1'),
    ]);
    expect(tree.map((t) => t.node.id)).toEqual(['I']);
    expect(tree[0]?.children.map((t) => t.node.id)).toEqual(['O1', 'O2']);
    expect(tree[0]?.children[0]?.children.map((t) => t.node.id)).toEqual(['P1.1', 'P1.2']);
  });

  it('does not depend on parents coming first', () => {
    const tree = buildTree([node('P', 'O'), node('O', 'I'), node('I', null)]);
    expect(tree[0]?.node.id).toBe('I');
    expect(tree[0]?.children[0]?.children[0]?.node.id).toBe('P');
  });

  it('keeps orphans and cycles visible as roots', () => {
    expect(buildTree([node('A', 'missing')]).map((t) => t.node.id)).toEqual(['A']);
    const cyclic = buildTree([node('A', 'B'), node('B', 'A')]);
    const ids = (ts: typeof cyclic): string[] => ts.flatMap((t) => [t.node.id, ...ids(t.children)]);
    expect(ids(cyclic).sort()).toEqual(['A', 'B']);
  });
});

describe('breakdownGroups', () => {
  it('asks for a breakdown only of indicators that have dimensions, one call per set', () => {
    expect(
      breakdownGroups([
        { id: 'a', dimensions: ['sex', 'age'] },
        { id: 'b', dimensions: [] },
        { id: 'c', dimensions: ['sex'] },
        { id: 'd', dimensions: ['sex', 'age'] },
      ]),
    ).toEqual([
      { dimensions: ['sex', 'age'], ids: ['a', 'd'] },
      { dimensions: ['sex'], ids: ['c'] },
    ]);
  });
});

describe('groupBy', () => {
  it('keeps first-seen order and puts the ungrouped last', () => {
    const groups = groupBy(
      [
        { g: 'b', n: 1 },
        { g: null, n: 2 },
        { g: 'a', n: 3 },
        { g: 'b', n: 4 },
      ],
      (x) => x.g,
    );
    expect(groups.map((x) => [x.key, x.items.map((i) => i.n)])).toEqual([
      ['b', [1, 4]],
      ['a', [3]],
      [null, [2]],
    ]);
  });
});

describe('activitiesQuery', () => {
  const q2 = { code: '2023-Q2', start: '2023-04-01', end: '2023-06-30' };

  it('links a one-programme count to its activities for the period', () => {
    expect(
      activitiesQuery(
        { kind: 'activities', filter: { programmes: ['JF'], types: ['lobbying'] } },
        { start: '2023-04-01', end: '2023-06-30' },
        q2,
      ),
    ).toEqual({ programme: 'JF', period: '2023-Q2' });
  });

  it('uses the cumulative window, from the grant start', () => {
    expect(
      activitiesQuery(
        { kind: 'participation', filter: { programmes: ['CCS-C'] } },
        { start: '2022-06-01', end: '2023-06-30' },
        q2,
      ),
    ).toEqual({ programme: 'CCS-C', period: '2022-06-01..2023-06-30' });
  });

  it('gives nothing for sources without one programme', () => {
    expect(activitiesQuery({ kind: 'incidents', measure: 'count' }, null, q2)).toBeNull();
    expect(activitiesQuery({ kind: 'formula', expression: '{A}' }, null, q2)).toBeNull();
    expect(
      activitiesQuery({ kind: 'activities', filter: { grants: ['DRC-PLF'] } }, null, q2),
    ).toBeNull();
    expect(
      activitiesQuery({ kind: 'activities', filter: { programmes: ['A', 'B'] } }, null, q2),
    ).toBeNull();
  });
});

describe('query', () => {
  it('skips empty values', () => {
    expect(query({ period: '2023-Q2', programme: null, page: '' })).toBe('?period=2023-Q2');
    expect(query({})).toBe('');
  });
});

describe('filterPlaces and placeFilterNames', () => {
  const names = new Map([
    ['ml/mopti', 'Mopti'],
    ['ml/segou/san', 'San'],
  ]);

  it('reads the place paths of a source’s filter, none when it counts everywhere', () => {
    expect(filterPlaces({ kind: 'activities', filter: { places: ['ml/mopti'] } })).toEqual([
      'ml/mopti',
    ]);
    expect(filterPlaces({ kind: 'activities', filter: { programmes: ['PAIX-J'] } })).toEqual([]);
    expect(filterPlaces({ kind: 'formula', expression: '{A}' })).toEqual([]);
    expect(filterPlaces({ kind: 'activities', filter: { places: 'ml/mopti' } })).toEqual([]);
  });

  it('names each indicator’s places, an unknown path as is, and leaves out those everywhere', () => {
    expect(
      placeFilterNames(
        [
          { id: 'a', source: { kind: 'participation', filter: { places: ['ml/mopti'] } } },
          { id: 'b', source: { kind: 'activities', filter: { places: ['ml/segou/san', 'ml/x'] } } },
          { id: 'c', source: { kind: 'activities', filter: {} } },
        ],
        names,
      ),
    ).toEqual({ a: ['Mopti'], b: ['San', 'ml/x'] });
  });
});
