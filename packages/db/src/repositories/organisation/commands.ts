import { eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { type CommandResult, writeAudit } from '../../command';
import { organisation } from '../../schema/index';

/** What an organisation decides for itself: whoever submits may not validate. */
export interface OrganisationSettings {
  separationOfDuties: boolean;
}

/** The organisation's settings, or undefined when there is no such organisation. */
export async function findOrganisationSettings(
  db: Database,
  organisationId: string,
): Promise<OrganisationSettings | undefined> {
  const [row] = await db
    .select({ separationOfDuties: organisation.separationOfDuties })
    .from(organisation)
    .where(eq(organisation.id, organisationId));
  return row;
}

/**
 * Changes the organisation's settings under a row lock, and writes the change (before → after)
 * to the audit log; a setting set to what it already is writes nothing.
 */
export async function updateOrganisationSettings(
  db: Database,
  organisationId: string,
  settings: OrganisationSettings,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<OrganisationSettings>> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ separationOfDuties: organisation.separationOfDuties })
      .from(organisation)
      .where(eq(organisation.id, organisationId))
      .for('update');
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    if (before.separationOfDuties === settings.separationOfDuties)
      return { ok: true, value: before };
    await tx
      .update(organisation)
      .set({ separationOfDuties: settings.separationOfDuties })
      .where(eq(organisation.id, organisationId));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'organisation',
      entityId: organisationId,
      before,
      after: { separationOfDuties: settings.separationOfDuties },
    });
    return { ok: true, value: { separationOfDuties: settings.separationOfDuties } };
  });
}
