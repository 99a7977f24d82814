import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { programme } from '../../schema/index';

export interface ProgrammeRow {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  /** The year it started, when known (NEWS: 2011). */
  sinceYear: number | null;
  /** Where it runs (ISO 3166-1 alpha-2), empty when only in the organisation's country. */
  countries: string[];
}

const columns = {
  id: programme.id,
  code: programme.code,
  name: programme.name,
  nameEn: programme.nameEn,
  description: programme.description,
  sinceYear: programme.sinceYear,
  countries: programme.countries,
};

/** The organisation's programmes, by code. */
export async function listProgrammes(
  db: Database,
  organisationId: string,
): Promise<ProgrammeRow[]> {
  return db
    .select(columns)
    .from(programme)
    .where(eq(programme.organisationId, organisationId))
    .orderBy(asc(programme.code));
}

/** One programme of the organisation, or undefined (another organisation's id reads as absent). */
export async function findProgramme(
  db: Database,
  organisationId: string,
  id: string,
): Promise<ProgrammeRow | undefined> {
  const rows = await db
    .select(columns)
    .from(programme)
    .where(and(eq(programme.organisationId, organisationId), eq(programme.id, id)));
  return rows[0];
}
