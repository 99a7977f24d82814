import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
type Caller = ReturnType<typeof createCaller>;

describe.each(kinds)('audit trail on %s', (kind) => {
  let handle: DatabaseHandle;
  const as: Record<'admin' | 'me' | 'officer' | 'manager' | 'donor', Caller> = {} as never;
  let activityId: string;
  let officerId: string;
  let startedAt: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    const emails = {
      admin: 'admin@wanep-mali.demo',
      me: 'suivi@wanep-mali.demo',
      officer: 'programme@wanep-mali.demo',
      manager: 'direction@wanep-mali.demo',
      donor: 'pnud@wanep-mali.demo',
    } as const;
    for (const [k, email] of Object.entries(emails)) {
      const actor = await demoActor(handle.db, org, email);
      if (k === 'officer') officerId = must(actor.userId, 'actor.userId');
      as[k as keyof typeof as] = createCaller(createContext({ db: handle.db, actor }));
    }
    startedAt = new Date(Date.now() - 1000).toISOString();
    const fps = must(
      (await as.me.programme.list()).items.find((p) => p.code === 'FPS'),
      "(await as.me.programme.list()).items.find((p) => p.code === 'FPS')",
    );
    const input = {
      programmeId: fps.id,
      title: 'Causerie à Mopti',
      type: 'awareness' as const,
      startDate: '2023-10-03',
      endDate: '2023-10-03',
    };
    const { activity } = await as.officer.activity.create(input);
    activityId = activity.id;
    await as.officer.activity.update({
      id: activity.id,
      version: 1,
      activity: { ...input, title: 'Causerie à Mopti (Sévaré)' },
    });
    await as.officer.activity.submit({ id: activity.id, version: 2 });
    await as.me.activity.validate({ id: activity.id, version: 3 });
  }, 60_000);
  afterAll(async () => handle?.close());

  it('lists a record’s changes newest first: who (email), what, before and after', async () => {
    const { items, total } = await as.me.audit.list({ entity: 'activity', entityId: activityId });
    expect(total).toBe(4);
    expect(items.map((e) => [e.action, e.user?.email])).toEqual([
      ['validate', 'suivi@wanep-mali.demo'],
      ['submit', 'programme@wanep-mali.demo'],
      ['update', 'programme@wanep-mali.demo'],
      ['create', 'programme@wanep-mali.demo'],
    ]);
    const update = must(items[2], 'items[2]');
    expect(update.before).toMatchObject({ title: 'Causerie à Mopti', version: 1 });
    expect(update.after).toMatchObject({ title: 'Causerie à Mopti (Sévaré)', version: 2 });
    expect(must(items[3], 'items[3]').before).toBeNull();
    // The seed's rows were written by the system: no user.
    const seeded = await as.admin.audit.list({ limit: 1, to: startedAt });
    expect(seeded.items.every((e) => e.user === null)).toBe(true);
  });

  it('filters by user and by date, and pages', async () => {
    const mine = await as.admin.audit.list({ userId: officerId });
    expect(mine.items.map((e) => e.action)).toEqual(['submit', 'update', 'create']);
    const page = await as.admin.audit.list({ userId: officerId, limit: 1, offset: 1 });
    expect([page.total, page.items.map((e) => e.action)]).toEqual([3, ['update']]);
    expect((await as.admin.audit.list({ from: startedAt })).total).toBe(4);
    expect((await as.admin.audit.list({ from: '2999-01-01' })).items).toEqual([]);
    expect((await as.admin.audit.list({ to: '2000-01-01' })).items).toEqual([]);
    await expect(
      as.admin.audit.list({ from: '2024-02-01', to: '2024-01-01' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('is read by the network admin and the M&E officer only, and never across organisations', async () => {
    for (const role of ['officer', 'manager', 'donor'] as const)
      await expect(as[role].audit.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    expect(await other.audit.list({ entityId: activityId })).toEqual({ items: [], total: 0 });
  });
});
