import { describe, expect, it } from 'vitest';
import type { AttendanceFact } from '../facts/facts';
import { countParticipations, newPeopleIn, peopleIn, peopleRecord } from './unique-people';

const rows: AttendanceFact[] = [
  { personId: 'a', activityId: 'x1', date: '2023-04-03', attributes: { sex: 'female' } },
  {
    personId: 'a',
    activityId: 'x3',
    date: '2023-04-03',
    attributes: { sex: 'female', age: 'youth' },
  },
  {
    personId: 'a',
    activityId: 'x2',
    date: '2023-04-03',
    attributes: { sex: 'female', age: 'adult' },
  },
  { personId: 'b', activityId: 'x2', date: '2023-04-05', attributes: { sex: 'x' } },
  { personId: 'c', activityId: 'x1', date: '2023-03-05', attributes: { sex: 'male' } },
  { personId: 'c', activityId: 'x2', date: '2023-04-05', attributes: { sex: 'male' } },
];
const april = { start: '2023-04-01', end: '2023-04-30' };

describe('unique people', () => {
  it('counts participations, people and newcomers', () => {
    expect(countParticipations(rows, april)).toBe(5);
    expect(peopleIn(rows, april).size).toBe(3);
    expect([...newPeopleIn(rows, april).keys()].sort()).toEqual(['a', 'b']);
  });

  it('takes the attributes of the latest attendance, ties broken by activity id', () => {
    expect(peopleIn(rows, april).get('a')).toEqual({ sex: 'female', age: 'youth' });
  });

  it('makes cells lower bounds where some people’s category is unknown', () => {
    const record = peopleRecord(peopleIn(rows, april), ['sex']);
    expect(record).toEqual({
      total: { value: 3, qualifier: 'exact' },
      cells: [
        { key: { sex: 'female' }, value: 1, qualifier: 'at-least' },
        { key: { sex: 'male' }, value: 1, qualifier: 'at-least' },
      ],
    });
    expect(peopleRecord(new Map([['a', { sex: 'female' }]]), ['sex']).cells[0]?.qualifier).toBe(
      'exact',
    );
    expect(peopleRecord(new Map())).toEqual({ total: { value: 0, qualifier: 'exact' }, cells: [] });
  });
});
