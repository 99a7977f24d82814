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
 * The stored ADX mapping of a grant with its version (what a save names to say which one it
 * replaces), or null when none is stored.
 */
export async function adxMappingRecordOf(
  db: Pick<Database, 'select'>,
  organisationId: string,
  grantId: string,
): Promise<{ mapping: unknown; version: number } | null> {
  const [row] = await db
    .select({ mapping: adxMapping.mapping, version: adxMapping.version })
    .from(adxMapping)
    .where(and(eq(adxMapping.organisationId, organisationId), eq(adxMapping.grantId, grantId)));
  return row ?? null;
}

/**
 * Stores (or, with `mapping: null`, removes) a grant's ADX mapping, audited. Refused as
 * `not-found` for a grant the organisation does not have. The mapping is data already checked by
 * the caller; nothing of a submitted report depends on it (a file is rendered when downloaded).
 *
 * `version` is the version the caller read: 0 when none was stored. A save from a stale version
 * (someone saved or removed it in between) is a `conflict` that changes nothing; the write itself
 * is conditional on the version, so two saves from the same version cannot both pass. Without
 * `version` (seeding, fixtures) the save replaces whatever is stored.
 */
export async function setAdxMapping(
  db: Database,
  organisationId: string,
  input: { grantId: string; mapping: unknown; version?: number },
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ stored: boolean; version: number }>> {
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
    const current = before?.version ?? 0;
    const expected = input.version ?? current;
    const conflict = (currentVersion: number) =>
      ({ ok: false, error: { kind: 'conflict', currentVersion } }) as const;
    if (expected !== current) return conflict(current);
    if (input.mapping === null) {
      if (!before) return { ok: true, value: { stored: false, version: 0 } };
      const [gone] = await tx
        .delete(adxMapping)
        .where(and(key, eq(adxMapping.version, expected)))
        .returning({ version: adxMapping.version });
      if (!gone) return conflict(current + 1);
      await writeAudit(tx, {
        organisationId,
        userId: actor.userId,
        action: 'delete',
        entity: 'adx-mapping',
        entityId: input.grantId,
        before,
      });
      return { ok: true, value: { stored: false, version: 0 } };
    }
    // A first save inserts only if nobody did in between; a later one updates only the version read.
    const [written] = before
      ? await tx
          .update(adxMapping)
          .set({
            mapping: input.mapping,
            version: expected + 1,
            updatedBy: actor.userId,
            updatedAt: new Date(),
          })
          .where(and(key, eq(adxMapping.version, expected)))
          .returning()
      : await tx
          .insert(adxMapping)
          .values({
            organisationId,
            grantId: input.grantId,
            mapping: input.mapping,
            version: 1,
            updatedBy: actor.userId,
          })
          .onConflictDoNothing({ target: [adxMapping.organisationId, adxMapping.grantId] })
          .returning();
    if (!written) return conflict(current + 1);
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
    return { ok: true, value: { stored: true, version: row.version } };
  });
}
