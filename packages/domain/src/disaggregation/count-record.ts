import type { CellKey } from './cell-key';
import type { Count, Qualifier } from './count';

/** A known part of a total: the people in the cell `key`. */
export type Cell = { key: CellKey; value: number; qualifier: Qualifier };

/**
 * What is known of a participation: a total (or null when only parts are known) and cells on any
 * subset of dimensions. "150 participants dont 97 femmes et 109 jeunes" is a total and two marginals;
 * the cell young women is unknown and is not stored.
 */
export type CountRecord = { total: Count | null; cells: Cell[] };

/**
 * Whether a record counted anybody: a total or at least one cell. An empty record (« ni total, ni
 * répartition ») is an activity nobody counted, exactly as one with no record at all: it adds
 * nothing certain, leaves every upper bound open and is said « sans décompte ».
 * @example isCounted({ total: null, cells: [] }) // false
 */
export function isCounted(record: CountRecord | null | undefined): record is CountRecord {
  return !!record && (record.total !== null || record.cells.length > 0);
}

/**
 * An activity's participation as the engine reads it: its recorded counts when it has any, else
 * its named people (the attendance list, as a record), else null — nobody counted them, which
 * leaves every upper bound open. One rule for the engine, the SQL path and the bulletin's prose.
 * @example participationRecord({ total: null, cells: [] }, twelveNamed) // twelveNamed
 */
export function participationRecord(
  recorded: CountRecord | null | undefined,
  named: CountRecord | null | undefined,
): CountRecord | null {
  if (isCounted(recorded)) return recorded;
  return named ?? null;
}
