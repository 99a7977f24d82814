import { must } from '@jalon/domain';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { incident, place, programme, type IncidentCategory } from '../../schema/index';
import { type CommandFailure, type CommandResult, writeAudit, type Tx } from '../../command';
import { grantsFunding, locksHolding } from '../period-lock/queries';

export interface IncidentInput {
  date: string;
  category: IncidentCategory;
  deaths: number;
  injuries: number;
  verified: boolean;
  placeId: string | null;
  programmeId: string | null;
  description: string | null;
  code?: string | undefined;
}

async function unknownReference(tx: Tx, organisationId: string, input: IncidentInput) {
  if (input.placeId) {
    const [p] = await tx
      .select({ id: place.id })
      .from(place)
      .where(and(eq(place.organisationId, organisationId), eq(place.id, input.placeId)));
    if (!p)
      return { kind: 'unknown-reference' as const, what: 'place' as const, ids: [input.placeId] };
  }
  if (input.programmeId) {
    const [p] = await tx
      .select({ id: programme.id })
      .from(programme)
      .where(
        and(eq(programme.organisationId, organisationId), eq(programme.id, input.programmeId)),
      );
    if (!p)
      return {
        kind: 'unknown-reference' as const,
        what: 'programme' as const,
        ids: [input.programmeId],
      };
  }
  return null;
}

/**
 * An incident of a programme is reported by every grant funding that programme (the report's
 * early-warning summary): a submitted report of one of them locks the incidents of its period.
 */
async function lockedIncident(
  tx: Tx,
  organisationId: string,
  facts: readonly { programmeId: string | null; date: string }[],
): Promise<CommandFailure | null> {
  for (const f of facts) {
    const grants = await grantsFunding(tx, organisationId, [f.programmeId]);
    const [lock] = await locksHolding(tx, organisationId, grants, [f.date]);
    if (lock) return { kind: 'locked', grant: lock.grant, period: lock.period };
  }
  return null;
}

/**
 * Locks an incident's row until the transaction ends and answers the version it holds (undefined:
 * no such incident), so two concurrent corrections run one after the other on PostgreSQL and the
 * second sees the first's version instead of overwriting it.
 */
export async function lockIncident(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select({ version: incident.version })
    .from(incident)
    .where(and(eq(incident.organisationId, organisationId), eq(incident.id, id)))
    .for('update');
  return r?.version;
}

async function row(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(incident)
    .where(and(eq(incident.organisationId, organisationId), eq(incident.id, id)));
  return r;
}

/** Records an incident in the register, with an audit row, all or nothing. */
export async function createIncident(
  db: Database,
  organisationId: string,
  input: IncidentInput,
  actor: { userId: string | null; reason?: string } = { userId: null },
): Promise<CommandResult<{ id: string; code: string }>> {
  return db.transaction(async (tx) => {
    const missing = await unknownReference(tx, organisationId, input);
    if (missing) return { ok: false, error: missing };
    const locked = await lockedIncident(tx, organisationId, [input]);
    if (locked) return { ok: false, error: locked };
    const code = input.code ?? `INC-${input.date}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const [created] = await tx
      .insert(incident)
      .values({ organisationId, ...input, code })
      .onConflictDoNothing({ target: [incident.organisationId, incident.code] })
      .returning({ id: incident.id, code: incident.code });
    if (!created) return { ok: false, error: { kind: 'duplicate-code', code } };
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      ...(actor.reason ? { reason: actor.reason } : {}),
      action: 'create',
      entity: 'incident',
      entityId: created.id,
      after: await row(tx, organisationId, created.id),
    });
    return { ok: true, value: created };
  });
}

/**
 * Corrects an incident read at `version`: a save made in between is a conflict (nothing
 * overwritten); the before and after values go to the audit log.
 */
export async function updateIncident(
  db: Database,
  organisationId: string,
  id: string,
  version: number,
  input: IncidentInput,
  actor: { userId: string | null; reason?: string } = { userId: null },
): Promise<CommandResult<{ id: string; code: string; version: number }>> {
  return db.transaction(async (tx) => {
    const current = await lockIncident(tx, organisationId, id);
    if (current === undefined) return { ok: false, error: { kind: 'not-found' } };
    if (current !== version)
      return { ok: false, error: { kind: 'conflict', currentVersion: current } };
    const before = must(await row(tx, organisationId, id), 'the incident just saved, read back');
    const missing = await unknownReference(tx, organisationId, input);
    if (missing) return { ok: false, error: missing };
    const locked = await lockedIncident(tx, organisationId, [before, input]);
    if (locked) return { ok: false, error: locked };
    const { code: _code, ...fields } = input;
    const [saved] = await tx
      .update(incident)
      .set({ ...fields, version: sql`${incident.version} + 1`, updatedAt: sql`now()` })
      .where(
        and(
          eq(incident.organisationId, organisationId),
          eq(incident.id, id),
          eq(incident.version, version),
        ),
      )
      .returning({ version: incident.version });
    if (!saved) return { ok: false, error: { kind: 'conflict', currentVersion: current } };
    const after = await row(tx, organisationId, id);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      ...(actor.reason ? { reason: actor.reason } : {}),
      action: 'update',
      entity: 'incident',
      entityId: id,
      before,
      after,
    });
    return { ok: true, value: { id, code: before.code, version: saved.version } };
  });
}

/**
 * Removes an incident recorded by mistake, read at `version` (a correction made meanwhile is a
 * conflict: what is removed is what was seen); the audit log keeps what it was.
 */
export async function deleteIncident(
  db: Database,
  organisationId: string,
  id: string,
  version: number,
  actor: { userId: string | null; reason?: string } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const current = await lockIncident(tx, organisationId, id);
    if (current === undefined) return { ok: false, error: { kind: 'not-found' } };
    if (current !== version)
      return { ok: false, error: { kind: 'conflict', currentVersion: current } };
    const before = must(await row(tx, organisationId, id), 'the incident just saved, read back');
    const locked = await lockedIncident(tx, organisationId, [before]);
    if (locked) return { ok: false, error: locked };
    await tx
      .delete(incident)
      .where(and(eq(incident.organisationId, organisationId), eq(incident.id, id)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      ...(actor.reason ? { reason: actor.reason } : {}),
      action: 'delete',
      entity: 'incident',
      entityId: id,
      before,
    });
    return { ok: true, value: { id } };
  });
}
