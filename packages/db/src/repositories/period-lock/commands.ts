import { and, eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { periodLock } from '../../schema/index';

/** A grant's period to lock, as a submission names it. */
export interface PeriodToLock {
  grantId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * Locks a grant's period (the caller holds the grant FOR UPDATE) and answers the lock's id, or
 * undefined when the period is already locked: of two concurrent submissions, the second waits
 * on the unique key and finds it taken.
 */
export async function lockPeriod(
  tx: Pick<Database, 'insert'>,
  organisationId: string,
  period: PeriodToLock,
  lockedBy: string | null,
): Promise<string | undefined> {
  const [lock] = await tx
    .insert(periodLock)
    .values({ organisationId, ...period, lockedBy })
    .onConflictDoNothing({
      target: [periodLock.organisationId, periodLock.grantId, periodLock.periodCode],
    })
    .returning({ id: periodLock.id });
  return lock?.id;
}

/** Ties a lock to the report snapshot that closed its period. */
export async function attachSnapshot(
  tx: Pick<Database, 'update'>,
  organisationId: string,
  lockId: string,
  snapshotId: string,
): Promise<void> {
  await tx
    .update(periodLock)
    .set({ reportSnapshotId: snapshotId })
    .where(and(eq(periodLock.organisationId, organisationId), eq(periodLock.id, lockId)));
}
