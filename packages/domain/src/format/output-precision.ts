import { roundTo } from './round';

/** Units a figure can be declared in (an indicator's `unit`, an assessment's percentages). */
export type OutputUnit = 'number' | 'percent' | 'score' | 'qualitative';

/**
 * The decimals a figure of each unit keeps when it leaves Jalon (API answers, JSON exports): counts
 * and averages of counts to the hundredth, percentages to the hundredth of a point (86,85 %), scores
 * to the hundredth. One table, so two outputs never round the same figure differently.
 */
export const OUTPUT_DECIMALS: Readonly<Record<OutputUnit, number>> = {
  number: 2,
  percent: 2,
  score: 2,
  qualitative: 0,
};

/** Achievement ratios keep four decimals: a hundredth of a percent (1.0833 → 108,33 %). */
export const RATIO_DECIMALS = 4;

/**
 * A figure as it leaves Jalon, rounded to its unit's decimals (binary noise such as
 * 75.44999999999999 never reaches a reader); null and non-finite values pass unchanged.
 * @example roundForOutput(75.44999999999999, 'percent') // 75.45
 */
export function roundForOutput<T extends number | null | undefined>(value: T, unit: OutputUnit): T {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  return roundTo(value, OUTPUT_DECIMALS[unit]) as T;
}

/**
 * An achievement ratio as it leaves Jalon, to {@link RATIO_DECIMALS}.
 * @example roundRatioForOutput(13 / 12) // 1.0833
 */
export function roundRatioForOutput<T extends number | null | undefined>(value: T): T {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  return roundTo(value, RATIO_DECIMALS) as T;
}
