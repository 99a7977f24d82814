import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('activity mutations on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let organisationId: string;
  let programmeId: string;
  let base: Parameters<ReturnType<typeof createCaller>['activity']['create']>[0];
  const count = async (table: string) =>
    Number(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql.raw(`select count(*)::int as n from ${table}`),
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sql.raw(`select count(...',
      ).n,
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    programmeId = must(
      (await caller.programme.list()).items.find((p) => p.code === 'JPS'),
      "(await caller.programme.list()).items.find((p) => p.code === 'JPS')",
    ).id;
    base = {
      programmeId,
      title: 'Dialogue intergénérationnel à Ségou',
      type: 'dialogue',
      startDate: '2023-06-20',
      endDate: '2023-06-20',
      participants: {
        total: { value: 40, qualifier: 'exact' },
        cells: [
          { key: { sex: 'female' }, value: 18, qualifier: 'exact' },
          { key: { age: 'youth' }, value: 25, qualifier: 'exact' },
        ],
      },
    };
  });
  afterAll(async () => handle?.close());

  it('creates an activity with a partial breakdown; the young women stay an interval', async () => {
    const { activity } = await caller.activity.create(base);
    expect(activity.participants?.total).toEqual({ value: 40, qualifier: 'exact' });
    expect(activity.version).toBe(1);
    const figures = await caller.bulletin.figures({ period: '2023-06' });
    const jps = must(
      figures.programmes.find((p) => p.code === 'JPS'),
      "figures.programmes.find((p) => p.code === 'JPS')",
    );
    expect(jps.women.value).toBe(18);
    const { items } = await caller.indicator.list();
    const yteam = must(
      items.find((i) => i.code === 'YTEAM-JEUNES'),
      "items.find((i) => i.code === 'YTEAM-JEUNES')",
    );
    const v = await caller.indicator.values({
      indicatorIds: [yteam.id],
      period: '2023-06',
      breakdown: ['sex', 'age'],
    });
    const youngWomen = must(
      must(must(v.items[0], 'v.items[0]').value, 'v.items[0]!.value').breakdown,
      'v.items[0]!.value!.breakdown',
    ).cells.find((c) => c.key.sex === 'female' && c.key.age === 'youth');
    // 18 women and 25 youth among 40: between 3 and 18 young women, never a guess.
    expect(youngWomen?.value).toBeNull();
    expect(youngWomen?.bounds).toEqual({ lower: 3, upper: 18 });
    expect(
      await count(
        `audit_log where entity = 'activity' and action = 'create' and entity_id = '${activity.id}'`,
      ),
    ).toBe(1);
  });

  it('refuses an inconsistent breakdown with a clear message and writes nothing', async () => {
    const before = await count('activity');
    const audit = await count('audit_log');
    const error = await caller.activity
      .create({
        ...base,
        participants: {
          total: { value: 20, qualifier: 'exact' },
          cells: [{ key: { sex: 'female' }, value: 30, qualifier: 'exact' }],
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as Error).message).toMatch(/30 femmes/);
    expect(await count('activity')).toBe(before);
    expect(await count('audit_log')).toBe(audit);
    await expect(caller.activity.create({ ...base, endDate: '2023-06-19' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      caller.activity.create({
        ...base,
        participants: { total: { value: -3, qualifier: 'exact' }, cells: [] },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.activity.create({ ...base, placeIds: ['00000000-0000-4000-8000-000000000009'] }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await count('activity')).toBe(before);
  });

  it('detects concurrent edits: the second save gets a conflict and loses nothing silently', async () => {
    const { activity } = await caller.activity.create({ ...base, title: 'Atelier à concurrence' });
    const first = await caller.activity.update({
      id: activity.id,
      version: 1,
      activity: { ...base, title: 'Titre de Awa' },
    });
    expect(first.activity.version).toBe(2);
    await expect(
      caller.activity.update({
        id: activity.id,
        version: 1,
        activity: { ...base, title: 'Titre de Moussa' },
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await caller.activity.byId({ id: activity.id })).title).toBe('Titre de Awa');
    await expect(caller.activity.delete({ id: activity.id, version: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await caller.activity.delete({ id: activity.id, version: 2 });
    await expect(caller.activity.byId({ id: activity.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await count(`audit_log where entity_id = '${activity.id}'`)).toBe(3);
  });

  it('refuses every change to a fact of a locked grant period', async () => {
    const grant = must(
      (await caller.grant.list()).items.find((g) => g.code === 'Y-TEAM'),
      "(await caller.grant.list()).items.find((g) => g.code === 'Y-TEAM')",
    );
    const { activity } = await caller.activity.create({
      ...base,
      title: 'Avant verrouillage',
      grantIds: [grant.id],
    });
    await handle.db.execute(
      sql`insert into period_lock (organisation_id, grant_id, period_code, period_start, period_end)
          values (${organisationId}, ${grant.id}, '2023-Q2', '2023-04-01', '2023-06-30')`,
    );
    const locked = { code: 'PRECONDITION_FAILED' };
    await expect(caller.activity.create({ ...base, grantIds: [grant.id] })).rejects.toMatchObject(
      locked,
    );
    await expect(
      caller.activity.update({
        id: activity.id,
        version: 1,
        activity: { ...base, grantIds: [grant.id] },
      }),
    ).rejects.toMatchObject(locked);
    // Moving it out of the grant does not escape the lock either.
    await expect(
      caller.activity.update({ id: activity.id, version: 1, activity: base }),
    ).rejects.toMatchObject(locked);
    await expect(caller.activity.delete({ id: activity.id, version: 1 })).rejects.toMatchObject(
      locked,
    );
    // Another quarter of the same grant is open.
    await caller.activity.create({
      ...base,
      startDate: '2023-07-03',
      endDate: '2023-07-03',
      grantIds: [grant.id],
    });
  });

  it('never lets another organisation change an activity', async () => {
    const { activity } = await caller.activity.create({ ...base, title: 'Chez nous' });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(
      other.activity.update({ id: activity.id, version: 1, activity: base }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.activity.delete({ id: activity.id, version: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(other.activity.create(base)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
