import {
  addDays,
  breakdownKeys,
  cellKeyToString,
  DEFAULT_DIMENSIONS,
  fiscalQuarter,
  periodOf,
  type Period,
} from '@jalon/domain';
import { parseAmount } from './setup-forms';

/**
 * The targets grid of a grant's indicator: the grant's quarters on its own calendar, what is
 * pasted from a spreadsheet, and the sum of the quarters beside the life-of-grant target. Pure.
 */

/**
 * The quarters a grant reports on, on its calendar (`2024-Q1`, or `FY2024-Q1` when its fiscal year
 * starts in another month than January), from the one holding its start to the one holding its end.
 * @example grantQuarters('2024-01-01', '2024-06-30', 1).map((p) => p.code) // ['2024-Q1', '2024-Q2']
 */
export function grantQuarters(start: string, end: string, fiscalYearStartMonth: number): Period[] {
  const quarterOf = (date: string) =>
    fiscalYearStartMonth === 1
      ? periodOf('quarter', date)
      : fiscalQuarter(date, fiscalYearStartMonth);
  const out: Period[] = [];
  // A grant runs a few years: the bound only guards against a date the API would never send.
  for (
    let q = quarterOf(start);
    q.start <= end && out.length < 400;
    q = quarterOf(addDays(q.end, 1))
  )
    out.push(q);
  return out;
}

/**
 * A column or a row pasted from a spreadsheet (tab-separated, one value a line or a line of
 * values), read as French numbers (`1 250`, `12,5`). An empty cell is `null` (left as it is);
 * something that is not a number is `undefined` (refused, said at its place).
 * @example readPasted('10\t12,5\n\n15') // [10, 12.5, null, 15]
 */
export function readPasted(text: string): (number | null | undefined)[] {
  const trimmed = text.replace(/\r/g, '').replace(/^\n+|\n+$/g, '');
  if (trimmed.trim() === '') return [];
  return trimmed.split(/[\t\n]/).map((cell) => parseAmount(cell));
}

/** The sum of the period targets set, or null when none is. */
export function sumOfTargets(values: readonly (number | null)[]): number | null {
  const set = values.filter((v): v is number => v !== null);
  return set.length ? set.reduce((a, b) => a + b, 0) : null;
}

/**
 * The breakdown cells an indicator's targets may be set for: everyone (`''`), then every cell the
 * engine computes over its dimensions — each category (`sex=female`), then the crossings of two,
 * three or more dimensions (`age=youth;sex=female`, `age=youth;disability=yes;sex=female`), as
 * `breakdownKeys` lists them and the engine writes their keys. Categories are the default
 * dimensions' (sex, age group, disability, participant category); an unknown dimension has none.
 * @example targetCells(['sex']) // ['', 'sex=female', 'sex=male']
 */
export function targetCells(dimensions: readonly string[]): string[] {
  const known = dimensions.filter((code) =>
    DEFAULT_DIMENSIONS.some((d) => d.code === code && d.categories.length > 0),
  );
  return ['', ...breakdownKeys(known).map((key) => cellKeyToString(key))];
}

/** The cell a grid shows: the one asked for when the indicator has it, else everyone (`''`). */
export function chosenCell(cells: readonly string[], asked: string | null): string {
  return asked !== null && cells.includes(asked) ? asked : '';
}
