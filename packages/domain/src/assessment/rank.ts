import type { AssessmentScore, CriterionResult } from './score-assessment';

/** An organisation's place among its peers. */
export type Ranked = { organisation: string; index: number; rank: number };

/** Indices closer than this are tied: they differ only by floating-point noise. */
export const INDEX_TIE_TOLERANCE = 1e-9;

/**
 * Ranks organisations of one cycle by index, highest first; ties share a rank and the next rank is
 * skipped (1, 2, 2, 4). Ties on the index are ordered by organisation for a stable output.
 * @example rankAssessments([{ organisation: 'a', index: 80 }, { organisation: 'b', index: 90 }]) // [{ organisation: 'b', index: 90, rank: 1 }, { organisation: 'a', index: 80, rank: 2 }]
 */
export function rankAssessments(
  scores: readonly { organisation: string; index: number }[],
): Ranked[] {
  const sorted = [...scores].sort((a, b) =>
    Math.abs(a.index - b.index) <= INDEX_TIE_TOLERANCE
      ? a.organisation < b.organisation
        ? -1
        : 1
      : b.index - a.index,
  );
  const out: Ranked[] = [];
  sorted.forEach((s, i) => {
    const prev = out[i - 1];
    const tied = prev !== undefined && Math.abs(prev.index - s.index) <= INDEX_TIE_TOLERANCE;
    out.push({ organisation: s.organisation, index: s.index, rank: tied ? prev.rank : i + 1 });
  });
  return out;
}

/** The change between two cycles, in percentage points. */
export type AssessmentTrend = { index: number; domains: { code: string; change: number | null }[] };

/**
 * The change since the previous cycle: index and each domain in points (null where either is missing).
 * @example compareCycles(score2022, score2021).index // 5.65
 */
export function compareCycles(
  current: AssessmentScore,
  previous: AssessmentScore,
): AssessmentTrend {
  return {
    index: current.index - previous.index,
    domains: current.domains.map((d) => {
      const before = previous.domains.find((p) => p.code === d.code)?.score ?? null;
      return {
        code: d.code,
        change: d.score === null || before === null ? null : d.score - before,
      };
    }),
  };
}

/**
 * The criteria to act on first: lowest share of the scale, and among equals the heaviest in the
 * index (improving it moves the index most); missing criteria are not listed.
 * @example weakestCriteria(score2022, 3).map((c) => c.code) // ['fin-3', 'hr-2', 'gov-4']
 */
export function weakestCriteria(score: AssessmentScore, count = 3): CriterionResult[] {
  return score.criteria
    .filter((c) => c.share !== null)
    .sort(
      (a, b) =>
        (a.share ?? 0) - (b.share ?? 0) ||
        b.effectiveWeight - a.effectiveWeight ||
        (a.code < b.code ? -1 : 1),
    )
    .slice(0, count);
}
