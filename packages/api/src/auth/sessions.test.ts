import { createHash } from 'node:crypto';
import {
  findOrganisationByCode,
  findUserByEmail,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { demoUsers, seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCsrf,
  csrfTokenFor,
  clearSessionCookie,
  createSession,
  csrfCookie,
  logout,
  newToken,
  readSessionToken,
  resolveSession,
  sessionCookie,
  SESSION_TTL_MS,
} from './sessions';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('sessions on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    for (const u of demoUsers)
      ids[u.role] = must(
        await findUserByEmail(handle.db, u.email),
        '(await findUserByEmail(handle.db, u.email))',
      ).id;
  });
  afterAll(async () => handle?.close());

  it('opens a 12-hour session whose token the database never sees, and resolves it to the actor', async () => {
    const now = new Date();
    const s = must(
      await createSession(handle.db, must(ids['programme-officer'], "ids['programme-officer']"), {
        now,
      }),
      "(await createSession(handle.db, ids['programme-officer']!, { now }))",
    );
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.expiresAt.getTime() - now.getTime()).toBe(SESSION_TTL_MS);
    const stored = await queryRows<{ token_hash: string }>(
      handle.db,
      sql`select token_hash from session where id = ${s.sessionId}`,
    );
    expect(must(stored[0], 'stored[0]').token_hash).toBe(
      createHash('sha256').update(s.token).digest('hex'),
    );
    const everything = JSON.stringify(await queryRows(handle.db, sql`select * from session`));
    expect(everything).not.toContain(s.token);

    const actor = await resolveSession(handle.db, s.token);
    const fps = must(
      (
        await queryRows<{ id: string }>(
          handle.db,
          sql`select id from programme where code = 'FPS' and organisation_id = ${organisationId}`,
        )
      )[0],
      '( await queryRows<{ id: string }>( handle.db, sql`select id from pr...',
    ).id;
    expect(actor).toMatchObject({
      userId: ids['programme-officer'],
      organisationId,
      role: 'programme-officer',
      programmeIds: [fps],
      grantIds: [],
      email: 'programme@wanep-mali.demo',
    });
    const donor = await resolveSession(
      handle.db,
      must(
        await createSession(handle.db, must(ids['donor-viewer'], "ids['donor-viewer']")),
        "(await createSession(handle.db, ids['donor-viewer']!))",
      ).token,
    );
    expect(donor).toMatchObject({ role: 'donor-viewer', programmeIds: [] });
    expect(must(donor, 'donor').grantIds).toHaveLength(1);
  });

  it('refuses an expired session', async () => {
    const past = new Date(Date.now() - SESSION_TTL_MS - 1000);
    const s = must(
      await createSession(handle.db, must(ids['me-officer'], "ids['me-officer']"), { now: past }),
      "(await createSession(handle.db, ids['me-officer']!, { now: past }))",
    );
    expect(await resolveSession(handle.db, s.token)).toBeNull();
    // …and one that is still valid now is refused once its time has passed.
    const live = must(
      await createSession(handle.db, must(ids['me-officer'], "ids['me-officer']")),
      "(await createSession(handle.db, ids['me-officer']!))",
    );
    expect(await resolveSession(handle.db, live.token)).not.toBeNull();
    expect(
      await resolveSession(handle.db, live.token, new Date(live.expiresAt.getTime())),
    ).toBeNull();
  });

  it('refuses forged tokens: random, altered by one character, malformed, or the stored hash itself', async () => {
    const s = must(
      await createSession(handle.db, must(ids.manager, 'ids.manager')),
      '(await createSession(handle.db, ids.manager!))',
    );
    const flipped = (s.token[0] === 'A' ? 'B' : 'A') + s.token.slice(1);
    const stored = must(
      (
        await queryRows<{ token_hash: string }>(
          handle.db,
          sql`select token_hash from session where id = ${s.sessionId}`,
        )
      )[0],
      '( await queryRows<{ token_hash: string }>( handle.db, sql`select to...',
    ).token_hash;
    for (const forged of [
      newToken(),
      flipped,
      s.token.slice(0, 42),
      `${s.token}A`,
      '',
      'null',
      stored,
      `${s.token.slice(0, 42)}'`,
      undefined,
      null,
    ]) {
      expect(await resolveSession(handle.db, forged), String(forged)).toBeNull();
    }
    expect(await resolveSession(handle.db, s.token)).not.toBeNull();
  });

  it('refuses a token replayed after logout', async () => {
    const s = must(
      await createSession(handle.db, must(ids['network-admin'], "ids['network-admin']")),
      "(await createSession(handle.db, ids['network-admin']!))",
    );
    expect(await resolveSession(handle.db, s.token)).not.toBeNull();
    expect(await logout(handle.db, s.token)).toBe(true);
    expect(await resolveSession(handle.db, s.token)).toBeNull();
    expect(await logout(handle.db, s.token)).toBe(false);
  });

  it('refuses a session whose user lost her membership, and opens none for a user without one', async () => {
    const s = must(
      await createSession(handle.db, must(ids.manager, 'ids.manager')),
      '(await createSession(handle.db, ids.manager!))',
    );
    expect(await resolveSession(handle.db, s.token)).not.toBeNull();
    await handle.db.execute(
      sql`delete from membership where user_id = ${must(ids.manager, 'ids.manager')}`,
    );
    expect(await resolveSession(handle.db, s.token)).toBeNull();
    expect(await createSession(handle.db, must(ids.manager, 'ids.manager'))).toBeUndefined();
    await seedDemo(handle.db);
  });
});

describe('session cookie', () => {
  const now = new Date('2030-01-01T08:00:00Z');
  const expiresAt = new Date('2030-01-01T20:00:00Z');

  it('is HttpOnly, SameSite=Lax, Path=/, expiring with the session; Secure and __Host- behind HTTPS', () => {
    expect(sessionCookie('tok', { https: false, expiresAt, now })).toBe(
      'jalon_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Expires=Tue, 01 Jan 2030 20:00:00 GMT',
    );
    const secure = sessionCookie('tok', { https: true, expiresAt, now });
    expect(secure.startsWith('__Host-jalon_session=tok; ')).toBe(true);
    expect(secure.split('; ')).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure']),
    );
    expect(secure).not.toMatch(/Domain=/);
  });

  it('is cleared on logout', () => {
    expect(clearSessionCookie({ https: true })).toMatch(
      /^__Host-jalon_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; .*Secure$/,
    );
    expect(clearSessionCookie({ https: false })).not.toMatch(/Secure/);
  });

  it('is read back from a Cookie header, by the name the scheme uses', () => {
    const header = 'lang=fr; jalon_session=abc; __Host-jalon_session=def';
    expect(readSessionToken(header, false)).toBe('abc');
    expect(readSessionToken(header, true)).toBe('def');
    expect(readSessionToken('xjalon_session=abc', false)).toBeNull();
    expect(readSessionToken(null, false)).toBeNull();
  });

  it('the CSRF cookie is readable by the page but strict', () => {
    expect(csrfCookie('t', { https: false })).toBe('jalon_csrf=t; Path=/; SameSite=Strict');
    expect(csrfCookie('t', { https: true })).toBe(
      '__Host-jalon_csrf=t; Path=/; SameSite=Strict; Secure',
    );
  });
});

describe('CSRF check for cookie-authenticated mutations', () => {
  const site = {
    method: 'POST',
    allowedOrigins: ['https://jalon.example', 'http://localhost:5173'],
  } as const;
  const session = 'S'.repeat(43);

  it('lets safe methods through', () => {
    expect(checkCsrf({ ...site, method: 'GET', origin: 'https://evil.example' })).toEqual({
      ok: true,
      by: 'safe-method',
    });
    expect(checkCsrf({ ...site, method: 'head' }).ok).toBe(true);
  });

  it('accepts a mutation from an allowed origin, by Origin or by Referer', () => {
    expect(checkCsrf({ ...site, origin: 'https://jalon.example' })).toEqual({
      ok: true,
      by: 'origin',
    });
    expect(checkCsrf({ ...site, origin: 'https://JALON.example' })).toEqual({
      ok: true,
      by: 'origin',
    });
    expect(checkCsrf({ ...site, referer: 'https://jalon.example/activites?x=1' })).toEqual({
      ok: true,
      by: 'referer',
    });
    expect(checkCsrf({ ...site, origin: 'http://localhost:5173' }).ok).toBe(true);
    // The configured origin written with its default port or a path still names the same site.
    expect(
      checkCsrf({
        ...site,
        allowedOrigins: ['https://jalon.example:443/'],
        origin: 'https://jalon.example',
      }).ok,
    ).toBe(true);
  });

  it('refuses another origin, another scheme or port, and a browser-declared cross-site request', () => {
    expect(checkCsrf({ ...site, origin: 'https://evil.example' })).toEqual({
      ok: false,
      reason: 'cross-site',
    });
    expect(checkCsrf({ ...site, origin: 'http://jalon.example' }).ok).toBe(false);
    expect(checkCsrf({ ...site, origin: 'https://jalon.example:8443' }).ok).toBe(false);
    expect(checkCsrf({ ...site, origin: 'https://jalon.example.evil.example' }).ok).toBe(false);
    expect(checkCsrf({ ...site, referer: 'https://evil.example/jalon.example' }).ok).toBe(false);
    expect(
      checkCsrf({ ...site, secFetchSite: 'cross-site', referer: 'https://jalon.example/' }).ok,
    ).toBe(false);
    // A matching token does not rescue a request whose Origin is another site.
    expect(
      checkCsrf({
        ...site,
        origin: 'https://evil.example',
        sessionToken: session,
        csrfHeader: csrfTokenFor(session),
      }).ok,
    ).toBe(false);
  });

  it('takes an opaque Origin (null) as no proof, whatever the Referer says', () => {
    expect(checkCsrf({ ...site, origin: 'null' })).toEqual({ ok: false, reason: 'no-proof' });
    expect(
      checkCsrf({ ...site, origin: 'null', referer: 'https://jalon.example/activites' }).ok,
    ).toBe(false);
    expect(
      checkCsrf({
        ...site,
        origin: 'null',
        sessionToken: session,
        csrfHeader: csrfTokenFor(session),
      }),
    ).toEqual({ ok: true, by: 'token' });
  });

  it("never compares with the request's Host: an unconfigured origin is refused", () => {
    expect(checkCsrf({ ...site, origin: 'http://attacker.example:3000' }).ok).toBe(false);
    expect(checkCsrf({ ...site, allowedOrigins: [], origin: 'https://jalon.example' }).ok).toBe(
      false,
    );
  });

  it('with a session, wants the token of that session; without, a double-submit pair', () => {
    expect(checkCsrf({ ...site, sessionToken: session })).toEqual({
      ok: false,
      reason: 'no-proof',
    });
    expect(
      checkCsrf({ ...site, sessionToken: session, csrfHeader: csrfTokenFor(session) }),
    ).toEqual({ ok: true, by: 'token' });
    // A pair planted in the cookie jar is not the session's token.
    expect(
      checkCsrf({ ...site, sessionToken: session, csrfHeader: 'abc', csrfCookie: 'abc' }).ok,
    ).toBe(false);
    expect(
      checkCsrf({ ...site, sessionToken: session, csrfHeader: csrfTokenFor('T'.repeat(43)) }).ok,
    ).toBe(false);
    expect(checkCsrf({ ...site, csrfHeader: 'abc', csrfCookie: 'abc' })).toEqual({
      ok: true,
      by: 'token',
    });
    expect(checkCsrf({ ...site, csrfHeader: 'abc', csrfCookie: 'abd' }).ok).toBe(false);
    expect(checkCsrf({ ...site, csrfHeader: 'abc' }).ok).toBe(false);
    expect(checkCsrf({ ...site, csrfCookie: 'abc' }).ok).toBe(false);
    expect(checkCsrf({ ...site, csrfHeader: '', csrfCookie: '' }).ok).toBe(false);
  });

  it('derives a different token per session, the same for the same session', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(csrfTokenFor(a)).toBe(csrfTokenFor(a));
        if (a !== b) expect(csrfTokenFor(a)).not.toBe(csrfTokenFor(b));
      }),
      { seed: 19 },
    );
  });

  it('never accepts a mutation whose Origin is not an allowed one (property)', () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.string(), fc.option(fc.string()), (url, token, cookie) => {
        const origin = new URL(url).origin;
        fc.pre(!site.allowedOrigins.includes(origin as never));
        expect(
          checkCsrf({ ...site, origin, csrfHeader: token, csrfCookie: cookie ?? token }).ok,
        ).toBe(false);
      }),
      { seed: 11 },
    );
  });
});
