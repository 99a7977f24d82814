import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../client';
import { organisation, programme } from '../../schema/index';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import {
  findMembership,
  findUserByEmail,
  findValidSession,
  hashSessionToken,
  listMemberships,
} from './queries';
import {
  addMembershipScope,
  createMembership,
  createUser,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  insertSession,
  updatePasswordHash,
} from './commands';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('user repository on %s', (kind) => {
  let handle: DatabaseHandle;
  let orgA: string;
  let orgB: string;
  let programmeA: string;
  let programmeB: string;
  let userId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const db = handle.db;
    [orgA, orgB] = [randomUUID(), randomUUID()];
    await db.insert(organisation).values([
      {
        id: orgA,
        organisationId: orgA,
        code: 'A',
        name: 'A',
        kind: 'national-network',
        country: 'ML',
      },
      {
        id: orgB,
        organisationId: orgB,
        code: 'B',
        name: 'B',
        kind: 'national-network',
        country: 'SN',
      },
    ]);
    [{ id: programmeA }] = (await db
      .insert(programme)
      .values({ organisationId: orgA, code: 'P', name: 'P', nameEn: 'P' })
      .returning({ id: programme.id })) as [{ id: string }];
    [{ id: programmeB }] = (await db
      .insert(programme)
      .values({ organisationId: orgB, code: 'P', name: 'P', nameEn: 'P' })
      .returning({ id: programme.id })) as [{ id: string }];
  });
  afterAll(async () => handle?.close());

  it('stores emails lower-cased and finds them in any case', async () => {
    const user = await createUser(handle.db, {
      organisationId: orgA,
      email: '  Awa@Example.ML ',
      name: 'Awa',
      passwordHash: 'h1',
    });
    userId = user.id;
    expect(user.email).toBe('awa@example.ml');
    expect((await findUserByEmail(handle.db, 'AWA@example.ml'))?.id).toBe(user.id);
    expect(await findUserByEmail(handle.db, 'nobody@example.ml')).toBeUndefined();
    await updatePasswordHash(handle.db, user.id, 'h2');
    expect((await findUserByEmail(handle.db, 'awa@example.ml'))?.passwordHash).toBe('h2');
  });

  it('reads memberships with their scopes; a scope cannot name another organisation’s programme', async () => {
    const { id: membershipId } = await createMembership(handle.db, {
      organisationId: orgA,
      userId,
      role: 'programme-officer',
    });
    expect(
      await addMembershipScope(handle.db, {
        organisationId: orgA,
        membershipId,
        scopeKind: 'programme',
        scopeId: programmeA,
      }),
    ).toEqual({ ok: true });
    expect(
      await addMembershipScope(handle.db, {
        organisationId: orgA,
        membershipId,
        scopeKind: 'programme',
        scopeId: programmeB,
      }),
    ).toEqual({
      ok: false,
      reason: 'unknown-scope',
    });
    expect(
      await addMembershipScope(handle.db, {
        organisationId: orgA,
        membershipId,
        scopeKind: 'grant',
        scopeId: programmeA,
      }),
    ).toEqual({
      ok: false,
      reason: 'unknown-scope',
    });
    const m = await findMembership(handle.db, orgA, userId);
    expect(m).toMatchObject({
      organisationId: orgA,
      role: 'programme-officer',
      programmeIds: [programmeA],
      grantIds: [],
    });
    expect(await findMembership(handle.db, orgB, userId)).toBeUndefined();
    expect(await listMemberships(handle.db, userId)).toHaveLength(1);
  });

  it('stores only the SHA-256 of a session token; finds it until it expires; deletes it', async () => {
    const token = 'a-token-of-43-characters-aaaaaaaaaaaaaaaaaa';
    const now = new Date('2030-01-01T10:00:00Z');
    const s = await insertSession(handle.db, {
      organisationId: orgA,
      userId,
      token,
      expiresAt: new Date('2030-01-01T22:00:00Z'),
    });
    const rows = await queryRows<{ token_hash: string }>(
      handle.db,
      sql`select token_hash from session where id = ${s.id}`,
    );
    expect(must(rows[0], 'rows[0]').token_hash).toBe(hashSessionToken(token));
    expect(must(rows[0], 'rows[0]').token_hash).not.toContain(token);
    expect((await findValidSession(handle.db, token, now))?.id).toBe(s.id);
    expect(
      await findValidSession(handle.db, token, new Date('2030-01-01T22:00:00Z')),
    ).toBeUndefined();
    expect(await findValidSession(handle.db, token + 'x', now)).toBeUndefined();
    expect(await deleteSession(handle.db, token)).toBe(true);
    expect(await deleteSession(handle.db, token)).toBe(false);
    expect(await findValidSession(handle.db, token, now)).toBeUndefined();
  });

  it('deletes expired sessions and every session of a user', async () => {
    const at = (h: number) => new Date(Date.UTC(2030, 0, 1, h));
    await insertSession(handle.db, { organisationId: orgA, userId, token: 't1', expiresAt: at(1) });
    await insertSession(handle.db, { organisationId: orgA, userId, token: 't2', expiresAt: at(5) });
    await insertSession(handle.db, { organisationId: orgA, userId, token: 't3', expiresAt: at(9) });
    expect(await deleteExpiredSessions(handle.db, at(5))).toBe(2);
    expect(await findValidSession(handle.db, 't3', at(6))).toBeDefined();
    expect(await deleteUserSessions(handle.db, userId)).toBe(1);
    expect(await findValidSession(handle.db, 't3', at(6))).toBeUndefined();
  });
});
