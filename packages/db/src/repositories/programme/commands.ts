import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { programme } from '../../schema/index';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import { findProgramme, type ProgrammeRow } from './queries';
import { programmeUses, removeUnlessUsed } from '../record-uses';
import { must } from '@jalon/domain';

export interface ProgrammeInput {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  /** The year it started (« depuis 2011 »); left as it is when absent. */
  sinceYear?: number | null;
  /** Where it runs (ISO 3166-1 alpha-2); left as it is when absent. */
  countries?: string[];
}

async function row(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(programme)
    .where(and(eq(programme.organisationId, organisationId), eq(programme.id, id)));
  return r;
}

/** Opens a programme (a line of work), with an audit row; a code already used is refused. */
export async function createProgramme(
  db: Database,
  organisationId: string,
  input: ProgrammeInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<ProgrammeRow>> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(programme)
      .values({ organisationId, ...input })
      .onConflictDoNothing({ target: [programme.organisationId, programme.code] })
      .returning({ id: programme.id });
    if (!created) return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'create',
      entity: 'programme',
      entityId: created.id,
      after: await row(tx, organisationId, created.id),
    });
    return {
      ok: true,
      value: {
        id: created.id,
        ...input,
        sinceYear: input.sinceYear ?? null,
        countries: input.countries ?? [],
      },
    };
  });
}

/**
 * Renames or re-describes a programme. Its code stays: indicator definitions and report filters
 * name programmes by code (`programmes: ['CCS-C']`), so a new code would silently empty them.
 */
export async function updateProgramme(
  db: Database,
  organisationId: string,
  id: string,
  input: Omit<ProgrammeInput, 'code'>,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<ProgrammeRow>> {
  const r = await db.transaction(async (tx): Promise<CommandResult<null>> => {
    const before = await row(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    await tx
      .update(programme)
      .set({
        name: input.name,
        nameEn: input.nameEn,
        description: input.description,
        ...(input.sinceYear !== undefined ? { sinceYear: input.sinceYear } : {}),
        ...(input.countries !== undefined ? { countries: input.countries } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(programme.organisationId, organisationId), eq(programme.id, id)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'programme',
      entityId: id,
      before,
      after: await row(tx, organisationId, id),
    });
    return { ok: true, value: null };
  });
  return r.ok
    ? {
        ok: true,
        value: must(
          await findProgramme(db, organisationId, id),
          'the programme just saved, read back',
        ),
      }
    : r;
}

/**
 * Removes a programme opened by mistake. One that anything still uses — activities, incidents,
 * deliverables, grants funding it, programme officers limited to it, indicator filters naming its
 * code — is refused with what uses it and how many; nothing is removed then.
 */
export async function deleteProgramme(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return removeUnlessUsed(db, organisationId, id, actor, 'programme', {
    lock: async (tx) =>
      (
        await tx
          .select()
          .from(programme)
          .where(and(eq(programme.organisationId, organisationId), eq(programme.id, id)))
          .for('update')
      )[0],
    uses: (tx, before) => programmeUses(tx, organisationId, before),
    remove: async (tx, before) => {
      await tx
        .delete(programme)
        .where(and(eq(programme.organisationId, organisationId), eq(programme.id, id)));
      return before;
    },
  });
}
