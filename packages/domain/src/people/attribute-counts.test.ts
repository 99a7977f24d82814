import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeCountsRecord, peopleRecord } from './unique-people';

const attributes = fc.record(
  {
    sex: fc.constantFrom('female', 'male', 'unknown-code'),
    age: fc.constantFrom('child', 'youth', 'adult'),
    disability: fc.constantFrom('with', 'without'),
  },
  { requiredKeys: [] },
);

describe('attributeCountsRecord', () => {
  it('equals peopleRecord over the same people, however they are grouped', () => {
    fc.assert(
      fc.property(
        fc.array(attributes, { maxLength: 60 }),
        fc.subarray(['sex', 'age', 'disability']),
        (people, dims) => {
          const byPerson = new Map(people.map((a, i) => [`p${i}`, a]));
          const groups = new Map<string, { attributes: Record<string, string>; count: number }>();
          for (const a of people) {
            const k = JSON.stringify(Object.entries(a).sort());
            const g = groups.get(k) ?? { attributes: a, count: 0 };
            g.count += 1;
            groups.set(k, g);
          }
          expect(attributeCountsRecord([...groups.values()], dims)).toEqual(
            peopleRecord(byPerson, dims),
          );
        },
      ),
      { seed: 20230630, numRuns: 200 },
    );
  });

  it('ignores empty groups', () => {
    const r = attributeCountsRecord(
      [
        { attributes: { sex: 'female' }, count: 0 },
        { attributes: { sex: 'male' }, count: 2 },
      ],
      ['sex'],
    );
    expect(r.total).toEqual({ value: 2, qualifier: 'exact' });
    expect(r.cells).toContainEqual({ key: { sex: 'female' }, value: 0, qualifier: 'exact' });
  });
});
