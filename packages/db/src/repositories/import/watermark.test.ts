import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { importBatch, organisation } from '../../schema/index';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { findOrganisationByCode } from '../organisation/queries';
import { stageImport } from './commands';
import { advanceKoboWatermark, koboWatermarkOf } from './watermark';

/**
 * The stored Kobo watermark: per organisation, server and form; moved only by a committed batch,
 * only forward, and — on PostgreSQL — never lost when pulls finish together.
 */
const kinds = await testDatabaseKinds();
const SERVER = 'https://kf.kobotoolbox.org';

describe.each(kinds)('the Kobo watermark on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = (await findOrganisationByCode(handle.db, 'WANEP-ML'))?.id ?? '';
  }, 180_000);
  afterAll(async () => handle?.close(), 60_000);

  /** A batch of no rows in `status` (a commit's outcome, as `commitImport` leaves it). */
  async function batch(status: 'staged' | 'committed' | 'undone', organisationId = org) {
    const { id } = await stageImport(handle.db, organisationId, {
      kind: 'activities',
      source: 'kobo:aTest',
      fileName: 'kobo-aTest.json',
      sha256: randomUUID(),
      profile: {},
      rows: [],
    });
    if (status !== 'staged')
      await handle.db
        .update(importBatch)
        .set({ status })
        .where(and(eq(importBatch.organisationId, organisationId), eq(importBatch.id, id)));
    return id;
  }

  it('starts empty, is moved by a committed batch only, and only forward', async () => {
    const key = { server: SERVER, assetUid: 'aFirst' };
    expect(await koboWatermarkOf(handle.db, org, key)).toBeNull();
    const dry = await advanceKoboWatermark(handle.db, org, {
      ...key,
      submittedAt: '2023-05-20T09:15:00',
      batchId: await batch('staged'),
    });
    expect(dry).toEqual({ advanced: false, watermark: null });
    const unknown = await advanceKoboWatermark(handle.db, org, {
      ...key,
      submittedAt: '2023-05-20T09:15:00',
      batchId: randomUUID(),
    });
    expect(unknown.advanced).toBe(false);
    expect(await koboWatermarkOf(handle.db, org, key)).toBeNull();

    const first = await advanceKoboWatermark(handle.db, org, {
      ...key,
      submittedAt: '2023-05-20T09:15:00',
      batchId: await batch('committed'),
    });
    expect(first).toEqual({ advanced: true, watermark: '2023-05-20T09:15:00' });
    const older = await advanceKoboWatermark(handle.db, org, {
      ...key,
      submittedAt: '2023-05-19T23:59:59',
      batchId: await batch('committed'),
    });
    expect(older).toEqual({ advanced: false, watermark: '2023-05-20T09:15:00' });
    const undone = await advanceKoboWatermark(handle.db, org, {
      ...key,
      submittedAt: '2024-01-01T00:00:00',
      batchId: await batch('undone'),
    });
    expect(undone.advanced).toBe(false);
    const later = await advanceKoboWatermark(handle.db, org, {
      ...key,
      submittedAt: '2023-06-01T08:00:00.123',
      batchId: await batch('committed'),
    });
    expect(later).toEqual({ advanced: true, watermark: '2023-06-01T08:00:00.123' });
  }, 60_000);

  it('keeps one watermark per organisation, server and form', async () => {
    const other = randomUUID();
    await handle.db.insert(organisation).values({
      id: other,
      organisationId: other,
      code: `W-${other.slice(0, 6)}`,
      name: 'Autre',
      kind: 'national-network',
    });
    const at = async (o: string, server: string, assetUid: string, submittedAt: string) =>
      advanceKoboWatermark(handle.db, o, {
        server,
        assetUid,
        submittedAt,
        batchId: await batch('committed', o),
      });
    await at(org, SERVER, 'aIso', '2023-01-01T00:00:00');
    await at(org, 'https://kobo.example.org', 'aIso', '2023-02-01T00:00:00');
    await at(org, SERVER, 'aIsoToo', '2023-03-01T00:00:00');
    await at(other, SERVER, 'aIso', '2023-04-01T00:00:00');
    // A batch of another organisation does not move this one's watermark.
    const foreign = await advanceKoboWatermark(handle.db, org, {
      server: SERVER,
      assetUid: 'aIso',
      submittedAt: '2025-01-01T00:00:00',
      batchId: await batch('committed', other),
    });
    expect(foreign.advanced).toBe(false);
    expect(await koboWatermarkOf(handle.db, org, { server: SERVER, assetUid: 'aIso' })).toBe(
      '2023-01-01T00:00:00',
    );
    expect(
      await koboWatermarkOf(handle.db, org, {
        server: 'https://kobo.example.org',
        assetUid: 'aIso',
      }),
    ).toBe('2023-02-01T00:00:00');
    expect(await koboWatermarkOf(handle.db, org, { server: SERVER, assetUid: 'aIsoToo' })).toBe(
      '2023-03-01T00:00:00',
    );
    expect(await koboWatermarkOf(handle.db, other, { server: SERVER, assetUid: 'aIso' })).toBe(
      '2023-04-01T00:00:00',
    );
  }, 60_000);

  it('pulls finishing together leave the latest time, whatever their order', async () => {
    const key = { server: SERVER, assetUid: 'aRace' };
    for (let round = 0; round < 3; round++) {
      const times = Array.from(
        { length: 12 },
        (_, i) => `2024-0${1 + round}-${String(10 + i).padStart(2, '0')}T12:00:00`,
      );
      const shuffled = [...times].sort(() => Math.random() - 0.5);
      const batches = await Promise.all(shuffled.map(() => batch('committed')));
      await Promise.all(
        shuffled.map((submittedAt, i) =>
          advanceKoboWatermark(handle.db, org, { ...key, submittedAt, batchId: batches[i] ?? '' }),
        ),
      );
      expect(await koboWatermarkOf(handle.db, org, key)).toBe(times.at(-1));
    }
  }, 120_000);
});
