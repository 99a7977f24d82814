import { err, ok, type Result } from '../result';
import { domainError, type DomainError } from '../localized-text';
import type { Bounds } from '../format/format-count';
import { cellKeyToString, type CellKey } from './cell-key';
import type { CountRecord } from './count-record';
import { combineQualifiers, sumQualifier, type Count, type Qualifier } from './count';
import { DEFAULT_DIMENSIONS, type Dimension } from './dimension';
import { buildLattice, indexOf, type BoundsError } from './lattice';
import { domainText } from '../messages/index';

/**
 * One cell of an aggregated breakdown. `value` is set only when every record determines the cell;
 * `bounds` sums each record's interval, so it always holds the truth (`bounds.lower` is the number
 * of people certainly in the cell).
 */
export type BreakdownCell = { key: CellKey; value: Count | null; bounds: Bounds };

/**
 * How much of the total is broken down along some dimensions: `known` people are certainly placed in
 * a category (recorded, or implied by the other counts: the men of "150 dont 97 femmes"), `remainder`
 * are not, `share` = known / total (null for a zero total).
 */
export type Coverage = {
  dimensions: string[];
  known: number;
  remainder: Count;
  share: number | null;
};

/** Many count records added up along a breakdown. */
export type Breakdown = {
  dimensions: string[];
  total: Count;
  cells: BreakdownCell[];
  coverage: Coverage[];
  /** Records whose exact counts contradict each other, read as approximate (set when above 0). */
  doubtful?: number;
};

/** Why a breakdown could not be computed. */
export type BreakdownError = BoundsError | DomainError<'unknown-dimension'>;

const keysComputed = new WeakMap<readonly Dimension[], Map<string, readonly CellKey[]>>();

/**
 * Every key over non-empty subsets of the dimensions, smaller subsets first, categories in their order.
 * Computed once per list of dimensions and codes; each call gets its own copies.
 * @example breakdownKeys(['sex'], DEFAULT_DIMENSIONS) // [{ sex: 'female' }, { sex: 'male' }]
 */
export function breakdownKeys(
  dimensionCodes: string[],
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): CellKey[] {
  let byCodes = keysComputed.get(dimensions);
  if (!byCodes) {
    byCodes = new Map();
    keysComputed.set(dimensions, byCodes);
  }
  const id = JSON.stringify(dimensionCodes);
  let keys = byCodes.get(id);
  if (!keys) {
    keys = computeBreakdownKeys(dimensionCodes, dimensions);
    byCodes.set(id, keys);
  }
  return keys.map((k) => ({ ...k }));
}

function computeBreakdownKeys(
  dimensionCodes: string[],
  dimensions: readonly Dimension[],
): CellKey[] {
  const defs = dimensionCodes.map((c) => dimensions.find((d) => d.code === c));
  const subsets: number[][] = [];
  for (let mask = 1; mask < 1 << defs.length; mask++) {
    subsets.push(defs.map((_, i) => i).filter((i) => mask & (1 << i)));
  }
  subsets.sort((a, b) => a.length - b.length || a.join(',').localeCompare(b.join(',')));
  const keys: CellKey[] = [];
  for (const subset of subsets) {
    let partial: Record<string, string>[] = [{}];
    for (const i of subset) {
      const def = defs[i];
      partial = partial.flatMap((k) =>
        (def?.categories ?? []).map((c) => ({ ...k, [def?.code ?? '']: c.code })),
      );
    }
    keys.push(...partial);
  }
  return keys;
}

/**
 * Whether a cell is one the engine computes over these dimensions: each of its dimensions one of
 * them, each category one of that dimension's (the total `{}` is one). A target, a baseline or a
 * value for any other cell would be kept and never read.
 * @example isCellOf({ sex: 'female', age: 'youth' }, ['sex', 'age']) // true
 * @example isCellOf({ sex: 'female' }, ['age']) // false
 */
export function isCellOf(
  key: CellKey,
  dimensionCodes: readonly string[],
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): boolean {
  return Object.entries(key).every(
    ([code, category]) =>
      dimensionCodes.includes(code) &&
      (dimensions.find((d) => d.code === code)?.categories.some((c) => c.code === category) ??
        false),
  );
}

/**
 * Adds up count records along a breakdown: the total, each cell (exact when every record knows it,
 * otherwise the known part and bounds), and the coverage per dimension and for the full cross-tab.
 * Nothing is guessed: what is not known stays in the remainder. An activity whose participants were
 * never counted is the empty record `{ total: null, cells: [] }`: it adds nothing certain and leaves
 * every upper bound open. A record whose exact counts contradict each other (stored around the
 * entry's check) is read as approximate and counted in `doubtful`: it never makes the sum fail.
 * @example aggregateRecords([awarenessSession, cntLobbying], ['sex']).value.cells[0] // { key: { sex: 'female' }, value: { value: 101, qualifier: 'exact' }, bounds: { lower: 101, upper: 101 } }
 */
export function aggregateRecords(
  records: readonly CountRecord[],
  dimensionCodes: string[] = [],
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): Result<Breakdown, BreakdownError> {
  for (const code of dimensionCodes) {
    if (!dimensions.some((d) => d.code === code)) {
      return err(domainError('unknown-dimension', domainText('unknown-dimension', code)));
    }
  }
  const keys = breakdownKeys(dimensionCodes, dimensions);
  const acc = keys.map((key) => ({ key, known: 0, determined: 0, lower: 0, upper: 0 as number }));
  let totalValue = 0;
  const totalQualifiers: Omit<Count, 'value'>[] = [];
  const cellQualifiers: Qualifier[] = [];

  let doubtful = 0;
  for (const record of records) {
    const lattice = buildLattice(record, dimensions, keys, { tolerant: true });
    if (!lattice.ok) return lattice;
    const l = lattice.value;
    cellQualifiers.push(l.approximate ? 'approximate' : 'exact');
    // A record whose exact counts contradict each other is read as approximate: no period fails
    // for it, its figures say « environ », and the report lists it as a data-quality finding.
    if (l.doubtful) doubtful += 1;
    const recordTotal =
      l.doubtful && record.total?.qualifier === 'exact'
        ? { ...record.total, qualifier: 'approximate' as const }
        : record.total;
    if (recordTotal) {
      // A lower-bound or approximate total that its counted parts exceed is raised to them (the
      // lattice widened it): "plus de 325 dont 400 femmes" is at least 400.
      totalValue +=
        recordTotal.qualifier === 'exact'
          ? recordTotal.value
          : Math.min(Math.max(recordTotal.value, l.lo[0] ?? 0), l.hi[0] ?? Infinity);
      totalQualifiers.push(recordTotal);
    } else {
      // No total recorded: what the parts prove is a lower bound, unless they determine it.
      const lo = l.lo[0] ?? 0;
      totalValue += lo;
      totalQualifiers.push({
        qualifier: lo === l.hi[0] ? (l.approximate ? 'approximate' : 'exact') : 'at-least',
      });
    }
    for (const a of acc) {
      const i = indexOf(l, a.key);
      const lo = l.lo[i] ?? 0;
      const hi = l.hi[i] ?? Infinity;
      a.lower += lo;
      a.upper += hi;
      if (lo === hi) {
        a.known += lo;
        a.determined += 1;
      }
    }
  }

  const total: Count = { value: totalValue, ...combineQualifiers(totalQualifiers) };
  const valueQualifier = sumQualifier(cellQualifiers);
  const cells: BreakdownCell[] = acc.map((a) => ({
    key: a.key,
    value: a.determined === records.length ? { value: a.known, qualifier: valueQualifier } : null,
    bounds: { lower: a.lower, upper: a.upper === Infinity ? null : a.upper },
  }));

  const coverage: Coverage[] = [];
  const groups = dimensionCodes.map((d) => [d]);
  if (dimensionCodes.length > 1) groups.push([...dimensionCodes]);
  for (const group of groups) {
    const signature = [...group].sort().join(',');
    const known = cells
      .filter((c) => Object.keys(c.key).sort().join(',') === signature)
      .reduce((s, c) => s + c.bounds.lower, 0);
    coverage.push({
      dimensions: group,
      known,
      remainder: { ...total, value: total.value - known },
      share: total.value === 0 ? null : known / total.value,
    });
  }
  return ok({
    dimensions: [...dimensionCodes],
    total,
    cells,
    coverage,
    ...(doubtful > 0 ? { doubtful } : {}),
  });
}

/**
 * Finds a cell of a breakdown by key.
 * @example breakdownCell(breakdown, { sex: 'female' })?.value // { value: 101, qualifier: 'exact' }
 */
export function breakdownCell(breakdown: Breakdown, key: CellKey): BreakdownCell | undefined {
  const text = cellKeyToString(key);
  return breakdown.cells.find((c) => cellKeyToString(c.key) === text);
}
