import {
  incidentsCategoryChart,
  incidentsMonthChart,
  incidentsRegionMap,
  indicatorProgressChart,
  indicatorStatusChart,
  MALI_TILES,
  pivotRegionMap,
  quarterlyTrendCharts,
  regionSlug,
  scorecardCharts,
} from '@jalon/charts';
import { bulletinCharts } from '@jalon/reports';
import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { formatFigure, formatNumber, formatPercent, must, STATUSES } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from './context';
import { createCaller } from './router';

/*
 * Issue 16: every chart's numbers are the API's. Each chart is drawn from the procedures' answers
 * on the demo data (the web pages and the bulletin call the same functions of @jalon/charts), and
 * its table is compared with the figures the API gave, formatted by the domain.
 */

// One engine is enough here (the figures' equality across engines is tested elsewhere): the
// server when it answers, PGlite otherwise.
const kind = (await testDatabaseKinds()).at(-1) ?? 'pglite';
const QUARTERS = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4'];

describe(`charts equal the API's figures on the demo data (${kind})`, () => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
  }, 120_000);
  afterAll(async () => handle?.close());

  it('each indicator of the demo grant: actual, target and baseline per quarter, as indicator.values says them', async () => {
    const grant = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      'PROSMED-CCSC',
    );
    const { items: indicators } = await caller.indicator.list({ grantId: grant.id });
    expect(indicators.length).toBeGreaterThan(0);
    const indicatorIds = indicators.map((i) => i.id);
    const perQuarter = await Promise.all(
      QUARTERS.map((period) => caller.indicator.values({ indicatorIds, period })),
    );
    let open = 0;
    for (const indicator of indicators) {
      const items = perQuarter.map((q) =>
        must(
          q.items.find((v) => v.indicator.id === indicator.id),
          indicator.code,
        ),
      );
      const { svg, table } = indicatorProgressChart(items, 'fr', (code) => code);
      expect(table.caption).toBe(indicator.title);
      expect(table.rows.map((r) => r.header)).toEqual(QUARTERS);
      items.forEach((item, i) => {
        const [actual, target, baseline] = must(table.rows[i], 'a row').cells;
        expect(actual).toBe(item.figure ? formatFigure(item.figure, 'fr') : 'non calculable');
        expect(target).toBe(item.target === null ? '–' : formatNumber(item.target, 'fr'));
        expect(baseline).toBe(item.baseline === null ? '–' : formatNumber(item.baseline, 'fr'));
        if (item.figure?.atLeast) open++;
      });
      expect(svg).toMatch(/^<svg role="img"/);
    }
    // The demo's uncounted activities make some values open: the check above met them.
    expect(open).toBeGreaterThan(0);
    // A cumulative indicator is drawn as it accumulates: what is certain of it never falls from
    // one quarter to the next, and it keeps the second quarter's activities after that quarter
    // (a per-quarter value would fall back to nothing in the third).
    const cumulative = indicators.filter((i) => i.cumulative);
    expect(cumulative.length).toBeGreaterThan(0);
    let carried = 0;
    for (const indicator of cumulative) {
      const lower = perQuarter.map((q) => {
        const f = q.items.find((v) => v.indicator.id === indicator.id)?.figure;
        return f ? (f.bounds?.lower ?? f.value) : null;
      });
      const known = lower.filter((v): v is number => v !== null);
      for (let i = 1; i < known.length; i++)
        expect(known[i], indicator.code).toBeGreaterThanOrEqual(known[i - 1] ?? 0);
      if ((lower[1] ?? 0) > 0 && (lower[2] ?? 0) >= (lower[1] ?? 0)) carried++;
    }
    expect(carried).toBeGreaterThan(0);
  });

  it('the dashboard: quarterly trends as bulletin.figures gives them, statuses as dashboard.summary counts them', async () => {
    const figures = await Promise.all(
      QUARTERS.map((period) => caller.bulletin.figures({ period })),
    );
    const { activities, participants, uniquePeople } = quarterlyTrendCharts(
      figures.map((f) => ({ code: f.period.code, label: f.period.code, figures: f.totals })),
      'fr',
    );
    expect(activities.table.rows.map((r) => r.cells)).toEqual(
      figures.map((f) => [formatNumber(f.totals.activities, 'fr')]),
    );
    expect(participants.table.rows.map((r) => r.cells)).toEqual(
      figures.map((f) =>
        [f.totals.participants, f.totals.women, f.totals.youth].map((x) => formatFigure(x, 'fr')),
      ),
    );
    // Q2 2023: 13 activities never counted, so the women read « au moins 179 ».
    expect(participants.table.rows[1]?.cells[1]).toMatch(/^au moins 179/);
    // Distinct named people per quarter: the API's figure, which the pivot's unique-people total
    // (another path: one cell over the whole quarter) states the same.
    expect(uniquePeople.table.rows.map((r) => r.cells)).toEqual(
      figures.map((f) => [formatFigure(f.totals.uniquePeople, 'fr')]),
    );
    for (const f of figures) {
      const pivot = await caller.pivot.query({
        period: f.period.code,
        rows: 'sex',
        measure: 'unique-people',
      });
      const total = pivot.cells.find((c) => c.row === null && c.column === null)?.figure;
      expect(total).toEqual(f.totals.uniquePeople);
    }
    // Some of Q2's participants were never named: its count of people is open above.
    expect(figures[1]?.totals.uniquePeople.atLeast).toBe(true);
    expect(uniquePeople.table.rows[1]?.cells[0]).toMatch(/^au moins /);

    const summary = await caller.dashboard.summary({ period: '2023-Q2' });
    expect(summary.figures.uniquePeople).toEqual(figures[1]?.totals.uniquePeople);
    const status = indicatorStatusChart(summary.indicators, 'fr');
    const totals = status.table.rows.reduce(
      (sum, r) => sum.map((s, i) => s + Number(r.cells[i])),
      STATUSES.map(() => 0),
    );
    expect(totals).toEqual(STATUSES.map((s) => summary.statuses[s]));
  });

  it('early warning: months, categories and regions as incident.summary gives them (116 incidents, 153 dead, 236 injured)', async () => {
    const summary = (by: 'month' | 'category' | 'region') =>
      caller.incident.summary({ period: '2023-Q2', by });
    const [byMonth, byCategory, byRegion] = await Promise.all([
      summary('month'),
      summary('category'),
      summary('region'),
    ]);
    const n = (x: number) => formatNumber(x, 'fr');
    const cells = (g: { incidents: number; deaths: number; injuries: number }) => [
      n(g.incidents),
      n(g.deaths),
      n(g.injuries),
    ];
    const month = incidentsMonthChart(byMonth.groups, 'fr', (k) => k);
    expect(month.table.rows.map((r) => r.cells)).toEqual(byMonth.groups.map(cells));
    const category = incidentsCategoryChart(byCategory.groups, 'fr', (k) => k);
    expect(category.table.rows.map((r) => r.cells)).toEqual(byCategory.groups.map(cells));
    const sum = (rows: string[][], i: number) => rows.reduce((s, r) => s + Number(r[i]), 0);
    expect(
      sum(
        month.table.rows.map((r) => r.cells),
        0,
      ),
    ).toBe(116);
    expect(
      sum(
        category.table.rows.map((r) => r.cells),
        1,
      ),
    ).toBe(153);
    const map = incidentsRegionMap(byRegion.groups, 'fr');
    for (const g of byRegion.groups) {
      expect(map.table.rows.find((r) => r.header === g.label)?.cells).toEqual([n(g.incidents)]);
      expect(map.svg).toContain(`data-value="${g.incidents}"`);
    }
  });

  it('the map of a pivot split by region: each tile and table row is pivot.query’s region total; every demo region has its tile', async () => {
    for (const measure of ['activities', 'participants', 'incidents'] as const) {
      const answer = await caller.pivot.query({
        period: '2023-Q2',
        rows: 'region',
        columns: measure === 'incidents' ? null : 'programme',
        measure,
      });
      const map = pivotRegionMap(answer, 'rows', { title: measure, measure }, 'fr');
      let drawn = 0;
      for (const region of answer.rows) {
        const figure = answer.cells.find((c) => c.row === region.code && c.column === null)?.figure;
        if (!figure) continue;
        const row = map.table.rows.find((r) => r.header.startsWith(region.label.fr));
        expect(row?.cells, `${measure} ${region.code}`).toEqual([formatFigure(figure, 'fr')]);
        if (MALI_TILES.some((t) => t.slug === regionSlug(region.code))) {
          expect(map.svg).toContain(
            `<g data-region="${regionSlug(region.code)}" data-value="${Math.floor(figure.bounds?.lower ?? figure.value)}"`,
          );
          drawn++;
        }
      }
      expect(drawn, measure).toBeGreaterThan(0);
    }
    // The demo's regions are the 2023 division and Bamako: each one has its tile.
    const regions = await caller.place.list({ level: 'region', limit: 1000 });
    const malian = regions.items.filter((p) => p.path.startsWith('ml/'));
    expect(malian).toHaveLength(20);
    for (const p of malian)
      expect(
        MALI_TILES.map((t) => t.slug),
        p.path,
      ).toContain(regionSlug(p.path));
  });

  it('the bulletin: its charts count the activities and incidents as incident.summary and bulletin.figures do', async () => {
    const model = await caller.report.bulletin({ period: '2023-Q2' });
    const [activities, incidents] = bulletinCharts(model, 'fr');
    const figures = await caller.bulletin.figures({ period: '2023-Q2' });
    for (const p of figures.programmes)
      expect(
        must(activities, 'the activities chart').table.rows.find((r) => r.header === p.name)?.cells,
      ).toEqual([formatNumber(p.activities, 'fr')]);
    const byCategory = await caller.incident.summary({ period: '2023-Q2', by: 'category' });
    const rows = must(incidents, 'the incidents chart').table.rows.map((r) =>
      r.cells.map((c) => Number(c.replace('\u202f', ''))),
    );
    expect(rows).toEqual(
      byCategory.groups
        .filter((g) => g.incidents > 0)
        .map((g) => [g.incidents, g.deaths, g.injuries]),
    );
  });

  it('the scorecard: domain scores, the peers’ median and the index over the cycles as assessment.scorecard gives them', async () => {
    const card = await caller.assessment.scorecard({ cycle: 2022 });
    expect(card.history.at(-1)).toEqual({ cycle: 2022, index: card.index });
    expect(card.history.map((h) => h.cycle)).toContain(2021);
    expect(card.domains.every((d) => d.peersMedian !== null)).toBe(true);
    const { domains, history } = scorecardCharts(card, 'fr');
    const pct = (x: number | null) =>
      x === null ? 'non calculable' : formatPercent(x / 100, 'fr');
    expect(domains.table.rows.map((r) => r.cells)).toEqual(
      card.domains.map((d) => [pct(d.score), pct(d.peersMedian)]),
    );
    expect(history?.table.rows.map((r) => [r.header, ...r.cells])).toEqual(
      card.history.map((h) => [String(h.cycle), pct(h.index)]),
    );
    expect(history?.table.rows.at(-1)?.cells).toEqual(['86,85\u202f%']);
  });
});
