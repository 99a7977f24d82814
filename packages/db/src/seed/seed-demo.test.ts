import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../client';
import { must, formatPercent, rankAssessments, scoreAssessment } from '@jalon/domain';
import { listActivities } from '../repositories/activity/queries';
import { loadAssessments } from '../repositories/assessment/queries';
import { listProgrammes } from '../repositories/programme/queries';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { demoActivities } from './demo-data';
import { isEmpty, seedDemo } from './seed-demo';

const kinds = await testDatabaseKinds();

/** Every row of every seeded table, in a stable order, timestamps left out. */
async function snapshot(handle: DatabaseHandle) {
  const tables = [
    'organisation',
    'place',
    'programme',
    'activity',
    'activity_place',
    'participation_count',
    'participation_cell',
    'donor',
    'grant_agreement',
    'grant_programme',
    'result_node',
    'indicator',
    'baseline',
    'target',
    'activity_grant',
    'incident',
    'deliverable',
    'assessment_framework',
    'assessment_domain',
    'assessment_criterion',
    'assessment',
    'assessment_score',
    'app_user',
    'membership',
    'membership_scope',
  ];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await queryRows(handle.db, sql.raw(`select * from ${t}`));
    out[t] = rows.map(({ created_at: _c, updated_at: _u, ...rest }) => JSON.stringify(rest)).sort();
  }
  return out;
}

describe.each(kinds)('demo seed on %s', (kind) => {
  let handle: DatabaseHandle;
  let orgId: string;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  it('loads the bulletin into an empty database', async () => {
    expect(await isEmpty(handle.db)).toBe(true);
    const summary = await seedDemo(handle.db);
    expect(summary.activities).toBe(demoActivities.length);
    expect(await isEmpty(handle.db)).toBe(false);
    const [org] = await queryRows<{ id: string }>(
      handle.db,
      sql`select id from organisation where code = 'WANEP-ML'`,
    );
    orgId = must(org, 'org').id;
  });

  it('is idempotent: a second run changes no row', async () => {
    const before = await snapshot(handle);
    await seedDemo(handle.db);
    const after = await snapshot(handle);
    expect(after).toEqual(before);
  });

  it('keeps the bulletin figures with their qualifiers', async () => {
    const { items, total } = await listActivities(handle.db, orgId, {
      from: '2023-04-01',
      to: '2023-06-30',
    });
    expect(total).toBe(demoActivities.length);
    const byCode = new Map(items.map((a) => [a.code, a]));
    const causerie = must(
      byCode.get('FPS-2023-05-09-CAUSERIE-MGF'),
      "byCode.get('FPS-2023-05-09-CAUSERIE-MGF')",
    );
    expect(causerie.participants?.total).toEqual({ value: 150, qualifier: 'exact' });
    expect(causerie.participants?.cells).toEqual(
      expect.arrayContaining([
        { key: { sex: 'female' }, value: 97, qualifier: 'exact' },
        { key: { age: 'youth' }, value: 109, qualifier: 'exact' },
      ]),
    );
    expect(
      must(byCode.get('FPS-2023-06-15-GENDER-TALK'), "byCode.get('FPS-2023-06-15-GENDER-TALK')")
        .participants?.total,
    ).toEqual({
      value: 50,
      qualifier: 'approximate',
    });
    const ccsc = must(
      byCode.get('CCS-C-2023-T2-FORMATIONS'),
      "byCode.get('CCS-C-2023-T2-FORMATIONS')",
    );
    expect(ccsc.participants?.total).toEqual({ value: 325, qualifier: 'at-least' });
    expect(ccsc.sessions).toBe(13);
    expect(ccsc.places.map((p) => p.name).sort()).toEqual(
      ['Bandiagara', 'Kayes', 'Koutiala', 'Mopti', 'Nara', 'Nioro du Sahel', 'San', 'Ségou'].sort(),
    );
    // An activity the bulletin gives no figure for has no participation record at all.
    expect(
      must(byCode.get('DO-2023-05-29-CASQUES-BLEUS'), "byCode.get('DO-2023-05-29-CASQUES-BLEUS')")
        .participants,
    ).toBeNull();
  });

  it('holds the NEWS quarter exactly: 116 incidents, 153 dead, 236 injured, 12 weekly reports, 3 bulletins', async () => {
    const [inc] = await queryRows<{
      n: number;
      deaths: number;
      injuries: number;
      months: number;
      categories: number;
    }>(
      handle.db,
      sql`select count(*)::int as n, sum(deaths)::int as deaths, sum(injuries)::int as injuries,
                 count(distinct month)::int as months, count(distinct category)::int as categories
            from incident where organisation_id = ${orgId} and date between '2023-04-01' and '2023-06-30'`,
    );
    expect(inc).toEqual({ n: 116, deaths: 153, injuries: 236, months: 3, categories: 4 });
    const deliverables = await queryRows<{ type: string; n: number }>(
      handle.db,
      sql`select type, count(*)::int as n from deliverable where organisation_id = ${orgId} group by type order by type`,
    );
    expect(Object.fromEntries(deliverables.map((d) => [d.type, d.n]))).toEqual({
      'bimonthly-note': 1,
      'monthly-bulletin': 3,
      'monthly-report': 3,
      'weekly-report': 12,
    });
  });

  it('links grants to their programmes, frameworks, indicators and activities', async () => {
    const rows = await queryRows<{
      code: string;
      nodes: number;
      indicators: number;
      activities: number;
      log_targets: number;
    }>(
      handle.db,
      sql`select g.code,
                 (select count(*)::int from result_node n where n.grant_id = g.id) as nodes,
                 (select count(*)::int from indicator i join result_node n on n.id = i.result_node_id where n.grant_id = g.id) as indicators,
                 (select count(*)::int from activity_grant ag where ag.grant_id = g.id) as activities,
                 (select count(*)::int from target t join indicator i on i.id = t.indicator_id join result_node n on n.id = i.result_node_id
                   where n.grant_id = g.id and t.life_of_grant) as log_targets
            from grant_agreement g where g.organisation_id = ${orgId} order by g.code`,
    );
    const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
    expect(Object.keys(byCode).sort()).toEqual([
      'CEDEAO-NEWS',
      'DRC-PLF',
      'INTERPEACE-FRONTIERES',
      'JUST-FUTURE',
      'PROSMED-CCSC',
      'Y-TEAM',
    ]);
    for (const r of rows) {
      expect(r.nodes, r.code).toBeGreaterThan(0);
      expect(r.indicators, r.code).toBeGreaterThan(0);
    }
    expect(must(byCode['PROSMED-CCSC'], "byCode['PROSMED-CCSC']").activities).toBe(2);
    expect(must(byCode['JUST-FUTURE'], "byCode['JUST-FUTURE']").activities).toBe(4);
    expect(must(byCode['PROSMED-CCSC'], "byCode['PROSMED-CCSC']").log_targets).toBe(4);
  });

  it('scores WANEP-Mali 86,85 % in the 2022 WODI cycle, on the podium, through the engine', async () => {
    const data = await loadAssessments(handle.db, orgId, 'WODI');
    expect(data).toBeDefined();
    const cycle = must(data, 'data').assessments.filter((a) => a.cycle === '2022');
    const scored = cycle.map((a) => {
      const s = scoreAssessment(must(data, 'data').framework, a);
      if (!s.ok) throw new Error(s.error.message.en);
      return { organisation: a.organisation, index: s.value.index };
    });
    const mali = must(
      scored.find((s) => s.organisation === 'WANEP-ML'),
      "scored.find((s) => s.organisation === 'WANEP-ML')",
    );
    expect(formatPercent(mali.index / 100, 'fr')).toBe('86,85\u202f%');
    const rank = must(
      rankAssessments(scored).find((r) => r.organisation === 'WANEP-ML'),
      "rankAssessments(scored).find((r) => r.organisation === 'WANEP-ML')",
    ).rank;
    expect(rank).toBeLessThanOrEqual(3);
    expect(cycle.length).toBeGreaterThanOrEqual(5);
  });

  it('filters by programme and period and pages', async () => {
    const programmes = await listProgrammes(handle.db, orgId);
    const fps = must(
      programmes.find((p) => p.code === 'FPS'),
      "programmes.find((p) => p.code === 'FPS')",
    );
    const byId = await listActivities(handle.db, orgId, { programmeId: fps.id });
    const byCode = await listActivities(handle.db, orgId, { programmeCode: 'FPS' });
    const expected = demoActivities.filter((a) => a.programme === 'FPS').length;
    expect(byId.total).toBe(expected);
    expect(byCode.items.map((a) => a.id)).toEqual(byId.items.map((a) => a.id));
    const may = await listActivities(handle.db, orgId, { from: '2023-05-01', to: '2023-05-31' });
    expect(may.total).toBe(demoActivities.filter((a) => a.startDate.startsWith('2023-05')).length);
    const page = await listActivities(handle.db, orgId, { limit: 5, offset: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(demoActivities.length);
    const otherOrg = await listActivities(handle.db, '00000000-0000-4000-8000-00000000dead');
    expect(otherOrg.total).toBe(0);
  });
});
