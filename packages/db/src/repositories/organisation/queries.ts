import { eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { organisation } from '../../schema/index';

export interface OrganisationRow {
  id: string;
  code: string;
  name: string;
}

/** The organisation with this code, or undefined. */
export async function findOrganisationByCode(
  db: Database,
  code: string,
): Promise<OrganisationRow | undefined> {
  const rows = await db
    .select({ id: organisation.id, code: organisation.code, name: organisation.name })
    .from(organisation)
    .where(eq(organisation.code, code));
  return rows[0];
}

/** The organisation with this id, or undefined. */
export async function findOrganisationById(
  db: Database,
  id: string,
): Promise<OrganisationRow | undefined> {
  const rows = await db
    .select({ id: organisation.id, code: organisation.code, name: organisation.name })
    .from(organisation)
    .where(eq(organisation.id, id));
  return rows[0];
}
