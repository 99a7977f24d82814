import { demo, findOrganisationByCode, isEmpty, seedDemo, type DatabaseHandle } from '@jalon/db';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from './context';
import { createCaller } from './router';

const kinds = await testDatabaseKinds();

describe.each(kinds)('routers through createCaller on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let callerEn: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    expect(await isEmpty(handle.db)).toBe(true);
    await seedDemo(handle.db);
    const organisationId = (await findOrganisationByCode(handle.db, 'WANEP-ML'))!.id;
    caller = createCaller(createContext({ db: handle.db, organisationId }));
    callerEn = createCaller(createContext({ db: handle.db, organisationId, locale: 'en' }));
  });
  afterAll(async () => handle?.close());

  it('programme.list returns the seven programmes and byId finds each', async () => {
    const { items } = await caller.programme.list();
    expect(items.map((p) => p.code).sort()).toEqual(demo.demoProgrammes.map((p) => p.code).sort());
    for (const p of items) expect(await caller.programme.byId({ id: p.id })).toEqual(p);
  });

  it('activity.list filters by period and programme', async () => {
    const q2 = await caller.activity.list({ period: '2023-Q2' });
    expect(q2.total).toBe(demo.demoActivities.length);
    const q3 = await caller.activity.list({ period: '2023-Q3' });
    expect(q3.total).toBe(0);
    const june = await caller.activity.list({ period: '2023-06' });
    expect(june.items.map((a) => a.code)).toEqual(['FPS-2023-06-15-GENDER-TALK']);
    const jps = await caller.activity.list({ period: '2023', programmeCode: 'JPS' });
    expect(jps.items.every((a) => a.programme.code === 'JPS')).toBe(true);
    expect(jps.total).toBe(2);
    const causerie = q2.items.find((a) => a.code === 'FPS-2023-05-09-CAUSERIE-MGF')!;
    expect(causerie.participants?.total).toEqual({ value: 150, qualifier: 'exact' });
    expect(await caller.activity.byId({ id: causerie.id })).toEqual(causerie);
  });

  it('refuses bad input with a clear, translated BAD_REQUEST', async () => {
    await expect(caller.activity.list({ period: '2023-Q5' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.activity.list({ limit: -1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.activity.byId({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const fr = await caller.activity.list({ period: 'hier' }).catch((e: unknown) => e);
    const en = await callerEn.activity.list({ period: 'hier' }).catch((e: unknown) => e);
    expect(fr).toBeInstanceOf(TRPCError);
    expect((fr as TRPCError).message).not.toEqual((en as TRPCError).message);
  });

  it('answers NOT_FOUND for an unknown id, in the caller language', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    await expect(caller.activity.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Activité introuvable.' });
    await expect(callerEn.programme.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Programme not found.' });
  });

  it('never shows another organisation its data', async () => {
    const other = createCaller(createContext({ db: handle.db, organisationId: '00000000-0000-4000-8000-0000000000aa' }));
    expect((await other.activity.list()).total).toBe(0);
    expect((await other.programme.list()).items).toEqual([]);
    const { items } = await caller.activity.list();
    await expect(other.activity.byId({ id: items[0]!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const none = createCaller(createContext({ db: handle.db, organisationId: null }));
    await expect(none.activity.list()).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });
});
