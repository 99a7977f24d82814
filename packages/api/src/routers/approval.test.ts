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

describe.each(kinds)('approval workflow on %s', (kind) => {
  let handle: DatabaseHandle;
  let officer: Caller; // programme officer of FPS (Awa)
  let me: Caller; // M&E officer (Moussa)
  let manager: Caller;
  let meEn: Caller;
  let base: Parameters<Caller['activity']['create']>[0];
  let fpsGrant: string;
  const audit = (entityId: string) =>
    queryRows<{ action: string; email: string | null; reason: string | null }>(
      handle.db,
      sql`select a.action, u.email, a.reason from audit_log a left join app_user u on u.id = a.user_id
          where a.entity_id = ${entityId} order by a.id`,
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    const as = async (email: string, locale: 'fr' | 'en' = 'fr') =>
      createCaller(
        createContext({ db: handle.db, actor: await demoActor(handle.db, org, email), locale }),
      );
    officer = await as('programme@wanep-mali.demo');
    me = await as('suivi@wanep-mali.demo');
    meEn = await as('suivi@wanep-mali.demo', 'en');
    manager = await as('direction@wanep-mali.demo');
    const fps = must(
      (await me.programme.list()).items.find((p) => p.code === 'FPS'),
      "(await me.programme.list()).items.find((p) => p.code === 'FPS')",
    );
    fpsGrant = must(
      (await me.grant.list()).items.find((g) => g.code === 'DRC-PLF'),
      "(await me.grant.list()).items.find((g) => g.code === 'DRC-PLF')",
    ).id;
    base = {
      programmeId: fps.id,
      title: 'Causerie sur la cohésion sociale à Kayes',
      type: 'awareness',
      startDate: '2023-09-12',
      endDate: '2023-09-12',
      grantIds: [fpsGrant],
      participants: { total: { value: 30, qualifier: 'exact' }, cells: [] },
    };
  });
  afterAll(async () => handle?.close());

  it('goes draft → submitted → validated, each move audited with who made it', async () => {
    const { activity } = await officer.activity.create(base);
    expect(activity.status).toBe('draft');
    const submitted = await officer.activity.submit({ id: activity.id, version: 1 });
    expect(submitted).toMatchObject({ status: 'submitted', version: 2 });
    // The programme officer submits; she does not approve.
    await expect(officer.activity.validate({ id: activity.id, version: 2 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const validated = await me.activity.validate({ id: activity.id, version: 2 });
    expect(validated).toMatchObject({ status: 'validated', version: 3 });
    // Asked again (a double click): the record answers unchanged, nothing is recorded.
    expect(await me.activity.validate({ id: activity.id, version: 3 })).toMatchObject({
      status: 'validated',
      version: 3,
    });
    expect(await audit(activity.id)).toEqual([
      { action: 'create', email: 'programme@wanep-mali.demo', reason: null },
      { action: 'submit', email: 'programme@wanep-mali.demo', reason: null },
      { action: 'validate', email: 'suivi@wanep-mali.demo', reason: null },
    ]);
  });

  it('tells the donor, in the report, which counted activities are not validated yet', async () => {
    const request = { grant: 'DRC-PLF', period: '2023-Q2', template: 'generic' };
    const { activity } = await officer.activity.create({
      ...base,
      title: 'Causerie non validée',
      startDate: '2023-05-10',
      endDate: '2023-05-10',
    });
    const findings = async () =>
      (await me.report.preview(request)).dataQuality.filter(
        (f) => f.code === 'not-validated' && f.subject === 'Causerie non validée',
      );
    expect(await findings()).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'not-validated',
        subject: 'Causerie non validée',
      }),
    ]);
    await officer.activity.submit({ id: activity.id, version: 1 });
    expect(await findings()).toHaveLength(1);
    await me.activity.validate({ id: activity.id, version: 2 });
    expect(await findings()).toEqual([]);
    // The demo's activities are validated: the bulletin's quarter flags none.
    const q2 = await me.report.preview({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
    });
    expect(q2.dataQuality.filter((f) => f.code === 'not-validated')).toEqual([]);
  });

  it('returns an edited validated activity to draft: what was approved is no longer what is recorded', async () => {
    const { activity } = await officer.activity.create({ ...base, title: 'Atelier à revoir' });
    await officer.activity.submit({ id: activity.id, version: 1 });
    await manager.activity.validate({ id: activity.id, version: 2 });
    const edited = await officer.activity.update({
      id: activity.id,
      version: 3,
      activity: { ...base, title: 'Atelier à revoir (corrigé)' },
    });
    expect(edited.activity).toMatchObject({ status: 'draft', version: 4 });
  });

  it('validates only what was submitted, and sends back to draft with a reason', async () => {
    const { activity } = await officer.activity.create({ ...base, title: 'Dialogue à valider' });
    const draft = await me.activity
      .validate({ id: activity.id, version: 1 })
      .catch((e: unknown) => e);
    expect(draft).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((draft as Error).message).toMatch(/en brouillon.*seule une activité soumise/);
    await expect(meEn.activity.validate({ id: activity.id, version: 1 })).rejects.toThrow(
      /only a record that is submitted can be validated/,
    );
    await officer.activity.submit({ id: activity.id, version: 1 });
    await expect(
      me.activity.reject({ id: activity.id, version: 2, reason: 'non' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const rejected = await me.activity.reject({
      id: activity.id,
      version: 2,
      reason: 'Liste de présence manquante.',
    });
    expect(rejected).toMatchObject({ status: 'draft', version: 3 });
    expect((await audit(activity.id)).at(-1)).toEqual({
      action: 'reject',
      email: 'suivi@wanep-mali.demo',
      reason: 'Liste de présence manquante.',
    });
    // A stale version is a conflict, for a move as for an edit.
    await expect(officer.activity.submit({ id: activity.id, version: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('two people save the same version: the second gets CONFLICT and the first edit stands', async () => {
    const { activity } = await officer.activity.create({ ...base, title: 'Atelier partagé' });
    // Awa and Moussa both open version 1.
    const read = await me.activity.byId({ id: activity.id });
    expect(read.version).toBe(1);
    await officer.activity.update({
      id: activity.id,
      version: read.version,
      activity: { ...base, title: 'Titre de Awa' },
    });
    const second = await me.activity
      .update({
        id: activity.id,
        version: read.version,
        activity: { ...base, title: 'Titre de Moussa' },
      })
      .catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'CONFLICT' });
    expect((second as Error).message).toMatch(/version 2.*rechargez/);
    const now = await me.activity.byId({ id: activity.id });
    expect(now).toMatchObject({ title: 'Titre de Awa', version: 2 });
    expect((await audit(activity.id)).map((a) => [a.action, a.email])).toEqual([
      ['create', 'programme@wanep-mali.demo'],
      ['update', 'programme@wanep-mali.demo'],
    ]);
  });

  it('keeps values entered by hand with versions and the same approval', async () => {
    const indicator = must(
      (await me.indicator.list({ grantId: fpsGrant })).items[0],
      '(await me.indicator.list({ grantId: fpsGrant })).items[0]',
    );
    const set = await officer.manualValue.set({
      indicatorId: indicator.id,
      period: '2023-Q3',
      value: 4,
      note: 'Compté sur les fiches.',
    });
    expect(set).toMatchObject({
      status: 'draft',
      version: 1,
      periodCode: '2023-Q3',
      periodStart: '2023-07-01',
      periodEnd: '2023-09-30',
      grant: { code: 'DRC-PLF' },
    });
    // A correction names the version it read.
    await expect(
      officer.manualValue.set({ indicatorId: indicator.id, period: '2023-Q3', value: 5 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const corrected = await officer.manualValue.set({
      indicatorId: indicator.id,
      period: '2023-Q3',
      value: 5,
      version: 1,
    });
    expect(corrected).toMatchObject({ value: 5, version: 2 });
    await officer.manualValue.submit({ id: set.id, version: 2 });
    await expect(officer.manualValue.validate({ id: set.id, version: 3 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await me.manualValue.validate({ id: set.id, version: 3 })).toMatchObject({
      status: 'validated',
      version: 4,
    });
    const { items } = await officer.manualValue.list({ grantId: fpsGrant });
    expect(items.map((v) => [v.id, v.status, v.value])).toEqual([[set.id, 'validated', 5]]);
    // Her programme only: an indicator of a NEWS grant is not hers.
    const news = must(
      (await me.grant.list()).items.find((g) => g.code === 'CEDEAO-NEWS'),
      "(await me.grant.list()).items.find((g) => g.code === 'CEDEAO-NEWS')",
    );
    const newsIndicator = must(
      (await me.indicator.list({ grantId: news.id })).items[0],
      '(await me.indicator.list({ grantId: news.id })).items[0]',
    );
    await expect(
      officer.manualValue.set({ indicatorId: newsIndicator.id, period: '2023-Q3', value: 1 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await audit(set.id)).map((a) => a.action)).toEqual([
      'create',
      'update',
      'submit',
      'validate',
    ]);
  });
});
