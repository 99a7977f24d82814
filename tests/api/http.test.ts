import type { AppRouter } from '@jalon/api';
import { testDatabaseKinds } from '@jalon/db/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJalon, type RunningJalon } from '../src/server';

const kinds = await testDatabaseKinds();

describe.runIf(kinds.includes('postgres'))('the built server over HTTP, on PostgreSQL', () => {
  let jalon: RunningJalon;
  let client: ReturnType<typeof createTRPCClient<AppRouter>>;
  beforeAll(async () => {
    jalon = await startJalon();
    // Signed in as the M&E officer, as a script using Jalon's API would be.
    const login = await fetch(`${jalon.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: jalon.url },
      body: JSON.stringify({ email: 'suivi@wanep-mali.demo', password: 'jalon-demo-2023' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${jalon.url}/trpc`, headers: { cookie } })],
    });
  });
  afterAll(async () => jalon?.stop());

  it('reports itself healthy on PostgreSQL', async () => {
    const res = await fetch(`${jalon.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'postgres' });
  });

  it('lists the bulletin Q2 2023 activities through the typed client', async () => {
    const { items, total } = await client.activity.list.query({ period: '2023-Q2' });
    expect(total).toBe(20);
    const titles = items.map((a) => a.title).join('\n');
    expect(titles).toMatch(/Gender Talk/);
    expect(titles).toMatch(/Comités consultatifs de sécurité communaux/);
    const ccsc = items.find((a) => a.code === 'CCS-C-2023-T2-FORMATIONS')!;
    expect(ccsc.participants).toEqual({
      total: { value: 325, qualifier: 'at-least' },
      cells: [
        { key: { age: 'youth' }, value: 117, qualifier: 'exact' },
        { key: { sex: 'female' }, value: 78, qualifier: 'exact' },
      ],
    });
    const { items: programmes } = await client.programme.list.query();
    expect(programmes).toHaveLength(7);
  });

  it('batches calls and returns errors as TRPCClientError with the code', async () => {
    const [a, b] = await Promise.allSettled([
      client.activity.list.query({ period: '2023-06' }),
      client.activity.list.query({ period: 'pas une période' }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    const error = (b as PromiseRejectedResult).reason as TRPCClientError<AppRouter>;
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(error.data?.code).toBe('BAD_REQUEST');
  });

  it('refuses the API to a caller without a session, and tells who is signed in', async () => {
    const anonymous = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${jalon.url}/trpc` })],
    });
    await expect(anonymous.activity.list.query({ period: '2023-Q2' })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED', httpStatus: 401 },
    });
    expect(await anonymous.session.me.query()).toBeNull();
    expect((await client.session.me.query())?.role).toBe('me-officer');
  });

  it('serves the web app at the same address, sending a visitor to the sign-in page', async () => {
    const res = await fetch(`${jalon.url}/activites`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/connexion?suite=%2Factivites');
    const en = await fetch(`${jalon.url}/en/activities?period=2023-Q2`, { redirect: 'manual' });
    expect(en.status).toBe(303);
    expect(en.headers.get('location')).toBe(
      '/en/sign-in?suite=%2Fen%2Factivities%3Fperiod%3D2023-Q2',
    );
    const signIn = await fetch(`${jalon.url}/connexion`);
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('content-type')).toMatch(/text\/html/);
  });
});
