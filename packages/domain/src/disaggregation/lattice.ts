import { err, ok, type Result } from '../result';
import { domainError, type DomainError } from '../localized-text';
import { cellKeyToString, keyDimensions, type CellKey } from './cell-key';
import type { CountRecord } from './count-record';
import type { Dimension } from './dimension';
import { domainText } from '../messages/index';

/** Why bounds could not be computed. */
export type BoundsError = DomainError<'invalid-count' | 'inconsistent-record' | 'too-many-cells'>;

type LatticeDim = { code: string; categories: string[]; rest: boolean; strideIndex: number };

/**
 * Every cell over a set of dimensions — each dimension either left open or fixed to one category —
 * with an interval [lo, hi] per cell. An open dimension (not `complete`, or with categories the
 * definition does not know) gets a hidden "rest" category so that every dimension partitions the
 * people; then each cell equals the sum of its children along any open dimension, which is all the
 * propagation needs. @internal
 */
export type Lattice = {
  dims: LatticeDim[];
  strides: number[];
  size: number;
  lo: number[];
  hi: number[];
  approximate: boolean;
  /**
   * Set when the record's counted facts contradict each other (a record stored before the entry
   * refused such records, or written around it) and its exact counts were read as approximate.
   */
  doubtful?: true;
};

const MAX_CELLS = 50_000;

function digitOf(lattice: Lattice, index: number, i: number): number {
  const dim = lattice.dims[i];
  const stride = lattice.strides[i] ?? 1;
  const slots = (dim?.categories.length ?? 0) + (dim?.rest ? 1 : 0) + 1;
  return Math.floor(index / stride) % slots;
}

/**
 * Index of a key's cell, or -1 when a category is not part of the lattice. @internal
 * @example indexOf(lattice, {}) // 0, the total
 */
export function indexOf(lattice: Lattice, key: CellKey): number {
  let index = 0;
  for (const d of keyDimensions(key)) {
    const i = lattice.dims.findIndex((x) => x.code === d);
    const dim = lattice.dims[i];
    if (!dim) return -1;
    const c = dim.categories.indexOf(key[d] ?? '');
    if (c < 0) return -1;
    index += (c + 1) * (lattice.strides[i] ?? 1);
  }
  return index;
}

/**
 * The key of a cell that fixes only real categories, or null if it fixes a hidden "rest". @internal
 * @example keyOf(lattice, indexOf(lattice, { sex: 'female' })) // { sex: 'female' }
 */
export function keyOf(lattice: Lattice, index: number): CellKey | null {
  const key: Record<string, string> = {};
  for (let i = 0; i < lattice.dims.length; i++) {
    const digit = digitOf(lattice, index, i);
    if (digit === 0) continue;
    const dim = lattice.dims[i];
    const category = dim?.categories[digit - 1];
    if (category === undefined || !dim) return null;
    key[dim.code] = category;
  }
  return key;
}

function tighten(l: Lattice, index: number, lo: number, hi: number): boolean {
  const newLo = Math.max(l.lo[index] ?? 0, Math.ceil(lo));
  const newHi = Math.min(l.hi[index] ?? Infinity, Math.floor(hi));
  const changed = newLo !== l.lo[index] || newHi !== l.hi[index];
  l.lo[index] = newLo;
  l.hi[index] = newHi;
  return changed;
}

/**
 * Builds the lattice of a record over its own dimensions plus `extraKeys`' dimensions, seeds it with
 * the record's counts and propagates until nothing tightens. Every step is a valid inference from
 * "parts of a partition add up to their whole" and "counts are whole and non-negative", so the
 * intervals always contain the truth when the record is true; they are not always the tightest
 * possible (that would need linear programming), but they are for two marginals and a total (the
 * Fréchet bounds). @internal
 * @example buildLattice(awarenessSession, DEFAULT_DIMENSIONS).value.lo[0] // 150
 */
export function buildLattice(
  record: CountRecord,
  dimensions: readonly Dimension[],
  extraKeys: CellKey[] = [],
  options: { tolerant?: boolean } = {},
): Result<Lattice, BoundsError> {
  const seen = new Map<string, Set<string>>();
  for (const key of [...record.cells.map((c) => c.key), ...extraKeys]) {
    for (const d of keyDimensions(key)) {
      const set = seen.get(d) ?? new Set<string>();
      set.add(key[d] ?? '');
      seen.set(d, set);
    }
  }
  const dims: LatticeDim[] = [...seen.keys()].sort().map((code, strideIndex) => {
    const def = dimensions.find((d) => d.code === code);
    const known = def?.categories.map((c) => c.code) ?? [];
    const extra = [...(seen.get(code) ?? [])].filter((c) => !known.includes(c)).sort();
    return {
      code,
      categories: [...known, ...extra],
      rest: !def?.complete || extra.length > 0,
      strideIndex,
    };
  });
  const strides: number[] = [];
  let size = 1;
  for (const dim of dims) {
    strides.push(size);
    size *= dim.categories.length + (dim.rest ? 1 : 0) + 1;
  }
  if (size > MAX_CELLS) {
    return err(domainError('too-many-cells', domainText('too-many-cells', size)));
  }
  const fresh = (): Lattice => ({
    dims,
    strides,
    size,
    lo: new Array<number>(size).fill(0),
    hi: new Array<number>(size).fill(Infinity),
    approximate: false,
  });
  const inputs = [
    ...(record.total ? [{ key: {} as CellKey, ...record.total }] : []),
    ...record.cells,
  ];
  for (const input of inputs) {
    if (!Number.isFinite(input.value) || input.value < 0) {
      return err(
        domainError(
          'invalid-count',
          domainText('invalid-count', input.value, cellKeyToString(input.key) || 'total'),
        ),
      );
    }
  }
  const lattice = fresh();
  for (const input of inputs) {
    lattice.approximate ||= input.qualifier === 'approximate';
    tighten(
      lattice,
      indexOf(lattice, input.key),
      input.value,
      input.qualifier === 'at-least' ? Infinity : input.value,
    );
  }
  const first = propagate(lattice);
  if (first.ok) return first;
  const adjusted = lattice.approximate ? widened(fresh(), inputs, first) : first;
  if (adjusted.ok || !options.tolerant) return adjusted;
  // `tolerant` (the figures): counted facts that contradict each other cannot all be true, and
  // nothing tells which one is wrong, so every exact count of the record is read as approximate
  // and the same rule applies. Lower bounds alone never contradict, so this always succeeds.
  const doubtful = widened(
    fresh(),
    inputs.map((i) => (i.qualifier === 'exact' ? { ...i, qualifier: 'approximate' } : i)),
    first,
  );
  return doubtful.ok ? ok({ ...doubtful.value, doubtful: true }) : doubtful;
}

/**
 * The one rule for a record whose approximate counts contradict the rest ("environ 50 participants
 * dont 60 femmes", accepted at entry with a warning): the counted facts (exact counts and lower
 * bounds) are taken as they are; then each approximate count, parts before their wholes, is moved
 * to the nearest value those facts allow — so an approximate total is widened to its parts, which
 * are counted people. An approximate count that still cannot fit is left out. The lattice stays
 * approximate; only a contradiction among counted facts is an error (for the entry's check; the
 * figures read such a record as doubtful, see {@link buildLattice}'s `tolerant`).
 */
function widened(
  l: Lattice,
  inputs: { key: CellKey; value: number; qualifier: string }[],
  failure: Result<Lattice, BoundsError>,
): Result<Lattice, BoundsError> {
  l.approximate = true;
  for (const input of inputs) {
    if (input.qualifier === 'approximate') continue;
    tighten(
      l,
      indexOf(l, input.key),
      input.value,
      input.qualifier === 'at-least' ? Infinity : input.value,
    );
  }
  if (!propagate(l).ok) return failure;
  const soft = inputs
    .filter((i) => i.qualifier === 'approximate')
    .sort((a, b) => keyDimensions(b.key).length - keyDimensions(a.key).length);
  for (const input of soft) {
    const index = indexOf(l, input.key);
    const lo = [...l.lo];
    const hi = [...l.hi];
    const v = Math.min(Math.max(input.value, l.lo[index] ?? 0), l.hi[index] ?? Infinity);
    tighten(l, index, v, v);
    if (!propagate(l).ok) {
      l.lo = lo;
      l.hi = hi;
    }
  }
  return ok(l);
}

function propagate(l: Lattice): Result<Lattice, BoundsError> {
  for (let sweep = 0; sweep < 200; sweep++) {
    let changed = false;
    for (let w = 0; w < l.size; w++) {
      for (let i = 0; i < l.dims.length; i++) {
        if (digitOf(l, w, i) !== 0) continue;
        const dim = l.dims[i];
        /* c8 ignore next */
        if (!dim) continue;
        const stride = l.strides[i] ?? 1;
        const slots = dim.categories.length + (dim.rest ? 1 : 0);
        const children: number[] = [];
        for (let c = 1; c <= slots; c++) children.push(w + c * stride);
        let sumLo = 0;
        let sumHi = 0;
        for (const c of children) {
          sumLo += l.lo[c] ?? 0;
          sumHi += l.hi[c] ?? Infinity;
        }
        changed = tighten(l, w, sumLo, sumHi) || changed;
        const wLo = l.lo[w] ?? 0;
        const wHi = l.hi[w] ?? Infinity;
        for (const c of children) {
          let othersLo = 0;
          let othersHi = 0;
          for (const o of children) {
            if (o === c) continue;
            othersLo += l.lo[o] ?? 0;
            othersHi += l.hi[o] ?? Infinity;
          }
          changed = tighten(l, c, wLo - othersHi, wHi - othersLo) || changed;
        }
      }
    }
    for (let k = 0; k < l.size; k++) {
      if ((l.lo[k] ?? 0) > (l.hi[k] ?? Infinity)) {
        return err(domainError('inconsistent-record', domainText('inconsistent-record')));
      }
    }
    if (!changed) break;
  }
  return ok(l);
}
