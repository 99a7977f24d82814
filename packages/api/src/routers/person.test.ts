import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();

describe.each(kinds)('person.list (the register of named participants) on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: ReturnType<typeof createCaller>;
  const as = async (email: string) =>
    createCaller(
      createContext({ db: handle.db, actor: await demoActor(handle.db, organisationId, email) }),
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    const programmes = (await caller.programme.list()).items;
    const idOf = (code: string) =>
      must(
        programmes.find((p) => p.code === code),
        code,
      ).id;
    const named = async (programme: string, title: string, participants: object[]) => {
      const { activity } = await caller.activity.create({
        programmeId: idOf(programme),
        title,
        type: 'dialogue',
        startDate: '2023-06-20',
        endDate: '2023-06-20',
        participants: { total: { value: 10, qualifier: 'exact' }, cells: [] },
      });
      await caller.attendance.set({
        activityId: activity.id,
        participants: participants as never,
      });
    };
    await named('FPS', 'Causerie FPS', [
      { code: 'FPS-001', displayName: 'Awa Traoré', sex: 'female', ageGroup: 'youth' },
      { code: 'FPS-002', displayName: 'Mariam Koné', sex: 'female', ageGroup: 'adult' },
    ]);
    await named('NEWS', 'Retraite NEWS', [
      { code: 'NEWS-001', displayName: 'Oumar Diallo', sex: 'male', ageGroup: 'adult' },
      { code: 'FPS-001', sex: 'female', ageGroup: 'youth', date: '2023-06-20' },
    ]);
  }, 180_000);
  afterAll(async () => handle?.close());

  it('searches with accents and case ignored, filters, sorts and pages', async () => {
    const all = await caller.person.list();
    expect(all.total).toBe(3);
    expect(all.items.map((p) => p.code)).toEqual(['FPS-001', 'FPS-002', 'NEWS-001']);
    expect(all.items[0]).toMatchObject({ participations: 2, lastSeen: '2023-06-20' });
    // « traore » finds « Traoré », « KONE » finds « Koné »
    expect((await caller.person.list({ search: 'traore' })).items.map((p) => p.code)).toEqual([
      'FPS-001',
    ]);
    expect((await caller.person.list({ search: 'KONE fps' })).items.map((p) => p.code)).toEqual([
      'FPS-002',
    ]);
    expect((await caller.person.list({ sex: 'male' })).items.map((p) => p.code)).toEqual([
      'NEWS-001',
    ]);
    const bySeen = await caller.person.list({ sort: '-participations', limit: 1, offset: 0 });
    expect(bySeen).toMatchObject({ total: 3, items: [{ code: 'FPS-001' }] });
    const page2 = await caller.person.list({ sort: 'name', limit: 2, offset: 2 });
    expect(page2.items.map((p) => p.code)).toEqual(['NEWS-001']);
  });

  it('gives the programme officer her programmes’ people, counted at her activities; refuses donors', async () => {
    const officer = await as('programme@wanep-mali.demo');
    const mine = await officer.person.list();
    expect(mine.items.map((p) => p.code)).toEqual(['FPS-001', 'FPS-002']);
    // Seen twice, but once at her programme's activities.
    expect(mine.items[0]?.participations).toBe(1);
    const news = must(
      (await caller.programme.list()).items.find((p) => p.code === 'NEWS'),
      'NEWS',
    ).id;
    await expect(officer.person.list({ programmeId: news })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const donor = await as('pnud@wanep-mali.demo');
    await expect(donor.person.list()).rejects.toBeInstanceOf(TRPCError);
    const manager = await as('direction@wanep-mali.demo');
    expect((await manager.person.list()).total).toBe(3);
  });

  it('counts the same whichever the sort (one grouped pass or a count per person), within a reach too', async () => {
    const officer = await as('programme@wanep-mali.demo');
    const seen = (r: {
      items: { code: string; participations: number; lastSeen: string | null }[];
    }) => r.items.map((p) => `${p.code} ${p.participations} ${p.lastSeen}`).sort();
    for (const who of [caller, officer]) {
      const byCode = await who.person.list({ limit: 500 });
      for (const sort of ['name', '-participations', '-last-seen'] as const) {
        const sorted = await who.person.list({ sort, limit: 500 });
        expect(sorted.total, sort).toBe(byCode.total);
        expect(seen(sorted), sort).toEqual(seen(byCode));
      }
    }
  });

  it('holds the register to the programme asked for, for the whole organisation’s roles too', async () => {
    const news = must(
      (await caller.programme.list()).items.find((p) => p.code === 'NEWS'),
      'NEWS',
    ).id;
    for (const sort of ['code', '-participations', '-last-seen'] as const) {
      const inNews = await caller.person.list({ programmeId: news, sort });
      expect(inNews.total, sort).toBe(2);
      expect(
        inNews.items.map((p) => [p.code, p.participations]),
        sort,
      ).toEqual([
        ['FPS-001', 1],
        ['NEWS-001', 1],
      ]);
    }
  });
});
