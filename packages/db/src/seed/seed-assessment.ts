import {
  assessment,
  assessmentCriterion,
  assessmentDomain,
  assessmentFramework,
  assessmentScore,
} from '../schema/index';
import { criterionCode, demoAssessments, demoFramework, demoSections } from './demo-assessment';
import type { Tx } from '../command';
import { must } from '@jalon/domain';

/** The WODI framework and the 2021–2022 cycles; upserts keyed by codes. */
export async function seedAssessment(tx: Tx, organisationId: string): Promise<number> {
  const f = demoFramework;
  const frameworkSet = {
    name: f.name,
    nameEn: f.nameEn,
    scaleMin: f.scaleMin,
    scaleMax: f.scaleMax,
    missingRule: f.missingRule,
  };
  const [framework] = await tx
    .insert(assessmentFramework)
    .values({ organisationId, code: f.code, ...frameworkSet })
    .onConflictDoUpdate({
      target: [assessmentFramework.organisationId, assessmentFramework.code],
      set: frameworkSet,
    })
    .returning({ id: assessmentFramework.id });
  const frameworkId = must(framework, 'the assessment framework just written').id;

  const criterionIds = new Map<string, string>();
  for (const [position, s] of demoSections.entries()) {
    const set = { name: s.name, nameEn: s.nameEn, weight: s.weight, position };
    const [domain] = await tx
      .insert(assessmentDomain)
      .values({ organisationId, frameworkId, code: s.code, ...set })
      .onConflictDoUpdate({
        target: [
          assessmentDomain.organisationId,
          assessmentDomain.frameworkId,
          assessmentDomain.code,
        ],
        set,
      })
      .returning({ id: assessmentDomain.id });
    for (const [i, [name, nameEn]] of s.criteria.entries()) {
      const code = criterionCode(s.code, i);
      const cset = { name, nameEn, weight: 1, position: i };
      const [criterion] = await tx
        .insert(assessmentCriterion)
        .values({
          organisationId,
          domainId: must(domain, 'the assessment domain just written').id,
          code,
          ...cset,
        })
        .onConflictDoUpdate({
          target: [
            assessmentCriterion.organisationId,
            assessmentCriterion.domainId,
            assessmentCriterion.code,
          ],
          set: cset,
        })
        .returning({ id: assessmentCriterion.id });
      criterionIds.set(code, must(criterion, 'the assessment criterion just written').id);
    }
  }

  for (const a of demoAssessments) {
    const set = { subjectName: a.subjectName, assessedOn: a.assessedOn };
    const [row] = await tx
      .insert(assessment)
      .values({ organisationId, frameworkId, subjectCode: a.subjectCode, cycle: a.cycle, ...set })
      .onConflictDoUpdate({
        target: [
          assessment.organisationId,
          assessment.frameworkId,
          assessment.subjectCode,
          assessment.cycle,
        ],
        set,
      })
      .returning({ id: assessment.id });
    for (const [si, s] of demoSections.entries()) {
      for (let i = 0; i < s.criteria.length; i++) {
        const score = a.scores[si]?.[i];
        if (score === undefined) continue;
        await tx
          .insert(assessmentScore)
          .values({
            organisationId,
            assessmentId: must(row, 'the assessment just written').id,
            criterionId: must(
              criterionIds.get(criterionCode(s.code, i)),
              'the id of a scored criterion',
            ),
            score,
          })
          .onConflictDoUpdate({
            target: [
              assessmentScore.organisationId,
              assessmentScore.assessmentId,
              assessmentScore.criterionId,
            ],
            set: { score },
          });
      }
    }
  }
  return demoAssessments.length;
}
