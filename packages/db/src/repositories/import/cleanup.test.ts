import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { importBatch, importRow } from '../../schema/index';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { findOrganisationByCode } from '../organisation/queries';
import { dropStaleImportBatches } from './cleanup';
import { stageImport } from './commands';

/**
 * The staged-batch cleanup: dry runs older than the limit go with their rows; younger ones,
 * committed and undone batches, and other organisations' (when one is named) stay.
 */
const kinds = await testDatabaseKinds();

describe.each(kinds)('dropping stale staged import batches on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = (await findOrganisationByCode(handle.db, 'WANEP-ML'))?.id ?? '';
  }, 180_000);
  afterAll(async () => handle?.close(), 60_000);

  /** A staged batch of one row, made `daysAgo` old, then moved to `status`. */
  async function batch(daysAgo: number, status: 'staged' | 'committed' | 'undone' = 'staged') {
    const { id } = await stageImport(handle.db, org, {
      kind: 'activities',
      fileName: `lot-${daysAgo}-${status}.csv`,
      sha256: randomUUID(),
      profile: {},
      rows: [
        {
          rowNumber: 2,
          externalId: 'X-1',
          hash: null,
          action: 'rejected',
          cells: null,
          record: null,
          issues: [],
        },
      ],
    });
    await handle.db
      .update(importBatch)
      .set({ status, createdAt: sql`now() - make_interval(days => ${daysAgo})` })
      .where(and(eq(importBatch.organisationId, org), eq(importBatch.id, id)));
    return id;
  }

  const exists = async (id: string) =>
    (await handle.db.select().from(importBatch).where(eq(importBatch.id, id))).length === 1;

  it('drops the staged batches older than the limit, with their rows, and nothing else', async () => {
    const old = await batch(40);
    const young = await batch(5);
    const committed = await batch(90, 'committed');
    const undone = await batch(90, 'undone');
    expect(await dropStaleImportBatches(handle.db, { olderThanDays: 30 })).toEqual({ dropped: 1 });
    expect(await exists(old)).toBe(false);
    expect(await handle.db.select().from(importRow).where(eq(importRow.batchId, old))).toEqual([]);
    for (const kept of [young, committed, undone]) expect(await exists(kept)).toBe(true);
    // A second run finds nothing more; a shorter limit takes the younger one.
    expect(await dropStaleImportBatches(handle.db, { olderThanDays: 30 })).toEqual({ dropped: 0 });
    expect(await dropStaleImportBatches(handle.db, { olderThanDays: 1 })).toEqual({ dropped: 1 });
    expect(await exists(young)).toBe(false);
  });

  it('keeps to the organisation named, and refuses a limit that is not a number of days', async () => {
    const old = await batch(40);
    const other = randomUUID();
    expect(
      await dropStaleImportBatches(handle.db, { olderThanDays: 30, organisationId: other }),
    ).toEqual({ dropped: 0 });
    expect(await exists(old)).toBe(true);
    await expect(dropStaleImportBatches(handle.db, { olderThanDays: -1 })).rejects.toThrow(
      RangeError,
    );
    await expect(dropStaleImportBatches(handle.db, { olderThanDays: 1.5 })).rejects.toThrow(
      RangeError,
    );
  });
});
