import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import {
  renderBulletinHtml,
  renderBulletinMarkdown,
  renderIati,
  renderWorkbook,
} from '@jalon/reports';
import {
  IATI_ACTIVITIES_XSD,
  iatiValidationAvailable,
  statedCells,
  XMLLINT,
} from '@jalon/reports/test-support';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { FRENCH_SPACE, formatFigure, must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

const XSD = IATI_ACTIVITIES_XSD;
const haveTools = iatiValidationAvailable(process.env);
const scratch = mkdtempSync(join(tmpdir(), 'jalon-honest-outputs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validateIati(xml: string, name: string): string {
  const file = join(scratch, `${name}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync(XMLLINT, ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

// The grants whose 2023-Q2 actuals rest on activities nobody counted (Just Future's meetings, the
// Y-TEaM planning meeting), each with a template.
const GRANTS = [
  { grant: 'JUST-FUTURE', template: 'nl-mfa' },
  { grant: 'Y-TEAM', template: undefined },
  { grant: 'PROSMED-CCSC', template: 'undp-quarterly' },
];

describe.each(kinds)('every output says an open figure the same way, on %s', (kind) => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
  }, 60_000);
  afterAll(async () => handle?.close());

  it('the bulletin reads « au moins 179 » women, with the 13 activities not counted', async () => {
    const model = await caller.report.bulletin({ period: '2023-Q2' });
    const figures = await caller.bulletin.figures({ period: '2023-Q2' });
    expect(model.totals?.women).toEqual(figures.totals.women);
    const md = renderBulletinMarkdown(model, 'fr');
    expect(md).toMatch(
      /Au total, au moins environ \d+ participants, dont au moins 179 femmes et au moins \d+ jeunes \(13 activités sans décompte\)\./,
    );
    expect(renderBulletinHtml(model, 'en')).toMatch(
      /In all, at least about \d+ participants, of whom at least 179 women and at least \d+ young people \(13 activities not counted\)\./,
    );
  });

  it('the JSON, the workbook read back and IATI mark open actuals and their achievements', async () => {
    let open = 0;
    let openAchievements = 0;
    for (const { grant, template } of GRANTS) {
      const request = { grant, period: '2023-Q2', ...(template ? { template } : {}) };
      // The JSON (`jalon report --format json` prints this preview).
      const preview = await caller.report.preview(request);
      const { model, template: tpl } = await caller.report.model(request);
      const rendered = await renderWorkbook(model, tpl, { locale: 'fr' });
      if (!rendered.ok) throw new Error(rendered.error.message);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);
      const xml = renderIati(model, { breakdowns: 'dimension' });
      if (haveTools) expect(validateIati(xml, grant)).toBe('');

      for (const ind of model.indicators) {
        for (const v of ind.values) {
          if (!v.uncounted) continue;
          open += 1;
          expect(v.actual?.qualifier === 'at-least' || v.actual?.atLeast).toBe(true);
          const p = must(
            must(
              preview.indicators.find((i) => i.code === ind.code),
              'preview.indicators .find((i) => i.code === ind.code)',
            ).values.find((x) => x.period === v.period),
            'preview.indicators .find((i) => i.code === ind.code)! .values.find(...',
          );
          expect(p.uncounted).toBe(v.uncounted);
          expect(p.actualStated?.fr).toMatch(
            new RegExp(`^au moins .*\\(${v.uncounted} activités? sans décompte\\)$`),
          );
          expect(p.actualStated?.en).toMatch(/^at least .*not counted\)$/);
          expect(p.achievementAtLeast).toBe(v.achievementAtLeast ?? false);
          if (v.achievementAtLeast) openAchievements += 1;
          // IATI: the actual's comment says it, in French and in English.
          expect(xml).toContain(`${v.uncounted} activité`);
          expect(xml).toMatch(/<narrative xml:lang="en">[^<]*activit(y|ies) not counted/);
        }
      }
      // The workbook: each open actual keeps its « plus de » / « au moins environ » format and says
      // how many activities were not counted; an at-least achievement reads « ≥ ».
      const noted: ExcelJS.Cell[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.note === 'string' || (cell.note && 'texts' in cell.note))
              noted.push(cell);
          }),
        ),
      );
      const hasOpen = model.indicators.some((i) => i.values.some((v) => v.uncounted));
      if (hasOpen) expect(noted.length).toBeGreaterThan(0);
      for (const cell of noted) {
        const text =
          typeof cell.note === 'string'
            ? cell.note
            : (cell.note as ExcelJS.Comment).texts?.map((t) => t.text).join('');
        expect(text).toMatch(/activités? sans décompte/);
        expect(cell.numFmt).toMatch(/^"(plus de|au moins environ) "/);
        expect(typeof cell.value === 'number' || typeof cell.value === 'object').toBe(true);
      }
      const atLeastFormats: string[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.numFmt?.startsWith('"≥ "')) atLeastFormats.push(cell.numFmt);
          }),
        ),
      );
      const atLeastAchievements = model.indicators.flatMap((i) =>
        i.values.filter((v) => v.achievementAtLeast),
      );
      if (atLeastAchievements.length > 0) expect(atLeastFormats.length).toBeGreaterThan(0);
    }
    expect(open).toBeGreaterThan(0);
    // Y-TEaM's young people: « au moins environ 50 (1 activité sans décompte) », ≥ 100 %.
    expect(openAchievements).toBeGreaterThan(0);
  });

  it('marks a lower-is-better achievement from an open actual « au plus » (≤) everywhere', async () => {
    // A twin of a Y-TEaM indicator whose 2023-Q2 actual is open, where lower is better.
    const request = { grant: 'Y-TEAM', period: '2023-Q2' };
    const { model } = await caller.report.model(request);
    const open = must(
      model.indicators.find((i) => i.values.some((v) => v.uncounted && v.actual)),
      'model.indicators.find((i) => i.values.some((v) => v.uncounted && v....',
    );
    expect(open).toBeDefined();
    const grant = must(
      (await caller.grant.list()).items.find((g) => g.code === 'Y-TEAM'),
      "(await caller.grant.list()).items.find((g) => g.code === 'Y-TEAM')",
    );
    const row = must(
      (await caller.indicator.list({ grantId: grant.id })).items.find((i) => i.code === open.code),
      '(await caller.indicator.list({ grantId: grant.id })).items.find( (i...',
    );
    const twin = await caller.indicator.create({
      code: `${row.code}-LIB`,
      title: `${row.title} (moins, c’est mieux)`,
      titleEn: `${row.titleEn} (lower is better)`,
      nodeId: row.node?.id ?? null,
      unit: row.unit,
      direction: 'lower-is-better',
      timeRule: row.timeRule,
      subPeriod: row.subPeriod,
      cumulative: row.cumulative,
      source: row.source,
    });
    await caller.target.set({ indicatorId: twin.id, period: '2023-Q2', value: 20 });
    const [v] = (await caller.indicator.values({ indicatorIds: [twin.id], period: '2023-Q2' }))
      .items;
    expect(must(v, 'v').figure?.atLeast).toBe(true);
    expect(must(v, 'v').achievement).not.toBeNull();
    expect(must(v, 'v').achievementAtMost).toBe(true);
    expect(must(v, 'v').achievementAtLeast).toBe(false);
    // The JSON and the workbook read back say « ≤ » for it, « ≥ » never.
    const preview = await caller.report.preview(request);
    const json = must(
      preview.indicators.find((i) => i.code === twin.code),
      'preview.indicators.find((i) => i.code === twin.code)',
    );
    const q2 = must(
      json.values.find((x) => x.period === '2023-Q2'),
      "json.values.find((x) => x.period === '2023-Q2')",
    );
    expect(q2).toMatchObject({ achievementAtMost: true, achievementAtLeast: false });
    const again = await caller.report.model(request);
    const rendered = await renderWorkbook(again.model, again.template, { locale: 'fr' });
    if (!rendered.ok) throw new Error(rendered.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);
    const formats: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((r) =>
        r.eachCell((cell) => {
          if (cell.numFmt?.startsWith('"≤ "')) formats.push(cell.numFmt);
        }),
      ),
    );
    expect(formats.length).toBeGreaterThan(0);
  });

  it('reads the demo’s 2023-Q2 women « au moins 179 » wherever they appear', async () => {
    const fr = 'au moins 179 (13 activités sans décompte)';
    const en = 'at least 179 (13 activities not counted)';
    // The dashboard (the page's figure), bulletin.figures and the pivot table.
    const summary = await caller.dashboard.summary({ period: '2023-Q2' });
    const figures = await caller.bulletin.figures({ period: '2023-Q2' });
    const pivot = await caller.pivot.query({
      period: '2023-Q2',
      rows: 'programme',
      columns: 'sex',
      measure: 'participants',
    });
    const pivotWomen = must(
      pivot.cells.find((c) => c.row === null && c.column === 'female')?.figure,
      'pivot total of women',
    );
    for (const women of [summary.figures.women, figures.totals.women, pivotWomen]) {
      expect(formatFigure(women, 'fr')).toBe(fr);
      expect(formatFigure(women, 'en')).toBe(en);
    }
    // The rendered bulletin.
    const bulletin = await caller.report.bulletin({ period: '2023-Q2' });
    expect(renderBulletinMarkdown(bulletin, 'fr')).toContain('au moins 179 femmes');
    expect(renderBulletinMarkdown(bulletin, 'en')).toContain('at least 179 women');
    // A grant's indicator of the women reached, in the JSON, the workbook read back and IATI.
    const grant = must(
      (await caller.grant.list()).items.find((g) => g.code === 'Y-TEAM'),
      'Y-TEAM',
    );
    const node = must(
      (await caller.indicator.list({ grantId: grant.id })).items.find((i) => i.node)?.node,
      'a node of Y-TEAM',
    );
    await caller.indicator.create({
      code: 'YT-FEMMES-TOUTES',
      title: 'Femmes touchées (toutes activités)',
      titleEn: 'Women reached (all activities)',
      nodeId: node.id,
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: false,
      source: { kind: 'participation', measure: 'participations', where: { sex: 'female' } },
    });
    const request = { grant: 'Y-TEAM', period: '2023-Q2' };
    const preview = await caller.report.preview(request);
    const q2 = must(
      preview.indicators
        .find((i) => i.code === 'YT-FEMMES-TOUTES')
        ?.values.find((v) => v.period === '2023-Q2'),
      'YT-FEMMES-TOUTES 2023-Q2',
    );
    expect(q2.actualStated).toEqual({ fr, en });
    const { model, template } = await caller.report.model(request);
    for (const [locale, said] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const rendered = await renderWorkbook(model, template, { locale });
      if (!rendered.ok) throw new Error(rendered.error.message);
      const cells = (
        await statedCells(
          must(rendered.value.buffer, 'workbook'),
          model,
          template,
          locale,
          'YT-FEMMES-TOUTES',
        )
      ).filter((c) => c.measure === 'actual' && c.period === '2023-Q2');
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c.shown).toBe(said);
    }
    const xml = renderIati(model);
    expect(xml).toContain(`Réalisé${FRENCH_SPACE}: ${fr}`);
    expect(xml).toContain(`Actual: ${en}`);
  });
});
