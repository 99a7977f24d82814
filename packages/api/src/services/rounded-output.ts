import {
  roundForOutput,
  roundRatioForOutput,
  type Bounds,
  type Count,
  type OutputUnit,
} from '@jalon/domain';
import type { IndicatorPeriodValue } from './indicator-values';

/*
 * The one place where figures are rounded as they leave the API (indicator.values,
 * dashboard.summary, report.preview, assessment.scorecard), by the rules of `@jalon/domain`'s
 * OUTPUT_DECIMALS: the engine and the report model keep full precision (a workbook's live formulas
 * must give back the engine's ratio), a reader never sees 75.44999999999999.
 */

const unitOf = (unit: string): OutputUnit =>
  unit === 'percent' || unit === 'score' || unit === 'qualitative' ? unit : 'number';

function count<C extends Count>(c: C, unit: OutputUnit): C {
  return { ...c, value: roundForOutput(c.value, unit) };
}

function bounds<B extends Bounds>(b: B, unit: OutputUnit): B {
  return { ...b, lower: roundForOutput(b.lower, unit), upper: roundForOutput(b.upper, unit) };
}

/** A breakdown's figures rounded to the indicator's unit, its shares as ratios. */
export function roundedBreakdown<
  T extends {
    total: Count;
    cells: { value: Count | null; bounds: Bounds }[];
    coverage: { known: number; remainder: Count; share: number | null }[];
  },
>(b: T, unit: string): T {
  const u = unitOf(unit);
  return {
    ...b,
    total: count(b.total, u),
    cells: b.cells.map((c) => ({
      ...c,
      value: c.value ? count(c.value, u) : null,
      bounds: bounds(c.bounds, u),
    })),
    coverage: b.coverage.map((c) => ({
      ...c,
      known: roundForOutput(c.known, u),
      remainder: count(c.remainder, u),
      share: roundRatioForOutput(c.share),
    })),
  };
}

/**
 * An indicator's value for a period as the API answers it: value, bounds, breakdown, targets and
 * baseline to the indicator's unit, achievement to four decimals.
 * @example roundedIndicatorValue(v).achievement // 1.0833 for 13 sessions against 12
 */
export function roundedIndicatorValue(v: IndicatorPeriodValue): IndicatorPeriodValue {
  const u = unitOf(v.indicator.unit);
  const value = v.value
    ? {
        ...v.value,
        value: roundForOutput(v.value.value, u),
        ...(v.value.bounds ? { bounds: bounds(v.value.bounds, u) } : {}),
        ...(v.value.breakdown
          ? { breakdown: roundedBreakdown(v.value.breakdown, v.indicator.unit) }
          : {}),
      }
    : null;
  return {
    ...v,
    value,
    target: roundForOutput(v.target, u),
    lifeOfGrantTarget: roundForOutput(v.lifeOfGrantTarget, u),
    baseline: roundForOutput(v.baseline, u),
    achievement: roundRatioForOutput(v.achievement),
  };
}
