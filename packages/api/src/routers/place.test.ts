import { findOrganisationByCode, queryRows, seedDemo, sql, type DatabaseHandle } from '@jalon/db';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';

const kinds = await testDatabaseKinds();

describe.each(kinds)('places on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: ReturnType<typeof createCaller>;
  const as = (role: Parameters<typeof systemActor>[1], locale: 'fr' | 'en' = 'fr') =>
    createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId, role), locale }),
    );
  const audits = async (id: string) =>
    Number(
      (
        await queryRows<{ n: number }>(
          handle.db,
          sql`select count(*)::int as n from audit_log where entity = 'place' and entity_id = ${id}`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = (await findOrganisationByCode(handle.db, 'WANEP-ML'))!.id;
    caller = as('me-officer');
  });
  afterAll(async () => handle?.close());

  it('lists regions, children of a parent, and finds a name without its accent', async () => {
    const regions = await caller.place.list({ level: 'region', limit: 500 });
    expect(regions.items.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Bandiagara', 'Mopti', 'San', 'Ségou', 'Koutiala', 'Nara', 'Kayes']),
    );
    expect(regions.items.every((p) => p.level === 'region')).toBe(true);
    const mali = (await caller.place.list({ level: 'country', search: 'mali' })).items[0]!;
    const children = await caller.place.list({ parentId: mali.id, sort: 'name', limit: 500 });
    expect(children.total).toBe(regions.items.filter((r) => r.path.startsWith('ml/')).length);
    expect(children.items.slice(0, 3).map((p) => p.name)).toEqual([
      'Bamako',
      'Bandiagara',
      'Bougouni',
    ]);
    const segou = await caller.place.list({ search: 'segou' });
    expect(segou.items.map((p) => p.name)).toEqual(['Ségou']);
    const page = await caller.place.list({ limit: 2, offset: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(20);
    expect(await as('donor-viewer').place.byId({ id: segou.items[0]!.id })).toMatchObject({
      code: 'ML-SEGOU',
      path: 'ml/segou',
    });
  });

  it('adds a cercle under its region, renames it, and audits both', async () => {
    const mopti = (await caller.place.list({ search: 'Mopti', level: 'region' })).items[0]!;
    const cercle = await caller.place.create({
      code: 'ML-MOPTI-DJENNE',
      name: 'Djene',
      level: 'cercle',
      parentId: mopti.id,
    });
    expect(cercle).toMatchObject({
      level: 'cercle',
      parentId: mopti.id,
      path: 'ml/mopti/mopti-djenne',
    });
    const renamed = await caller.place.update({ id: cercle.id, name: 'Djenné' });
    expect(renamed.name).toBe('Djenné');
    expect((await caller.place.list({ parentId: mopti.id })).items.map((p) => p.name)).toEqual([
      'Djenné',
    ]);
    expect(await audits(cercle.id)).toBe(2);
  });

  it('refuses a wrong level, an unknown parent, a duplicate code, and other roles', async () => {
    const mali = (await caller.place.list({ level: 'country', search: 'mali' })).items[0]!;
    const kayes = (await caller.place.list({ search: 'Kayes' })).items[0]!;
    await expect(
      as('me-officer', 'en').place.create({
        code: 'ML-X',
        name: 'X',
        level: 'cercle',
        parentId: mali.id,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('a region') });
    await expect(
      caller.place.create({ code: 'ML-Y', name: 'Y', level: 'region', parentId: null }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.place.create({
        code: 'ML-Z',
        name: 'Z',
        level: 'region',
        parentId: '00000000-0000-4000-8000-000000000009',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/lieu inconnu/i),
    });
    await expect(
      caller.place.create({ code: 'ML-KAYES', name: 'Kayes', level: 'region', parentId: mali.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      caller.place.create({ code: 'ml kayes', name: 'Kayes', level: 'region', parentId: mali.id }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      as('programme-officer').place.update({ id: kayes.id, name: 'Kayes!' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as('manager').place.update({ id: kayes.id, name: 'K' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await caller.place.byId({ id: kayes.id })).name).toBe('Kayes');
  });

  it('shows another organisation nothing and lets it change nothing', async () => {
    const kayes = (await caller.place.list({ search: 'Kayes' })).items[0]!;
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    expect((await other.place.list()).total).toBe(0);
    await expect(other.place.byId({ id: kayes.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.place.update({ id: kayes.id, name: 'X' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      other.place.create({ code: 'ML-C', name: 'C', level: 'cercle', parentId: kayes.id }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
