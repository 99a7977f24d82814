import fc from 'fast-check';
import type { CellKey } from '../disaggregation/cell-key';
import type { CountRecord } from '../disaggregation/count-record';
import type { Qualifier } from '../disaggregation/count';

type Shown = 'f' | 'm' | 'y' | 'a' | 'fy' | 'fa' | 'my' | 'ma';

const KEYS: Record<Shown, CellKey> = {
  f: { sex: 'female' },
  m: { sex: 'male' },
  y: { age: 'youth' },
  a: { age: 'adult' },
  fy: { sex: 'female', age: 'youth' },
  fa: { sex: 'female', age: 'adult' },
  my: { sex: 'male', age: 'youth' },
  ma: { sex: 'male', age: 'adult' },
};

const qualifier = fc.constantFrom<Qualifier>('exact', 'exact', 'approximate', 'at-least');

/**
 * What an officer may type in the participant grid: a true sex × age table, partly shown, each
 * shown number sometimes misremembered (off by up to 30) and qualified freely — so many records
 * contradict themselves, some only through an approximate count ("environ 50 dont 60 femmes").
 * Tests keep those the entry accepts (no `error` from `checkConsistency`), as `activity.create` does.
 */
export const enteredRecord: fc.Arbitrary<CountRecord> = fc
  .record({
    truth: fc.record({ fy: fc.nat(40), fa: fc.nat(40), my: fc.nat(40), ma: fc.nat(40) }),
    showTotal: fc.boolean(),
    totalQualifier: qualifier,
    totalSlip: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      fc.integer({ min: -30, max: 30 }),
    ),
    shown: fc.subarray(Object.keys(KEYS) as Shown[]),
    cellQualifiers: fc.array(qualifier, { minLength: 8, maxLength: 8 }),
    slips: fc.array(
      fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: -30, max: 30 })),
      { minLength: 8, maxLength: 8 },
    ),
  })
  .map(({ truth, showTotal, totalQualifier, totalSlip, shown, cellQualifiers, slips }) => {
    const { fy, fa, my, ma } = truth;
    const values: Record<Shown, number> = {
      f: fy + fa,
      m: my + ma,
      y: fy + my,
      a: fa + ma,
      fy,
      fa,
      my,
      ma,
    };
    return {
      total: showTotal
        ? { value: Math.max(0, fy + fa + my + ma + totalSlip), qualifier: totalQualifier }
        : null,
      cells: shown.map((s, i) => ({
        key: KEYS[s],
        value: Math.max(0, values[s] + (slips[i] ?? 0)),
        qualifier: cellQualifiers[i] ?? 'exact',
      })),
    };
  });
