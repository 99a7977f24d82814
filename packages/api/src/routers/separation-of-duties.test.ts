import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
type Caller = ReturnType<typeof createCaller>;

/** The roles that submit (activityWriters) and those that validate (approvers), by demo account. */
const submitters = {
  'network-admin': 'admin@wanep-mali.demo',
  'me-officer': 'suivi@wanep-mali.demo',
  'programme-officer': 'programme@wanep-mali.demo',
} as const;
const validators = {
  'network-admin': 'admin@wanep-mali.demo',
  'me-officer': 'suivi@wanep-mali.demo',
  manager: 'direction@wanep-mali.demo',
} as const;

/**
 * Separation of duties: whoever submitted a record cannot validate it, an organisation
 * setting on by default, enforced by the API for activities and manual values; tested as a matrix
 * of who submits × who validates, then with the setting turned off.
 */
describe.each(kinds)('separation of duties on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  const callers = new Map<string, Caller>();
  const as = (email: string) => must(callers.get(email), 'callers.get(email)');
  let base: Parameters<Caller['activity']['create']>[0];
  let indicatorId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    for (const email of new Set([...Object.values(submitters), ...Object.values(validators)]))
      callers.set(
        email,
        createCaller(
          createContext({ db: handle.db, actor: await demoActor(handle.db, org, email) }),
        ),
      );
    const me = as(submitters['me-officer']);
    const fps = must(
      (await me.programme.list()).items.find((p) => p.code === 'FPS'),
      "(await me.programme.list()).items.find((p) => p.code === 'FPS')",
    );
    base = {
      programmeId: fps.id,
      title: 'Causerie sur la cohésion sociale à Kayes',
      type: 'awareness',
      startDate: '2023-09-12',
      endDate: '2023-09-12',
      grantIds: [],
      participants: { total: { value: 30, qualifier: 'exact' }, cells: [] },
    };
    const grant = must(
      (await me.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await me.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC')",
    );
    const node = must(
      (await me.grant.byId({ id: grant.id })).framework.find((n) => n.code === 'P1.1'),
      '(await me.grant.byId({ id: grant.id })).framework.find((n) => n.cod...',
    );
    indicatorId = (
      await me.indicator.create({
        code: 'SOD-MANUAL',
        title: 'Comités réunis',
        titleEn: 'Committees met',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        nodeId: node.id,
        source: { kind: 'manual' },
      })
    ).id;
  }, 60_000);
  afterAll(async () => handle?.close());

  const setting = async (on: boolean) =>
    queryRows(
      handle.db,
      sql`update organisation set separation_of_duties = ${on} where id = ${org} returning id`,
    );

  /** Submits a new activity as `submitter`, then asks `validator` to validate it. */
  async function activityOutcome(submitter: string, validator: string) {
    const { activity } = await as(submitter).activity.create(base);
    const submitted = await as(submitter).activity.submit({ id: activity.id, version: 1 });
    return as(validator)
      .activity.validate({ id: activity.id, version: submitted.version })
      .then(
        (v) => ({ ok: true as const, status: v.status }),
        (e: { code?: string; message?: string }) => ({
          ok: false as const,
          code: e.code,
          message: e.message,
        }),
      );
  }

  it('refuses a validator her own submission, and only hers, for every pair of roles', async () => {
    for (const [submitterRole, submitter] of Object.entries(submitters)) {
      for (const [validatorRole, validator] of Object.entries(validators)) {
        const outcome = await activityOutcome(submitter, validator);
        const pair = `${submitterRole} submits, ${validatorRole} validates`;
        if (submitter === validator) {
          expect(outcome, pair).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          expect(outcome.ok ? '' : outcome.message, pair).toContain('séparation des tâches');
        } else {
          expect(outcome, pair).toEqual({ ok: true, status: 'validated' });
        }
      }
    }
  });

  it('keeps the record as it was after the refusal, for someone else to validate', async () => {
    const me = submitters['me-officer'];
    const { activity } = await as(me).activity.create(base);
    await as(me).activity.submit({ id: activity.id, version: 1 });
    await expect(as(me).activity.validate({ id: activity.id, version: 2 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await as(me).activity.byId({ id: activity.id })).toMatchObject({
      status: 'submitted',
      version: 2,
    });
    const done = await as(validators.manager).activity.validate({ id: activity.id, version: 2 });
    expect(done).toMatchObject({ status: 'validated', version: 3 });
  });

  it('tells the page whose submission it shows: ownSubmission for the submitter only, while on', async () => {
    const me = submitters['me-officer'];
    const { activity } = await as(me).activity.create(base);
    expect(await as(me).activity.byId({ id: activity.id })).toMatchObject({
      status: 'draft',
      ownSubmission: false,
    });
    await as(me).activity.submit({ id: activity.id, version: 1 });
    expect((await as(me).activity.byId({ id: activity.id })).ownSubmission).toBe(true);
    expect((await as(validators.manager).activity.byId({ id: activity.id })).ownSubmission).toBe(
      false,
    );
    await setting(false);
    try {
      expect((await as(me).activity.byId({ id: activity.id })).ownSubmission).toBe(false);
    } finally {
      await setting(true);
    }
    await as(validators.manager).activity.validate({ id: activity.id, version: 2 });
    expect((await as(me).activity.byId({ id: activity.id })).ownSubmission).toBe(false);
  });

  it('lists the approval queue: the submitted activities, and only them', async () => {
    const officer = as(submitters['programme-officer']);
    const { activity } = await officer.activity.create(base);
    await officer.activity.submit({ id: activity.id, version: 1 });
    const queue = await as(validators.manager).activity.list({ status: 'submitted', limit: 500 });
    expect(queue.items.map((a) => a.id)).toContain(activity.id);
    expect(new Set(queue.items.map((a) => a.status))).toEqual(new Set(['submitted']));
    expect(queue.total).toBe(queue.items.length);
    const drafts = await as(validators.manager).activity.list({ status: 'draft', limit: 500 });
    expect(drafts.items.map((a) => a.id)).not.toContain(activity.id);
  });

  it('applies to manual values too', async () => {
    const me = as(submitters['me-officer']);
    const value = await me.manualValue.set({ indicatorId, period: '2023-Q2', value: 4 });
    const submitted = await me.manualValue.submit({ id: value.id, version: value.version });
    await expect(
      me.manualValue.validate({ id: value.id, version: submitted.version }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = as(validators['network-admin']);
    expect(
      await admin.manualValue.validate({ id: value.id, version: submitted.version }),
    ).toMatchObject({ status: 'validated' });
  });

  it('lets an organisation that turns it off validate its own submissions', async () => {
    await setting(false);
    try {
      for (const person of Object.values(submitters).filter((e) =>
        (Object.values(validators) as string[]).includes(e),
      )) {
        expect(await activityOutcome(person, person)).toEqual({ ok: true, status: 'validated' });
      }
    } finally {
      await setting(true);
    }
  });
});
