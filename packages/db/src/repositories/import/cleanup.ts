import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../../client';
import { importBatch } from '../../schema/index';

/** How long a staged batch (read and planned, never committed) is kept by default. */
export const STAGED_BATCH_DAYS = 30;

/**
 * Drops the staged batches older than `olderThanDays` (their rows go with them): a dry run
 * nobody committed holds a copy of a user's file and is of no use once the file has moved on.
 * Committed and undone batches stay — they are the history an undo and the audit point at.
 * Every organisation's by default (the maintenance job), or one's.
 * @example await dropStaleImportBatches(db, { olderThanDays: 30 }) // { dropped: 4 }
 */
export async function dropStaleImportBatches(
  db: Database,
  options: { olderThanDays?: number; organisationId?: string; now?: Date } = {},
): Promise<{ dropped: number }> {
  const days = options.olderThanDays ?? STAGED_BATCH_DAYS;
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`olderThanDays must be a whole number of days ≥ 0, got ${days}`);
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const dropped = await db
    .delete(importBatch)
    .where(
      and(
        eq(importBatch.status, 'staged'),
        lt(importBatch.createdAt, cutoff),
        options.organisationId ? eq(importBatch.organisationId, options.organisationId) : undefined,
      ),
    )
    .returning({ id: importBatch.id });
  return { dropped: dropped.length };
}
