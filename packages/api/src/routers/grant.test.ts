import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { builtInTemplates } from '@jalon/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('grants and results frameworks on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: ReturnType<typeof createCaller>;
  let donorId: string;
  let programmeId: string;
  const as = (role: Parameters<typeof systemActor>[1], locale: 'fr' | 'en' = 'fr') =>
    createCaller(
      createContext({ db: handle.db, actor: systemActor(organisationId, role), locale }),
    );
  const audits = async (entity: string, id: string) =>
    (
      await queryRows<{ action: string }>(
        handle.db,
        sql`select action from audit_log where entity = ${entity} and entity_id = ${id} order by id`,
      )
    ).map((r) => r.action);
  const grant = (over: Record<string, unknown> = {}) => ({
    donorId,
    code: 'SIDA-PAIX',
    title: 'Paix et cohésion sociale',
    titleEn: 'Peace and social cohesion',
    startDate: '2024-01-01',
    endDate: '2026-12-31',
    currency: 'SEK',
    amount: 5_000_000,
    fiscalYearStartMonth: 7,
    reportTemplate: 'generic',
    businessUnit: 'SE1',
    projectId: '51-0001',
    programmeIds: [programmeId],
    ...over,
  });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = as('me-officer');
    donorId = (await caller.donor.create({ code: 'SIDA', name: 'Sida' })).id;
    programmeId = must(
      (await caller.programme.list()).items.find((p) => p.code === 'FPS'),
      "(await caller.programme.list()).items.find((p) => p.code === 'FPS')",
    ).id;
  });
  afterAll(async () => handle?.close());

  it('records a grant and corrects it; byId and list read it back, each step audited', async () => {
    const created = await caller.grant.create(grant());
    expect(created).toMatchObject({
      code: 'SIDA-PAIX',
      currency: 'SEK',
      amount: 5_000_000,
      fiscalYearStartMonth: 7,
      titleEn: 'Peace and social cohesion',
      businessUnit: 'SE1',
      projectId: '51-0001',
      donor: { code: 'SIDA' },
      programmes: [{ code: 'FPS' }],
    });
    const { code: _code, ...fields } = grant();
    const updated = await as('network-admin').grant.update({
      id: created.id,
      grant: { ...fields, endDate: '2027-06-30', amount: null, programmeIds: [] },
    });
    expect(updated).toMatchObject({ endDate: '2027-06-30', amount: null, programmes: [] });
    const read = await caller.grant.byId({ id: created.id });
    expect(read.framework).toEqual([]);
    // the template by its name, not its code
    expect(read.reportTemplateName).toEqual(
      builtInTemplates.find((t) => t.id === read.reportTemplate)?.name,
    );
    expect(read.reportTemplateName?.fr).not.toBe(read.reportTemplate);
    expect((await caller.grant.list()).items.map((g) => g.code)).toContain('SIDA-PAIX');
    expect(await audits('grant', created.id)).toEqual(['create', 'update']);
  });

  it('refuses reversed dates, an unknown template, donor or programme, and a duplicate code', async () => {
    await expect(
      caller.grant.create(grant({ code: 'G2', endDate: '2023-01-01' })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.grant.create(grant({ code: 'G2', reportTemplate: 'nope' })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.grant.create(grant({ code: 'G2', currency: 'eur' }))).rejects.toMatchObject(
      { code: 'BAD_REQUEST' },
    );
    await expect(
      as('me-officer', 'en').grant.create(
        grant({ code: 'G2', donorId: '00000000-0000-4000-8000-000000000009' }),
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('donor') });
    await expect(
      caller.grant.create(
        grant({ code: 'G2', programmeIds: ['00000000-0000-4000-8000-000000000009'] }),
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.grant.create(grant({ code: 'PROSMED-CCSC' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await caller.grant.list()).items.map((g) => g.code)).not.toContain('G2');
  });

  it('builds impact → outcome → output, and refuses a node under a parent of the wrong level', async () => {
    const g = await caller.grant.create(grant({ code: 'FW' }));
    const impact = await caller.grant.addNode({
      grantId: g.id,
      level: 'impact',
      code: 'I',
      title: 'Paix durable',
      titleEn: 'Lasting peace',
    });
    const outcome = await caller.grant.addNode({
      grantId: g.id,
      level: 'outcome',
      parentId: impact.id,
      code: 'O1',
      title: 'Effet 1',
      titleEn: 'Outcome 1',
    });
    const output = await caller.grant.addNode({
      grantId: g.id,
      level: 'output',
      parentId: outcome.id,
      code: 'P1.1',
      title: 'Produit',
      titleEn: 'Output',
    });
    const en = as('me-officer', 'en');
    await expect(
      en.grant.addNode({
        grantId: g.id,
        level: 'output',
        parentId: impact.id,
        code: 'P9',
        title: 'x',
        titleEn: 'x',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('belongs under an outcome'),
    });
    await expect(
      caller.grant.addNode({
        grantId: g.id,
        level: 'output',
        code: 'P9',
        title: 'x',
        titleEn: 'x',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.grant.addNode({
        grantId: g.id,
        level: 'impact',
        parentId: outcome.id,
        code: 'I2',
        title: 'x',
        titleEn: 'x',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const prosmed = must(
      (await caller.grant.list()).items.find((x) => x.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((x) => x.code === 'PROSMED-C...",
    );
    const foreignOutcome = must(
      (await caller.grant.byId({ id: prosmed.id })).framework.find((n) => n.level === 'outcome'),
      '(await caller.grant.byId({ id: prosmed.id })).framework.find( (n) =...',
    );
    await expect(
      caller.grant.addNode({
        grantId: g.id,
        level: 'output',
        parentId: foreignOutcome.id,
        code: 'P9',
        title: 'x',
        titleEn: 'x',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.grant.addNode({
        grantId: g.id,
        level: 'outcome',
        parentId: impact.id,
        code: 'O1',
        title: 'x',
        titleEn: 'x',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const renamed = await caller.grant.updateNode({
      id: output.id,
      node: { code: 'P1.1', title: 'Produit 1.1', titleEn: 'Output 1.1', assumptions: 'Accès' },
    });
    expect(renamed).toMatchObject({ title: 'Produit 1.1', level: 'output', parentId: outcome.id });
    expect((await caller.grant.byId({ id: g.id })).framework.map((n) => n.code)).toEqual([
      'I',
      'O1',
      'P1.1',
    ]);
    await expect(en.grant.removeNode({ id: outcome.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('used by 1 results-framework node'),
    });
    await caller.grant.removeNode({ id: output.id });
    await caller.grant.removeNode({ id: outcome.id });
    expect((await caller.grant.byId({ id: g.id })).framework.map((n) => n.code)).toEqual(['I']);
    expect(await audits('result_node', output.id)).toEqual(['create', 'update', 'delete']);
  });

  it('moves a node under another of the right level; a wrong level is refused in words', async () => {
    const g = must(
      (await caller.grant.list()).items.find((x) => x.code === 'PROSMED-CCSC'),
      '(await caller.grant.list()).items.find((x) => x.code === ...',
    );
    const add = (level: 'impact' | 'outcome' | 'output', code: string, parentId: string | null) =>
      caller.grant.addNode({ grantId: g.id, level, parentId, code, title: code, titleEn: code });
    const en = as('me-officer', 'en');
    const impact = await add('impact', 'MV-I', null);
    const first = await add('outcome', 'MV-O1', impact.id);
    const second = await add('outcome', 'MV-O2', null);
    const output = await add('output', 'MV-P', first.id);

    const moved = await caller.grant.moveNode({ id: output.id, parentId: second.id });
    expect(moved).toMatchObject({ code: 'MV-P', level: 'output', parentId: second.id });
    const framework = (await caller.grant.byId({ id: g.id })).framework;
    expect(framework.find((n) => n.id === output.id)?.parentId).toBe(second.id);
    // An outcome may go to the top, or under the impact.
    await caller.grant.moveNode({ id: second.id, parentId: impact.id });
    await caller.grant.moveNode({ id: second.id, parentId: null });

    await expect(
      caller.grant.moveNode({ id: output.id, parentId: impact.id }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(
        'Un produit se range sous un effet, pas sous un impact (MV-I).',
      ),
    });
    await expect(en.grant.moveNode({ id: output.id, parentId: null })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('An output belongs under an outcome: give it.'),
    });
    await expect(
      caller.grant.moveNode({ id: impact.id, parentId: first.id }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Un impact est en tête'),
    });
    // A node of another grant is no place to go.
    const other = must(
      (await caller.grant.list()).items.find((x) => x.code !== 'PROSMED-CCSC'),
      '(await caller.grant.list()).items.find((x) => x.code !== ...',
    );
    const elsewhere = await caller.grant.addNode({
      grantId: other.id,
      level: 'outcome',
      parentId: null,
      code: 'MV-ELSEWHERE',
      title: 'x',
      titleEn: 'x',
    });
    await expect(
      caller.grant.moveNode({ id: output.id, parentId: elsewhere.id }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await audits('result_node', output.id)).toEqual(['create', 'update']);
    for (const id of [output.id, first.id, second.id, impact.id, elsewhere.id])
      await caller.grant.removeNode({ id });
  });

  it('keeps a node with indicators, and the calendar of a grant with a locked period', async () => {
    const prosmed = must(
      (await caller.grant.list()).items.find((x) => x.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((x) => x.code === 'PROSMED-C...",
    );
    const withIndicators = must(
      must(
        (await caller.indicator.list({ grantId: prosmed.id })).items[0],
        '(await caller.indicator.list({ grantId: prosmed.id })).items[0]',
      ).node,
      '(await caller.indicator.list({ grantId: prosmed.id })).items[0]!.node',
    );
    await expect(caller.grant.removeNode({ id: withIndicators.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await queryRows(
      handle.db,
      sql`insert into period_lock (organisation_id, grant_id, period_code, period_start, period_end)
          values (${organisationId}, ${prosmed.id}, '2023-Q2', '2023-04-01', '2023-06-30')`,
    );
    const full = await caller.grant.byId({ id: prosmed.id });
    const same = {
      donorId: full.donor.id,
      title: full.title,
      titleEn: full.titleEn,
      startDate: full.startDate,
      endDate: full.endDate,
      currency: full.currency,
      amount: full.amount,
      fiscalYearStartMonth: full.fiscalYearStartMonth,
      reportTemplate: full.reportTemplate,
      iatiIdentifier: full.iatiIdentifier,
      donorReference: full.donorReference,
      businessUnit: full.businessUnit,
      projectId: full.projectId,
      programmeIds: full.programmes.map((p) => p.id),
    };
    await expect(
      caller.grant.update({ id: prosmed.id, grant: { ...same, fiscalYearStartMonth: 10 } }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(
      await caller.grant.update({ id: prosmed.id, grant: { ...same, amount: 1000 } }),
    ).toMatchObject({ amount: 1000, fiscalYearStartMonth: full.fiscalYearStartMonth });
  });

  it('refuses other roles and other organisations', async () => {
    const prosmed = must(
      (await caller.grant.list()).items.find((x) => x.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((x) => x.code === 'PROSMED-C...",
    );
    for (const role of ['programme-officer', 'manager', 'donor-viewer'] as const) {
      await expect(as(role).grant.create(grant({ code: 'R' }))).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        as(role).grant.addNode({
          grantId: prosmed.id,
          level: 'impact',
          code: 'X',
          title: 'x',
          titleEn: 'x',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(
      other.grant.addNode({
        grantId: prosmed.id,
        level: 'impact',
        code: 'X',
        title: 'x',
        titleEn: 'x',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const node = must(
      (await caller.grant.byId({ id: prosmed.id })).framework[0],
      '(await caller.grant.byId({ id: prosmed.id })).framework[0]',
    );
    await expect(other.grant.removeNode({ id: node.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('removes a grant nothing uses with its empty framework, audited; refuses one still used', async () => {
    const admin = await demoActor(handle.db, organisationId, 'admin@wanep-mali.demo');
    const asAdmin = createCaller(createContext({ db: handle.db, actor: admin, locale: 'en' }));
    const g = await caller.grant.create(grant({ code: 'ERREUR-G' }));
    const impact = await caller.grant.addNode({
      grantId: g.id,
      level: 'impact',
      code: 'I',
      title: 'Impact',
      titleEn: 'Impact',
    });
    const outcome = await caller.grant.addNode({
      grantId: g.id,
      level: 'outcome',
      parentId: impact.id,
      code: 'O1',
      title: 'Effet',
      titleEn: 'Outcome',
    });
    // An indicator under its framework, then a filter naming its code: each is a use.
    const indicator = await caller.indicator.create({
      code: 'TEST-ERREUR-G',
      title: 'Activités',
      titleEn: 'Activities',
      nodeId: outcome.id,
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: false,
      source: { kind: 'activities', measure: 'count', filter: { grants: ['ERREUR-G'] } },
    });
    await expect(asAdmin.grant.delete({ id: g.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(
        'still used by 1 indicator and 1 indicator whose filter names it: nothing was removed',
      ),
    });
    const { id: _id, code: _code, node: _node, grant: _grant, ...fields } = indicator;
    await caller.indicator.update({
      ...fields,
      id: indicator.id,
      nodeId: null,
      source: { kind: 'activities', measure: 'count' },
    });
    for (const role of ['programme-officer', 'manager', 'donor-viewer'] as const)
      await expect(as(role).grant.delete({ id: g.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    expect(await asAdmin.grant.delete({ id: g.id })).toEqual({ id: g.id });
    await expect(caller.grant.byId({ id: g.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const left = await queryRows<{ nodes: number; links: number }>(
      handle.db,
      sql`select (select count(*)::int from result_node where grant_id = ${g.id}) as nodes,
                 (select count(*)::int from grant_programme where grant_id = ${g.id}) as links`,
    );
    expect(left).toEqual([{ nodes: 0, links: 0 }]);
    const [audit] = await queryRows<{
      user_id: string;
      before: { code: string; programmeIds: string[]; framework: { code: string }[] };
    }>(
      handle.db,
      sql`select user_id, before from audit_log
           where entity = 'grant' and entity_id = ${g.id} and action = 'delete'`,
    );
    expect(must(audit, 'audit').user_id).toBe(admin.userId);
    expect(must(audit, 'audit').before.code).toBe('ERREUR-G');
    expect(must(audit, 'audit').before.programmeIds).toEqual([programmeId]);
    expect(
      must(audit, 'audit')
        .before.framework.map((n) => n.code)
        .sort(),
    ).toEqual(['I', 'O1']);

    // A grant with activities and a donor viewer: refused, counted, nothing removed.
    const prosmed = must(
      (await caller.grant.list()).items.find((x) => x.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((x) => x.code === 'PROSMED-C...",
    );
    const [used] = await queryRows<{ activities: number }>(
      handle.db,
      sql`select count(*)::int as activities from activity_grant where grant_id = ${prosmed.id}`,
    );
    await expect(asAdmin.grant.delete({ id: prosmed.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        new RegExp(
          `still used by ${must(used, 'used').activities} activities, .*1 user access limited to it`,
        ),
      ),
    });
    expect((await caller.grant.byId({ id: prosmed.id })).code).toBe('PROSMED-CCSC');
    const other = createCaller(
      createContext({ db: handle.db, actor: systemActor('00000000-0000-4000-8000-0000000000aa') }),
    );
    await expect(other.grant.delete({ id: prosmed.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
