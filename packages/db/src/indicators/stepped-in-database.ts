import {
  combineSeries,
  stepWindows,
  type ComputedPart,
  type Count,
  type DayWindow,
  type IndicatorDefinition,
  type NotComputable,
  type Result,
} from '@jalon/domain';

/**
 * A value over a window as the engine's `computeWindow` gives it: a `latest`, `max` or `average`
 * indicator over facts or formulas is computed on each of the engine's steps (`stepWindows`: its
 * sub-periods clipped to the window) and the step values are combined by the engine's
 * `combineSeries`; any other is computed over the whole window. The first step that fails, in
 * time order, is the answer, as in the engine. Steps are computed side by side: each is an
 * independent reading (and, with a request's cache, a cached window of its own).
 */
export async function computeInSteps(
  def: IndicatorDefinition,
  w: DayWindow,
  breakdown: readonly string[] | undefined,
  compute: (window: DayWindow) => Promise<Result<ComputedPart, NotComputable>>,
): Promise<Result<ComputedPart, NotComputable>> {
  const steps = stepWindows(def, w, breakdown);
  if (!steps.ok) return steps;
  if (!steps.value) return compute(w);
  const values = await Promise.all(steps.value.map(compute));
  const series: Count[] = [];
  for (const v of values) {
    if (!v.ok) return v;
    series.push({ value: v.value.value, qualifier: v.value.qualifier });
  }
  return combineSeries(def, series);
}
