import { findOrganisationByCode, queryRows, seedDemo, sql, type DatabaseHandle } from '@jalon/db';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

describe.each(kinds)('programmes on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: ReturnType<typeof createCaller>;
  const as = (role: Parameters<typeof systemActor>[1]) =>
    createCaller(createContext({ db: handle.db, actor: systemActor(organisationId, role) }));

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = (await findOrganisationByCode(handle.db, 'WANEP-ML'))!.id;
    caller = as('network-admin');
  });
  afterAll(async () => handle?.close());

  it('opens a programme and renames it; both steps are audited', async () => {
    const created = await caller.programme.create({
      code: 'GOUV',
      name: 'Gouvernance locale',
      nameEn: 'Local governance',
    });
    expect(created).toMatchObject({ code: 'GOUV', description: null });
    const updated = await as('me-officer').programme.update({
      id: created.id,
      programme: {
        name: 'Gouvernance locale et redevabilité',
        nameEn: 'Local governance and accountability',
        description: 'Dialogues élus–citoyens.',
      },
    });
    expect(updated).toMatchObject({ code: 'GOUV', nameEn: 'Local governance and accountability' });
    expect((await caller.programme.list()).items.map((p) => p.code)).toContain('GOUV');
    const audit = await queryRows<{ action: string }>(
      handle.db,
      sql`select action from audit_log where entity = 'programme' and entity_id = ${created.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('refuses a duplicate code, a lower-case code, an unknown programme and other roles', async () => {
    await expect(
      caller.programme.create({ code: 'FPS', name: 'x', nameEn: 'x' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      caller.programme.create({ code: 'fps 2', name: 'x', nameEn: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.programme.update({
        id: '00000000-0000-4000-8000-000000000009',
        programme: { name: 'x', nameEn: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const fps = (await caller.programme.list()).items.find((p) => p.code === 'FPS')!;
    for (const role of ['programme-officer', 'manager', 'donor-viewer'] as const)
      await expect(
        as(role).programme.update({ id: fps.id, programme: { name: 'x', nameEn: 'x' } }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(
      other.programme.update({ id: fps.id, programme: { name: 'x', nameEn: 'x' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await caller.programme.byId({ id: fps.id })).name).toBe('Femme, paix et sécurité');
  });
});
