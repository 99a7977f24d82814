import { must } from '@jalon/domain';
import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';
import { temporaryPassword } from './user';

const kinds = await testDatabaseKinds();

describe('temporaryPassword', () => {
  it('is long rather than complex, with no look-alike characters, and never twice the same', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = temporaryPassword();
      expect(p).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

describe.each(kinds)('users and roles on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let admin: ReturnType<typeof createCaller>;
  let adminEn: ReturnType<typeof createCaller>;
  let me: ReturnType<typeof createCaller>;
  let fps: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    const as = async (email: string, locale: 'fr' | 'en' = 'fr') =>
      createCaller(
        createContext({ db: handle.db, actor: await demoActor(handle.db, org, email), locale }),
      );
    admin = await as('admin@wanep-mali.demo');
    adminEn = await as('admin@wanep-mali.demo', 'en');
    me = await as('suivi@wanep-mali.demo');
    fps = must(
      (await admin.programme.list()).items.find((p) => p.code === 'FPS'),
      '(await admin.programme.list()).items.find((p) => p.code =...',
    ).id;
  }, 60_000);
  afterAll(async () => handle?.close());

  const audits = async (entity: string) =>
    (
      await queryRows<{ action: string }>(
        handle.db,
        sql`select action from audit_log where entity = ${entity} order by id`,
      )
    ).map((r) => r.action);

  it('lists the members with their roles, for the network admin alone', async () => {
    const { items } = await admin.user.list();
    expect(items.find((u) => u.email === 'admin@wanep-mali.demo')?.role).toBe('network-admin');
    expect(items.find((u) => u.email === 'suivi@wanep-mali.demo')?.role).toBe('me-officer');
    await expect(me.user.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('creates a programme officer limited to one programme, with a temporary password shown once', async () => {
    const created = await admin.user.create({
      email: ' Fatou.Traore@Example.org ',
      name: 'Fatou Traoré',
      role: 'programme-officer',
      programmeIds: [fps],
    });
    expect(created.temporaryPassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const [stored] = await queryRows<{ password_hash: string; email: string }>(
      handle.db,
      sql`select password_hash, email from app_user where id = ${created.userId}`,
    );
    expect(must(stored, 'stored').email).toBe('fatou.traore@example.org');
    expect(must(stored, 'stored').password_hash).not.toContain(
      must(created.temporaryPassword, 'created.temporaryPassword'),
    );
    expect(
      await verifyPassword(
        must(created.temporaryPassword, 'created.temporaryPassword'),
        must(stored, 'stored').password_hash,
      ),
    ).toBe(true);
    const member = must(
      (await admin.user.list()).items.find((u) => u.userId === created.userId),
      '(await admin.user.list()).items.find((u) => u.userId === ...',
    );
    expect(member).toMatchObject({ role: 'programme-officer', programmeIds: [fps], grantIds: [] });

    await expect(
      admin.user.create({ email: 'fatou.traore@example.org', name: 'Encore', role: 'manager' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('fatou.traore') });
    await expect(
      admin.user.create({
        email: 'autre@example.org',
        name: 'Autre',
        role: 'programme-officer',
        programmeIds: ['00000000-0000-4000-8000-000000000001'],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await admin.user.list()).items.some((u) => u.email === 'autre@example.org')).toBe(
      false,
    );
    expect(await audits('membership')).toEqual(['create']);
  });

  it('changes a role, and deactivates a member at once: her sessions close, her account stays', async () => {
    const fatou = must(
      (await admin.user.list()).items.find((u) => u.email === 'fatou.traore@example.org'),
      '(await admin.user.list()).items.find( (u) => u.email === ...',
    );
    await admin.user.setRole({ userId: fatou.userId, role: 'manager' });
    expect((await admin.user.list()).items.find((u) => u.userId === fatou.userId)).toMatchObject({
      role: 'manager',
      programmeIds: [],
    });
    await queryRows(
      handle.db,
      sql`insert into session (organisation_id, user_id, token_hash, expires_at)
          values (${org}, ${fatou.userId}, 'fatou-session', now() + interval '1 day')`,
    );
    await admin.user.deactivate({ userId: fatou.userId });
    expect((await admin.user.list()).items.some((u) => u.userId === fatou.userId)).toBe(false);
    const left = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from session where user_id = ${fatou.userId}`,
    );
    expect(must(left[0], 'left[0]').n).toBe(0);
    // Given a role again: the same account, no new password.
    const back = await admin.user.create({
      email: 'fatou.traore@example.org',
      name: 'Fatou Traoré',
      role: 'me-officer',
    });
    expect(back).toEqual({ userId: fatou.userId, temporaryPassword: null });
    expect(await audits('membership')).toEqual(['create', 'update', 'delete', 'create']);
  });

  it('never lets the network lose its last admin, said in words', async () => {
    const self = must(
      (await admin.user.list()).items.find((u) => u.email === 'admin@wanep-mali.demo'),
      "(await admin.user.list()).items.find((u) => u.email === '...",
    );
    await expect(
      admin.user.setRole({ userId: self.userId, role: 'me-officer' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('dernier administrateur du réseau'),
    });
    await expect(adminEn.user.deactivate({ userId: self.userId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('last administrator'),
    });
    expect((await admin.user.list()).items.find((u) => u.userId === self.userId)?.role).toBe(
      'network-admin',
    );
  });

  it('touches no member of another organisation', async () => {
    const [other] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into organisation (id, organisation_id, code, name, kind, country)
          values ('7e1d0c2b-3a4f-4e5d-9c8b-7a6f5e4d3c2b', '7e1d0c2b-3a4f-4e5d-9c8b-7a6f5e4d3c2b',
                  'AUTRE-RESEAU', 'Autre réseau', 'national-network', 'SN') returning id`,
    );
    const [stranger] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into app_user (organisation_id, email, name) values (${must(other, 'other').id}, 'etrangere@example.org', 'Étrangère') returning id`,
    );
    await queryRows(
      handle.db,
      sql`insert into membership (organisation_id, user_id, role) values (${must(other, 'other').id}, ${must(stranger, 'stranger').id}, 'network-admin')`,
    );
    await expect(
      admin.user.deactivate({ userId: must(stranger, 'stranger').id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      admin.user.setRole({ userId: must(stranger, 'stranger').id, role: 'donor-viewer' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await admin.user.list()).items.some((u) => u.userId === must(stranger, 'stranger').id),
    ).toBe(false);
  });

  it.runIf(kind === 'postgres')(
    'of two admins removing each other at the same moment, one is refused: one admin stays',
    async () => {
      const second = await admin.user.create({
        email: 'second.admin@example.org',
        name: 'Second admin',
        role: 'network-admin',
      });
      const first = must(
        (await admin.user.list()).items.find((u) => u.email === 'admin@wanep-mali.demo'),
        '(await admin.user.list()).items.find( (u) => u.email === ...',
      );
      const secondCaller = createCaller(
        createContext({
          db: handle.db,
          actor: await demoActor(handle.db, org, 'second.admin@example.org'),
        }),
      );
      const outcomes = await Promise.allSettled([
        admin.user.setRole({ userId: second.userId, role: 'me-officer' }),
        secondCaller.user.setRole({ userId: first.userId, role: 'me-officer' }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
      const admins = (await admin.user.list()).items.filter((u) => u.role === 'network-admin');
      expect(admins).toHaveLength(1);
    },
  );
});
