import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('donors on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: ReturnType<typeof createCaller>;
  const as = (role: Parameters<typeof systemActor>[1], locale: 'fr' | 'en' = 'fr') =>
    createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId, role), locale }),
    );
  const audits = async (id: string) =>
    (
      await queryRows<{ action: string }>(
        handle.db,
        sql`select action from audit_log where entity = 'donor' and entity_id = ${id} order by id`,
      )
    ).map((r) => r.action);

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = as('network-admin');
  });
  afterAll(async () => handle?.close());

  it('lists the seeded donors with the grants each funds, searched and paged', async () => {
    const all = await as('donor-viewer').donor.list();
    expect(all.items.map((d) => d.code)).toEqual([
      'CEDEAO',
      'DRC',
      'INTERPEACE',
      'NL-MFA',
      'PNUD',
      'WANEP-REG',
    ]);
    expect(
      must(
        all.items.find((d) => d.code === 'PNUD'),
        "all.items.find((d) => d.code === 'PNUD')",
      ).grants,
    ).toBe(1);
    expect((await caller.donor.list({ search: 'pays-bas' })).items.map((d) => d.code)).toEqual([
      'NL-MFA',
    ]);
    const page = await caller.donor.list({ sort: 'name', limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 6 });
    expect(page.items).toHaveLength(2);
    const nl = must(
      all.items.find((d) => d.code === 'NL-MFA'),
      "all.items.find((d) => d.code === 'NL-MFA')",
    );
    expect(await as('programme-officer').donor.byId({ id: nl.id })).toMatchObject({
      iatiRef: 'XM-DAC-7',
    });
  });

  it('creates, corrects and removes a donor, with an audit row for each step', async () => {
    const created = await as('me-officer').donor.create({ code: 'SIDA', name: 'Sida' });
    expect(created).toMatchObject({ code: 'SIDA', iatiRef: null, grants: 0 });
    const updated = await caller.donor.update({
      id: created.id,
      donor: { code: 'SIDA', name: 'Agence suédoise (Sida)', iatiRef: 'SE-0' },
    });
    expect(updated).toMatchObject({ name: 'Agence suédoise (Sida)', iatiRef: 'SE-0' });
    await caller.donor.delete({ id: created.id });
    await expect(caller.donor.byId({ id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await audits(created.id)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses a duplicate code, and the removal of a donor that funds grants, with a CONFLICT', async () => {
    const pnud = must(
      (await caller.donor.list({ search: 'PNUD' })).items[0],
      "(await caller.donor.list({ search: 'PNUD' })).items[0]",
    );
    const drc = must(
      (await caller.donor.list({ search: 'DRC' })).items[0],
      "(await caller.donor.list({ search: 'DRC' })).items[0]",
    );
    await expect(caller.donor.create({ code: 'PNUD', name: 'Encore' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      caller.donor.update({ id: drc.id, donor: { code: 'PNUD', name: 'x', iatiRef: null } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(as('network-admin', 'en').donor.delete({ id: pnud.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('used by 1 grant'),
    });
    expect((await caller.donor.byId({ id: pnud.id })).grants).toBe(1);
    expect(await audits(pnud.id)).toEqual([]);
  });

  it('refuses bad input, other roles and other organisations', async () => {
    const pnud = must(
      (await caller.donor.list({ search: 'PNUD' })).items[0],
      "(await caller.donor.list({ search: 'PNUD' })).items[0]",
    );
    await expect(caller.donor.create({ code: '', name: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(as('manager').donor.create({ code: 'X', name: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(as('donor-viewer').donor.delete({ id: pnud.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    expect((await other.donor.list()).total).toBe(0);
    await expect(other.donor.byId({ id: pnud.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.donor.delete({ id: pnud.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
