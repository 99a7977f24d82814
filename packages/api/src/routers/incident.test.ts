import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('incident register on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  const count = async (where: string) =>
    Number(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql.raw(`select count(*)::int as n from ${where}`),
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sql.raw(`select count(...',
      ).n,
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
  });
  afterAll(async () => handle?.close());

  it('records, corrects and removes an incident; the quarter follows and the audit log keeps each step', async () => {
    const created = await caller.incident.create({
      date: '2023-06-20',
      category: 'democracy-governance',
      deaths: 2,
      injuries: 5,
      verified: true,
    });
    let q2 = await caller.incident.summary({ period: '2023-Q2', by: 'category' });
    expect(q2.totals).toEqual({ incidents: 117, deaths: 155, injuries: 241 });
    await caller.incident.update({
      id: created.id,
      incident: {
        date: '2023-06-20',
        category: 'democracy-governance',
        deaths: 3,
        injuries: 5,
        verified: true,
      },
    });
    q2 = await caller.incident.summary({ period: '2023-Q2', by: 'month' });
    expect(q2.totals.deaths).toBe(156);
    await caller.incident.delete({ id: created.id });
    q2 = await caller.incident.summary({ period: '2023-Q2', by: 'region' });
    expect(q2.totals).toEqual({ incidents: 116, deaths: 153, injuries: 236 });
    expect(await count(`audit_log where entity = 'incident' and entity_id = '${created.id}'`)).toBe(
      3,
    );
  });

  it('refuses bad input and unknown places with a 4xx and writes nothing', async () => {
    const before = await count('incident');
    await expect(
      caller.incident.create({ date: '2023-06-31', category: 'democracy-governance' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.incident.create({ date: '2023-06-20', category: 'democracy-governance', deaths: -1 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      // @ts-expect-error a category outside the vocabulary
      caller.incident.create({ date: '2023-06-20', category: 'weather' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.incident.create({
        date: '2023-06-20',
        category: 'democracy-governance',
        placeId: '00000000-0000-4000-8000-000000000009',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await count('incident')).toBe(before);
  });

  it('never lets another organisation change or remove an incident', async () => {
    const { items } = await caller.incident.list({ period: '2023-04', limit: 1 });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(
      other.incident.delete({ id: must(items[0], 'items[0]').id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      other.incident.update({
        id: must(items[0], 'items[0]').id,
        incident: { date: '2023-04-02', category: 'environmental-security' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await other.incident.list()).total).toBe(0);
  });
});
