import type { Assessment, Framework } from '@jalon/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  assessment,
  assessmentCriterion,
  assessmentDomain,
  assessmentFramework,
  assessmentScore,
} from '../../schema/index';
import { must } from '@jalon/domain';

export interface AssessmentData {
  framework: Framework;
  /** Every stored assessment of the framework, as the engine reads them (`cycle` as text). */
  assessments: (Assessment & { subjectName: string; assessedOn: string })[];
}

/**
 * A framework and its assessments in the engine's shape, or undefined when the organisation has no
 * framework of that code. The engine scores, ranks and compares them.
 */
export async function loadAssessments(
  db: Database,
  organisationId: string,
  frameworkCode: string,
): Promise<AssessmentData | undefined> {
  const [f] = await db
    .select()
    .from(assessmentFramework)
    .where(
      and(
        eq(assessmentFramework.organisationId, organisationId),
        eq(assessmentFramework.code, frameworkCode),
      ),
    );
  if (!f) return undefined;
  const domains = await db
    .select()
    .from(assessmentDomain)
    .where(
      and(
        eq(assessmentDomain.organisationId, organisationId),
        eq(assessmentDomain.frameworkId, f.id),
      ),
    )
    .orderBy(asc(assessmentDomain.position));
  const criteria = domains.length
    ? await db
        .select()
        .from(assessmentCriterion)
        .where(
          and(
            eq(assessmentCriterion.organisationId, organisationId),
            inArray(
              assessmentCriterion.domainId,
              domains.map((d) => d.id),
            ),
          ),
        )
        .orderBy(asc(assessmentCriterion.position))
    : [];
  const rows = await db
    .select()
    .from(assessment)
    .where(and(eq(assessment.organisationId, organisationId), eq(assessment.frameworkId, f.id)))
    .orderBy(asc(assessment.cycle), asc(assessment.subjectCode));
  const scores = rows.length
    ? await db
        .select({
          assessmentId: assessmentScore.assessmentId,
          criterionId: assessmentScore.criterionId,
          score: assessmentScore.score,
        })
        .from(assessmentScore)
        .where(
          and(
            eq(assessmentScore.organisationId, organisationId),
            inArray(
              assessmentScore.assessmentId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  const criterionCode = new Map(criteria.map((c) => [c.id, c.code]));
  return {
    framework: {
      code: f.code,
      label: { fr: f.name, en: f.nameEn },
      scale: { min: f.scaleMin, max: f.scaleMax },
      missing: f.missingRule,
      domains: domains.map((d) => ({
        code: d.code,
        label: { fr: d.name, en: d.nameEn },
        weight: d.weight,
        criteria: criteria
          .filter((c) => c.domainId === d.id)
          .map((c) => ({ code: c.code, label: { fr: c.name, en: c.nameEn }, weight: c.weight })),
      })),
    },
    assessments: rows.map((r) => ({
      organisation: r.subjectCode,
      subjectName: r.subjectName,
      assessedOn: r.assessedOn,
      framework: f.code,
      cycle: String(r.cycle),
      scores: Object.fromEntries(
        scores
          .filter((s) => s.assessmentId === r.id)
          .map((s) => [
            must(criterionCode.get(s.criterionId), 'the code of a scored criterion'),
            s.score,
          ]),
      ),
    })),
  };
}
