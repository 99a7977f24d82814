import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

/*
 * A narrowed reader whose scope is empty (a programme officer given no programme yet, a donor
 * given no grant) reaches nothing: the dashboard counts nothing for her, never the whole
 * organisation (an empty filter list means « no filter » to the fact filters).
 */
describe.each(await testDatabaseKinds())('dashboard.summary for an empty scope (%s)', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
  }, 180_000);
  afterAll(async () => handle?.close());

  const as = (role: 'programme-officer' | 'donor-viewer', ids: string[]) =>
    createCaller(
      createContext({
        db: handle.db,
        actor: {
          ...systemActor(organisationId, role),
          programmeIds: role === 'programme-officer' ? ids : [],
          grantIds: role === 'donor-viewer' ? ids : [],
        },
      }),
    );

  it('counts nothing for a programme officer without programmes or a donor without grants', async () => {
    const staff = createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId) }),
    );
    const all = await staff.dashboard.summary({ period: '2023-Q2' });
    expect(all.figures.activities).toBeGreaterThan(0);
    for (const role of ['programme-officer', 'donor-viewer'] as const) {
      // Either refused in words or answered with nothing: never the organisation's figures.
      const mine = await as(role, [])
        .dashboard.summary({ period: '2023-Q2' })
        .catch((e: unknown) => e);
      if (mine instanceof TRPCError) {
        expect(mine.code, role).toBe('FORBIDDEN');
        continue;
      }
      const summary = mine as Awaited<ReturnType<typeof staff.dashboard.summary>>;
      expect(summary.figures.activities, role).toBe(0);
      expect(summary.figures.participants.value, role).toBe(0);
      expect(summary.indicators, role).toEqual([]);
    }
  });

  it('counts one programme for an officer of that programme, less than the organisation', async () => {
    const staff = createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId) }),
    );
    const all = await staff.dashboard.summary({ period: '2023-Q2' });
    const programme = must(
      (await staff.programme.list()).items.find((p) => p.code === 'FPS'),
      'the FPS programme',
    );
    const officer = await as('programme-officer', [programme.id]).dashboard.summary({
      period: '2023-Q2',
    });
    const byFilter = await staff.dashboard.summary({
      period: '2023-Q2',
      programme: programme.code,
    });
    expect(officer.figures).toEqual(byFilter.figures);
    expect(officer.figures.activities).toBeLessThan(all.figures.activities);
  });
});
