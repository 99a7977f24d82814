import { must } from '@jalon/domain';
import {
  findOrganisationByCode,
  findUserByEmail,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { demoPassword, seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '../auth/password-policy';
import { verifyPassword } from '../auth/password';
import { createSession, resolveSession } from '../auth/sessions';
import { createContext } from '../context';
import { createCaller } from '../router';
import { call, procedures, rowCounts } from '../security/harness';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();

describe('the password policy', () => {
  it('asks for length rather than complexity, and refuses the passwords tried first', () => {
    const who = { email: 'awa.diarra@example.org' };
    expect(passwordProblem('court1!A', who)?.fr).toContain('au moins 12 caractères');
    // no digit, no capital, no symbol: a phrase is fine
    expect(passwordProblem('le fleuve coule vers gao', who)).toBeNull();
    for (const common of ['motdepasse123', 'Azerty123456', 'jalon-demo-2023', 'aaaaaaaaaaaaaa'])
      expect(passwordProblem(common, who)?.fr, common).toContain('parmi les premiers essayés');
    expect(passwordProblem('awa.diarra-2026!', who)?.en).toContain('taken from your address');
    expect(passwordProblem('x'.repeat(300), who)?.fr).toContain('au plus 256');
  });
});

describe.each(kinds)('passwords on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let admin: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    admin = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, org, 'admin@wanep-mali.demo'),
      }),
    );
  }, 60_000);
  afterAll(async () => handle?.close());

  const hashOf = async (email: string) =>
    must(await findUserByEmail(handle.db, email), email).passwordHash ?? '';
  const sessionsOf = async (userId: string) =>
    (
      await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from session where user_id = ${userId}`,
      )
    )[0]?.n;

  it('the admin resets a member’s password: a temporary one shown once, her sessions closed, audited', async () => {
    const email = 'programme@wanep-mali.demo';
    const user = must(await findUserByEmail(handle.db, email), email);
    const first = must(await createSession(handle.db, user.id), 'session');
    await createSession(handle.db, user.id);
    expect(await sessionsOf(user.id)).toBe(2);

    const reset = await admin.user.resetPassword({ userId: user.id });
    expect(reset.temporaryPassword).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
    expect(reset.sessionsClosed).toBe(2);
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await resolveSession(handle.db, first.token)).toBeNull();
    expect(await verifyPassword(reset.temporaryPassword, await hashOf(email))).toBe(true);
    expect(await verifyPassword(demoPassword, await hashOf(email))).toBe(false);

    const audit = await queryRows<{ action: string; user_id: string; after: unknown }>(
      handle.db,
      sql`select action, user_id, after from audit_log where entity = 'password' and entity_id = ${user.id}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', after: { reset: true, sessionsClosed: 2 } });
    // the password itself, or its hash, is never written to the journal
    expect(JSON.stringify(audit)).not.toContain(reset.temporaryPassword);
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('refuses to reset an account another network opened, and a stranger is not found', async () => {
    const [other] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into organisation (id, organisation_id, code, name, kind, country)
          values ('6e1d0c2b-3a4f-4e5d-9c8b-7a6f5e4d3c2b', '6e1d0c2b-3a4f-4e5d-9c8b-7a6f5e4d3c2b',
                  'RESEAU-SN', 'Réseau du Sénégal', 'national-network', 'SN') returning id`,
    );
    const otherId = must(other, 'other').id;
    const [guest] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into app_user (organisation_id, email, name, password_hash)
          values (${otherId}, 'invitee@example.sn', 'Invitée', 'x') returning id`,
    );
    const guestId = must(guest, 'guest').id;
    await expect(admin.user.resetPassword({ userId: guestId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // a member here whose account the other network opened
    await queryRows(
      handle.db,
      sql`insert into membership (organisation_id, user_id, role) values (${org}, ${guestId}, 'manager')`,
    );
    await expect(admin.user.resetPassword({ userId: guestId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('ouvert par un autre réseau'),
    });
    expect(await hashOf('invitee@example.sn')).toBe('x');
  });

  it('only the network admin resets a password', async () => {
    const officer = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, org, 'suivi@wanep-mali.demo'),
      }),
    );
    const user = must(await findUserByEmail(handle.db, 'direction@wanep-mali.demo'), 'manager');
    await expect(officer.user.resetPassword({ userId: user.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('a person changes her own password: the current one checked, the policy held, her other sessions closed', async () => {
    const email = 'suivi@wanep-mali.demo';
    const user = must(await findUserByEmail(handle.db, email), email);
    const here = must(await createSession(handle.db, user.id), 'here');
    const elsewhere = must(await createSession(handle.db, user.id), 'elsewhere');
    const actor = must(await resolveSession(handle.db, here.token), 'actor');
    const self = createCaller(createContext({ db: handle.db, actor }));
    const selfEn = createCaller(createContext({ db: handle.db, actor, locale: 'en' }));

    await expect(
      self.session.changePassword({ current: 'pas le bon', next: 'une phrase assez longue' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('actuel') });
    await expect(
      selfEn.session.changePassword({ current: demoPassword, next: 'motdepasse123' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('first ones tried'),
    });
    expect(await verifyPassword(demoPassword, await hashOf(email))).toBe(true);
    expect(await sessionsOf(user.id)).toBe(2);

    const next = 'les manguiers de Kayes en mai';
    expect(await self.session.changePassword({ current: demoPassword, next })).toEqual({
      sessionsClosed: 1,
    });
    expect(await verifyPassword(next, await hashOf(email))).toBe(true);
    expect(await resolveSession(handle.db, here.token)).not.toBeNull();
    expect(await resolveSession(handle.db, elsewhere.token)).toBeNull();
    const audit = await queryRows<{ user_id: string; after: unknown }>(
      handle.db,
      sql`select user_id, after from audit_log where entity = 'password' and entity_id = ${user.id}`,
    );
    expect(audit).toEqual([
      { user_id: user.id, after: { reset: false, by: 'self', sessionsClosed: 1 } },
    ]);
  });

  it('after a reset she must choose her own password before anything else; then all is open again', async () => {
    const email = 'pnud@wanep-mali.demo';
    const user = must(await findUserByEmail(handle.db, email), email);
    const { temporaryPassword } = await admin.user.resetPassword({ userId: user.id });
    const here = must(await createSession(handle.db, user.id), 'here');
    const actor = must(await resolveSession(handle.db, here.token), 'actor');
    expect(actor.mustChangePassword).toBe(true);
    const self = createCaller(createContext({ db: handle.db, actor }));
    const selfEn = createCaller(createContext({ db: handle.db, actor, locale: 'en' }));

    // she is told, and offered nothing but the change
    const me = must(await self.session.me(), 'me');
    expect(me.mustChangePassword).toBe(true);
    expect(me.procedures).toContain('session.changePassword');
    expect(me.procedures).not.toContain('grant.list');
    await expect(self.grant.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('mot de passe est temporaire'),
    });
    await expect(selfEn.indicator.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('temporary'),
    });

    const next = 'le pont des martyrs au matin';
    await self.session.changePassword({ current: temporaryPassword, next });
    const after = must(await resolveSession(handle.db, here.token), 'after');
    expect(after.mustChangePassword).toBe(false);
    const again = createCaller(createContext({ db: handle.db, actor: after }));
    expect(must(await again.session.me(), 'me').mustChangePassword).toBe(false);
    expect((await again.grant.list()).items.length).toBeGreaterThan(0);
  });
  it('an account the admin opens must choose her own password at first sign-in; an existing account given a role keeps hers', async () => {
    const { userId, temporaryPassword } = await admin.user.create({
      email: 'kadiatou.sangare@example.org',
      name: 'Kadiatou Sangaré',
      role: 'network-admin',
    });
    const flag = async (id: string) =>
      (
        await queryRows<{ must: boolean }>(
          handle.db,
          sql`select must_change_password as must from app_user where id = ${id}`,
        )
      )[0]?.must;
    expect(await flag(userId)).toBe(true);
    expect(temporaryPassword).not.toBeNull();

    // a person who already has an account (here: another network's) is given a role, not a password
    const [guest] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into app_user (organisation_id, email, name, password_hash)
          values (${org}, 'deja.inscrite@example.org', 'Déjà inscrite', 'x') returning id`,
    );
    const again = await admin.user.create({
      email: 'deja.inscrite@example.org',
      name: 'Déjà inscrite',
      role: 'manager',
    });
    expect(again).toEqual({ userId: must(guest, 'guest').id, temporaryPassword: null });
    expect(await flag(again.userId)).toBe(false);

    // her first session is one of a temporary password, even as network admin
    const here = must(await createSession(handle.db, userId), 'here');
    const actor = must(await resolveSession(handle.db, here.token), 'actor');
    expect(actor.mustChangePassword).toBe(true);
    const self = createCaller(createContext({ db: handle.db, actor }));
    expect(must(await self.session.me(), 'me').procedures.sort()).toEqual([
      'session.changePassword',
      'session.me',
    ]);

    // every procedure of the router but those two is refused, in French and in English, before
    // its input is read; nothing is written
    const before = await rowCounts(handle.db);
    const problems: string[] = [];
    for (const { path } of procedures) {
      if (path === 'session.me' || path === 'session.changePassword') continue;
      for (const [locale, words] of [
        ['fr', 'Votre mot de passe est temporaire\u202f: choisissez-en un nouveau'],
        ['en', 'Your password is a temporary one: choose a new one'],
      ] as const) {
        const outcome = await call(handle.db, actor, path, {}, locale);
        const message = outcome.ok ? '' : (outcome.error as Error).message;
        if (outcome.ok || outcome.code !== 'FORBIDDEN' || !message.includes(words))
          problems.push(
            `${path} (${locale}): ${outcome.ok ? 'answered' : `${outcome.code} ${message}`}`,
          );
      }
    }
    expect(problems).toEqual([]);
    expect(procedures.length).toBeGreaterThan(50);
    expect(await rowCounts(handle.db)).toEqual(before);

    // the change itself goes through (the policy held), then everything her role opens
    const selfEn = createCaller(createContext({ db: handle.db, actor, locale: 'en' }));
    await expect(
      selfEn.session.changePassword({
        current: must(temporaryPassword, 'temporary'),
        next: 'motdepasse123',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('first ones tried'),
    });
    await self.session.changePassword({
      current: must(temporaryPassword, 'temporary'),
      next: 'le marché de Médine un lundi',
    });
    expect(await flag(userId)).toBe(false);
    const after = must(await resolveSession(handle.db, here.token), 'after');
    const open = createCaller(createContext({ db: handle.db, actor: after }));
    expect((await open.user.list()).items.some((u) => u.userId === userId)).toBe(true);
  });
});
