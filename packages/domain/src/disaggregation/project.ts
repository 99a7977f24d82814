import { cellLabel, keyDimensions, type CellKey } from './cell-key';
import type { Bounds } from '../format/format-count';
import { isOpen, type Count } from './count';
import type { Breakdown } from './aggregate';
import { DEFAULT_DIMENSIONS, type Dimension } from './dimension';
import type { LocalizedText } from '../localized-text';

/**
 * The shapes donors read breakdowns in: a full `cross-tab` (every combination); independent
 * `marginals` (IATI `dimension`s, one actual per category); or `indicator-per-breakdown`, each
 * breakdown published as its own indicator (the Netherlands ministry asks for this instead of `dimension`).
 */
export const DONOR_SHAPES = ['cross-tab', 'marginals', 'indicator-per-breakdown'] as const;

/** One of {@link DONOR_SHAPES}. */
export type DonorShape = (typeof DONOR_SHAPES)[number];

/** A row of a projected breakdown: `value` null when unknown, with the bounds it lies in. */
export type ProjectedRow = {
  /** For `indicator-per-breakdown`: the derived indicator code (`PO1.1`, `PO1.1.sex.female`). */
  code?: string;
  key: CellKey;
  label: LocalizedText;
  value: Count | null;
  bounds: Bounds;
};

/**
 * Lays a breakdown out in a donor's shape. The total row is first in `marginals` and
 * `indicator-per-breakdown`; `cross-tab` holds only the full combinations.
 * @example projectBreakdown(breakdown, 'indicator-per-breakdown', { code: 'PO1.1' }).map((r) => r.code) // ['PO1.1', 'PO1.1.sex.female', 'PO1.1.sex.male']
 */
export function projectBreakdown(
  breakdown: Breakdown,
  shape: DonorShape,
  options: { code?: string; dimensions?: readonly Dimension[] } = {},
): ProjectedRow[] {
  const dims = options.dimensions ?? DEFAULT_DIMENSIONS;
  const label = (key: CellKey): LocalizedText => ({
    fr: cellLabel(key, dims, 'fr'),
    en: cellLabel(key, dims, 'en'),
  });
  const totalRow: ProjectedRow = {
    key: {},
    label: label({}),
    value: breakdown.total,
    bounds: {
      lower: breakdown.total.value,
      upper: isOpen(breakdown.total) ? null : breakdown.total.value,
    },
  };
  const rows = (n: (size: number) => boolean) =>
    breakdown.cells
      .filter((c) => n(keyDimensions(c.key).length))
      .map((c) => ({ key: c.key, label: label(c.key), value: c.value, bounds: c.bounds }));
  switch (shape) {
    case 'cross-tab':
      return rows((size) => size === breakdown.dimensions.length);
    case 'marginals':
      return [totalRow, ...rows((size) => size === 1)];
    case 'indicator-per-breakdown': {
      const base = options.code ?? 'indicator';
      return [totalRow, ...rows((size) => size === 1)].map((r) => ({
        ...r,
        code: [
          base,
          ...breakdown.dimensions.filter((d) => d in r.key).flatMap((d) => [d, r.key[d] ?? '']),
        ].join('.'),
      }));
    }
  }
}
