import {
  must,
  cellKeyToString,
  type Assessment,
  type Framework,
  type ManualValue,
} from '@jalon/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import type { Tx } from '../command';
import {
  assessment,
  assessmentCriterion,
  assessmentDomain,
  assessmentFramework,
  assessmentScore,
  indicator,
  manualValue,
} from '../schema/index';

/** An assessment as the engine scores it, with the day it is dated by. */
export type DatedAssessment = Assessment & { assessedOn: string };

/**
 * Writes what people enter rather than record as events into an existing organisation: values
 * entered by hand (creating a `manual` indicator for each code not there yet; a value without a
 * period code gets its range code) and assessment frameworks with their scored assessments
 * (criteria in the order given, cycles as numbers). For tests and synthetic data.
 */
export async function insertEnteredFacts(
  db: Database,
  organisationId: string,
  entered: {
    manualValues?: readonly ManualValue[];
    frameworks?: readonly Framework[];
    assessments?: readonly DatedAssessment[];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await insertManualValues(tx, organisationId, entered.manualValues ?? []);
    const ids = await insertFrameworks(tx, organisationId, entered.frameworks ?? []);
    await insertAssessments(tx, organisationId, entered.assessments ?? [], ids);
  });
}

/** Values entered by hand, with a `manual` indicator for each code not there yet. */
async function insertManualValues(
  tx: Tx,
  organisationId: string,
  values: readonly ManualValue[],
): Promise<void> {
  const codes = [...new Set(values.map((v) => v.indicator))];
  const indicatorIds = new Map<string, string>();
  if (codes.length > 0) {
    const existing = await tx
      .select({ id: indicator.id, code: indicator.code })
      .from(indicator)
      .where(and(eq(indicator.organisationId, organisationId), inArray(indicator.code, codes)));
    for (const r of existing) indicatorIds.set(r.code, r.id);
    for (const code of codes.filter((c) => !indicatorIds.has(c))) {
      const [row] = await tx
        .insert(indicator)
        .values({
          organisationId,
          code,
          title: code,
          titleEn: code,
          sourceKind: 'manual',
          source: { kind: 'manual' },
        })
        .returning({ id: indicator.id });
      indicatorIds.set(code, must(row, 'the indicator just written').id);
    }
    await tx.insert(manualValue).values(
      values.map((v) => ({
        organisationId,
        indicatorId: must(indicatorIds.get(v.indicator), 'the id of an entered value’s indicator'),
        periodCode: v.period.code ?? `${v.period.start}..${v.period.end}`,
        periodStart: v.period.start,
        periodEnd: v.period.end,
        cellKey: cellKeyToString(v.breakdown ?? {}),
        value: v.value,
        qualifier: v.qualifier ?? 'exact',
        numerator: v.numerator ?? null,
        denominator: v.denominator ?? null,
      })),
    );
  }
}

/** Assessment frameworks with their domains and criteria; answers their ids by code. */
async function insertFrameworks(
  tx: Tx,
  organisationId: string,
  frameworks: readonly Framework[],
): Promise<{ frameworkIds: Map<string, string>; criterionIds: Map<string, string> }> {
  const frameworkIds = new Map<string, string>();
  const criterionIds = new Map<string, string>();
  for (const f of frameworks) {
    const [row] = await tx
      .insert(assessmentFramework)
      .values({
        organisationId,
        code: f.code,
        name: f.label.fr,
        nameEn: f.label.en,
        scaleMin: f.scale.min,
        scaleMax: f.scale.max,
        missingRule: f.missing,
      })
      .returning({ id: assessmentFramework.id });
    frameworkIds.set(f.code, must(row, 'the assessment framework just written').id);
    for (const [position, d] of f.domains.entries()) {
      const [domain] = await tx
        .insert(assessmentDomain)
        .values({
          organisationId,
          frameworkId: must(row, 'the assessment framework just written').id,
          code: d.code,
          name: d.label.fr,
          nameEn: d.label.en,
          // A stored domain always has a weight (give one to compare with the engine: without it,
          // the engine weighs a domain by its scored criteria only).
          weight: d.weight ?? d.criteria.reduce((t, c) => t + c.weight, 0),
          position,
        })
        .returning({ id: assessmentDomain.id });
      for (const [i, c] of d.criteria.entries()) {
        const [criterion] = await tx
          .insert(assessmentCriterion)
          .values({
            organisationId,
            domainId: must(domain, 'the assessment domain just written').id,
            code: c.code,
            name: c.label.fr,
            nameEn: c.label.en,
            weight: c.weight,
            position: i,
          })
          .returning({ id: assessmentCriterion.id });
        criterionIds.set(
          `${f.code}/${c.code}`,
          must(criterion, 'the assessment criterion just written').id,
        );
      }
    }
  }
  return { frameworkIds, criterionIds };
}

/** Scored assessments of the frameworks written (`ids`), each criterion's score one row. */
async function insertAssessments(
  tx: Tx,
  organisationId: string,
  assessments: readonly DatedAssessment[],
  {
    frameworkIds,
    criterionIds,
  }: { frameworkIds: Map<string, string>; criterionIds: Map<string, string> },
): Promise<void> {
  for (const a of assessments) {
    const [row] = await tx
      .insert(assessment)
      .values({
        organisationId,
        frameworkId: must(frameworkIds.get(a.framework), 'the id of an assessment’s framework'),
        subjectCode: a.organisation,
        subjectName: a.organisation,
        cycle: Number(a.cycle),
        assessedOn: a.assessedOn,
      })
      .returning({ id: assessment.id });
    const scores = Object.entries(a.scores).filter(
      (e): e is [string, number] => e[1] !== null && e[1] !== undefined,
    );
    if (scores.length > 0)
      await tx.insert(assessmentScore).values(
        scores.map(([code, score]) => ({
          organisationId,
          assessmentId: must(row, 'the assessment just written').id,
          criterionId: must(
            criterionIds.get(`${a.framework}/${code}`),
            'the id of a scored criterion',
          ),
          score,
        })),
      );
  }
}
