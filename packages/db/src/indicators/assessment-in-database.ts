import {
  assessmentIndicatorValue,
  err,
  notComputable,
  scoreAssessment,
  type AssessmentFact,
  type ComputedPart,
  type DayWindow,
  type Framework,
  type IndicatorDefinition,
  type IndicatorSource,
  type MissingScoreRule,
  type NotComputable,
  type Result,
} from '@jalon/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client';

type Assessment = Extract<IndicatorSource, { kind: 'assessment' }>;

type AssessmentRow = {
  id: string;
  framework_id: string;
  framework: string;
  subject: string;
  cycle: number;
  assessed_on: string;
};

type CriterionRow = {
  framework_id: string;
  framework: string;
  name: string;
  name_en: string;
  scale_min: number;
  scale_max: number;
  missing_rule: MissingScoreRule;
  domain: string;
  domain_name: string;
  domain_name_en: string;
  domain_weight: string;
  criterion: string;
  criterion_name: string;
  criterion_name_en: string;
  criterion_weight: string;
};

/**
 * The order assessments are handed to the engine in: by date (the engine's order), then framework,
 * subject and cycle, so that a `latest` between assessments of one day and a sum of indices are
 * the same on every server (`collate "C"`: a code-point order, as in JavaScript).
 */
export const ASSESSMENT_ORDER = sql`a.assessed_on, f.code collate "C", a.subject_code collate "C", a.cycle`;

/**
 * The value of an `assessment` indicator over a window. The database reads the assessments of the
 * window (of the source's framework and subject organisation when it names them), their
 * frameworks and their criterion scores; each index is scored by the engine's
 * `scoreAssessment` (the rule of the assessment pages) and the engine's
 * `assessmentIndicatorValue` combines them by the time rule. An assessment the engine cannot
 * score (a missing score under the `fail` rule, a score off the scale) makes the value not
 * computable rather than silently left out.
 */
export async function assessmentInDatabase(
  db: Database,
  organisationId: string,
  def: IndicatorDefinition,
  source: Assessment,
  w: DayWindow,
): Promise<Result<ComputedPart, NotComputable>> {
  const where = sql`a.organisation_id = ${organisationId}
    and a.assessed_on between ${w.start} and ${w.end}
    ${source.framework === undefined ? sql`` : sql`and f.code = ${source.framework}`}
    ${source.organisation === undefined ? sql`` : sql`and a.subject_code = ${source.organisation}`}`;
  const assessments = await queryRows<AssessmentRow>(
    db,
    sql`select a.id, a.framework_id, f.code as framework, a.subject_code as subject, a.cycle,
               a.assessed_on::text as assessed_on
          from assessment a
          join assessment_framework f on f.organisation_id = a.organisation_id and f.id = a.framework_id
         where ${where}
         order by ${ASSESSMENT_ORDER}`,
  );
  if (assessments.length === 0) return assessmentIndicatorValue(def, source, [], w);

  const frameworkIds = [...new Set(assessments.map((a) => a.framework_id))];
  const criteria = await queryRows<CriterionRow>(
    db,
    sql`select f.id as framework_id, f.code as framework, f.name, f.name_en, f.scale_min, f.scale_max,
               f.missing_rule, d.code as domain, d.name as domain_name, d.name_en as domain_name_en,
               d.weight::text as domain_weight, c.code as criterion, c.name as criterion_name,
               c.name_en as criterion_name_en, c.weight::text as criterion_weight
          from assessment_framework f
          join assessment_domain d on d.organisation_id = f.organisation_id and d.framework_id = f.id
          join assessment_criterion c on c.organisation_id = d.organisation_id and c.domain_id = d.id
         where f.organisation_id = ${organisationId}
           and f.id in (${sql.join(
             frameworkIds.map((id) => sql`${id}`),
             sql`, `,
           )})
         order by f.id, d.position, d.code collate "C", c.position, c.code collate "C"`,
  );
  const scores = await queryRows<{ assessment_id: string; criterion: string; score: string }>(
    db,
    sql`select s.assessment_id, c.code as criterion, s.score::text as score
          from assessment a
          join assessment_framework f on f.organisation_id = a.organisation_id and f.id = a.framework_id
          join assessment_score s on s.organisation_id = a.organisation_id and s.assessment_id = a.id
          join assessment_criterion c on c.organisation_id = s.organisation_id and c.id = s.criterion_id
         where ${where}`,
  );

  const frameworks = new Map<string, Framework>();
  for (const r of criteria) {
    let f = frameworks.get(r.framework_id);
    if (!f) {
      f = {
        code: r.framework,
        label: { fr: r.name, en: r.name_en },
        scale: { min: Number(r.scale_min), max: Number(r.scale_max) },
        missing: r.missing_rule,
        domains: [],
      };
      frameworks.set(r.framework_id, f);
    }
    let d = f.domains.at(-1);
    if (d?.code !== r.domain) {
      d = {
        code: r.domain,
        label: { fr: r.domain_name, en: r.domain_name_en },
        weight: Number(r.domain_weight),
        criteria: [],
      };
      f.domains.push(d);
    }
    d.criteria.push({
      code: r.criterion,
      label: { fr: r.criterion_name, en: r.criterion_name_en },
      weight: Number(r.criterion_weight),
    });
  }
  const scoresOf = new Map<string, Record<string, number>>();
  for (const s of scores) {
    const own = scoresOf.get(s.assessment_id) ?? {};
    own[s.criterion] = Number(s.score);
    scoresOf.set(s.assessment_id, own);
  }

  const facts: AssessmentFact[] = [];
  for (const a of assessments) {
    const framework: Framework = frameworks.get(a.framework_id) ?? {
      code: a.framework,
      label: { fr: a.framework, en: a.framework },
      scale: { min: 0, max: 1 },
      missing: 'exclude',
      domains: [],
    };
    const scored = scoreAssessment(framework, {
      organisation: a.subject,
      framework: a.framework,
      cycle: String(a.cycle),
      scores: scoresOf.get(a.id) ?? {},
    });
    if (!scored.ok) {
      const which = `${a.subject} (${a.framework} ${a.cycle})`;
      return err(
        notComputable(
          'inconsistent-data',
          `L'évaluation ${which} ne peut être notée : ${scored.error.message.fr}`,
          `Assessment ${which} cannot be scored: ${scored.error.message.en}`,
          def.code,
        ),
      );
    }
    facts.push({
      organisation: a.subject,
      framework: a.framework,
      date: a.assessed_on,
      score: scored.value.index,
    });
  }
  return assessmentIndicatorValue(def, source, facts, w);
}
