import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enteredRecord } from '../test-support/entered-records';
import { checkConsistency } from './consistency';
import { aggregateRecords, breakdownCell } from './aggregate';
import { cellBounds } from './bounds';
import { isOpen } from './count';
import type { CountRecord } from './count-record';

const DIMS = [[], ['sex'], ['age'], ['sex', 'age']];
const UNCOUNTED: CountRecord = { total: null, cells: [] };

/** The record with every approximate count taken at its word, as the engine first reads it. */
function asStated(r: CountRecord): CountRecord {
  const stated = <T extends { qualifier: string }>(c: T): T =>
    c.qualifier === 'approximate' ? { ...c, qualifier: 'exact' } : c;
  return { total: r.total && stated(r.total), cells: r.cells.map(stated) };
}

describe('records the entry accepts (properties)', () => {
  it('always add up, and a record the engine had to adjust is a data-quality finding', () => {
    let accepted = 0;
    let adjusted = 0;
    fc.assert(
      fc.property(fc.array(enteredRecord, { minLength: 1, maxLength: 6 }), (records) => {
        const kept = records.filter(
          (r) => !checkConsistency(r).some((i) => i.severity === 'error'),
        );
        accepted += kept.length;
        for (const r of kept) {
          // Taken at their word the counts contradict each other (the figures would have to read
          // them as doubtful): only approximate ones can.
          const stated = aggregateRecords([asStated(r)]);
          if (!stated.ok) throw new Error(stated.error.message.en);
          if (stated.value.doubtful) {
            adjusted += 1;
            expect(
              r.total?.qualifier === 'approximate' ||
                r.cells.some((c) => c.qualifier === 'approximate'),
            ).toBe(true);
            expect(checkConsistency(r).some((i) => i.severity === 'warning')).toBe(true);
          }
          expect(cellBounds(r, { sex: 'female', age: 'youth' }).ok).toBe(true);
        }
        for (const dims of DIMS) {
          const b = aggregateRecords(kept, dims);
          if (!b.ok) throw new Error(b.error.message.en);
          // The parts certainly placed never exceed the total stated.
          for (const c of b.value.coverage)
            expect(c.known).toBeLessThanOrEqual(b.value.total.value);
        }
      }),
      { seed: 1802, numRuns: 400 },
    );
    // The generator does reach both kinds of records the property is about.
    expect(accepted).toBeGreaterThan(200);
    expect(adjusted).toBeGreaterThan(5);
  });

  it('widens an approximate total to its counted parts', () => {
    const odd: CountRecord = {
      total: { value: 50, qualifier: 'approximate' },
      cells: [{ key: { sex: 'female' }, value: 60, qualifier: 'exact' }],
    };
    const issues = checkConsistency(odd);
    expect(issues.map((i) => i.severity)).toEqual(['warning']);
    const b = aggregateRecords([odd], ['sex']);
    expect(b.ok && b.value.total).toEqual({ value: 60, qualifier: 'approximate' });
    expect(b.ok && breakdownCell(b.value, { sex: 'female' })?.value).toEqual({
      value: 60,
      qualifier: 'approximate',
    });
    expect(cellBounds(odd, {})).toEqual({
      ok: true,
      value: { lower: 60, upper: 60, qualifier: 'approximate' },
    });
    expect(cellBounds(odd, { sex: 'male' })).toEqual({
      ok: true,
      value: { lower: 0, upper: 0, qualifier: 'approximate' },
    });
  });

  it('refuses counted facts that only contradict each other all together', () => {
    // Each pair agrees; all four cannot: 10 young women leave 50 older women and at least 50 young men.
    const record: CountRecord = {
      total: { value: 100, qualifier: 'exact' },
      cells: [
        { key: { sex: 'female' }, value: 60, qualifier: 'exact' },
        { key: { age: 'youth' }, value: 60, qualifier: 'exact' },
        { key: { sex: 'female', age: 'youth' }, value: 10, qualifier: 'exact' },
      ],
    };
    expect(checkConsistency(record).map((i) => [i.code, i.severity])).toEqual([
      ['counts-contradict', 'error'],
    ]);
    const approx = { ...record, total: { value: 100, qualifier: 'approximate' as const } };
    expect(checkConsistency(approx).map((i) => [i.code, i.severity])).toEqual([
      ['approximate-counts-adjusted', 'warning'],
    ]);
    // Widened to its counted parts: 60 women and at least 50 young men.
    expect(aggregateRecords([approx])).toMatchObject({
      value: { total: { value: 110, qualifier: 'approximate' } },
    });
  });

  it('leaves every upper bound open when an activity was not counted', () => {
    fc.assert(
      fc.property(
        fc.array(enteredRecord, { maxLength: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(...DIMS),
        (records, uncounted, dims) => {
          const kept = records.filter(
            (r) => !checkConsistency(r).some((i) => i.severity === 'error'),
          );
          const counted = aggregateRecords(kept, dims);
          const all = aggregateRecords(
            [...kept, ...Array<CountRecord>(uncounted).fill(UNCOUNTED)],
            dims,
          );
          if (!counted.ok || !all.ok) throw new Error('not computable');
          expect(isOpen(all.value.total)).toBe(true);
          expect(all.value.total.value).toBe(counted.value.total.value);
          all.value.cells.forEach((c, i) => {
            expect(c.bounds.upper).toBeNull();
            expect(c.value).toBeNull();
            // An uncounted activity adds nothing certain.
            expect(c.bounds.lower).toBe(counted.value.cells[i]?.bounds.lower);
          });
        },
      ),
      { seed: 1960, numRuns: 300 },
    );
  });
});
