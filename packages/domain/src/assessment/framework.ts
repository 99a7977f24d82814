import type { LocalizedText } from '../localized-text';

/**
 * What to do with a criterion that was not scored: `exclude` it and share its weight among the
 * scored ones; count it as the `lowest` score of the scale; or `fail` (the index is not computable).
 */
export const MISSING_SCORE_RULES = ['exclude', 'lowest', 'fail'] as const;
/** One of {@link MISSING_SCORE_RULES}. */
export type MissingScoreRule = (typeof MISSING_SCORE_RULES)[number];

/**
 * How a score becomes a share: `ratio-to-max` = score / max (a 3 on a 1–4 scale is 75 %), or
 * `min-max` = (score − min) / (max − min) (50 % on that scale).
 */
export const SCORE_NORMALISATIONS = ['ratio-to-max', 'min-max'] as const;
/** One of {@link SCORE_NORMALISATIONS}. */
export type ScoreNormalisation = (typeof SCORE_NORMALISATIONS)[number];

/** A scored criterion with its weight inside its domain. */
export type Criterion = { code: string; label: LocalizedText; weight: number };

/**
 * A domain of criteria. Without a `weight` a domain weighs the sum of its (scored) criteria's
 * weights, so the index is then the flat Σ weight·score/max / Σ weight.
 */
export type Domain = { code: string; label: LocalizedText; weight?: number; criteria: Criterion[] };

/** A WODI-style framework: weighted domains of weighted criteria, scored on a scale. */
export type Framework = {
  code: string;
  label: LocalizedText;
  scale: { min: number; max: number };
  domains: Domain[];
  missing: MissingScoreRule;
  normalisation?: ScoreNormalisation;
};

/** One organisation's scores in one assessment cycle; a null or absent score is missing. */
export type Assessment = {
  organisation: string;
  framework: string;
  cycle: string;
  scores: Readonly<Record<string, number | null>>;
};
