import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import { baseline, grant, indicator, resultNode, target } from '../../schema/index';
import { must } from '@jalon/domain';

export interface IndicatorRow {
  id: string;
  code: string;
  title: string;
  titleEn: string;
  description: string | null;
  unit: (typeof indicator.$inferSelect)['unit'];
  direction: (typeof indicator.$inferSelect)['direction'];
  timeRule: (typeof indicator.$inferSelect)['timeRule'];
  /** The step of a `latest`, `max` or `average` indicator; null: the engine's default (month). */
  subPeriod: (typeof indicator.$inferSelect)['subPeriod'];
  cumulative: boolean;
  /** How its achievement is measured, when chosen; null: the template's rule and its direction. */
  achievementRule: (typeof indicator.$inferSelect)['achievementRule'];
  source: Record<string, unknown>;
  dimensions: string[];
  sourceOfVerification: string | null;
  node: { id: string; code: string; level: string } | null;
  grant: {
    id: string;
    code: string;
    startDate: string;
    endDate: string;
    fiscalYearStartMonth: number;
  } | null;
}

export interface IndicatorFilter {
  ids?: string[] | undefined;
  grantId?: string | undefined;
}

/** The organisation's indicators with their framework node and grant, by code. */
export async function listIndicators(
  db: Database,
  organisationId: string,
  filter: IndicatorFilter = {},
): Promise<IndicatorRow[]> {
  const conditions: (SQL | undefined)[] = [eq(indicator.organisationId, organisationId)];
  if (filter.ids)
    conditions.push(
      filter.ids.length
        ? inArray(indicator.id, filter.ids)
        : eq(indicator.id, '00000000-0000-0000-0000-000000000000'),
    );
  if (filter.grantId) conditions.push(eq(grant.id, filter.grantId));
  const rows = await db
    .select({
      id: indicator.id,
      code: indicator.code,
      title: indicator.title,
      titleEn: indicator.titleEn,
      description: indicator.description,
      unit: indicator.unit,
      direction: indicator.direction,
      timeRule: indicator.timeRule,
      subPeriod: indicator.subPeriod,
      cumulative: indicator.cumulative,
      achievementRule: indicator.achievementRule,
      source: indicator.source,
      dimensions: indicator.dimensions,
      sourceOfVerification: indicator.sourceOfVerification,
      nodeId: resultNode.id,
      nodeCode: resultNode.code,
      nodeLevel: resultNode.level,
      grantId: grant.id,
      grantCode: grant.code,
      grantStart: grant.startDate,
      grantEnd: grant.endDate,
      grantFiscal: grant.fiscalYearStartMonth,
    })
    .from(indicator)
    .leftJoin(resultNode, eq(resultNode.id, indicator.resultNodeId))
    .leftJoin(grant, eq(grant.id, resultNode.grantId))
    .where(and(...conditions))
    .orderBy(asc(indicator.code));
  return rows.map(
    ({
      nodeId,
      nodeCode,
      nodeLevel,
      grantId,
      grantCode,
      grantStart,
      grantEnd,
      grantFiscal,
      ...r
    }) => ({
      ...r,
      node: nodeId
        ? {
            id: nodeId,
            code: must(nodeCode, 'the code of the indicator’s results-framework node'),
            level: must(nodeLevel, 'the level of the indicator’s results-framework node'),
          }
        : null,
      grant: grantId
        ? {
            id: grantId,
            code: must(grantCode, 'the code of the indicator’s grant'),
            startDate: must(grantStart, 'the start date of the indicator’s grant'),
            endDate: must(grantEnd, 'the end date of the indicator’s grant'),
            fiscalYearStartMonth: must(
              grantFiscal,
              'the fiscal year start of the indicator’s grant',
            ),
          }
        : null,
    }),
  );
}

export interface TargetRow {
  /** the target's id, for `target.remove` */
  id: string;
  indicatorId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  cellKey: string;
  value: number;
  lifeOfGrant: boolean;
}

export interface BaselineRow {
  indicatorId: string;
  cellKey: string;
  value: number;
  year: number;
  date: string | null;
}

/** Targets and baselines of some indicators. */
export async function listTargetsAndBaselines(
  db: Database,
  organisationId: string,
  indicatorIds: string[],
): Promise<{ targets: TargetRow[]; baselines: BaselineRow[] }> {
  if (indicatorIds.length === 0) return { targets: [], baselines: [] };
  const [targets, baselines] = await Promise.all([
    db
      .select({
        id: target.id,
        indicatorId: target.indicatorId,
        periodCode: target.periodCode,
        periodStart: target.periodStart,
        periodEnd: target.periodEnd,
        cellKey: target.cellKey,
        value: target.value,
        lifeOfGrant: target.lifeOfGrant,
      })
      .from(target)
      .where(
        and(eq(target.organisationId, organisationId), inArray(target.indicatorId, indicatorIds)),
      )
      .orderBy(asc(target.periodStart)),
    db
      .select({
        indicatorId: baseline.indicatorId,
        cellKey: baseline.cellKey,
        value: baseline.value,
        year: baseline.year,
        date: baseline.date,
      })
      .from(baseline)
      .where(
        and(
          eq(baseline.organisationId, organisationId),
          inArray(baseline.indicatorId, indicatorIds),
        ),
      ),
  ]);
  return { targets, baselines };
}
