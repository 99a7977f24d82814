import { err, ok, type Result } from '../result';
import { domainError, type DomainError } from '../localized-text';
import type { Assessment, Framework } from './framework';
import { domainText } from '../messages/index';

/** Why an assessment could not be scored. */
export type AssessmentError = DomainError<
  'invalid-score' | 'unknown-criterion' | 'missing-score' | 'no-scores' | 'invalid-framework'
>;

/** A criterion's result: the score given and its share of the scale (null when missing and excluded). */
export type CriterionResult = {
  code: string;
  domain: string;
  score: number | null;
  share: number | null;
  /** Weight of the criterion in the whole index, after the missing-score rule (0 when excluded). */
  effectiveWeight: number;
};

/** A domain's result in % (null when none of its criteria could be used). */
export type DomainResult = { code: string; score: number | null; weight: number };

/** An assessment's index in % (86.85 for WANEP-Mali in 2022), with each domain and criterion. */
export type AssessmentScore = {
  organisation: string;
  framework: string;
  cycle: string;
  index: number;
  domains: DomainResult[];
  criteria: CriterionResult[];
  missing: string[];
};

/**
 * Scores an assessment, unrounded. A domain's score is Σ w·share / Σ w over its criteria; the index
 * is Σ W·domain score / Σ W over domains (W defaults to the domain's criteria weights, giving the
 * flat Σ weight·score/max / Σ weight × 100). Missing scores follow the framework's explicit rule.
 * @example scoreAssessment(framework, { organisation: 'wanep-mali', framework: 'wodi', cycle: '2022', scores }).value.index // 86.85
 */
export function scoreAssessment(
  framework: Framework,
  assessment: Assessment,
): Result<AssessmentScore, AssessmentError> {
  const { min, max } = framework.scale;
  const normalisation = framework.normalisation ?? 'ratio-to-max';
  if (!(max > min) || (normalisation === 'ratio-to-max' && max <= 0)) {
    return err(domainError('invalid-framework', domainText('invalid-framework')));
  }
  const known = new Set(framework.domains.flatMap((d) => d.criteria.map((c) => c.code)));
  for (const code of Object.keys(assessment.scores)) {
    if (!known.has(code)) {
      return err(domainError('unknown-criterion', domainText('unknown-criterion', code)));
    }
  }
  const share = (score: number) =>
    normalisation === 'min-max' ? (score - min) / (max - min) : score / max;

  const criteria: CriterionResult[] = [];
  const domains: DomainResult[] = [];
  const missing: string[] = [];
  let indexSum = 0;
  let indexWeight = 0;
  for (const domain of framework.domains) {
    let sum = 0;
    let weight = 0;
    const firstCriterion = criteria.length;
    for (const criterion of domain.criteria) {
      const raw = assessment.scores[criterion.code];
      let score: number | null = raw ?? null;
      if (score !== null && (!Number.isFinite(score) || score < min || score > max)) {
        return err(
          domainError(
            'invalid-score',
            domainText('invalid-score', criterion.code, score, min, max),
          ),
        );
      }
      if (score === null) {
        missing.push(criterion.code);
        if (framework.missing === 'fail') {
          return err(domainError('missing-score', domainText('missing-score', criterion.code)));
        }
        if (framework.missing === 'lowest') score = min;
      }
      const s = score === null ? null : share(score);
      if (s !== null) {
        sum += criterion.weight * s;
        weight += criterion.weight;
      }
      criteria.push({
        code: criterion.code,
        domain: domain.code,
        score: raw ?? null,
        share: s,
        effectiveWeight: s === null ? 0 : criterion.weight,
      });
    }
    const domainScore = weight > 0 ? sum / weight : null;
    const domainWeight = domain.weight ?? weight;
    domains.push({
      code: domain.code,
      score: domainScore === null ? null : domainScore * 100,
      weight: domainWeight,
    });
    // Effective weights in the whole index: the domain's weight shared among its used criteria.
    for (let i = firstCriterion; i < criteria.length; i++) {
      const c = criteria[i];
      if (c && weight > 0) c.effectiveWeight = (c.effectiveWeight / weight) * domainWeight;
    }
    if (domainScore !== null && domainWeight > 0) {
      indexSum += domainWeight * domainScore;
      indexWeight += domainWeight;
    }
  }
  if (indexWeight === 0) {
    return err(domainError('no-scores', domainText('no-scores')));
  }
  return ok({
    organisation: assessment.organisation,
    framework: assessment.framework,
    cycle: assessment.cycle,
    index: (indexSum / indexWeight) * 100,
    domains,
    criteria,
    missing,
  });
}
