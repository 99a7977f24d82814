import type { LocalizedText } from './localized-text';

/** Why a value could not be computed. */
export const NOT_COMPUTABLE_REASONS = [
  'no-data',
  'division-by-zero',
  'missing-reference',
  'dependency-cycle',
  'formula-syntax',
  'grant-start-missing',
  'target-missing',
  'baseline-missing',
  'breakdown-not-supported',
  'inconsistent-data',
  'overlapping-values',
  'invalid-definition',
] as const;

/** One of {@link NOT_COMPUTABLE_REASONS}. */
export type NotComputableReason = (typeof NOT_COMPUTABLE_REASONS)[number];

/**
 * A value that cannot be computed, and why — shown to the officer instead of a wrong number
 * (never `Infinity`, never a silent 0). `indicator` names the indicator at fault when known.
 */
export type NotComputable = {
  reason: NotComputableReason;
  message: LocalizedText;
  indicator?: string;
};

/**
 * Builds a {@link NotComputable}, its message from a message table or written in place.
 * @example notComputable('no-data', domainText('no-data'))
 * @example notComputable('no-data', 'Aucune donnée sur la période', 'No data for the period')
 */
export function notComputable(
  reason: NotComputableReason,
  message: LocalizedText,
  indicator?: string,
): NotComputable;
export function notComputable(
  reason: NotComputableReason,
  fr: string,
  en: string,
  indicator?: string,
): NotComputable;
export function notComputable(
  reason: NotComputableReason,
  first: LocalizedText | string,
  second?: string,
  third?: string,
): NotComputable {
  const [message, indicator] =
    typeof first === 'string' ? [{ fr: first, en: second ?? '' }, third] : [first, second];
  return indicator === undefined ? { reason, message } : { reason, message, indicator };
}
