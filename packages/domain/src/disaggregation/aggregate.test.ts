import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AWARENESS_SESSION,
  CCSC_TRAININGS,
  CNF_RESTITUTION,
  CNT_LOBBYING,
  GENDER_TALK,
  cell,
  count,
} from '../test-support/records';
import { unwrap } from '../test-support/must';
import { cellKeyToString } from './cell-key';
import { DEFAULT_DIMENSIONS } from './dimension';
import { aggregateRecords, breakdownCell, breakdownKeys, isCellOf } from './aggregate';
import { projectBreakdown } from './project';
import type { CountRecord } from './count-record';

describe('aggregateRecords', () => {
  it('adds the bulletin’s sex-disaggregated records', () => {
    const b = unwrap(aggregateRecords([AWARENESS_SESSION, CNT_LOBBYING], ['sex']));
    expect(b.total).toEqual(count(167));
    expect(breakdownCell(b, { sex: 'female' })).toEqual({
      key: { sex: 'female' },
      value: count(101),
      bounds: { lower: 101, upper: 101 },
    });
    expect(breakdownCell(b, { sex: 'male' })?.value).toEqual(count(66));
    expect(b.coverage).toEqual([
      { dimensions: ['sex'], known: 167, remainder: count(0), share: 1 },
    ]);
  });

  it('keeps what is unknown in the remainder, honestly qualified', () => {
    const b = unwrap(
      aggregateRecords([AWARENESS_SESSION, CCSC_TRAININGS, GENDER_TALK], ['sex', 'age']),
    );
    // 150 + "plus de 325" + "environ 50": about 525, and no upper limit (both qualifiers)
    expect(b.total).toEqual({ ...count(525, 'approximate'), atLeast: true });
    const women = breakdownCell(b, { sex: 'female' });
    expect(women?.value).toBeNull();
    expect(women?.bounds).toEqual({ lower: 175, upper: 225 });
    const sex = b.coverage.find((c) => c.dimensions.join() === 'sex');
    // the men of the first two records are implied by their totals (CCSC: at least 247)
    expect(sex).toEqual({
      dimensions: ['sex'],
      known: 150 + 325,
      remainder: { ...count(50, 'approximate'), atLeast: true },
      share: 475 / 525,
    });
    const cross = b.coverage.find((c) => c.dimensions.length === 2);
    // at least 56 young women and 12 young men at the session; at least 117 − 78 = 39 young men in CCS-C
    expect(cross?.known).toBe(56 + 12 + 39);
    expect(breakdownCell(b, { sex: 'female', age: 'youth' })?.bounds).toEqual({
      lower: 56,
      upper: 225,
    });
    expect(breakdownCell(b, { sex: 'male' })?.bounds).toEqual({ lower: 53 + 247, upper: null });
  });

  it('gives a lower-bound total when only parts were recorded', () => {
    const parts: CountRecord = { total: null, cells: [cell({ sex: 'female' }, 4)] };
    const b = unwrap(aggregateRecords([parts, CNT_LOBBYING], ['sex']));
    expect(b.total).toEqual(count(21, 'at-least'));
    const full: CountRecord = {
      total: null,
      cells: [cell({ sex: 'female' }, 4), cell({ sex: 'male' }, 3)],
    };
    expect(unwrap(aggregateRecords([full])).total).toEqual(count(7));
    const approx: CountRecord = {
      total: null,
      cells: [cell({ sex: 'female' }, 4, 'approximate'), cell({ sex: 'male' }, 3)],
    };
    expect(unwrap(aggregateRecords([approx])).total).toEqual(count(7, 'approximate'));
  });

  it('handles no records and zero totals', () => {
    const b = unwrap(aggregateRecords([], ['sex']));
    expect(b.total).toEqual(count(0));
    expect(b.coverage[0]?.share).toBeNull();
    expect(breakdownCell(b, { sex: 'female' })?.value).toEqual(count(0));
  });

  it('refuses unknown dimensions; reads a record whose exact counts contradict as doubtful', () => {
    expect(aggregateRecords([AWARENESS_SESSION], ['colour'])).toMatchObject({
      ok: false,
      error: { code: 'unknown-dimension' },
    });
    // « 1 participant dont 3 femmes », stored around the entry's check: neither count can be
    // trusted, so both are read as approximate and the total widened to its parts.
    const odd = { total: count(1), cells: [cell({ sex: 'female' }, 3)] };
    const b = unwrap(aggregateRecords([odd, AWARENESS_SESSION], ['sex']));
    expect(b.doubtful).toBe(1);
    expect(b.total).toEqual({ value: 153, qualifier: 'approximate' });
    expect(breakdownCell(b, { sex: 'female' })?.value).toEqual({
      value: 100,
      qualifier: 'approximate',
    });
    expect(unwrap(aggregateRecords([AWARENESS_SESSION], ['sex'])).doubtful).toBeUndefined();
  });

  it('enumerates breakdown keys smallest first', () => {
    expect(breakdownKeys(['sex', 'disability'])).toEqual([
      { sex: 'female' },
      { sex: 'male' },
      { disability: 'with' },
      { disability: 'without' },
      { sex: 'female', disability: 'with' },
      { sex: 'female', disability: 'without' },
      { sex: 'male', disability: 'with' },
      { sex: 'male', disability: 'without' },
    ]);
    expect(breakdownKeys([])).toEqual([]);
  });

  it('sums totals whatever the records (property)', () => {
    const rec = fc
      .record({ n: fc.nat({ max: 1000 }), f: fc.nat({ max: 1000 }) })
      .map(({ n, f }): CountRecord => ({
        total: count(Math.max(n, f)),
        cells: [cell({ sex: 'female' }, Math.min(n, f))],
      }));
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 20 }), (records) => {
        const b = unwrap(aggregateRecords(records, ['sex']));
        expect(b.total.value).toBe(records.reduce((s, r) => s + (r.total?.value ?? 0), 0));
        const women = breakdownCell(b, { sex: 'female' });
        const men = breakdownCell(b, { sex: 'male' });
        expect((women?.bounds.lower ?? 0) + (men?.bounds.lower ?? 0)).toBe(b.total.value);
      }),
    );
  });
});

describe('projectBreakdown', () => {
  const b = unwrap(aggregateRecords([AWARENESS_SESSION], ['sex', 'age']));

  it('lays out a full cross-tab', () => {
    const rows = projectBreakdown(b, 'cross-tab');
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.key.sex === 'female' && r.key.age === 'youth')).toMatchObject({
      value: null,
      bounds: { lower: 56, upper: 97 },
      label: { fr: 'femmes · jeunes (18–35 ans)' },
    });
  });

  it('lays out independent marginals (IATI dimensions)', () => {
    const rows = projectBreakdown(b, 'marginals');
    expect(rows.map((r) => r.value?.value ?? null)).toEqual([150, 97, 53, null, 109, null]);
    expect(rows[0]?.label.en).toBe('participants');
  });

  it('publishes one indicator per breakdown (Netherlands ministry)', () => {
    const rows = projectBreakdown(
      unwrap(aggregateRecords([CCSC_TRAININGS, CNF_RESTITUTION], ['sex'])),
      'indicator-per-breakdown',
      {
        code: 'JF-PO1.2',
      },
    );
    expect(rows.map((r) => r.code)).toEqual([
      'JF-PO1.2',
      'JF-PO1.2.sex.female',
      'JF-PO1.2.sex.male',
    ]);
    // "plus de 325" + "environ 15": about 340 and open above, never closed at 340
    expect(rows[0]?.value).toEqual({ ...count(340, 'approximate'), atLeast: true });
    expect(rows[0]?.bounds).toEqual({ lower: 340, upper: null });
    expect(projectBreakdown(b, 'indicator-per-breakdown')[0]?.code).toBe('indicator');
    const atLeast = projectBreakdown(
      unwrap(aggregateRecords([CCSC_TRAININGS], ['sex'])),
      'marginals',
    );
    expect(atLeast[0]?.bounds).toEqual({ lower: 325, upper: null });
  });
});

describe('isCellOf', () => {
  const codes = DEFAULT_DIMENSIONS.map((d) => d.code);
  const anyCell = fc.dictionary(
    fc.constantFrom(...codes, 'region'),
    fc.constantFrom('female', 'male', 'child', 'youth', 'adult', 'with', 'without', 'x'),
    { maxKeys: 4 },
  );

  it('holds exactly the cells breakdownKeys lists, and the total', () => {
    fc.assert(
      fc.property(fc.subarray(codes), anyCell, (dims, key) => {
        const listed =
          Object.keys(key).length === 0 ||
          breakdownKeys(dims).some((k) => cellKeyToString(k) === cellKeyToString(key));
        expect(isCellOf(key, dims)).toBe(listed);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a dimension the indicator lacks and a category its dimension lacks', () => {
    expect(isCellOf({}, [])).toBe(true);
    expect(
      isCellOf({ sex: 'female', age: 'youth', disability: 'with' }, ['sex', 'age', 'disability']),
    ).toBe(true);
    expect(isCellOf({ sex: 'female' }, ['age'])).toBe(false);
    expect(isCellOf({ sex: 'banana' }, ['sex'])).toBe(false);
  });
});
