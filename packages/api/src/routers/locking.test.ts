import { createHash } from 'node:crypto';
import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { renderWorkbook } from '@jalon/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { canonicalSha256 } from '../services/report-snapshot';
import { demoActor } from './test-actors';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
type Caller = ReturnType<typeof createCaller>;
type Activity = Awaited<ReturnType<Caller['activity']['list']>>['items'][number];

const LOCKED = /La période 2023-Q2 de la subvention PROSMED-CCSC est verrouillée/;

/** What an activity is, as the entry form sends it back. */
const inputOf = (a: Activity) => ({
  programmeId: a.programme.id,
  code: a.code,
  title: a.title,
  summary: a.summary,
  type: a.type,
  role: a.role,
  startDate: a.startDate,
  endDate: a.endDate,
  sessions: a.sessions,
  placeIds: a.places.map((p) => p.id),
  grantIds: a.grants.map((g) => g.id),
  participants: a.participants,
});

describe.each(kinds)('report submission, period locks and restatements on %s', (kind) => {
  let handle: DatabaseHandle;
  let admin: Caller;
  let me: Caller;
  let meEn: Caller;
  let manager: Caller;
  let donor: Caller;
  let prosmed: { id: string; code: string };
  let ccsc: string;
  let news: string;
  let sessionsIndicator: string;
  let locked: Activity;
  let incidentOfCcsc: string;
  let cercleOfIncident: { id: string; path: string };
  let otherRegion: string;
  let snapshotId: string;
  const request = { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' };
  const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) =>
    queryRows<T>(handle.db, q);

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
    admin = await as('admin@wanep-mali.demo');
    me = await as('suivi@wanep-mali.demo');
    meEn = await as('suivi@wanep-mali.demo', 'en');
    manager = await as('direction@wanep-mali.demo');
    donor = await as('pnud@wanep-mali.demo');
    const grant = must(
      (await me.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await me.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC')",
    );
    prosmed = { id: grant.id, code: grant.code };
    const programmes = (await me.programme.list()).items;
    ccsc = must(
      programmes.find((p) => p.code === 'CCS-C'),
      "programmes.find((p) => p.code === 'CCS-C')",
    ).id;
    news = must(
      programmes.find((p) => p.code === 'NEWS'),
      "programmes.find((p) => p.code === 'NEWS')",
    ).id;
    sessionsIndicator = must(
      (await me.indicator.list({ grantId: prosmed.id })).items.find(
        (i) => i.code === 'CCSC-SESSIONS',
      ),
      '(await me.indicator.list({ grantId: prosmed.id })).items.find( (i) ...',
    ).id;
    const { items } = await me.activity.list({ period: '2023-Q2', limit: 500 });
    locked = must(
      items.find(
        (a) => a.grants.length === 1 && must(a.grants[0], 'a.grants[0]').code === 'PROSMED-CCSC',
      ),
      "items.find((a) => a.grants.length === 1 && a.grants[0]!.code === 'P...",
    );
    incidentOfCcsc = (
      await me.incident.create({
        date: '2023-05-15',
        category: 'democracy-governance',
        deaths: 0,
        injuries: 0,
        programmeId: ccsc,
      })
    ).id;
    // A cercle where an incident of the funded programme happened in the quarter about to be locked.
    const region = async (name: string) =>
      must(
        (await me.place.list({ search: name, level: 'region' })).items[0],
        "(await me.place.list({ search: name, level: 'region' })).items[0]",
      );
    const mopti = await region('Mopti');
    otherRegion = (await region('Ségou')).id;
    cercleOfIncident = await me.place.create({
      code: 'ML-TENENKOU',
      name: 'Ténenkou',
      level: 'cercle',
      parentId: mopti.id,
    });
    await me.incident.create({
      date: '2023-06-02',
      category: 'democracy-governance',
      deaths: 0,
      injuries: 0,
      programmeId: ccsc,
      placeId: cercleOfIncident.id,
    });
  }, 60_000);
  afterAll(async () => handle?.close());

  it('submits a report: one snapshot with the sha256 of its model and one lock of the period, audited', async () => {
    // Managers read and approve; the M&E team submits.
    await expect(manager.report.submit(request)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const submitted = await me.report.submit(request);
    snapshotId = submitted.id;
    expect(submitted).toMatchObject({
      grant: { code: 'PROSMED-CCSC' },
      period: { code: '2023-Q2', start: '2023-04-01', end: '2023-06-30' },
      template: { id: 'undp-quarterly', version: '1.1.0' },
    });
    expect(submitted.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await rows<{ period_code: string; period_start: string; report_snapshot_id: string }>(
        sql`select period_code, period_start::text, report_snapshot_id from period_lock where grant_id = ${prosmed.id}`,
      ),
    ).toEqual([
      { period_code: '2023-Q2', period_start: '2023-04-01', report_snapshot_id: submitted.id },
    ]);
    expect(
      await rows<{ action: string; entity: string; email: string }>(
        sql`select a.action, a.entity, u.email from audit_log a join app_user u on u.id = a.user_id
            where a.action in ('submit', 'lock') order by a.id`,
      ),
    ).toEqual([
      { action: 'submit', entity: 'report', email: 'suivi@wanep-mali.demo' },
      { action: 'lock', entity: 'period_lock', email: 'suivi@wanep-mali.demo' },
    ]);
  });

  it('refuses a second submission of the locked period, clearly, and stores nothing', async () => {
    const again = await me.report.submit(request).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((again as Error).message).toMatch(LOCKED);
    await expect(meEn.report.submit(request)).rejects.toThrow(
      /Period 2023-Q2 of grant PROSMED-CCSC is locked by a submitted report/,
    );
    expect(await rows(sql`select id from report_snapshot`)).toHaveLength(1);
  });

  it('gives back the submitted model, from which the workbook is rebuilt byte for byte', async () => {
    const snapshot = must(
      await me.report.snapshot({ id: snapshotId }),
      '(await me.report.snapshot({ id: snapshotId }))',
    );
    expect(snapshot.intact).toBe(true);
    expect(canonicalSha256(snapshot.model)).toBe(snapshot.sha256);
    expect(snapshot.template.definition?.id).toBe('undp-quarterly');
    const render = async () => {
      const again = must(
        await me.report.snapshot({ id: snapshotId }),
        '(await me.report.snapshot({ id: snapshotId }))',
      );
      const r = await renderWorkbook(
        again.model,
        must(again.template.definition, 'again.template.definition'),
      );
      if (!r.ok) throw new Error(r.error.message);
      return createHash('sha256').update(must(r.value.buffer, 'r.value.buffer')).digest('hex');
    };
    expect(await render()).toBe(await render());
    // Found by grant and period too (the donor of the grant reads it); a period never submitted is null.
    expect((await donor.report.snapshot({ grant: 'PROSMED-CCSC', period: '2023-Q2' }))?.id).toBe(
      snapshotId,
    );
    expect(await me.report.snapshot({ grant: 'PROSMED-CCSC', period: '2023-Q1' })).toBeNull();
    await expect(
      donor.report.snapshot({ grant: 'JUST-FUTURE', period: '2023-Q2' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses to update a locked activity', async () => {
    const error = await me.activity
      .update({
        id: locked.id,
        version: locked.version,
        activity: { ...inputOf(locked), title: `${locked.title} (modifié)` },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((error as Error).message).toMatch(LOCKED);
    expect((await me.activity.byId({ id: locked.id })).title).toBe(locked.title);
  });

  it('refuses to delete a locked activity', async () => {
    await expect(me.activity.delete({ id: locked.id, version: locked.version })).rejects.toThrow(
      LOCKED,
    );
  });

  it('refuses to record a new activity of the grant inside the locked period, not after it', async () => {
    const fresh = {
      programmeId: ccsc,
      title: 'Session de formation CCS-C oubliée',
      type: 'training' as const,
      startDate: '2023-06-10',
      endDate: '2023-06-10',
      grantIds: [prosmed.id],
    };
    await expect(me.activity.create(fresh)).rejects.toThrow(LOCKED);
    await expect(
      me.activity.create({ ...fresh, startDate: '2023-07-10', endDate: '2023-07-10' }),
    ).resolves.toBeTruthy();
  });

  it('refuses to change an incident of a programme the grant funds, in the locked period', async () => {
    const change = {
      date: '2023-05-15',
      category: 'democracy-governance' as const,
      deaths: 1,
      injuries: 0,
      programmeId: ccsc,
    };
    await expect(
      me.incident.update({ id: incidentOfCcsc, version: 1, incident: change }),
    ).rejects.toThrow(LOCKED);
    await expect(me.incident.delete({ id: incidentOfCcsc, version: 1 })).rejects.toThrow(LOCKED);
    await expect(me.incident.create(change)).rejects.toThrow(LOCKED);
    // The early-warning register of a programme PROSMED does not fund stays open.
    await expect(me.incident.create({ ...change, programmeId: news })).resolves.toBeTruthy();
  });

  it('refuses a value entered by hand for any part of the locked period', async () => {
    const value = { indicatorId: sessionsIndicator, value: 14 };
    await expect(me.manualValue.set({ ...value, period: '2023-Q2' })).rejects.toThrow(LOCKED);
    await expect(me.manualValue.set({ ...value, period: '2023' })).rejects.toThrow(LOCKED);
    await expect(me.manualValue.set({ ...value, period: '2023-Q3' })).resolves.toMatchObject({
      status: 'draft',
    });
  });

  it('refuses a comment on the locked period’s figures', async () => {
    await expect(
      me.report.setComment({
        grant: 'PROSMED-CCSC',
        indicatorId: sessionsIndicator,
        period: '2023-Q2',
        comment: 'Ajouté après coup.',
      }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('lets a target move (a plan, not a fact): the submitted snapshot keeps what was sent', async () => {
    await me.target.set({ indicatorId: sessionsIndicator, period: '2023-Q2', value: 20 });
    const snapshot = must(
      await me.report.snapshot({ id: snapshotId }),
      '(await me.report.snapshot({ id: snapshotId }))',
    );
    expect(snapshot.intact).toBe(true);
    const sessions = must(
      snapshot.model.indicators.find((i) => i.code === 'CCSC-SESSIONS'),
      "snapshot.model.indicators.find((i) => i.code === 'CCSC-SESSIONS')",
    );
    expect(sessions.values.find((v) => v.period === '2023-Q2')?.target).toBe(12);
  });

  it('refuses to remove a target of a locked period, in words; one of an open period goes', async () => {
    await me.target.set({ indicatorId: sessionsIndicator, period: '2024-Q1', value: 9 });
    const { targets } = await me.target.list({ indicatorId: sessionsIndicator });
    const q2 = must(
      targets.find((t) => t.periodCode === '2023-Q2' && t.cellKey === ''),
      "targets.find((t) => t.periodCode === '2023-Q2' && t.cellK...",
    );
    await expect(me.target.remove({ id: q2.id })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('2023-Q2'),
    });
    await expect(meEn.target.remove({ id: q2.id })).rejects.toMatchObject({
      message: expect.stringContaining('is locked by a submitted report'),
    });
    const q1 = must(
      targets.find((t) => t.periodCode === '2024-Q1' && t.cellKey === ''),
      "targets.find((t) => t.periodCode === '2024-Q1' && t.cellK...",
    );
    await me.target.remove({ id: q1.id });
    const after = (await me.target.list({ indicatorId: sessionsIndicator })).targets;
    expect(after.map((t) => t.periodCode)).toContain('2023-Q2');
    expect(after.map((t) => t.periodCode)).not.toContain('2024-Q1');
  });

  it('freezes what a reported indicator means; its titles and description may still change', async () => {
    const current = await me.indicator.byId({ id: sessionsIndicator });
    const fields = {
      id: current.id,
      title: current.title,
      titleEn: current.titleEn,
      description: current.description,
      nodeId: must(current.node, 'current.node').id,
      unit: current.unit,
      direction: current.direction,
      timeRule: current.timeRule,
      cumulative: current.cumulative,
      source: current.source,
      dimensions: current.dimensions,
      sourceOfVerification: current.sourceOfVerification,
    };
    const audits = async () =>
      must(
        (
          await rows<{ n: number }>(
            sql`select count(*)::int as n from audit_log where entity = 'indicator' and entity_id = ${current.id}`,
          )
        )[0],
        '( await rows<{ n: number }>( sql`select count(*)::int as n from aud...',
      ).n;
    const before = await audits();
    // What the values mean, changed one part at a time: each refused, naming the locked period.
    const filter = (current.source.filter ?? {}) as Record<string, unknown>;
    const changes: Record<string, unknown>[] = [
      { timeRule: 'max' },
      { cumulative: !current.cumulative },
      { dimensions: [...current.dimensions, 'disability'] },
      { unit: 'percent' },
      { direction: 'lower-is-better' },
      { source: { ...current.source, filter: { ...filter, types: ['dialogue'] } } },
    ];
    for (const change of changes) {
      const refused = await meEn.indicator
        .update({ ...fields, ...change } as Parameters<Caller['indicator']['update']>[0])
        .catch((e: unknown) => e as { code: string; message: string });
      expect(refused, JSON.stringify(change)).toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: expect.stringMatching(
          /definition is frozen: period 2023-Q2 of grant PROSMED-CCSC is locked/,
        ),
      });
    }
    await expect(me.indicator.update({ ...fields, timeRule: 'max' })).rejects.toThrow(
      /La définition de cet indicateur est figée : la période 2023-Q2 de la subvention PROSMED-CCSC est verrouillée.*\(règle de temps\)/,
    );
    // Nor may it leave the grant the report was made for.
    const jf = must(
      (await me.grant.list()).items.find((g) => g.code === 'JUST-FUTURE'),
      "(await me.grant.list()).items.find((g) => g.code === 'JUST-FUTURE')",
    );
    const jfNode = must(
      (await me.grant.byId({ id: jf.id })).framework[0],
      '(await me.grant.byId({ id: jf.id })).framework[0]',
    );
    await expect(meEn.indicator.update({ ...fields, nodeId: jfNode.id })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('(grant it reports under)'),
    });
    expect(await audits()).toBe(before);
    expect(await me.indicator.byId({ id: current.id })).toEqual(current);

    // The same definition written differently (criteria in another order, an empty list of places,
    // which matches all like none) and new titles: accepted, audited.
    expect(Object.keys(filter).length).toBeGreaterThan(1);
    const reordered = {
      ...current.source,
      filter: { ...Object.fromEntries(Object.entries(filter).reverse()), places: [] },
    };
    const retitled = await me.indicator.update({
      ...fields,
      source: reordered,
      title: 'Sessions de formation (CCS-C)',
      description: 'Chaque session compte une fois.',
    });
    expect(retitled).toMatchObject({
      title: 'Sessions de formation (CCS-C)',
      description: 'Chaque session compte une fois.',
      timeRule: current.timeRule,
    });
    expect(await audits()).toBe(before + 1);

    // An indicator of a grant with no locked period stays free to change.
    const jfIndicator = must(
      (await me.indicator.list({ grantId: jf.id })).items[0],
      '(await me.indicator.list({ grantId: jf.id })).items[0]',
    );
    const changed = await me.indicator.update({
      id: jfIndicator.id,
      title: jfIndicator.title,
      titleEn: jfIndicator.titleEn,
      description: jfIndicator.description,
      nodeId: jfIndicator.node?.id ?? null,
      unit: jfIndicator.unit,
      direction: jfIndicator.direction,
      timeRule: jfIndicator.timeRule === 'max' ? 'sum' : 'max',
      cumulative: jfIndicator.cumulative,
      source: jfIndicator.source,
      dimensions: jfIndicator.dimensions,
      sourceOfVerification: jfIndicator.sourceOfVerification,
    });
    expect(changed.timeRule).not.toBe(jfIndicator.timeRule);
  });

  it('refuses to move a place holding a fact of the locked period; another place moves', async () => {
    await expect(
      admin.place.update({ id: cercleOfIncident.id, parentId: otherRegion }),
    ).rejects.toThrow(LOCKED);
    expect((await me.place.byId({ id: cercleOfIncident.id })).path).toBe(cercleOfIncident.path);
    const mopti = must(
      (await me.place.list({ search: 'Mopti', level: 'region' })).items[0],
      "(await me.place.list({ search: 'Mopti', level: 'region' })).items[0]",
    );
    const empty = await me.place.create({
      code: 'ML-YOUWAROU',
      name: 'Youwarou',
      level: 'cercle',
      parentId: mopti.id,
    });
    await expect(
      admin.place.update({ id: empty.id, parentId: otherRegion }),
    ).resolves.toMatchObject({ parentId: otherRegion });
  });

  it('freezes the sub-period a reported level is read on, written out or left to the default', async () => {
    const node = must(
      (await me.indicator.byId({ id: sessionsIndicator })).node,
      '(await me.indicator.byId({ id: sessionsIndicator })).node',
    ).id;
    const fields = {
      title: 'Sessions CCS-C du dernier mois',
      titleEn: 'CCS-C sessions in the last month',
      nodeId: node,
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'latest',
      cumulative: false,
      source: { kind: 'activities', measure: 'count', filter: { programmes: ['CCS-C'] } },
    };
    const level = await me.indicator.create({ ...fields, code: 'CCSC-NIVEAU' });
    expect(level.subPeriod).toBeNull();
    // No sub-period is the month: writing it out changes nothing a report counted.
    const written = await me.indicator.update({ ...fields, id: level.id, subPeriod: 'month' });
    expect(written.subPeriod).toBe('month');
    for (const subPeriod of ['quarter', 'week'])
      await expect(
        meEn.indicator.update({ ...fields, id: level.id, subPeriod }),
      ).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: expect.stringMatching(
          /definition is frozen: period 2023-Q2 of grant PROSMED-CCSC is locked.*\(sub-period\)/,
        ),
      });
    await expect(
      me.indicator.update({ ...fields, id: level.id, subPeriod: 'quarter' }),
    ).rejects.toThrow(/verrouillée.*\(sous-période\)/);
    // A change of rule and of step names both.
    await expect(
      meEn.indicator.update({ ...fields, id: level.id, timeRule: 'max', subPeriod: 'quarter' }),
    ).rejects.toThrow(/\(time rule, sub-period\)/);
    expect((await me.indicator.byId({ id: level.id })).subPeriod).toBe('month');
  });

  it('refuses to remove the reported grant, saying what still uses it and how many', async () => {
    const [count] = await rows<{ activities: number; indicators: number }>(
      sql`select (select count(*)::int from activity_grant where grant_id = ${prosmed.id}) as activities,
                 (select count(*)::int from indicator n join result_node r on r.id = n.result_node_id
                   where r.grant_id = ${prosmed.id}) as indicators`,
    );
    expect(must(count, 'count').activities).toBeGreaterThan(0);
    const refused = await meEn.grant
      .delete({ id: prosmed.id })
      .catch((e: unknown) => e as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    const message = (refused as { message: string }).message;
    expect(message).toContain(`${must(count, 'count').activities} activities`);
    expect(message).toContain(`${must(count, 'count').indicators} indicators`);
    expect(message).toContain('1 submitted report');
    expect(message).toContain('1 locked period');
    expect(message).toContain('nothing was removed');
    expect((await me.grant.byId({ id: prosmed.id })).framework.length).toBeGreaterThan(0);
  });

  it('lets only the network admin restate a locked activity, with a reason, disclosed in the next report', async () => {
    const corrected = {
      ...inputOf(locked),
      title: `${locked.title} (liste de présence retrouvée)`,
    };
    const reason = 'Liste de présence retrouvée après la soumission.';
    await expect(
      me.activity.restate({ id: locked.id, version: locked.version, activity: corrected, reason }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      admin.activity.restate({
        id: locked.id,
        version: locked.version,
        activity: corrected,
        reason: 'oups',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const r = await admin.activity.restate({
      id: locked.id,
      version: locked.version,
      activity: corrected,
      reason,
    });
    expect(r.restated).toEqual([{ grant: 'PROSMED-CCSC', period: '2023-Q2' }]);
    expect(r.activity).toMatchObject({
      title: corrected.title,
      status: locked.status,
      version: locked.version + 1,
    });
    expect(
      await rows<{ entity: string; period_code: string; reason: string; email: string }>(
        sql`select r.entity, r.period_code, r.reason, u.email from restatement r
            join app_user u on u.id = r.recorded_by`,
      ),
    ).toEqual([
      { entity: 'activity', period_code: '2023-Q2', reason, email: 'admin@wanep-mali.demo' },
    ]);
    const audited = await admin.audit.list({ entity: 'activity', entityId: locked.id });
    expect(audited.items[0]).toMatchObject({
      action: 'restate',
      reason,
      user: { email: 'admin@wanep-mali.demo' },
      before: { title: locked.title },
      after: { title: corrected.title },
    });
    // The stale version still conflicts: a restatement is no way around a concurrent edit.
    await expect(
      admin.activity.restate({
        id: locked.id,
        version: locked.version,
        activity: corrected,
        reason,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    // What was sent does not move.
    expect(
      must(
        await me.report.snapshot({ id: snapshotId }),
        '(await me.report.snapshot({ id: snapshotId }))',
      ).intact,
    ).toBe(true);
    // The grant's next report lists the restatement, in its data-quality findings too.
    const next = await me.report.preview({ ...request, period: '2023-Q3' });
    expect(next.restatements).toEqual([
      { entity: 'activity', code: locked.code, period: '2023-Q2', reason, at: expect.any(String) },
    ]);
    expect(next.dataQuality).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        code: 'restatement',
        subject: `${locked.code} (2023-Q2)`,
      }),
    );
    // …until that report is submitted: the one after starts afresh.
    const q3 = await me.report.submit({ ...request, period: '2023-Q3' });
    const q3Snapshot = must(
      await me.report.snapshot({ id: q3.id }),
      '(await me.report.snapshot({ id: q3.id }))',
    );
    expect(q3Snapshot.model.restatements?.map((x) => x.reason)).toEqual([reason]);
    expect((await me.report.preview({ ...request, period: '2023-Q4' })).restatements).toEqual([]);
  });
});
