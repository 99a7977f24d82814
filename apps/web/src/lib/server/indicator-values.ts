import type { IndicatorDto, IndicatorValueDto } from '$lib/api-types';
import { breakdownGroups } from '$lib/indicators';
import { describeApiError, type ApiClient, type ApiFailure } from './trpc';

const BREAKDOWN_DIMENSIONS = ['sex', 'age', 'disability', 'category'] as const;
type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
const isBreakdownDimension = (d: string): d is BreakdownDimension =>
  (BREAKDOWN_DIMENSIONS as readonly string[]).includes(d);

export type ValuesResult =
  | {
      ok: true;
      /** Value, targets and status of each indicator, by indicator id. */
      values: Record<string, IndicatorValueDto>;
      /** The breakdown of each indicator that has dimensions, by indicator id. */
      breakdowns: Record<string, IndicatorValueDto>;
    }
  | { ok: false; error: ApiFailure };

/**
 * Values of indicators for one period, and the breakdown of those broken down by a dimension.
 * The API computes a breakdown only for indicators that have one (it answers "cannot be broken
 * down" for the others), so the plain values come from one call and each set of dimensions gets
 * its own call; the client batches them into one HTTP request.
 */
export async function loadIndicatorValues(
  api: ApiClient,
  indicators: readonly IndicatorDto[],
  period: string,
): Promise<ValuesResult> {
  if (indicators.length === 0) return { ok: true, values: {}, breakdowns: {} };
  const indicatorIds = indicators.map((i) => i.id);
  try {
    const [plain, ...broken] = await Promise.all([
      api.indicator.values.query({ indicatorIds, period }),
      ...breakdownGroups(indicators).flatMap((group) => {
        // Only the dimensions the API can break down by; an unknown one must not sink the page.
        const breakdown = group.dimensions.filter(isBreakdownDimension);
        return breakdown.length === 0
          ? []
          : [api.indicator.values.query({ indicatorIds: group.ids, period, breakdown })];
      }),
    ]);
    const byId = (items: IndicatorValueDto[]) =>
      Object.fromEntries(items.map((item) => [item.indicator.id, item]));
    return {
      ok: true,
      values: byId(plain.items),
      breakdowns: byId(broken.flatMap((b) => b.items)),
    };
  } catch (error) {
    console.error('[web] indicator values: API call failed', error);
    return { ok: false, error: describeApiError(error) };
  }
}
