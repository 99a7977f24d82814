import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  donor,
  grant,
  grantProgramme,
  programme,
  resultNode,
  type ResultLevel,
} from '../../schema/index';

export interface GrantRow {
  id: string;
  code: string;
  title: string;
  startDate: string;
  endDate: string;
  currency: string;
  amount: number | null;
  fiscalYearStartMonth: number;
  reportTemplate: string;
  iatiIdentifier: string | null;
  donorReference: string | null;
  titleEn: string | null;
  businessUnit: string | null;
  projectId: string | null;
  donor: { id: string; code: string; name: string; iatiRef: string | null };
  programmes: { id: string; code: string; name: string }[];
}

export interface ResultNodeRow {
  id: string;
  parentId: string | null;
  level: ResultLevel;
  code: string;
  title: string;
  titleEn: string;
  assumptions: string | null;
}

const columns = {
  id: grant.id,
  code: grant.code,
  title: grant.title,
  startDate: grant.startDate,
  endDate: grant.endDate,
  currency: grant.currency,
  amount: grant.amount,
  fiscalYearStartMonth: grant.fiscalYearStartMonth,
  reportTemplate: grant.reportTemplate,
  iatiIdentifier: grant.iatiIdentifier,
  donorReference: grant.donorReference,
  titleEn: grant.titleEn,
  businessUnit: grant.businessUnit,
  projectId: grant.projectId,
  donor: { id: donor.id, code: donor.code, name: donor.name, iatiRef: donor.iatiRef },
};

/** The organisation's grants with their donor and programmes, by code (optionally some ids only). */
export async function listGrants(
  db: Database,
  organisationId: string,
  ids?: string[],
): Promise<GrantRow[]> {
  const rows = await db
    .select(columns)
    .from(grant)
    .innerJoin(donor, eq(donor.id, grant.donorId))
    .where(
      and(
        eq(grant.organisationId, organisationId),
        ids
          ? inArray(grant.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
          : undefined,
      ),
    )
    .orderBy(asc(grant.code));
  if (rows.length === 0) return [];
  const links = await db
    .select({
      grantId: grantProgramme.grantId,
      id: programme.id,
      code: programme.code,
      name: programme.name,
    })
    .from(grantProgramme)
    .innerJoin(programme, eq(programme.id, grantProgramme.programmeId))
    .where(
      and(
        eq(grantProgramme.organisationId, organisationId),
        inArray(
          grantProgramme.grantId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(programme.code));
  return rows.map((r) => ({
    ...r,
    programmes: links.filter((l) => l.grantId === r.id).map(({ grantId: _g, ...p }) => p),
  }));
}

/** One grant of the organisation, or undefined. */
export async function findGrant(
  db: Database,
  organisationId: string,
  id: string,
): Promise<GrantRow | undefined> {
  return (await listGrants(db, organisationId, [id]))[0];
}

/** A grant found by its code, or undefined. */
export async function findGrantByCode(
  db: Database,
  organisationId: string,
  code: string,
): Promise<GrantRow | undefined> {
  const [row] = await db
    .select({ id: grant.id })
    .from(grant)
    .where(and(eq(grant.organisationId, organisationId), eq(grant.code, code)));
  return row ? findGrant(db, organisationId, row.id) : undefined;
}

/** The results framework of a grant, parents before children. */
export async function listResultNodes(
  db: Database,
  organisationId: string,
  grantId: string,
): Promise<ResultNodeRow[]> {
  return db
    .select({
      id: resultNode.id,
      parentId: resultNode.parentId,
      level: resultNode.level,
      code: resultNode.code,
      title: resultNode.title,
      titleEn: resultNode.titleEn,
      assumptions: resultNode.assumptions,
    })
    .from(resultNode)
    .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.grantId, grantId)))
    .orderBy(asc(resultNode.position));
}
