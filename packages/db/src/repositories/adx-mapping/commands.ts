import { must } from '@jalon/domain';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { type CommandResult, writeAudit } from '../../command';
import { adxMapping, grant } from '../../schema/index';

/** The stored ADX mapping of a grant (as written: the API checks its shape), or null. */
export async function adxMappingOf(
  db: Pick<Database, 'select'>,
  organisationId: string,
  grantId: string,
): Promise<unknown> {
  const [row] = await db
    .select({ mapping: adxMapping.mapping })
    .from(adxMapping)
    .where(and(eq(adxMapping.organisationId, organisationId), eq(adxMapping.grantId, grantId)));
  return row?.mapping ?? null;
}

/**
 * Stores (or, with `mapping: null`, removes) a grant's ADX mapping, audited. Refused as
 * `not-found` for a grant the organisation does not have. The mapping is data already checked by
 * the caller; nothing of a submitted report depends on it (a file is rendered when downloaded).
 */
export async function setAdxMapping(
  db: Database,
  organisationId: string,
  input: { grantId: string; mapping: unknown },
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ stored: boolean }>> {
  return db.transaction(async (tx) => {
    const [g] = await tx
      .select({ id: grant.id })
      .from(grant)
      .where(and(eq(grant.organisationId, organisationId), eq(grant.id, input.grantId)));
    if (!g) return { ok: false, error: { kind: 'not-found' } };
    const key = and(
      eq(adxMapping.organisationId, organisationId),
      eq(adxMapping.grantId, input.grantId),
    );
    const [before] = await tx.select().from(adxMapping).where(key);
    if (input.mapping === null) {
      if (!before) return { ok: true, value: { stored: false } };
      await tx.delete(adxMapping).where(key);
      await writeAudit(tx, {
        organisationId,
        userId: actor.userId,
        action: 'delete',
        entity: 'adx-mapping',
        entityId: input.grantId,
        before,
      });
      return { ok: true, value: { stored: false } };
    }
    const [written] = await tx
      .insert(adxMapping)
      .values({
        organisationId,
        grantId: input.grantId,
        mapping: input.mapping,
        updatedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [adxMapping.organisationId, adxMapping.grantId],
        set: { mapping: input.mapping, updatedBy: actor.userId, updatedAt: new Date() },
      })
      .returning();
    const row = must(written, 'the ADX mapping written');
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: before ? 'update' : 'create',
      entity: 'adx-mapping',
      entityId: input.grantId,
      before: before ?? null,
      after: row,
    });
    return { ok: true, value: { stored: true } };
  });
}
