import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { programme } from '../schema/index';

export interface ProgrammeRow {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
}

const columns = {
  id: programme.id,
  code: programme.code,
  name: programme.name,
  nameEn: programme.nameEn,
  description: programme.description,
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
