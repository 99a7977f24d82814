import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AWARENESS_SESSION,
  CCSC_TRAININGS,
  CNT_LOBBYING,
  GENDER_TALK,
  cell,
  count,
} from '../test-support/records';
import { present, unwrap } from '../test-support/must';
import { boundsTable, cellBounds, deriveMarginals } from './bounds';
import { cellKeyToString, type CellKey } from './cell-key';
import type { Cell, CountRecord } from './count-record';
import { checkConsistency } from './consistency';

describe('cellBounds', () => {
  it('puts the bulletin’s young women between 56 and 97', () => {
    expect(cellBounds(AWARENESS_SESSION, { sex: 'female', age: 'youth' })).toEqual({
      ok: true,
      value: { lower: 56, upper: 97, qualifier: 'exact' },
    });
    expect(unwrap(cellBounds(AWARENESS_SESSION, { sex: 'male', age: 'youth' }))).toMatchObject({
      lower: 12,
      upper: 53,
    });
    expect(unwrap(cellBounds(AWARENESS_SESSION, { sex: 'male' }))).toMatchObject({
      lower: 53,
      upper: 53,
    });
    expect(unwrap(cellBounds(AWARENESS_SESSION, { age: 'adult' }))).toMatchObject({
      lower: 0,
      upper: 41,
    });
  });

  it('keeps a lower-bound total open above', () => {
    expect(unwrap(cellBounds(CCSC_TRAININGS, { sex: 'female', age: 'youth' }))).toEqual({
      lower: 0,
      upper: 78,
      qualifier: 'exact',
    });
    expect(unwrap(cellBounds(CCSC_TRAININGS, { sex: 'male' }))).toMatchObject({
      lower: 247,
      upper: null,
    });
    expect(unwrap(cellBounds(CNT_LOBBYING, { sex: 'male' }))).toMatchObject({
      lower: 13,
      upper: 13,
    });
  });

  it('marks bounds resting on an approximate count', () => {
    expect(unwrap(cellBounds(GENDER_TALK, { sex: 'female' }))).toEqual({
      lower: 0,
      upper: 50,
      qualifier: 'approximate',
    });
  });

  it('refuses records that contradict themselves or hold invalid numbers', () => {
    expect(
      cellBounds({ total: count(20), cells: [cell({ sex: 'female' }, 30)] }, { sex: 'male' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'inconsistent-record' },
    });
    expect(cellBounds({ total: count(-1), cells: [] }, {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-count' },
    });
  });

  it('works on dimensions it does not know, which it treats as open', () => {
    const record = {
      total: count(10),
      cells: [cell({ region: 'mopti' }, 4), cell({ sex: 'female' }, 8)],
    };
    expect(unwrap(cellBounds(record, { region: 'mopti', sex: 'female' }))).toMatchObject({
      lower: 2,
      upper: 4,
    });
    expect(unwrap(cellBounds(record, { region: 'segou' }))).toMatchObject({ lower: 0, upper: 6 });
  });

  it('refuses a lattice too large to propagate', () => {
    const cells = Array.from({ length: 10 }, (_, d) => cell({ [`d${d}`]: 'a' }, 1));
    const wide: CountRecord = {
      total: count(10),
      cells: [...cells, ...Array.from({ length: 40 }, (_, c) => cell({ d0: `c${c}` }, 0))],
    };
    expect(cellBounds(wide, {})).toMatchObject({ ok: false, error: { code: 'too-many-cells' } });
  });
});

describe('boundsTable and deriveMarginals', () => {
  it('tabulates every cell over the chosen dimensions', () => {
    const table = unwrap(boundsTable(AWARENESS_SESSION, ['sex', 'age']));
    expect(table.get('')).toMatchObject({ lower: 150, upper: 150 });
    expect(table.get('age=youth;sex=female')).toMatchObject({ lower: 56, upper: 97 });
    expect(table.get('age=child;sex=male')).toMatchObject({ lower: 0, upper: 41 });
    expect(table.size).toBe(1 + 2 + 3 + 6);
    expect(boundsTable({ total: count(1), cells: [cell({ sex: 'female' }, 2)] }, ['sex']).ok).toBe(
      false,
    );
  });

  it('derives marginals and the total from a complete cross-tab', () => {
    const record: CountRecord = {
      total: null,
      cells: [
        cell({ sex: 'female', age: 'youth' }, 60),
        cell({ sex: 'female', age: 'adult' }, 37),
        cell({ sex: 'female', age: 'child' }, 0),
        cell({ sex: 'male', age: 'youth' }, 49),
        cell({ sex: 'male', age: 'adult' }, 4),
        cell({ sex: 'male', age: 'child' }, 0),
      ],
    };
    const derived = unwrap(deriveMarginals(record));
    expect(derived.total).toEqual(count(150));
    const byKey = new Map(derived.cells.map((c) => [cellKeyToString(c.key), c.value]));
    expect(byKey.get('sex=female')).toBe(97);
    expect(byKey.get('age=youth')).toBe(109);
    expect(derived.cells).toHaveLength(6 + 5);
    expect(checkConsistency(derived)).toEqual([]);
  });

  it('derives the other side of a split and keeps what was recorded', () => {
    const derived = unwrap(deriveMarginals(CNT_LOBBYING));
    expect(derived.total).toEqual(count(17));
    expect(derived.cells).toEqual([cell({ sex: 'female' }, 4), cell({ sex: 'male' }, 13)]);
    const ccsc = unwrap(deriveMarginals(CCSC_TRAININGS));
    expect(ccsc.total).toEqual(count(325, 'at-least'));
    expect(ccsc.cells).toHaveLength(2);
    const approx = unwrap(
      deriveMarginals({ total: count(50, 'approximate'), cells: [cell({ sex: 'female' }, 20)] }),
    );
    expect(approx.cells[1]).toEqual(cell({ sex: 'male' }, 30, 'approximate'));
    expect(approx.total).toEqual(count(50, 'approximate'));
    expect(deriveMarginals({ total: count(1), cells: [cell({ sex: 'female' }, 2)] }).ok).toBe(
      false,
    );
  });
});

// ---- property: bounds contain the truth -------------------------------------------------------
const SEX = ['female', 'male'];
const AGE = ['child', 'youth', 'adult'];
const DIS = ['with', 'without'];
type Person = { sex: string; age: string; disability: string };
const person = fc.record({
  sex: fc.constantFrom(...SEX),
  age: fc.constantFrom(...AGE),
  disability: fc.constantFrom(...DIS),
});

function allKeys(): CellKey[] {
  const keys: CellKey[] = [];
  for (const s of ['', ...SEX])
    for (const a of ['', ...AGE])
      for (const d of ['', ...DIS]) {
        const k: Record<string, string> = {};
        if (s) k.sex = s;
        if (a) k.age = a;
        if (d) k.disability = d;
        keys.push(k);
      }
  return keys;
}

function truth(people: Person[], key: CellKey): number {
  return people.filter((p) => Object.entries(key).every(([d, c]) => p[d as keyof Person] === c))
    .length;
}

describe('bounds (property)', () => {
  it('always contain the true cell when a full cross-tab is partly hidden', () => {
    const keys = allKeys();
    fc.assert(
      fc.property(
        fc.array(person, { maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
        fc.constantFrom('exact', 'at-least', 'hidden'),
        fc.nat({ max: 5 }),
        (people, shown, totalMode, slack) => {
          const cells: Cell[] = [];
          keys.forEach((k, i) => {
            if (Object.keys(k).length > 0 && shown[i]) {
              const v = truth(people, k);
              // Some cells are recorded as lower bounds below the truth, as "plus de" counts are.
              cells.push(i % 5 === 0 ? cell(k, Math.max(0, v - slack), 'at-least') : cell(k, v));
            }
          });
          const total =
            totalMode === 'exact'
              ? count(people.length)
              : totalMode === 'at-least'
                ? count(Math.max(0, people.length - slack), 'at-least')
                : null;
          const record: CountRecord = { total, cells };
          expect(checkConsistency(record).filter((i) => i.severity === 'error')).toEqual([]);
          const table = unwrap(boundsTable(record, ['sex', 'age', 'disability']));
          for (const k of keys) {
            const b = present(table.get(cellKeyToString(k)), `bounds of ${cellKeyToString(k)}`);
            const t = truth(people, k);
            expect(b.lower).toBeLessThanOrEqual(t);
            if (b.upper !== null) expect(b.upper).toBeGreaterThanOrEqual(t);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are exactly the Fréchet bounds for a total and two marginals', () => {
    fc.assert(
      fc.property(fc.nat({ max: 500 }), fc.nat({ max: 500 }), fc.nat({ max: 500 }), (n, a, b) => {
        const total = Math.max(n, a, b);
        const record = {
          total: count(total),
          cells: [cell({ sex: 'female' }, a), cell({ age: 'youth' }, b)],
        };
        const bounds = unwrap(cellBounds(record, { sex: 'female', age: 'youth' }));
        expect(bounds.lower).toBe(Math.max(0, a + b - total));
        expect(bounds.upper).toBe(Math.min(a, b));
      }),
    );
  });
});
