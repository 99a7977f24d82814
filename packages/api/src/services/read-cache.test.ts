import { factsStamp, findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from '../routers/test-actors';
import { ReadCache } from './read-cache';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('the read cache of indicator values and the dashboard on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let cache: ReadCache;
  let cached: ReturnType<typeof createCaller>;
  let fresh: ReturnType<typeof createCaller>;
  let donor: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    cache = new ReadCache();
    const actor = await demoActor(handle.db, organisationId, 'suivi@wanep-mali.demo');
    cached = createCaller(createContext({ db: handle.db, actor, readCache: cache }));
    fresh = createCaller(createContext({ db: handle.db, actor }));
    donor = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, organisationId, 'pnud@wanep-mali.demo'),
        readCache: cache,
      }),
    );
  }, 60_000);
  afterAll(async () => handle?.close());

  it('answers what a computation answers, computing again after every command', async () => {
    const ids = (await fresh.indicator.list()).items.map((i) => i.id).slice(0, 30);
    const values = { indicatorIds: ids, period: '2023-Q2', breakdown: ['sex' as const] };
    const same = async () => {
      expect(await cached.dashboard.summary({ period: '2023-Q2' })).toEqual(
        await fresh.dashboard.summary({ period: '2023-Q2' }),
      );
      expect(await cached.indicator.values(values)).toEqual(await fresh.indicator.values(values));
      // The dashboard's other calls: the bulletin's figures of the trend and the incidents' map.
      expect(await cached.bulletin.figures({ period: '2023-Q2' })).toEqual(
        await fresh.bulletin.figures({ period: '2023-Q2' }),
      );
      expect(await cached.incident.summary({ period: '2023-Q2', by: 'region' })).toEqual(
        await fresh.incident.summary({ period: '2023-Q2', by: 'region' }),
      );
    };
    await same();
    const misses = cache.misses;
    await same();
    // Nothing was written: both came from the cache.
    expect(cache.misses).toBe(misses);
    expect(cache.hits).toBeGreaterThanOrEqual(4);

    const before = await cached.dashboard.summary({ period: '2023-Q2' });
    const programmeId = must(
      (await fresh.programme.list()).items.find((p) => p.code === 'JPS'),
      'JPS',
    ).id;
    const { activity } = await fresh.activity.create({
      programmeId,
      title: 'Dialogue à Ségou',
      type: 'dialogue',
      startDate: '2023-06-20',
      endDate: '2023-06-20',
      participants: { total: { value: 12, qualifier: 'exact' }, cells: [] },
    });
    const after = await cached.dashboard.summary({ period: '2023-Q2' });
    expect(after).not.toEqual(before);
    expect((await cached.bulletin.figures({ period: '2023-Q2' })).totals.activities).toBe(
      before.figures.activities + 1,
    );
    await same();
    await fresh.attendance.set({
      activityId: activity.id,
      version: activity.version,
      participants: [{ code: 'JPS-001', sex: 'female', ageGroup: 'youth' }],
    });
    await same();
    const map = await cached.incident.summary({ period: '2023-Q2', by: 'region' });
    await fresh.incident.create({
      date: '2023-06-21',
      category: 'democracy-governance',
      deaths: 1,
      injuries: 0,
      verified: true,
    });
    // The map's totals count it at once (no place: no region does).
    expect((await cached.incident.summary({ period: '2023-Q2', by: 'region' })).totals).toEqual({
      ...map.totals,
      incidents: map.totals.incidents + 1,
      deaths: map.totals.deaths + 1,
    });
    await same();
  });

  it("keeps each caller's reach apart: a donor never gets the coordinator's dashboard", async () => {
    const mine = await cached.dashboard.summary({ period: '2023-Q2' });
    const theirs = await donor.dashboard.summary({ period: '2023-Q2' });
    expect(theirs.indicators.length).toBeLessThan(mine.indicators.length);
  });

  it.skipIf(kind !== 'postgres')(
    'is never stale under concurrent writers: a read sent after a write is acknowledged counts it',
    async () => {
      const programmeId = must(
        (await fresh.programme.list()).items.find((p) => p.code === 'JPS'),
        'JPS',
      ).id;
      const activitiesNow = async () =>
        (await cached.dashboard.summary({ period: '2023-Q2' })).figures.activities;
      const base = await activitiesNow();
      let acknowledged = 0;
      let stop = false;
      const stale: string[] = [];
      // Readers keep the cache busy (hits, and computations that a write overtakes) meanwhile.
      const readers = Array.from({ length: 4 }, async (_, r) => {
        while (!stop) {
          const atLeast = base + acknowledged;
          const seen = await activitiesNow();
          if (seen < atLeast) stale.push(`reader ${r} read ${seen} after ${atLeast} were written`);
        }
      });
      const writers = Array.from({ length: 6 }, async (_, w) => {
        for (let k = 0; k < 5; k++) {
          await fresh.activity.create({
            programmeId,
            title: `Concurrent ${w}-${k}`,
            type: 'workshop',
            startDate: '2023-05-10',
            endDate: '2023-05-10',
            participants: { total: { value: 3, qualifier: 'exact' }, cells: [] },
          });
          acknowledged += 1;
          const atLeast = base + acknowledged;
          const seen = await activitiesNow();
          if (seen < atLeast) stale.push(`writer ${w} read ${seen} after ${atLeast} were written`);
        }
      });
      await Promise.all(writers);
      stop = true;
      await Promise.all(readers);
      expect(stale).toEqual([]);
      expect(await activitiesNow()).toBe(base + 30);
      expect(await cached.dashboard.summary({ period: '2023-Q2' })).toEqual(
        await fresh.dashboard.summary({ period: '2023-Q2' }),
      );
    },
    120_000,
  );

  it.skipIf(kind !== 'postgres')(
    'changes the stamp when a writer that took an earlier audit id commits last',
    async () => {
      if (handle.driver.kind !== 'postgres') return;
      const client = handle.driver.client;
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
      let firstInserted!: () => void;
      const firstHasId = new Promise<void>((r) => (firstInserted = r));
      const first = client.begin(async (tx) => {
        await tx`insert into audit_log (organisation_id, action, entity, entity_id)
                 values (${organisationId}, 'test', 'probe', 'first')`;
        firstInserted();
        await firstMayCommit;
      });
      await firstHasId;
      await client.begin(
        (tx) => tx`insert into audit_log (organisation_id, action, entity, entity_id)
                   values (${organisationId}, 'test', 'probe', 'second')`,
      );
      const whileFirstOpen = await factsStamp(handle.db, organisationId);
      releaseFirst();
      await first;
      expect(await factsStamp(handle.db, organisationId)).not.toBe(whileFirstOpen);
    },
  );
});
