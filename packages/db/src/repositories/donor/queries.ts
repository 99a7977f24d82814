import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import { donor } from '../../schema/index';

export interface DonorRow {
  id: string;
  code: string;
  name: string;
  iatiRef: string | null;
  /** how many of the organisation's grants it funds */
  grants: number;
}

export interface DonorFilter {
  /** part of the code or the name, ignoring case */
  search?: string | undefined;
  sort?: 'code' | 'name' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

// Written out: inside a correlated subquery drizzle would leave the columns unqualified.
const grantCount = sql<number>`(select count(*)::int from grant_agreement g where g.organisation_id = "donor"."organisation_id" and g.donor_id = "donor"."id")`;

const columns = {
  id: donor.id,
  code: donor.code,
  name: donor.name,
  iatiRef: donor.iatiRef,
  grants: grantCount,
};

/** The organisation's donors, a page at a time, each with the number of grants it funds. */
export async function listDonors(
  db: Database,
  organisationId: string,
  filter: DonorFilter = {},
): Promise<{ items: DonorRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [eq(donor.organisationId, organisationId)];
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${donor.code} ilike ${pattern} or ${donor.name} ilike ${pattern})`);
  }
  const where = and(...conditions);
  const [items, total] = await Promise.all([
    db
      .select(columns)
      .from(donor)
      .where(where)
      .orderBy(...(filter.sort === 'name' ? [asc(donor.name), asc(donor.code)] : [asc(donor.code)]))
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0),
    db.$count(donor, where),
  ]);
  return { items, total };
}

/** One donor of the organisation, or undefined. */
export async function findDonor(
  db: Database,
  organisationId: string,
  id: string,
): Promise<DonorRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(donor)
    .where(and(eq(donor.organisationId, organisationId), eq(donor.id, id)));
  return row;
}
