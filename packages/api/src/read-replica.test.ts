import { findOrganisationByCode, openDatabase, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { startStreamingReplica, type StreamingReplica } from '@jalon/db/replica-testing';
import { createScratchDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from './context';
import { createCaller } from './router';
import { must } from '@jalon/domain';

/**
 * `DATABASE_READ_URL`: report, dashboard and pivot reads go to a streaming replica, writes and a
 * report submission to the primary. The replica is real — `pg_basebackup` of the test server,
 * started as a hot standby on another port. Its replay is paused while the primary changes, so
 * what a procedure answers shows which of the two it read, without any timing.
 */
const kinds = await testDatabaseKinds();
const required = Boolean(process.env.CI || process.env.JALON_REQUIRE_PG);

let replica: StreamingReplica | null = null;
let unavailable = '';
if (kinds.includes('postgres')) {
  try {
    replica = await startStreamingReplica();
  } catch (error) {
    // In CI a replica that cannot be made fails the run instead of skipping it.
    if (required) throw error;
    unavailable = (error as Error).message;
    console.warn(
      `\n⚠ No streaming replica (${unavailable}): the read-replica tests are SKIPPED.\n`,
    );
  }
}

describe.skipIf(!replica)('reads from a streaming replica (DATABASE_READ_URL)', () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let name: string;
  let organisationId: string;
  let programmeId: string;

  const callers = () => {
    const actor = systemActor(organisationId);
    return {
      // What the server builds with DATABASE_READ_URL set…
      routed: createCaller(createContext({ db: handle.db, readDb: handle.readDb, actor })),
      // …and the same calls on the primary alone.
      primary: createCaller(createContext({ db: handle.db, actor })),
    };
  };

  beforeAll(async () => {
    const scratch = await createScratchDatabase('jalon_replica');
    drop = scratch.drop;
    name = new URL(scratch.url).pathname.slice(1);
    handle = await openDatabase({
      url: scratch.url,
      readUrl: must(replica, 'replica').urlFor(name),
    });
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    programmeId = must(
      (await callers().primary.programme.list()).items.find((p) => p.code === 'CCS-C'),
      '(await callers().primary.programme.list()).items.find( (p) => p.cod...',
    ).id;
    await must(replica, 'replica').caughtUp();
  }, 180_000);

  afterAll(async () => {
    await replica?.resumeReplay().catch(() => {});
    await handle?.close();
    await drop?.();
    await replica?.stop();
  }, 60_000);

  const newActivity = (title: string) => ({
    programmeId,
    title,
    type: 'dialogue' as const,
    startDate: '2023-06-21',
    endDate: '2023-06-21',
    participants: { total: { value: 31, qualifier: 'exact' as const }, cells: [] },
  });

  it('is a real standby: it refuses writes', async () => {
    await expect(
      must(replica, 'replica').execute(name, 'create table jalon_nope (x int)'),
    ).rejects.toThrow(/read-only/);
  });

  it('reads a figure written on the primary from the replica once it has replayed', async () => {
    const { routed, primary } = callers();
    const period = '2023-Q2';
    const before = await routed.dashboard.summary({ period });
    await must(replica, 'replica').pauseReplay();
    await primary.activity.create(newActivity('Dialogue communautaire à Mopti'));

    // Replay paused: the report reads still see the replica's state, the primary sees the new activity.
    const stale = await routed.dashboard.summary({ period });
    const fresh = await primary.dashboard.summary({ period });
    expect(fresh.figures.activities).toBe(before.figures.activities + 1);
    expect(stale.figures.activities).toBe(before.figures.activities);
    expect((await routed.bulletin.figures({ period })).totals.activities).toBe(
      before.figures.activities,
    );
    const indicatorIds = [...new Set(before.indicators.map((i) => i.indicator.id))].slice(0, 50);
    const staleValues = await routed.indicator.values({ indicatorIds, period });
    expect(staleValues).toEqual(
      await createCaller(
        createContext({ db: handle.readDb, actor: systemActor(organisationId) }),
      ).indicator.values({ indicatorIds, period }),
    );
    // Writes never go to the replica, even while it lags.
    const again = await routed.activity.create(newActivity('Atelier de médiation à Gao'));
    expect(again.activity.id).toBeTruthy();

    await must(replica, 'replica').resumeReplay();
    await must(replica, 'replica').caughtUp();
    const after = await routed.dashboard.summary({ period });
    expect(after.figures.activities).toBe(before.figures.activities + 2);
    expect(after).toEqual(await primary.dashboard.summary({ period }));
    expect(await routed.indicator.values({ indicatorIds, period })).toEqual(
      await primary.indicator.values({ indicatorIds, period }),
    );
  });

  it('never reads from the replica to submit a report', async () => {
    const { routed, primary } = callers();
    const request = { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' };
    await must(replica, 'replica').caughtUp();
    await must(replica, 'replica').pauseReplay();
    await primary.activity.create({
      ...newActivity('Session de sensibilisation à Kayes'),
      grantIds: [
        must(
          (await primary.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
          "(await primary.grant.list()).items.find((g) => g.code === 'PROSMED-...",
        ).id,
      ],
    });
    // The figures of a model, without the moment it was computed.
    const figures = ({ generatedAt: _, ...rest }: { generatedAt: string }) => rest;
    const onPrimary = figures((await primary.report.model(request)).model);
    const onReplica = figures((await routed.report.model(request)).model);
    // The lagging replica does not count the new activity yet: the two models differ.
    expect(onReplica).not.toEqual(onPrimary);

    const submitted = await routed.report.submit(request);
    const snapshot = figures(
      must(
        await primary.report.snapshot({ id: submitted.id }),
        '(await primary.report.snapshot({ id: submitted.id }))',
      ).model,
    );
    expect(snapshot).toEqual(onPrimary);
    expect(snapshot).not.toEqual(onReplica);
    await must(replica, 'replica').resumeReplay();
  });
});

describe('read replica on the embedded database', () => {
  it('is refused for the embedded database', async () => {
    await expect(
      openDatabase({ dataDir: 'memory', readUrl: 'postgres://127.0.0.1:5433/x' }),
    ).rejects.toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
  });
});
