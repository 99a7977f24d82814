import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';
import { must } from '@jalon/domain';

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
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql`select count(*)::int as n from audit_log where entity = 'place' and entity_id = ${id}`,
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sql`select count(*)::i...',
      ).n,
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = as('me-officer');
  });
  afterAll(async () => handle?.close());

  it('lists regions, children of a parent, and finds a name without its accent', async () => {
    const regions = await caller.place.list({ level: 'region', limit: 500 });
    expect(regions.items.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Bandiagara', 'Mopti', 'San', 'Ségou', 'Koutiala', 'Nara', 'Kayes']),
    );
    expect(regions.items.every((p) => p.level === 'region')).toBe(true);
    const mali = must(
      (await caller.place.list({ level: 'country', search: 'mali' })).items[0],
      "(await caller.place.list({ level: 'country', search: 'mali' })).ite...",
    );
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
    expect(
      await as('donor-viewer').place.byId({ id: must(segou.items[0], 'segou.items[0]').id }),
    ).toMatchObject({
      code: 'ML-SEGOU',
      path: 'ml/segou',
    });
  });

  it('sorts names in French order (Ménaka before Mopti), as Intl.Collator does, on every server', async () => {
    const mali = must(
      (await caller.place.list({ level: 'country', search: 'mali' })).items[0],
      "(await caller.place.list({ level: 'country', search: 'mali' })).ite...",
    );
    for (const [code, name] of [
      ['ML-EGLISE-T', 'Église'],
      ['ML-ETANG-T', 'étang'],
    ] as const)
      await caller.place.create({ code, name, level: 'region', parentId: mali.id });
    const children = await caller.place.list({ parentId: mali.id, sort: 'name', limit: 500 });
    const names = children.items.map((p) => p.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
    expect(names.indexOf('Ménaka')).toBeLessThan(names.indexOf('Mopti'));
    expect(names.indexOf('Église')).toBeLessThan(names.indexOf('étang'));
    expect(names.indexOf('étang')).toBeLessThan(names.indexOf('Gao'));
    for (const p of children.items.filter((c) => c.code.endsWith('-T')))
      await caller.place.delete({ id: p.id });
  });

  it('adds a cercle under its region, renames it, and audits both', async () => {
    const mopti = must(
      (await caller.place.list({ search: 'Mopti', level: 'region' })).items[0],
      "(await caller.place.list({ search: 'Mopti', level: 'region' })).ite...",
    );
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
    const mali = must(
      (await caller.place.list({ level: 'country', search: 'mali' })).items[0],
      "(await caller.place.list({ level: 'country', search: 'mali' })).ite...",
    );
    const kayes = must(
      (await caller.place.list({ search: 'Kayes' })).items[0],
      "(await caller.place.list({ search: 'Kayes' })).items[0]",
    );
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

  it('moves a cercle with its commune under another region: paths, filters and figures follow', async () => {
    const admin = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, organisationId, 'admin@wanep-mali.demo'),
      }),
    );
    const region = async (name: string) =>
      must(
        (await caller.place.list({ search: name, level: 'region' })).items[0],
        "(await caller.place.list({ search: name, level: 'region' })).items[0]",
      );
    const [mopti, segou] = [await region('Mopti'), await region('Ségou')];
    const cercle = await caller.place.create({
      code: 'ML-TENENKOU',
      name: 'Ténenkou',
      level: 'cercle',
      parentId: mopti.id,
    });
    const commune = await caller.place.create({
      code: 'ML-DIAFARABE',
      name: 'Diafarabé',
      level: 'commune',
      parentId: cercle.id,
    });
    // Its path begins like the moved cercle's: a prefix test without the slash would move it too.
    const lookalike = await caller.place.create({
      code: 'ML-TENENKOU2',
      name: 'Ténenkou bis',
      level: 'cercle',
      parentId: mopti.id,
    });
    expect(commune.path).toBe(`${mopti.path}/tenenkou/diafarabe`);
    expect(lookalike.path.startsWith(cercle.path)).toBe(true);

    const fps = must(
      (await caller.programme.list()).items.find((p) => p.code === 'FPS'),
      "(await caller.programme.list()).items.find((p) => p.code === 'FPS')",
    );
    await caller.activity.create({
      programmeId: fps.id,
      title: 'Dialogue intercommunautaire à Diafarabé',
      type: 'dialogue',
      startDate: '2023-05-20',
      endDate: '2023-05-20',
      placeIds: [commune.id],
      participants: null,
    });
    const countIn = async (code: string, places: string[]) =>
      (
        await caller.indicator.create({
          code,
          title: code,
          titleEn: code,
          unit: 'number',
          direction: 'higher-is-better',
          timeRule: 'sum',
          cumulative: false,
          source: { kind: 'activities', measure: 'count', filter: { places } },
        })
      ).id;
    const inMopti = await countIn('TEST-MOPTI', [mopti.path]);
    const inSegou = await countIn('TEST-SEGOU', [segou.path]);
    const inCommune = await countIn('TEST-DIAFARABE', [commune.path, 'ml/bamako']);
    const values = async () =>
      Object.fromEntries(
        (
          await caller.indicator.values({
            indicatorIds: [inMopti, inSegou, inCommune],
            period: '2023-Q2',
          })
        ).items.map((i) => [i.indicator.code, must(i.value, 'i.value').value]),
      );
    const before = await values();
    expect(before['TEST-DIAFARABE']).toBeGreaterThanOrEqual(1);

    const moved = await admin.place.update({ id: cercle.id, parentId: segou.id });
    expect(moved).toMatchObject({
      parentId: segou.id,
      path: `${segou.path}/tenenkou`,
      name: 'Ténenkou',
    });
    expect((await caller.place.byId({ id: commune.id })).path).toBe(
      `${segou.path}/tenenkou/diafarabe`,
    );
    expect((await caller.place.byId({ id: lookalike.id })).path).toBe(lookalike.path);
    expect((await caller.place.list({ parentId: segou.id, limit: 500 })).items).toContainEqual(
      expect.objectContaining({ id: cercle.id }),
    );
    // The activity now counts in Ségou, not in Mopti; the filter naming the commune followed it.
    const after = await values();
    expect(after['TEST-MOPTI']).toBe(must(before['TEST-MOPTI'], "before['TEST-MOPTI']") - 1);
    expect(after['TEST-SEGOU']).toBe(must(before['TEST-SEGOU'], "before['TEST-SEGOU']") + 1);
    expect(after['TEST-DIAFARABE']).toBe(before['TEST-DIAFARABE']);
    expect((await caller.indicator.byId({ id: inCommune })).source).toEqual({
      kind: 'activities',
      measure: 'count',
      filter: { places: [`${segou.path}/tenenkou/diafarabe`, 'ml/bamako'] },
    });

    const moves = await queryRows<{ entity_id: string; user_id: string | null; path: string }>(
      handle.db,
      sql`select entity_id, user_id, after->>'path' as path from audit_log
           where action = 'update' and after->>'path' like ${`${segou.path}/tenenkou%`}
           order by id`,
    );
    expect(moves.map((m) => m.entity_id).sort()).toEqual([cercle.id, commune.id].sort());
    expect(new Set(moves.map((m) => m.user_id)).size).toBe(1);
    expect(must(moves[0], 'moves[0]').user_id).not.toBeNull();
    expect(await audits(lookalike.id)).toBe(1);
  });

  it('refuses a move under itself or a place it contains, of the wrong level, or unknown', async () => {
    const en = as('me-officer', 'en');
    const mopti = must(
      (await caller.place.list({ search: 'Mopti', level: 'region' })).items[0],
      "(await caller.place.list({ search: 'Mopti', level: 'region' })).ite...",
    );
    const mali = must(
      (await caller.place.list({ level: 'country', search: 'mali' })).items[0],
      "(await caller.place.list({ level: 'country', search: 'mali' })).ite...",
    );
    const kayes = must(
      (await caller.place.list({ search: 'Kayes', level: 'region' })).items[0],
      "(await caller.place.list({ search: 'Kayes', level: 'region' })).ite...",
    );
    const senegal = must(
      (await caller.place.list({ level: 'country', search: 'senegal' })).items[0],
      "(await caller.place.list({ level: 'country', search: 'senegal' }))....",
    );
    const cercle = await caller.place.create({
      code: 'ML-YOUWAROU',
      name: 'Youwarou',
      level: 'cercle',
      parentId: mopti.id,
    });
    const cases: [Parameters<typeof caller.place.update>[0], string, RegExp][] = [
      [{ id: cercle.id, parentId: cercle.id }, 'BAD_REQUEST', /cannot move under itself/],
      [{ id: mopti.id, parentId: cercle.id }, 'BAD_REQUEST', /Youwarou .* lies within Mopti/],
      [{ id: cercle.id, parentId: mali.id }, 'BAD_REQUEST', /belongs under a region/],
      [{ id: cercle.id, parentId: null }, 'BAD_REQUEST', /Give the parent place/],
      [{ id: mali.id, parentId: kayes.id }, 'BAD_REQUEST', /Kayes .* lies within Mali/],
      [{ id: mali.id, parentId: senegal.id }, 'BAD_REQUEST', /A country is a root/],
      [
        { id: cercle.id, parentId: '00000000-0000-4000-8000-000000000009' },
        'BAD_REQUEST',
        /Unknown place/,
      ],
      [{ id: cercle.id }, 'BAD_REQUEST', /name|parent/],
    ];
    for (const [input, code, message] of cases)
      await expect(en.place.update(input), JSON.stringify(input)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
    await expect(caller.place.update({ id: mopti.id, parentId: cercle.id })).rejects.toThrow(
      /ne peut pas passer sous lui-même ni sous un lieu qu’il contient/,
    );
    expect(await caller.place.byId({ id: cercle.id })).toMatchObject({
      parentId: mopti.id,
      path: `${mopti.path}/youwarou`,
    });
    expect(await audits(cercle.id)).toBe(1);
    await expect(
      as('programme-officer').place.update({ id: cercle.id, parentId: kayes.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('removes a place nothing uses, audited; refuses one still used, saying what and how many', async () => {
    const admin = await demoActor(handle.db, organisationId, 'admin@wanep-mali.demo');
    const en = createCaller(createContext({ db: handle.db, actor: admin, locale: 'en' }));
    const bamako = must(
      (await caller.place.list({ search: 'Bamako', level: 'region' })).items[0],
      "(await caller.place.list({ search: 'Bamako', level: 'region' })).it...",
    );
    const spare = await caller.place.create({
      code: 'ML-KATI-TEST',
      name: 'Kati',
      level: 'locality',
      parentId: bamako.id,
    });
    expect(await en.place.delete({ id: spare.id })).toEqual({ id: spare.id });
    await expect(caller.place.byId({ id: spare.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [removed] = await queryRows<{ user_id: string; code: string }>(
      handle.db,
      sql`select user_id, before->>'code' as code from audit_log
           where entity = 'place' and entity_id = ${spare.id} and action = 'delete'`,
    );
    expect(removed).toEqual({ user_id: admin.userId, code: 'ML-KATI-TEST' });
    await expect(en.place.delete({ id: spare.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const [used] = await queryRows<{ places: number; activities: number; incidents: number }>(
      handle.db,
      sql`select (select count(*)::int from place where parent_id = ${bamako.id}) as places,
                 (select count(distinct activity_id)::int from activity_place where place_id = ${bamako.id}) as activities,
                 (select count(*)::int from incident where place_id = ${bamako.id}) as incidents`,
    );
    const counts = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from place where organisation_id = ${organisationId}`,
    );
    const refusal = await en.place
      .delete({ id: bamako.id })
      .catch((e: unknown) => e as { code: string; message: string });
    expect(refusal).toMatchObject({ code: 'CONFLICT' });
    const message = (refusal as { message: string }).message;
    expect(message).toMatch(/^This place is still used by .*: nothing was removed\./);
    if (must(used, 'used').activities)
      expect(message).toContain(`${must(used, 'used').activities} activit`);
    if (must(used, 'used').places) expect(message).toContain(`${must(used, 'used').places} place`);
    if (must(used, 'used').incidents)
      expect(message).toContain(`${must(used, 'used').incidents} incident`);
    expect(
      must(used, 'used').activities + must(used, 'used').places + must(used, 'used').incidents,
    ).toBeGreaterThan(0);

    // A path named by an indicator filter only: still refused, in French too.
    const named = await caller.place.create({
      code: 'ML-SIBY',
      name: 'Siby',
      level: 'locality',
      parentId: bamako.id,
    });
    await caller.indicator.create({
      code: 'TEST-SIBY',
      title: 'Activités à Siby',
      titleEn: 'Activities in Siby',
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: false,
      source: { kind: 'activities', measure: 'count', filter: { places: [named.path] } },
    });
    await expect(caller.place.delete({ id: named.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'Lieu encore utilisé(e) par 1 indicateur dont le filtre le nomme : rien n’a été supprimé. Supprimez-les ou rattachez-les ailleurs d’abord.',
    });
    await expect(as('manager').place.delete({ id: named.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql`select count(*)::int as n from place where organisation_id = ${organisationId}`,
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sql`select count(*)::i...',
      ).n,
    ).toBe(must(counts[0], 'counts[0]').n + 1);
  });

  it('shows another organisation nothing and lets it change nothing', async () => {
    const kayes = must(
      (await caller.place.list({ search: 'Kayes' })).items[0],
      "(await caller.place.list({ search: 'Kayes' })).items[0]",
    );
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
    await expect(other.place.delete({ id: kayes.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(other.place.update({ id: kayes.id, parentId: null })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await caller.place.byId({ id: kayes.id })).path).toBe('ml/kayes');
  });
});
