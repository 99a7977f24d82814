/**
 * Rounds half away from zero at a number of decimal digits. The scaled value is first cleaned to
 * 15 significant digits so that binary noise does not decide the tie (1.005 → 1.01, where plain
 * `Math.round(1.005 * 100) / 100` gives 1). Round only for display: aggregates use unrounded values.
 * @example roundTo(86.845, 2) // 86.85
 */
export function roundTo(value: number, digits = 0): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.round(scaled) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
