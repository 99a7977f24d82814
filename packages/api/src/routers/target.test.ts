import {
  findOrganisationByCode,
  findUserByEmail,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('targets and baselines on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let sessions: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    sessions = must(
      (await caller.indicator.list()).items.find((i) => i.code === 'CCSC-SESSIONS'),
      "(await caller.indicator.list()).items.find((i) => i.code === 'CCSC-...",
    ).id;
  });
  afterAll(async () => handle?.close());

  it('sets a period target, and the achievement follows', async () => {
    await caller.target.set({ indicatorId: sessions, period: '2023-Q2', value: 26 });
    const [v] = (await caller.indicator.values({ indicatorIds: [sessions], period: '2023-Q2' }))
      .items;
    expect(must(v, 'v').target).toBe(26);
    expect(must(v, 'v').achievement).toBeCloseTo(0.5, 12);
    expect(must(v, 'v').status).toBe('watch');
  });

  it('sets the life-of-grant target over the grant’s own dates, and the baseline', async () => {
    await caller.target.set({ indicatorId: sessions, period: 'LOG', value: 52 });
    await caller.target.setBaseline({ indicatorId: sessions, value: 4, year: 2022 });
    const [v] = (await caller.indicator.values({ indicatorIds: [sessions], period: '2023-Q2' }))
      .items;
    expect(must(v, 'v').lifeOfGrantTarget).toBe(52);
    expect(must(v, 'v').baseline).toBe(4);
    const { targets } = await caller.target.list({ indicatorId: sessions });
    const log = must(
      targets.find((t) => t.lifeOfGrant),
      'targets.find((t) => t.lifeOfGrant)',
    );
    expect([log.periodStart, log.periodEnd]).toEqual(['2022-06-01', '2024-12-31']);
  });

  it('removes a target, and every change is in the audit log', async () => {
    const { targets } = await caller.target.list({ indicatorId: sessions });
    const year = must(
      targets.find((t) => t.periodCode === '2023'),
      'the 2023 target',
    );
    // The list names each target's id: the one the database holds for that period.
    const [stored] = await queryRows<{ id: string }>(
      handle.db,
      sql`select id from target where indicator_id = ${sessions} and period_code = '2023'`,
    );
    expect(year.id).toBe(must(stored, 'the stored 2023 target').id);
    await caller.target.remove({ id: year.id });
    expect(
      (await caller.target.list({ indicatorId: sessions })).targets.some(
        (t) => t.periodCode === year.periodCode,
      ),
    ).toBe(false);
    const audit = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from audit_log where entity in ('target', 'baseline')`,
    );
    expect(must(audit[0], 'audit[0]').n).toBe(4);
  });

  it('records in the audit log who set a target or a baseline', async () => {
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    const officer = must(
      await findUserByEmail(handle.db, 'suivi@wanep-mali.demo'),
      "(await findUserByEmail(handle.db, 'suivi@wanep-mali.demo'))",
    );
    const asOfficer = createCaller(
      createContext({
        db: handle.db,
        actor: { ...systemActor(organisationId, 'me-officer'), userId: officer.id },
      }),
    );
    await asOfficer.target.set({ indicatorId: sessions, period: '2023-Q3', value: 12 });
    await asOfficer.target.setBaseline({ indicatorId: sessions, value: 5, year: 2021 });
    const rows = await queryRows<{ entity: string; user_id: string | null }>(
      handle.db,
      sql`select entity, user_id from audit_log where entity in ('target', 'baseline') order by id desc limit 2`,
    );
    expect(rows.map((r) => r.user_id)).toEqual([officer.id, officer.id]);
  });

  it('sets targets and baselines for crossings of three dimensions, and refuses a cell the indicator has not', async () => {
    // The demo's sessions indicator is broken down by nothing; this one by sex × age × disability.
    const prosmed = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      'the demo grant PROSMED-CCSC',
    );
    const nodeId = must(
      (await caller.grant.byId({ id: prosmed.id })).framework.find((n) => n.code === 'P1.1'),
      'the node P1.1 of PROSMED-CCSC',
    ).id;
    const { id } = await caller.indicator.create({
      code: 'CCSC-3D',
      title: 'Participations par sexe, âge et handicap',
      titleEn: 'Participations by sex, age and disability',
      nodeId,
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: false,
      dimensions: ['sex', 'age', 'disability'],
      source: {
        kind: 'participation',
        measure: 'participations',
        filter: { programmes: ['CCS-C'] },
      },
    });
    const young = { sex: 'female', age: 'youth', disability: 'with' } as const;
    await caller.target.set({ indicatorId: id, period: '2023-Q2', breakdown: young, value: 7 });
    await caller.target.setBaseline({ indicatorId: id, breakdown: young, value: 2, year: 2022 });
    const listed = await caller.target.list({ indicatorId: id });
    expect(listed.targets.map((t) => [t.cellKey, t.value])).toEqual([
      ['age=youth;disability=with;sex=female', 7],
    ]);
    expect(listed.baselines.map((b) => [b.cellKey, b.value])).toEqual([
      ['age=youth;disability=with;sex=female', 2],
    ]);

    // A category a dimension does not have, or a dimension the indicator is not broken down by:
    // refused in words, nothing kept.
    for (const breakdown of [{ sex: 'banana' }, { category: 'youth' }]) {
      const refused = caller.target.set({
        indicatorId: id,
        period: '2023-Q2',
        breakdown,
        value: 1,
      });
      await expect(refused).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(refused).rejects.toThrow(/n’est pas une ventilation de l’indicateur CCSC-3D/);
      await expect(
        caller.target.setBaseline({ indicatorId: id, breakdown, value: 1, year: 2022 }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(
      caller.target.set({
        indicatorId: sessions,
        period: '2023-Q2',
        breakdown: { sex: 'female' },
        value: 1,
      }),
    ).rejects.toThrow(/n’est ventilé par aucune dimension/);
    expect((await caller.target.list({ indicatorId: id })).targets).toHaveLength(1);
  });

  it('refuses bad periods, unknown indicators and other organisations', async () => {
    await expect(
      caller.target.set({ indicatorId: sessions, period: '2023-Q7', value: 1 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.target.set({ indicatorId: sessions, period: '2023', value: Number.NaN }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.target.set({
        indicatorId: '00000000-0000-4000-8000-000000000001',
        period: '2023',
        value: 1,
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(
      other.target.set({ indicatorId: sessions, period: '2023', value: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.target.list({ indicatorId: sessions })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
