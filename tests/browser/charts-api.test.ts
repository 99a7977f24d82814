import ExcelJS from 'exceljs';
import { formatFigure, formatNumber, formatPercent, STATUSES, type Figure } from '@jalon/domain';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite } from '../src/browser';

/**
 * Issue 16, « each chart's numbers equal the API »: in Chromium, on the pages as the server draws
 * them from the demo data, every chart's table is read and compared with what the API answers the
 * same session (`/trpc/…`): each indicator's chart with `indicator.values` over its four quarters,
 * the dashboard's trends with `bulletin.figures` and its statuses with `dashboard.summary`, the
 * early-warning charts and the map with `incident.summary`, the scorecard with
 * `assessment.scorecard`, the bulletin's HTML charts with `bulletin.figures` and
 * `incident.summary`, the pivot table with `pivot.query` — and its xlsx download read back. Each
 * page is photographed on a desktop and at 390 px (tests/test-artifacts/charts-api-*.png).
 */

const QUARTERS = ['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2'];
const pct = (x: number | null) => (x === null ? 'non calculable' : formatPercent(x / 100, 'fr'));
const num = (x: number) => formatNumber(x, 'fr');

/** The rows of a chart's table: its header cell, then its cells. */
async function chartRows(page: Page, name: string): Promise<string[][]> {
  return page
    .locator(`table[data-chart-table="${name}"] tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
    );
}

type IndicatorItem = {
  indicator: { id: string; code: string };
  figure: Figure | null;
  target: number | null;
  baseline: number | null;
};
type Group = { key: string; label: string; incidents: number; deaths: number; injuries: number };
type Totals = {
  activities: number;
  participants: Figure;
  women: Figure;
  youth: Figure;
  uniquePeople: Figure;
};

describe.runIf(browserSuiteCanRun)('every chart’s numbers are the API’s, in Chromium', () => {
  const suite = chromiumSuite();

  /** A query procedure's answer through the signed-in browser's session. */
  async function api<T>(procedure: string, input?: unknown): Promise<T> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await suite.page.request.get(`${suite.jalon.url}/trpc/${procedure}${query}`);
    expect(res.status(), procedure).toBe(200);
    return ((await res.json()) as { result: { data: T } }).result.data;
  }

  /** The same page at 390 px: every chart fits, nothing scrolls sideways; photographed. */
  async function onPhone(path: string, name: string, prepare?: (p: Page) => Promise<unknown>) {
    const context = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
      isMobile: true,
      hasTouch: true,
      storageState: await suite.page.context().storageState(),
    });
    const phone = await context.newPage();
    try {
      await phone.goto(`${suite.jalon.url}${path}`);
      if (prepare) await prepare(phone);
      const rights = await phone
        .locator('figure.chart svg')
        .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().right));
      expect(rights.length, path).toBeGreaterThan(0);
      for (const right of rights) expect(right).toBeLessThanOrEqual(390);
      expect(
        await phone.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      ).toBe(0);
      await phone.screenshot({ path: `${artifacts}charts-api-${name}-phone.png`, fullPage: true });
    } finally {
      await context.close();
    }
  }

  const openAll = (p: Page) =>
    p.evaluate(
      'document.querySelectorAll("details[data-indicator-chart]").forEach(d => d.open = true)',
    );

  it('each indicator’s chart equals indicator.values over its four quarters (actual, target, baseline)', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/indicateurs?period=2023-Q2`);
    await openAll(page);
    const codes = await page
      .locator('details[data-indicator-chart]')
      .evaluateAll((ds) => ds.map((d) => d.getAttribute('data-indicator-chart') ?? ''));
    expect(codes.length).toBeGreaterThan(3);
    const { items } = await api<{ items: { id: string; code: string }[] }>('indicator.list');
    const indicatorIds = items.map((i) => i.id);
    const perQuarter = await Promise.all(
      QUARTERS.map((period) =>
        api<{ items: IndicatorItem[] }>('indicator.values', { indicatorIds, period }),
      ),
    );
    let open = 0;
    for (const code of codes) {
      const rows = await chartRows(page, `indicator-${code}`);
      const expected = perQuarter.map((q) => {
        const item = q.items.find((v) => v.indicator.code === code);
        if (!item) throw new Error(`${code}: not in indicator.values`);
        if (item.figure?.atLeast) open++;
        return [
          item.figure ? formatFigure(item.figure, 'fr') : 'non calculable',
          item.target === null ? '–' : num(item.target),
          item.baseline === null ? '–' : num(item.baseline),
        ];
      });
      expect(
        rows.map((r) => r.slice(1)),
        code,
      ).toEqual(expected);
    }
    // The demo's uncounted activities leave some values open: those were compared too, and the
    // page draws them as at-least markers.
    expect(open).toBeGreaterThan(0);
    await page.screenshot({ path: `${artifacts}charts-api-indicators-fr.png`, fullPage: true });
    await onPhone('/indicateurs?period=2023-Q2', 'indicators', openAll);
  });

  it('the dashboard’s trends equal bulletin.figures and its statuses dashboard.summary', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/tableau-de-bord?period=2023-Q2`);
    const figures = await Promise.all(
      QUARTERS.map((period) => api<{ totals: Totals }>('bulletin.figures', { period })),
    );
    const cells = async (name: string) => (await chartRows(page, name)).map((r) => r.slice(1));
    expect(await cells('activities-by-quarter')).toEqual(
      figures.map((f) => [num(f.totals.activities)]),
    );
    expect(await cells('participants-by-quarter')).toEqual(
      figures.map((f) =>
        [f.totals.participants, f.totals.women, f.totals.youth].map((x) => formatFigure(x, 'fr')),
      ),
    );
    expect(await cells('unique-people-by-quarter')).toEqual(
      figures.map((f) => [formatFigure(f.totals.uniquePeople, 'fr')]),
    );
    const summary = await api<{ statuses: Record<string, number> }>('dashboard.summary', {
      period: '2023-Q2',
    });
    const status = await cells('indicator-status');
    expect(STATUSES.map((_, i) => status.reduce((s, r) => s + Number(r[i]), 0))).toEqual(
      STATUSES.map((s) => summary.statuses[s]),
    );
    const regions = await api<{ groups: Group[] }>('incident.summary', {
      period: '2023-Q2',
      by: 'region',
    });
    const map = await chartRows(page, 'incidents-map');
    for (const g of regions.groups)
      expect(map.find((r) => r[0] === g.label)?.slice(1), g.label).toEqual([num(g.incidents)]);
    await page.screenshot({ path: `${artifacts}charts-api-dashboard-fr.png`, fullPage: true });
    await onPhone('/tableau-de-bord?period=2023-Q2', 'dashboard');
  });

  it('the early-warning charts and the map equal incident.summary; the 2023 regions are on the map', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/alerte-precoce?period=2023-Q2`);
    const summary = (by: string) =>
      api<{ groups: Group[] }>('incident.summary', { period: '2023-Q2', by });
    const [months, categories, regions] = await Promise.all(
      ['month', 'category', 'region'].map(summary),
    );
    const three = (g: Group) => [num(g.incidents), num(g.deaths), num(g.injuries)];
    expect((await chartRows(page, 'incidents-by-month')).map((r) => r.slice(1))).toEqual(
      months?.groups.map(three),
    );
    expect((await chartRows(page, 'incidents-by-category')).map((r) => r.slice(1))).toEqual(
      categories?.groups.map(three),
    );
    const map = page.locator('figure[data-chart="incidents-map"]').first();
    const tiles = await map
      .locator('g[data-region]')
      .evaluateAll((gs) =>
        Object.fromEntries(
          gs.map((g) => [g.getAttribute('data-region'), g.getAttribute('data-value')]),
        ),
      );
    // The 2023 division: 19 regions and Bamako, those the bulletin names among them.
    for (const slug of [
      'bougouni',
      'dioila',
      'koutiala',
      'nioro-du-sahel',
      'kita',
      'san',
      'douentza',
      'bandiagara',
      'nara',
      'taoudenit',
      'menaka',
      'bamako',
    ])
      expect(Object.keys(tiles), slug).toContain(slug);
    expect(Object.keys(tiles)).toHaveLength(20);
    const table = await chartRows(page, 'incidents-map');
    for (const g of regions?.groups ?? []) {
      expect(table.find((r) => r[0] === g.label)?.slice(1), g.label).toEqual([num(g.incidents)]);
    }
    // Each tile's value is its region's count (the demo's regions are all on the map).
    const onMap = (regions?.groups ?? []).filter((g) => g.key.startsWith('ml/'));
    expect(onMap.length).toBeGreaterThan(0);
    for (const g of onMap)
      expect(tiles[g.key.split('/').pop() ?? ''], g.key).toBe(String(g.incidents));
    await page.screenshot({ path: `${artifacts}charts-api-early-warning-fr.png`, fullPage: true });
    await onPhone('/alerte-precoce?period=2023-Q2', 'early-warning');
  });

  it('the scorecard’s charts equal assessment.scorecard', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/score-institutionnel`);
    const history = await chartRows(page, 'index-over-cycles');
    const cycle = Number(history.at(-1)?.[0]);
    const card = await api<{
      domains: { score: number | null; peersMedian: number | null }[];
      history: { cycle: number; index: number | null }[];
    }>('assessment.scorecard', { cycle });
    expect((await chartRows(page, 'domains-vs-peers')).map((r) => r.slice(1))).toEqual(
      card.domains.map((d) => [pct(d.score), pct(d.peersMedian)]),
    );
    expect(history).toEqual(card.history.map((h) => [String(h.cycle), pct(h.index)]));
    await page.screenshot({ path: `${artifacts}charts-api-scorecard-fr.png`, fullPage: true });
    await onPhone('/score-institutionnel', 'scorecard');
  });

  it('the bulletin’s HTML draws its charts in Chromium with bulletin.figures’ and incident.summary’s numbers', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/rapports?period=2023-Q2`);
    const href =
      (await page.locator('a[data-download="bulletin-html"]').getAttribute('href')) ?? '';
    const res = await page.request.get(new URL(href, page.url()).href);
    expect(res.status()).toBe(200);
    const html = await res.text();
    const figures = await api<{ programmes: { name: string; activities: number }[] }>(
      'bulletin.figures',
      { period: '2023-Q2' },
    );
    const categories = await api<{ groups: Group[] }>('incident.summary', {
      period: '2023-Q2',
      by: 'category',
    });
    for (const [width, name] of [
      [1280, 'desktop'],
      [390, 'phone'],
    ] as const) {
      const context = await suite.browser.newContext({ viewport: { width, height: 900 } });
      const view = await context.newPage();
      try {
        await view.setContent(
          `<!doctype html><meta name="viewport" content="width=device-width">${html}`,
        );
        const svgs = view.locator('svg[role="img"]');
        expect(await svgs.count()).toBeGreaterThanOrEqual(2);
        const tables = await view
          .locator('table')
          .evaluateAll((ts) =>
            ts.map((t) =>
              [...t.querySelectorAll('tbody tr')].map((r) =>
                [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim()),
              ),
            ),
          );
        const [activities, incidents] = tables;
        for (const p of figures.programmes)
          expect(activities?.find((r) => r[0] === p.name)?.slice(1), p.name).toEqual([
            num(p.activities),
          ]);
        expect(incidents?.map((r) => r.slice(1))).toEqual(
          categories.groups
            .filter((g) => g.incidents > 0)
            .map((g) => [num(g.incidents), num(g.deaths), num(g.injuries)]),
        );
        const rights = await svgs.evaluateAll((s) => s.map((x) => x.getBoundingClientRect().right));
        for (const right of rights) expect(right).toBeLessThanOrEqual(width);
        await view.screenshot({
          path: `${artifacts}charts-api-bulletin-${name}.png`,
          fullPage: true,
        });
      } finally {
        await context.close();
      }
    }
  });

  it('the pivot table equals pivot.query, a range stays a range, and its xlsx reads back the same', async () => {
    const { page } = suite;
    const search = 'period=2023-Q2&measure=participants&rows=period&columns=sex';
    await page.goto(`${suite.jalon.url}/tableau-croise?${search}`);
    const table = page.locator('table[data-table="pivot"]');
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
      );
    const pivot = await api<{
      rows: { code: string }[];
      columns: { code: string }[];
      cells: { row: string | null; column: string | null; figure: Figure | null }[];
    }>('pivot.query', {
      period: '2023-Q2',
      measure: 'participants',
      rows: 'period',
      columns: 'sex',
    });
    const said = (row: string | null, column: string | null) => {
      const f = pivot.cells.find((c) => c.row === row && c.column === column)?.figure;
      return f ? formatFigure(f, 'fr') : 'non calculable';
    };
    const keys = [...pivot.columns.map((c) => c.code), null];
    expect(rows.map((r) => r.slice(1))).toEqual(
      [...pivot.rows.map((r) => r.code), null].map((row) => keys.map((col) => said(row, col))),
    );
    // June's participants were counted « environ 50 », never split by sex: its women are a range,
    // and the total of the women is open (activities never counted), never a closed sum.
    const cells = rows.flatMap((r) => r.slice(1));
    expect(cells.some((c) => c.startsWith('entre '))).toBe(true);
    expect(rows.at(-1)?.[1]).toMatch(/^au moins /);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[data-export="xlsx"]').click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path()) ?? '');
    const sheet = workbook.worksheets[0];
    const read: string[][] = [];
    sheet?.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      // An exact value is a number in the workbook; the page writes it the French way.
      read.push(values.map((v) => (typeof v === 'number' ? num(v) : String(v ?? ''))));
    });
    // The header, then every row with its words: « entre … et … », « au moins … » kept.
    expect(read.slice(1)).toEqual(rows);
    await page.screenshot({ path: `${artifacts}charts-api-pivot-fr.png`, fullPage: true });
  });

  it('the pivot split by region draws its map: each tile is pivot.query’s region total, open ones in words', async () => {
    const { page } = suite;
    const path = '/tableau-croise?period=2023-Q2&measure=participants&rows=region&columns=';
    await page.goto(`${suite.jalon.url}${path}`);
    const pivot = await api<{
      rows: { code: string; label: { fr: string } }[];
      cells: { row: string | null; column: string | null; figure: Figure | null }[];
    }>('pivot.query', {
      period: '2023-Q2',
      measure: 'participants',
      rows: 'region',
      columns: null,
    });
    const table = await chartRows(page, 'pivot-map');
    const tiles = await page
      .locator('figure[data-chart="pivot-map"] g[data-region]')
      .evaluateAll((gs) =>
        Object.fromEntries(
          gs.map((g) => [
            g.getAttribute('data-region') ?? '',
            [g.getAttribute('data-value'), g.getAttribute('data-figure')],
          ]),
        ),
      );
    expect(Object.keys(tiles)).toHaveLength(20);
    let words = 0;
    for (const region of pivot.rows) {
      const figure = pivot.cells.find((c) => c.row === region.code && c.column === null)?.figure;
      if (!figure) continue;
      expect(table.find((r) => r[0]?.startsWith(region.label.fr))?.slice(1), region.code).toEqual([
        formatFigure(figure, 'fr'),
      ]);
      const tile = tiles[region.code.split('/').pop() ?? ''];
      if (!tile) continue;
      expect(tile[0], region.code).toBe(String(Math.floor(figure.bounds?.lower ?? figure.value)));
      if (tile[1]) words++;
    }
    // Some regions' participants are open or approximate on the demo: said in words on the tile.
    expect(words).toBeGreaterThan(0);
    await page.screenshot({ path: `${artifacts}charts-api-pivot-map-fr.png`, fullPage: true });
    await onPhone(path, 'pivot-map');
  });
});
