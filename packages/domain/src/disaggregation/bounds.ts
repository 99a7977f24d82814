import { ok, type Result } from '../result';
import type { Bounds } from '../format/format-count';
import { cellKeyToString, keyDimensions, type CellKey } from './cell-key';
import type { Cell, CountRecord } from './count-record';
import type { Qualifier } from './count';
import { DEFAULT_DIMENSIONS, type Dimension } from './dimension';
import { buildLattice, indexOf, keyOf, type BoundsError, type Lattice } from './lattice';

export type { BoundsError } from './lattice';

/**
 * Bounds of a cell with how far they can be trusted: `exact` when every input count was exact or a
 * lower bound (the interval then certainly holds the truth), `approximate` when an "environ" count
 * was taken at its value.
 */
export type CellBounds = Bounds & { qualifier: Qualifier };

function boundsAt(lattice: Lattice, index: number): CellBounds {
  const hi = lattice.hi[index] ?? Infinity;
  return {
    lower: lattice.lo[index] ?? 0,
    upper: hi === Infinity ? null : hi,
    qualifier: lattice.approximate ? 'approximate' : 'exact',
  };
}

/**
 * The interval a cell must lie in, from what the record says. With 150 participants, 97 women and
 * 109 young people, young women are between 56 (97 + 109 − 150) and 97.
 * @example cellBounds(awarenessSession, { sex: 'female', age: 'youth' }) // { ok: true, value: { lower: 56, upper: 97, qualifier: 'exact' } }
 */
export function cellBounds(
  record: CountRecord,
  key: CellKey,
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): Result<CellBounds, BoundsError> {
  const lattice = buildLattice(record, dimensions, [key]);
  if (!lattice.ok) return lattice;
  return ok(boundsAt(lattice.value, indexOf(lattice.value, key)));
}

/**
 * Bounds of every cell over the given dimensions (all combinations of their categories, on every
 * subset of them, the total under `''`), keyed by canonical cell key.
 * @example boundsTable(awarenessSession, ['sex', 'age']).value.get('age=youth;sex=female') // { lower: 56, upper: 97, … }
 */
export function boundsTable(
  record: CountRecord,
  dimensionCodes: string[],
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
): Result<Map<string, CellBounds>, BoundsError> {
  const seeds: CellKey[] = [];
  for (const code of dimensionCodes) {
    for (const c of dimensions.find((d) => d.code === code)?.categories ?? [])
      seeds.push({ [code]: c.code });
  }
  const lattice = buildLattice(record, dimensions, seeds);
  if (!lattice.ok) return lattice;
  const wanted = new Set(dimensionCodes);
  const table = new Map<string, CellBounds>();
  for (let i = 0; i < lattice.value.size; i++) {
    const key = keyOf(lattice.value, i);
    if (!key || !keyDimensions(key).every((d) => wanted.has(d))) continue;
    table.set(cellKeyToString(key), boundsAt(lattice.value, i));
  }
  return ok(table);
}

/**
 * Completes a record with every count it determines: the marginals of a cross-tab, the total from a
 * complete breakdown, the other category of a two-way split (female from total − male). Only cells on
 * at most `maxDimensions` dimensions are added (1: marginals). Recorded counts are kept as they are.
 * @example deriveMarginals({ total: null, cells: [youngWomen(60), olderWomen(37)] }).value.cells // adds { key: { sex: 'female' }, value: 97 }
 */
export function deriveMarginals(
  record: CountRecord,
  dimensions: readonly Dimension[] = DEFAULT_DIMENSIONS,
  options: { maxDimensions?: number } = {},
): Result<CountRecord, BoundsError> {
  const lattice = buildLattice(record, dimensions);
  if (!lattice.ok) return lattice;
  const l = lattice.value;
  const qualifier: Qualifier = l.approximate ? 'approximate' : 'exact';
  const recorded = new Set(record.cells.map((c) => cellKeyToString(c.key)));
  const added: Cell[] = [];
  let total = record.total;
  for (let i = 0; i < l.size; i++) {
    const key = keyOf(l, i);
    const lo = l.lo[i] ?? 0;
    if (!key || lo !== l.hi[i]) continue;
    const n = keyDimensions(key).length;
    if (n === 0) {
      if (!total || total.qualifier !== 'exact') total = { value: lo, qualifier };
      continue;
    }
    if (n > (options.maxDimensions ?? 1) || recorded.has(cellKeyToString(key))) continue;
    added.push({ key, value: lo, qualifier });
  }
  return ok({ total, cells: [...record.cells, ...added] });
}
