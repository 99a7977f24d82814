import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, parseCellKey } from '@jalon/domain';
import { chosenCell, grantQuarters, readPasted, sumOfTargets, targetCells } from './targets';

describe('grantQuarters', () => {
  it('lists a calendar grant’s quarters and a USAID grant’s fiscal quarters', () => {
    expect(grantQuarters('2024-02-15', '2024-11-30', 1).map((p) => p.code)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ]);
    expect(grantQuarters('2023-10-01', '2024-03-31', 10)).toEqual([
      { kind: 'quarter', code: 'FY2024-Q1', start: '2023-10-01', end: '2023-12-31' },
      { kind: 'quarter', code: 'FY2024-Q2', start: '2024-01-01', end: '2024-03-31' },
    ]);
  });

  it('tiles the grant: contiguous quarters, the first holding its start, the last its end', () => {
    const day = fc
      .integer({ min: 0, max: 365 * 8 })
      .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 1, max: 12 }),
        (start, length, month) => {
          const end = new Date(Date.parse(start) + length * 86_400_000).toISOString().slice(0, 10);
          const quarters = grantQuarters(start, end, month);
          const first = quarters.at(0);
          const last = quarters.at(-1);
          expect(first && first.start <= start && start <= first.end).toBe(true);
          expect(last && last.start <= end && end <= last.end).toBe(true);
          const dayAfter = (date: string) =>
            new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
          quarters
            .slice(1)
            .forEach((q, i) => expect(q.start).toBe(dayAfter(quarters[i]?.end ?? '')));
        },
      ),
      { seed: 1307, numRuns: 200 },
    );
  });
});

describe('readPasted', () => {
  it('reads a column or a row pasted from a spreadsheet in French numbers', () => {
    expect(readPasted('10\n12,5\n\n1 250\n')).toEqual([10, 12.5, null, 1250]);
    expect(readPasted('10\t20\t30')).toEqual([10, 20, 30]);
    expect(readPasted('10\tdix')).toEqual([10, undefined]);
    expect(readPasted('  \n')).toEqual([]);
  });
});

describe('sumOfTargets', () => {
  it('adds the targets set and says none when none is', () => {
    expect(sumOfTargets([10, null, 2.5])).toBe(12.5);
    expect(sumOfTargets([null, null])).toBeNull();
  });
});

describe('targetCells', () => {
  it('offers everyone, each category, and every crossing of two dimensions or more', () => {
    expect(targetCells([])).toEqual(['']);
    expect(targetCells(['sex'])).toEqual(['', 'sex=female', 'sex=male']);
    const cells = targetCells(['sex', 'age']);
    expect(cells).toContain('age=youth');
    expect(cells).toContain('age=youth;sex=female');
    expect(cells).toHaveLength(1 + 2 + 3 + 2 * 3);
    expect(targetCells(['unknown'])).toEqual(['']);
    // Three dimensions: the three-way cells too (young women with a disability), not only two.
    expect(targetCells(['sex', 'age', 'disability'])).toContain(
      'age=youth;disability=with;sex=female',
    );
  });

  it('offers, for any dimensions, one cell per combination of their categories (∏ (n + 1))', () => {
    const dims = DEFAULT_DIMENSIONS.filter((d) => d.categories.length > 0);
    fc.assert(
      fc.property(fc.subarray(dims.map((d) => d.code)), (chosen) => {
        const sizes = chosen.map(
          (code) => dims.find((d) => d.code === code)?.categories.length ?? 0,
        );
        // Each dimension is either left open (everyone) or set to one of its categories.
        expect(targetCells(chosen)).toHaveLength(sizes.reduce((n, k) => n * (k + 1), 1));
      }),
    );
  });

  it('writes every cell as the engine reads it back, once', () => {
    const dims = ['sex', 'age', 'disability', 'category'];
    fc.assert(
      fc.property(fc.subarray(dims), (chosen) => {
        const cells = targetCells(chosen);
        expect(new Set(cells).size).toBe(cells.length);
        for (const cell of cells) {
          const parsed = parseCellKey(cell);
          expect(parsed.ok).toBe(true);
          if (parsed.ok)
            expect(Object.keys(parsed.value).every((d) => chosen.includes(d))).toBe(true);
        }
      }),
    );
  });

  it('shows the cell asked for only when the indicator has it', () => {
    const cells = targetCells(['sex']);
    expect(chosenCell(cells, 'sex=female')).toBe('sex=female');
    expect(chosenCell(cells, 'age=youth')).toBe('');
    expect(chosenCell(cells, null)).toBe('');
  });
});
