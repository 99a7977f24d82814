import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { donor, grant } from '../../schema/index';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import { removeUnlessUsed } from '../record-uses';
import { type DonorRow, findDonor } from './queries';
import { must } from '@jalon/domain';

export interface DonorInput {
  code: string;
  name: string;
  iatiRef: string | null;
}

async function row(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(donor)
    .where(and(eq(donor.organisationId, organisationId), eq(donor.id, id)));
  return r;
}

async function codeTaken(tx: Tx, organisationId: string, code: string, except?: string) {
  const [r] = await tx
    .select({ id: donor.id })
    .from(donor)
    .where(and(eq(donor.organisationId, organisationId), eq(donor.code, code)));
  return r !== undefined && r.id !== except;
}

/** Records a donor, with an audit row; a code already used is refused. */
export async function createDonor(
  db: Database,
  organisationId: string,
  input: DonorInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<DonorRow>> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(donor)
      .values({ organisationId, ...input })
      .onConflictDoNothing({ target: [donor.organisationId, donor.code] })
      .returning({ id: donor.id });
    if (!created) return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'create',
      entity: 'donor',
      entityId: created.id,
      after: await row(tx, organisationId, created.id),
    });
    return { ok: true, value: { id: created.id, ...input, grants: 0 } };
  });
}

/** Corrects a donor's code, name or IATI reference; before and after go to the audit log. */
export async function updateDonor(
  db: Database,
  organisationId: string,
  id: string,
  input: DonorInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<DonorRow>> {
  const r = await db.transaction(async (tx): Promise<CommandResult<{ id: string }>> => {
    const before = await row(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    if (await codeTaken(tx, organisationId, input.code, id))
      return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    await tx
      .update(donor)
      .set({ ...input, updatedAt: sql`now()` })
      .where(and(eq(donor.organisationId, organisationId), eq(donor.id, id)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'donor',
      entityId: id,
      before,
      after: await row(tx, organisationId, id),
    });
    return { ok: true, value: { id } };
  });
  return r.ok
    ? {
        ok: true,
        value: must(await findDonor(db, organisationId, id), 'the donor just saved, read back'),
      }
    : r;
}

/** Removes a donor entered by mistake; one that funds grants is refused (they would lose their funder). */
export async function deleteDonor(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return removeUnlessUsed(db, organisationId, id, actor, 'donor', {
    lock: (tx) => row(tx, organisationId, id),
    uses: async (tx) => {
      const count = await tx.$count(
        grant,
        and(eq(grant.organisationId, organisationId), eq(grant.donorId, id)),
      );
      return count > 0 ? [{ by: 'grant', count }] : [];
    },
    remove: async (tx, before) => {
      await tx.delete(donor).where(and(eq(donor.organisationId, organisationId), eq(donor.id, id)));
      return before;
    },
  });
}
