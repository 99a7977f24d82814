import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityFact, Facts } from '../facts/facts';
import { checkConsistency } from '../disaggregation/consistency';
import type { CountRecord } from '../disaggregation/count-record';
import { cell, count } from '../test-support/records';
import { formatFigure, type Figure } from '../format/figure';
import { enteredRecord } from '../test-support/entered-records';
import { period, unwrap } from '../test-support/must';
import { subPeriods } from '../period/sub-periods';
import { planPivot, pivotInMemory, type PivotCell, type PivotDimension } from './pivot';

/*
 * Issue 16, the pivot's totals are honest: a total is computed over all its members at once by the
 * engine, never by adding the cells' values. Over a dimension whose members share no activity (a
 * programme, a month), the total's interval is therefore the sum of the cells' intervals: lower
 * bounds add up, upper bounds add up (open when one cell is open), activities never counted add
 * up — so a total of ranges is a range (« entre … et … »), never a point, and a total over an
 * « au moins » cell is « au moins » too.
 */

const Q2 = period('2023-Q2');
const PROGRAMMES = ['wps', 'yps', 'news'];

const activity = fc.record({
  day: fc.integer({ min: 0, max: 90 }),
  programme: fc.constantFrom(...PROGRAMMES),
  participation: fc.option(enteredRecord, { freq: 4 }),
});

const facts: fc.Arbitrary<Facts> = fc
  .array(activity, { minLength: 1, maxLength: 12 })
  .map((xs) => ({
    activities: xs
      // As activity.create keeps them: a record that contradicts itself is refused at entry.
      .filter(
        (x) =>
          !x.participation ||
          !checkConsistency(x.participation).some((i) => i.severity === 'error'),
      )
      .map((x, i): ActivityFact => {
        const date = new Date(Date.UTC(2023, 3, 1 + x.day)).toISOString().slice(0, 10);
        return {
          id: `a${i}`,
          date,
          endDate: date,
          programme: x.programme,
          grants: [],
          type: 'training',
          places: ['ml/mopti'],
          sessions: 1,
          participation: x.participation,
        };
      }),
    attendance: [],
    incidents: [],
  }));

/** The interval a figure says the truth lies in (`upper` null: open above). */
function interval(f: Figure): { lower: number; upper: number | null } {
  if (f.bounds) return f.bounds;
  return { lower: f.value, upper: f.atLeast ? null : f.value };
}

/** Partitioning dimensions: each activity is in exactly one programme and one month of Q2. */
const rows = fc.constantFrom<PivotDimension>('programme', 'period');
const columns = fc.constantFrom<PivotDimension | null>('sex', 'age', null);

function cellOf(cells: PivotCell[], row: string | null, column: string | null): Figure {
  const cell = cells.find((c) => c.row === row && c.column === column);
  if (!cell?.figure) throw new Error(`no figure for ${row} × ${column}`);
  return cell.figure;
}

describe('the pivot’s totals', () => {
  it('add the cells’ intervals over members that share no activity: a total of ranges is a range (property, fixed seed)', () => {
    let ranges = 0;
    let open = 0;
    fc.assert(
      fc.property(facts, rows, columns, (f, rowDimension, columnDimension) => {
        const plan = unwrap(
          planPivot(
            { period: Q2, rows: rowDimension, columns: columnDimension, measure: 'participants' },
            {
              period: subPeriods(Q2, 'month'),
              programme: PROGRAMMES,
              sex: ['female', 'male'],
              age: ['youth', 'adult'],
            },
          ),
        );
        const cells = pivotInMemory(f, plan);
        for (const column of columnDimension === null ? [null] : [...plan.columns, null]) {
          const members = plan.rows.map((row) => cellOf(cells, row, column));
          const total = cellOf(cells, null, column);
          const sum = members.map(interval).reduce(
            (s, i) => ({
              lower: s.lower + i.lower,
              upper: s.upper === null || i.upper === null ? null : s.upper + i.upper,
            }),
            { lower: 0, upper: 0 as number | null },
          );
          expect(interval(total)).toEqual(sum);
          expect(total.uncounted).toBe(members.reduce((s, m) => s + m.uncounted, 0));
          const isRange = (i: { lower: number; upper: number | null }) =>
            i.upper !== null && i.upper > i.lower;
          if (members.some((m) => isRange(interval(m))) && sum.upper !== null) {
            // A range among the cells, none open: the total is a range, said as one.
            expect(isRange(interval(total))).toBe(true);
            expect(formatFigure(total, 'fr')).toMatch(/^entre /);
            ranges++;
          }
          if (members.some((m) => m.atLeast)) {
            expect(total.atLeast).toBe(true);
            expect(formatFigure(total, 'fr')).toMatch(/^au moins |^plus de |^nombre inconnu/);
            open++;
          }
        }
      }),
      { seed: 1616, numRuns: 200 },
    );
    // The generator met both cases the property speaks of.
    expect(ranges).toBeGreaterThan(3);
    expect(open).toBeGreaterThan(10);
  });

  it('a total of two ranges is the range of their sums, not a point', () => {
    // Two programmes, each with 30 participants of whom 12 young people, 4 of them young women,
    // the older women never counted: each programme's women lie between 4 and 22.
    const record: CountRecord = {
      total: count(30),
      cells: [cell({ age: 'youth' }, 12), cell({ sex: 'female', age: 'youth' }, 4)],
    };
    const f: Facts = {
      activities: ['wps', 'yps'].map((programme, i) => ({
        id: `a${i}`,
        date: '2023-05-02',
        endDate: '2023-05-02',
        programme,
        grants: [],
        type: 'training',
        places: [],
        sessions: 1,
        participation: record,
      })),
      attendance: [],
      incidents: [],
    };
    const plan = unwrap(
      planPivot(
        { period: Q2, rows: 'programme', columns: 'sex', measure: 'participants' },
        { programme: ['wps', 'yps'], sex: ['female', 'male'] },
      ),
    );
    const cells = pivotInMemory(f, plan);
    for (const p of ['wps', 'yps'])
      expect(formatFigure(cellOf(cells, p, 'female'), 'fr')).toBe('entre 4 et 22');
    const total = cellOf(cells, null, 'female');
    expect(interval(total)).toEqual({ lower: 8, upper: 44 });
    expect(formatFigure(total, 'fr')).toBe('entre 8 et 44');
    // The participants' total stays exact: 60, whatever the split.
    expect(formatFigure(cellOf(cells, null, null), 'fr')).toBe('60');
  });
});
