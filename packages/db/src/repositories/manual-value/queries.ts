import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  grant,
  indicator,
  manualValue,
  resultNode,
  type CountQualifier,
  type RecordStatus,
} from '../../schema/index';

export interface ManualValueRow {
  id: string;
  indicator: { id: string; code: string };
  /** the grant whose results framework holds the indicator (its locks hold the value) */
  grant: { id: string; code: string } | null;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  cellKey: string;
  value: number;
  qualifier: CountQualifier;
  numerator: number | null;
  denominator: number | null;
  note: string | null;
  status: RecordStatus;
  version: number;
}

type Queryable = Pick<Database, 'select'>;

const columns = {
  id: manualValue.id,
  indicatorId: indicator.id,
  indicatorCode: indicator.code,
  grantId: grant.id,
  grantCode: grant.code,
  periodCode: manualValue.periodCode,
  periodStart: manualValue.periodStart,
  periodEnd: manualValue.periodEnd,
  cellKey: manualValue.cellKey,
  value: manualValue.value,
  qualifier: manualValue.qualifier,
  numerator: manualValue.numerator,
  denominator: manualValue.denominator,
  note: manualValue.note,
  status: manualValue.status,
  version: manualValue.version,
};

async function select(
  db: Queryable,
  organisationId: string,
  where: ReturnType<typeof and>,
): Promise<ManualValueRow[]> {
  const rows = await db
    .select(columns)
    .from(manualValue)
    .innerJoin(indicator, eq(indicator.id, manualValue.indicatorId))
    .leftJoin(resultNode, eq(resultNode.id, indicator.resultNodeId))
    .leftJoin(grant, eq(grant.id, resultNode.grantId))
    .where(and(eq(manualValue.organisationId, organisationId), where))
    .orderBy(asc(indicator.code), asc(manualValue.periodStart), asc(manualValue.cellKey));
  return rows.map(({ indicatorId, indicatorCode, grantId, grantCode, ...r }) => ({
    ...r,
    indicator: { id: indicatorId, code: indicatorCode },
    grant: grantId && grantCode ? { id: grantId, code: grantCode } : null,
  }));
}

/** The values entered by hand, for some indicators or the indicators of some grants. */
export async function listManualValues(
  db: Database,
  organisationId: string,
  filter: { indicatorIds?: string[] | undefined; grantIds?: string[] | undefined } = {},
): Promise<ManualValueRow[]> {
  if (filter.grantIds?.length === 0 || filter.indicatorIds?.length === 0) return [];
  return select(
    db,
    organisationId,
    and(
      filter.indicatorIds ? inArray(manualValue.indicatorId, filter.indicatorIds) : undefined,
      filter.grantIds ? inArray(grant.id, filter.grantIds) : undefined,
    ),
  );
}

/** One value entered by hand. */
export async function findManualValue(
  db: Queryable,
  organisationId: string,
  id: string,
): Promise<ManualValueRow | undefined> {
  return (await select(db, organisationId, eq(manualValue.id, id)))[0];
}
