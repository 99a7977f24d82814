import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findGrantByCode,
  findOrganisationByCode,
  listIndicatorComments,
  listIndicators,
  setIndicatorComment,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, parsePeriod, rangePeriod, type Period } from '@jalon/domain';
import {
  builtInTemplates,
  bulletinModelSchema,
  getTemplate,
  parseReportModel,
  renderBulletinHtml,
  renderBulletinMarkdown,
  renderIati,
  renderWorkbook,
  type PeriodRef,
  type ReportModel,
  type ReportTemplate,
} from '@jalon/reports';
import {
  IATI_ACTIVITIES_XSD,
  XMLLINT,
  iatiValidationAvailable,
  readIndependently,
} from '@jalon/reports/test-support';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBulletinModel } from './bulletin-model';
import { indicatorValues } from './indicator-values';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { buildReportModel, ReportBuildAborted } from './report-model';

const kinds = await testDatabaseKinds();

const XSD = IATI_ACTIVITIES_XSD;
const haveTools = iatiValidationAvailable(process.env);
const scratch = mkdtempSync(join(tmpdir(), 'jalon-report-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** xmllint's complaints about a document, or '' when it validates against the IATI 2.03 schema. */
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

type Plain = number | string | boolean | null;
/** A read-back cell as a plain value (a formula's cached result). */
function plain(v: ExcelJS.CellValue): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return plain(v.result as ExcelJS.CellValue);
  return null;
}

/** A sheet's rows as plain values, 1-based like exceljs (index 0 unused). */
function rowsOf(ws: ExcelJS.Worksheet): Plain[][] {
  return [...ws.getSheetValues()].map((r) =>
    Array.isArray(r) ? Array.from(r, (v) => plain(v as ExcelJS.CellValue)) : [],
  );
}

type Column =
  | { kind: 'field'; field: string }
  /** `whole`: the whole period's target, never cut « à date » (UNDP's annual target). */
  | { kind: 'value'; measure: string; period: PeriodRef; whole?: boolean };

/** An indicator sheet's columns, expanded as the template says (per-sub-period blocks repeated). */
function columnsOf(
  sheet: Extract<ReportTemplate['sheets'][number], { kind: 'indicators' }>,
  model: ReportModel,
): Column[] {
  const byStart = (a: PeriodRef, b: PeriodRef) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
  const withRole = (role: string) =>
    model.periods.filter((p) => p.roles.includes(role as PeriodRef['roles'][number])).sort(byStart);
  return sheet.columns.flatMap((c): Column[] => {
    if (c.type === 'field') return [{ kind: 'field', field: c.field }];
    if (c.type === 'value')
      return [
        {
          kind: 'value',
          measure: c.measure,
          period: must(withRole(c.period)[0], 'withRole(c.period)[0]'),
          whole: c.window === 'whole',
        },
      ];
    return withRole('sub-period').flatMap((p) =>
      c.measures.map((m) => ({ kind: 'value' as const, measure: m, period: p })),
    );
  });
}

function parsePeriodOrThrow(code: string): Period {
  const p = parsePeriod(code);
  if (!p.ok) throw new Error(code);
  return p.value;
}

const GENERATED_AT = '2023-07-14T09:30:00.000Z';
const CASES: [string, string, string][] = [
  ...builtInTemplates.map((t): [string, string, string] => [t.id, 'PROSMED-CCSC', '2023-Q2']),
  ['nl-mfa', 'JUST-FUTURE', '2023-Q2'],
  ['undp-quarterly', 'CEDEAO-NEWS', '2023-Q2'],
  // A monthly report: its quarter, year and life of grant stop at 31 May and say so.
  ['generic', 'CEDEAO-NEWS', '2023-05'],
  ['undp-quarterly', 'CEDEAO-NEWS', '2023-05'],
];

describe.each(kinds)('report models from the seeded database on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
  });
  afterAll(async () => handle?.close());

  const build = async (grant: string, template?: string, period = '2023-Q2') => {
    const r = await buildReportModel(handle.db, org, {
      grant,
      period,
      template,
      generatedAt: GENERATED_AT,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  it('stops the build of a dropped download at its next step: nothing is computed for nobody', async () => {
    const request = (onProgress: (step: string) => void, signal?: AbortSignal) =>
      buildReportModel(handle.db, org, {
        grant: 'PROSMED-CCSC',
        period: '2023-Q2',
        template: 'undp-quarterly',
        generatedAt: GENERATED_AT,
        onProgress,
        signal,
      });
    // A whole build, for its steps: groups of indicators, activities, incidents, restatements.
    const whole: string[] = [];
    expect((await request((s) => whole.push(s))).ok).toBe(true);
    expect(whole).toEqual(expect.arrayContaining(['framework', 'activities', 'restatements']));
    const groups = whole.filter((s) => /^indicators \d/.test(s)).length;
    expect(groups).toBeGreaterThan(1);

    // Aborted before it starts: not one step, not one query of figures.
    const gone = new AbortController();
    gone.abort();
    const none: string[] = [];
    await expect(request((s) => none.push(s), gone.signal)).rejects.toBeInstanceOf(
      ReportBuildAborted,
    );
    expect(none).toEqual([]);

    // Dropped while the first group of indicators is computed: that group ends, no other starts,
    // and the activities, incidents and restatements are never read.
    const dropped = new AbortController();
    const seen: string[] = [];
    await expect(
      request((s) => {
        seen.push(s);
        if (/^indicators \d/.test(s)) dropped.abort();
      }, dropped.signal),
    ).rejects.toBeInstanceOf(ReportBuildAborted);
    expect(seen.filter((s) => /^indicators \d/.test(s))).toHaveLength(1);
    expect(seen).not.toContain('activities');
    expect(seen).not.toContain('restatements');

    // Through the API: the caller's signal (the HTTP request's) reaches the build.
    const caller = createCaller(createContext({ db: handle.db, actor: systemActor(org) }), {
      signal: gone.signal,
    });
    await expect(caller.report.model({ grant: 'CEDEAO-NEWS', period: '2023-Q2' })).rejects.toThrow(
      /aborted/,
    );
  });

  it('builds a valid model with the bulletin’s CCS-C figures: 13 sessions against 12, at least 325 members, 78 women', async () => {
    const { model } = await build('PROSMED-CCSC', 'undp-quarterly');
    expect(parseReportModel(model).ok).toBe(true);
    expect(model.reportingPeriod).toBe('2023-Q2');
    expect(model.periods.map((p) => p.code)).toEqual(['2023-Q2', '2023', '2022-06-01..2023-06-30']);
    const ind = Object.fromEntries(model.indicators.map((i) => [i.code, i]));
    const q2 = (code: string) =>
      must(
        must(ind[code], 'ind[code]').values.find((v) => v.period === '2023-Q2'),
        "ind[code]!.values.find((v) => v.period === '2023-Q2')",
      );
    expect(q2('CCSC-SESSIONS')).toMatchObject({
      target: 12,
      actual: { value: 13, qualifier: 'exact' },
      status: 'on-track',
    });
    expect(q2('CCSC-SESSIONS').achievement).toBeCloseTo(13 / 12, 12);
    expect(q2('CCSC-MEMBRES').actual).toEqual({ value: 325, qualifier: 'at-least' });
    expect(q2('CCSC-FEMMES').actual?.value).toBe(78);
    const women = must(
      must(q2('CCSC-MEMBRES').breakdown, "q2('CCSC-MEMBRES').breakdown").cells.find(
        (c) => c.key.sex === 'female' && Object.keys(c.key).length === 1,
      ),
      "q2('CCSC-MEMBRES').breakdown!.cells.find( (c) => c.key.sex === 'fem...",
    );
    expect(women.value?.value ?? women.bounds.lower).toBe(78);
    expect(q2('CCSC-PART-FEMMES').actual?.value).toBeCloseTo((78 / 325) * 100, 10);
    // The year is January–June for a Q2 report, « à date (30 juin) »: a running total compared with
    // the running-total target set for 30 June (Q2's 12), not the whole year's 24.
    expect(model.periods.find((p) => p.code === '2023')?.label.fr).toBe('2023 à date (30 juin)');
    expect(
      must(ind['CCSC-SESSIONS'], "ind['CCSC-SESSIONS']").values.find((v) => v.period === '2023'),
    ).toMatchObject({
      target: 12,
      actual: { value: 13 },
      status: 'on-track',
    });
    expect(must(ind['CCSC-SESSIONS'], "ind['CCSC-SESSIONS']").baseline).toEqual({
      value: 0,
      year: 2022,
    });
    expect(model.framework.map((n) => [n.code, n.parentCode])).toEqual([
      ['I', null],
      ['O1', 'I'],
      ['P1.1', 'O1'],
    ]);
    // Evidence: the grant's activities of the quarter, each counted towards the grant's indicators.
    expect(model.activities.length).toBeGreaterThan(0);
    expect(model.activities.every((a) => a.grantCodes.includes('PROSMED-CCSC'))).toBe(true);
    const training = must(
      model.activities.find((a) => a.type === 'training'),
      "model.activities.find((a) => a.type === 'training')",
    );
    expect(training.indicatorCodes).toEqual(
      expect.arrayContaining(['CCSC-SESSIONS', 'CCSC-MEMBRES', 'CCSC-FEMMES']),
    );
    expect(model.grant.iati?.activityIdentifier).toBe('XM-WANEP-ML-PROSMED-CCSC');
    expect(model.organisation.iati?.ref).toBe('XM-WANEP-ML');
  });

  it('flags activities without figures or without a breakdown, and runs the consistency check', async () => {
    const { model } = await build('JUST-FUTURE', 'nl-mfa');
    const codes = model.dataQuality.map((f) => f.code);
    expect(codes).toContain('participants-missing');
    for (const f of model.dataQuality)
      expect(model.activities.some((a) => a.id === f.activityId)).toBe(true);
    const news = await build('CEDEAO-NEWS');
    expect(news.template.id).toBe('generic');
    expect(news.model.incidents[0]?.total).toEqual({ incidents: 116, deaths: 153, injuries: 236 });
    expect(news.model.deliverables.find((d) => d.type === 'weekly-report')?.count).toBe(12);
  });

  it.each(CASES)(
    'renders %s for %s (%s) from the database: the workbook holds the values of indicatorValues',
    async (templateId, grantCode, period) => {
      const { model, template } = await build(grantCode, templateId, period);
      const rendered = await renderWorkbook(model, template);
      if (!rendered.ok) throw new Error(rendered.error.message);
      expect(rendered.value.warnings).toEqual([]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(template.sheets.map((s) => s.name.fr));

      // The expected figures, straight from indicatorValues: each period up to the reporting period's end.
      const grant = must(
        await findGrantByCode(handle.db, org, grantCode),
        '(await findGrantByCode(handle.db, org, grantCode))',
      );
      const rows = await listIndicators(handle.db, org, { grantId: grant.id });
      const rp = must(
        model.periods.find((p) => p.code === model.reportingPeriod),
        'model.periods.find((p) => p.code === model.reportingPeriod)',
      );
      const computedPeriod = (p: PeriodRef): Period | null => {
        if (p.start > rp.end) return null;
        if (p.end <= rp.end) return { kind: p.kind, code: p.code, start: p.start, end: p.end };
        const r = rangePeriod(p.start, rp.end);
        return r.ok ? r.value : null;
      };
      const options = {
        rule:
          template.achievement.rule === 'progress-from-baseline'
            ? ('progress-from-baseline' as const)
            : undefined,
        scale: template.achievement.scale,
      };
      const expected = async (indicatorId: string, p: PeriodRef, whole = false) => {
        const full = must(
          (
            await indicatorValues(
              handle.db,
              org,
              [indicatorId],
              [{ kind: p.kind, code: p.code, start: p.start, end: p.end }],
              options,
            )
          )[0],
          '( await indicatorValues( handle.db, org, [indicatorId], [{ kind: p....',
        );
        const cp = computedPeriod(p);
        const upTo = cp
          ? must(
              (await indicatorValues(handle.db, org, [indicatorId], [cp], options))[0],
              '(await indicatorValues(handle.db, org, [indicatorId], [cp], options...',
            )
          : null;
        // The life of the grant keeps its own target; a period cut at the reporting period's end
        // is the window's figures, target and achievement as indicatorValues gives them.
        const lifeOfGrant = p.roles.includes('life-of-grant');
        const target = lifeOfGrant
          ? (full.lifeOfGrantTarget ?? full.target)
          : !whole && p.start <= rp.end && p.end > rp.end
            ? (upTo?.target ?? null)
            : full.target;
        return {
          target,
          actual: upTo?.value?.value ?? null,
          achievement: lifeOfGrant ? undefined : (upTo?.achievement ?? null),
        };
      };
      let checked = 0;
      for (const sheet of template.sheets) {
        if (sheet.kind !== 'indicators') continue;
        const ws = must(wb.getWorksheet(sheet.name.fr), 'wb.getWorksheet(sheet.name.fr)');
        const columns = columnsOf(sheet, model);
        const titleCol =
          columns.findIndex((c) => c.kind === 'field' && c.field === 'indicator') + 1;
        const empty = sheet.emptyCell === '' ? null : sheet.emptyCell;
        for (const row of rows) {
          let at = -1;
          ws.eachRow((r, n) => {
            if (n > 5 && plain(r.getCell(titleCol).value) === row.title) at = n;
          });
          expect(at, `${templateId}: row of ${row.code}`).toBeGreaterThan(0);
          for (const [i, c] of columns.entries()) {
            if (c.kind !== 'value' || !['target', 'actual', 'achievement'].includes(c.measure))
              continue;
            const got = plain(ws.getRow(at).getCell(i + 1).value);
            const want = await expected(row.id, c.period, c.whole);
            const where = `${templateId} ${grantCode} ${row.code} ${c.measure} ${c.period.code}`;
            if (c.measure === 'target') expect(got, where).toEqual(want.target ?? empty);
            if (c.measure === 'actual') {
              if (want.actual === null) expect(got, where).toEqual(empty);
              else expect(got as number, where).toBeCloseTo(want.actual, 9);
            }
            if (c.measure === 'achievement' && want.achievement !== undefined) {
              if (want.achievement === null) expect(got, where).toEqual(empty);
              else expect(got as number, where).toBeCloseTo(want.achievement, 9);
            }
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
    },
  );

  it('reports a monthly NEWS report’s quarter « à date (31 mai) » against the same-to-date target, as indicator.values does', async () => {
    const { model, template } = await build('CEDEAO-NEWS', 'generic', '2023-05');
    const q2 = must(
      model.periods.find((p) => p.code === '2023-Q2'),
      "model.periods.find((p) => p.code === '2023-Q2')",
    );
    expect(q2.asOf).toBe('2023-05-31');
    expect(q2.label).toEqual({ fr: 'T2 2023 à date (31 mai)', en: 'Q2 2023 to date (31 May)' });
    expect(
      must(
        model.periods.find((p) => p.code === '2023-Q1'),
        "model.periods.find((p) => p.code === '2023-Q1')",
      ).asOf,
    ).toBeUndefined();
    const weekly = must(
      model.indicators.find((i) => i.code === 'NEWS-HEBDO'),
      "model.indicators.find((i) => i.code === 'NEWS-HEBDO')",
    );
    const cut = must(
      weekly.values.find((v) => v.period === '2023-Q2'),
      "weekly.values.find((v) => v.period === '2023-Q2')",
    );
    const row = must(
      (await listIndicators(handle.db, org)).find((r) => r.code === 'NEWS-HEBDO'),
      "(await listIndicators(handle.db, org)).find((r) => r.code === 'NEWS...",
    );
    const [window] = await indicatorValues(
      handle.db,
      org,
      [row.id],
      [(rangePeriod('2023-04-01', '2023-05-31') as { ok: true; value: Period }).value],
      { scale: template.achievement.scale },
    );
    const [quarter] = await indicatorValues(
      handle.db,
      org,
      [row.id],
      [parsePeriodOrThrow('2023-Q2')],
    );
    // Fewer weekly reports by 31 May than in the whole quarter, against 13 × 61/91 days.
    expect(cut.actual?.value).toBe(must(window, 'window').value?.value);
    expect(must(cut.actual, 'cut.actual').value).toBeLessThan(
      must(must(quarter, 'quarter').value, 'quarter!.value').value,
    );
    expect(cut.target).toBe(must(window, 'window').target);
    expect(cut.target).toBe(Math.round(((13 * 61) / 91) * 100) / 100);
    expect(cut.targetProRated).toEqual({ from: '2023-Q2', days: 61, of: 91 });
    expect(cut.achievement).toBe(must(window, 'window').achievement);
    expect(cut.status).toBe(must(window, 'window').status);
    // The workbook's group header says so, in both languages.
    for (const locale of ['fr', 'en'] as const) {
      const rendered = await renderWorkbook(model, template, { locale });
      if (!rendered.ok) throw new Error(rendered.error.message);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);
      const text = rowsOf(must(wb.worksheets[1], 'wb.worksheets[1]'))
        .flat()
        .filter((v) => typeof v === 'string');
      expect(text).toContain(
        locale === 'fr' ? 'T2 2023 à date (31 mai)' : 'Q2 2023 to date (31 May)',
      );
    }
  });

  it('puts the CCS-C figures in the UNDP workbook: 13 sessions this quarter, more than 325 members, 78 women', async () => {
    const { model, template } = await build('PROSMED-CCSC', 'undp-quarterly');
    const rendered = await renderWorkbook(model, template);
    if (!rendered.ok) throw new Error(rendered.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);
    const ws = must(
      wb.getWorksheet('Avancement des produits'),
      "wb.getWorksheet('Avancement des produits')",
    );
    const values = [...ws.getSheetValues()].map((r) =>
      Array.isArray(r) ? Array.from(r, (v) => plain(v as ExcelJS.CellValue)) : [],
    );
    const rowOf = (code: string) =>
      must(
        values.find((r) => r[2] === code),
        'values.find((r) => r[2] === code)',
      );
    // result, code, indicator, baseline, annual target, quarter's achievement, achieved this
    // year, milestone to date, % of the milestone, status, cumulative, comments, sources.
    // The annual target is the whole year's (a running total's: Q4's 24); the milestone stops at
    // 30 June (the running-total target of that day, Q2's 12).
    expect(rowOf('CCSC-SESSIONS')[5]).toBe(24);
    expect(rowOf('CCSC-SESSIONS')[6]).toBe(13);
    expect(rowOf('CCSC-SESSIONS')[8]).toBe(12);
    expect(rowOf('CCSC-MEMBRES')[6]).toBe(325);
    expect(rowOf('CCSC-FEMMES')[6]).toBe(78);
    expect(ws.getRow(values.indexOf(rowOf('CCSC-MEMBRES'))).getCell(6).numFmt).toContain('plus de');
  });

  it('fills the UNDP header, comments and breakdown targets from the database, in French and English', async () => {
    const { model, template } = await build('PROSMED-CCSC', 'undp-quarterly');
    const stored = await listIndicatorComments(handle.db, org, {
      grantId: must(
        await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
        "(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'))",
      ).id,
      periodCodes: ['2023-Q2'],
    });
    // The seed's comments are French: the English workbook prints them marked as French.
    expect(stored.map((c) => c.language)).toEqual(['fr', 'fr']);
    for (const locale of ['fr', 'en'] as const) {
      const mark = locale === 'fr' ? '' : '(fr) ';
      const sessionsComment =
        mark +
        must(
          stored.find((c) => c.comment.startsWith('Treize')),
          "stored.find((c) => c.comment.startsWith('Treize'))",
        ).comment;
      const membersComment =
        mark +
        must(
          stored.find((c) => c.comment.startsWith('Plus de 325')),
          "stored.find((c) => c.comment.startsWith('Plus de 325'))",
        ).comment;
      const rendered = await renderWorkbook(model, template, { locale });
      if (!rendered.ok) throw new Error(rendered.error.message);
      const buffer = rendered.value.buffer as Buffer;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      const name = (kind: string) =>
        must(
          template.sheets.find((s) => s.kind === kind),
          'template.sheets.find((s) => s.kind === kind)',
        ).name[locale] as string;

      // The cover: business unit, award and project, the title in the report's language.
      const cover = Object.fromEntries(
        rowsOf(must(wb.getWorksheet(name('cover')), "wb.getWorksheet(name('cover'))")).map((r) => [
          r[1],
          r[2],
        ]),
      );
      const label = (fr: string, en: string) => (locale === 'fr' ? fr : en);
      expect(cover[label('Unité opérationnelle', 'Business unit')]).toBe('MLI10');
      expect(cover[label("Numéro d'attribution", 'Award ID')]).toBe('00123456');
      expect(cover[label('Numéro de projet', 'Project ID')]).toBe('00130945');
      expect(cover[label('Projet', 'Project')]).toBe(
        locale === 'fr'
          ? 'Mise en place des Comités consultatifs de sécurité communaux (PROSMED)'
          : 'Setting up the communal security advisory committees (PROSMED)',
      );

      // The comments column (12th) holds each indicator's comment for the quarter.
      const progress = must(
        wb.getWorksheet(name('indicators')),
        "wb.getWorksheet(name('indicators'))",
      );
      const rows = rowsOf(progress);
      const rowOf = (code: string) =>
        must(
          rows.find((r) => r[2] === code),
          'rows.find((r) => r[2] === code)',
        );
      expect(rowOf('CCSC-SESSIONS')[12]).toBe(sessionsComment);
      expect(rowOf('CCSC-MEMBRES')[12]).toBe(membersComment);
      expect(rowOf('CCSC-FEMMES')[12] ?? '').toBe('');
      expect(progress.pageSetup.printTitlesRow).toBe('4:5');
      const narrative = rowsOf(
        must(wb.getWorksheet(name('narrative')), "wb.getWorksheet(name('narrative'))"),
      );
      expect(narrative.find((r) => r[1] === 'CCSC-SESSIONS')?.[3]).toBe(sessionsComment);

      // The breakdown sheet: the quarter's target of each cell that has one (col 8).
      const breakdowns = rowsOf(
        must(wb.getWorksheet(name('breakdowns')), "wb.getWorksheet(name('breakdowns'))"),
      );
      const cell = (category: string) =>
        breakdowns.find((r) => r[1] === 'CCSC-MEMBRES' && r[3] === category);
      const women = locale === 'fr' ? 'femmes' : 'women';
      expect(cell(women)?.[4]).toBe(78);
      expect(cell(women)?.[8]).toBe(90);
      expect(cell(locale === 'fr' ? 'jeunes (18–35 ans)' : 'young people (18–35)')?.[8]).toBe(120);
      expect(cell(locale === 'fr' ? 'hommes' : 'men')?.[8] ?? null).toBeNull();
      expect(cell('participants')?.[8] ?? cell('total')?.[8]).toBe(300);

      // The independent reader reads the same header, comments and targets, and the repeated header rows.
      const x = readIndependently(buffer);
      expect(x.rows(name('cover')).some((r) => r[1] === 'MLI10')).toBe(true);
      const xProgress = x.rows(name('indicators'));
      expect(xProgress.find((r) => r[1] === 'CCSC-SESSIONS')?.[11]).toBe(sessionsComment);
      const xBreakdowns = x.rows(name('breakdowns'));
      expect(xBreakdowns.find((r) => r[0] === 'CCSC-MEMBRES' && r[2] === women)?.[7]).toBe(90);
      expect(x.printTitles).toContain(`'${name('indicators')}'!$4:$5`);
    }
  });

  it('puts the quarter’s comments in the IPTT deviation narrative (FY2023-Q3 on USAID’s calendar) and the generic narrative', async () => {
    const iptt = await build('PROSMED-CCSC', 'usaid-iptt');
    const rendered = await renderWorkbook(iptt.model, iptt.template);
    if (!rendered.ok) throw new Error(rendered.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);
    const deviations = rowsOf(
      must(wb.getWorksheet('Explication des écarts'), "wb.getWorksheet('Explication des écarts')"),
    );
    expect(deviations.find((r) => r[1] === 'CCSC-SESSIONS')?.[3]).toMatch(
      /^Treize \(13\) sessions/,
    );
    expect(deviations.find((r) => r[1] === 'CCSC-MEMBRES')?.[3]).toMatch(/^Plus de 325 membres/);
    expect(must(wb.getWorksheet('IPTT'), "wb.getWorksheet('IPTT')").pageSetup.printTitlesRow).toBe(
      '4:5',
    );
    const xDeviations = readIndependently(rendered.value.buffer as Buffer).rows(
      'Explication des écarts',
    );
    expect(xDeviations.find((r) => r[0] === 'CCSC-SESSIONS')?.[2]).toMatch(/^Treize/);

    const news = await build('CEDEAO-NEWS', 'generic');
    const generic = await renderWorkbook(news.model, news.template);
    if (!generic.ok) throw new Error(generic.error.message);
    const gwb = new ExcelJS.Workbook();
    await gwb.xlsx.load(generic.value.buffer as unknown as ArrayBuffer);
    const comments = rowsOf(
      must(gwb.getWorksheet('Commentaires'), "gwb.getWorksheet('Commentaires')"),
    );
    expect(comments.find((r) => r[1] === 'NEWS-INCIDENTS')?.[3]).toMatch(
      /^116 incidents majeurs \(153 morts, 236 blessés\)/,
    );
  });

  it.skipIf(!haveTools)(
    'writes IATI 2.03 that validates against the schema, for Just Future and PROSMED',
    async () => {
      const jf = await build('JUST-FUTURE', 'nl-mfa');
      const nl = renderIati(jf.model, {
        breakdowns: 'indicator-per-breakdown',
        zeroMissingBaseline: true,
      });
      expect(validateIati(nl, 'jf')).toBe('');
      expect(nl).not.toContain('<dimension');
      expect(nl).toContain('<reference vocabulary="99" code="JF-DECIDEURS.sex.female"/>');
      // The ministry's own activity identifier links the funding organisation upward.
      expect(nl).toMatch(
        /<participating-org ref="XM-DAC-7" role="1" activity-id="NL-1-PPR-4000002111">/,
      );
      const prosmed = await build('PROSMED-CCSC', 'undp-quarterly');
      const xml = renderIati(prosmed.model, { breakdowns: 'dimension' });
      expect(validateIati(xml, 'prosmed')).toBe('');
      expect(xml).toContain('<iati-identifier>XM-WANEP-ML-PROSMED-CCSC</iati-identifier>');
      expect(xml).toMatch(/<actual value="325">\s*<comment>/);
      expect(xml).toMatch(/<actual value="78">\s*<dimension name="sex"/);
      // The seed's French comment is a French narrative, never one tagged English.
      const members = must(
        must(
          /<actual value="325">\s*<comment>([\s\S]*?)<\/comment>/.exec(xml),
          '/<actual value=\"325\">\\s*<comment>([\\s\\S]*?)<\\/comment>/.exec(xml)',
        )[1],
        '/<actual value=\"325\">\\s*<comment>([\\s\\S]*?)<\\/comment>/.exec(xml)![1]',
      );
      expect(members).toMatch(/<narrative xml:lang="fr">Au moins cette valeur[^<]*Plus de 325/);
      expect(members).toMatch(
        /<narrative xml:lang="en">At least this value \(lower bound\)\. Actual: more than 325\.<\/narrative>/,
      );
      expect(members).not.toMatch(/xml:lang="en">[^<]*Plus de 325/);
      // With an English text as well, the English narrative carries it.
      await setIndicatorComment(handle.db, org, {
        grantId: must(
          await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
          "(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'))",
        ).id,
        indicatorId: must(
          (await listIndicators(handle.db, org)).find((r) => r.code === 'CCSC-MEMBRES'),
          "(await listIndicators(handle.db, org)).find((r) => r.code === 'CCSC...",
        ).id,
        periodCode: '2023-Q2',
        periodStart: '2023-04-01',
        periodEnd: '2023-06-30',
        comment: 'More than 325 members.',
        language: 'en',
      });
      const both = renderIati((await build('PROSMED-CCSC', 'undp-quarterly')).model, {
        breakdowns: 'dimension',
      });
      expect(validateIati(both, 'prosmed-en')).toBe('');
      expect(both).toMatch(
        /<narrative xml:lang="en">At least this value \(lower bound\)\. Actual: more than 325\. More than 325 members\.<\/narrative>/,
      );
      expect(both).toMatch(/<narrative>Au moins cette valeur[^<]*Plus de 325/);
      await setIndicatorComment(handle.db, org, {
        grantId: must(
          await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
          "(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'))",
        ).id,
        indicatorId: must(
          (await listIndicators(handle.db, org)).find((r) => r.code === 'CCSC-MEMBRES'),
          "(await listIndicators(handle.db, org)).find((r) => r.code === 'CCSC...",
        ).id,
        periodCode: '2023-Q2',
        periodStart: '2023-04-01',
        periodEnd: '2023-06-30',
        comment: null,
        language: 'en',
      });
      expect(
        validateIati(
          renderIati(prosmed.model, { breakdowns: 'indicator-per-breakdown' }),
          'prosmed-split',
        ),
      ).toBe('');
    },
  );

  it('builds the bulletin: 116 major incidents, 153 dead, 236 injured, and the CCS-C training sentence', async () => {
    const period = parsePeriod('2023-Q2');
    if (!period.ok) throw new Error('period');
    const model = await buildBulletinModel(handle.db, org, period.value, {
      generatedAt: GENERATED_AT,
    });
    expect(bulletinModelSchema.safeParse(model).success).toBe(true);
    const md = renderBulletinMarkdown(model, 'fr');
    expect(md).toContain('116 incidents majeurs');
    expect(md).toContain('153 morts');
    expect(md).toContain('236 blessés');
    expect(md).toContain('douze (12) rapports hebdomadaires');
    expect(md).toMatch(/plus de 325 participants, dont 78 femmes et 117 jeunes/);
    // One style for counts, and places only where recorded: one of the two studies has none.
    expect(md).toContain('trois (3) rapports mensuels et une (1) note bimensuelle');
    expect(md).not.toMatch(/\b1 note/);
    expect(md).not.toContain('recherches à Bamako');
    expect(md).toContain('Deux (2) recherches (lieu renseigné pour une (1) sur deux (2) : Bamako)');
    // The facts the bulletin states beside its figures come from data fields, not prose.
    // (formatPercent writes French percentages with a narrow no-break space)
    expect(md).toMatch(
      /Indice de durabilité institutionnelle \(WODI\) : 86,85\s% ?\(évaluation 2022\), 3e sur 7\./u,
    );
    expect(renderBulletinMarkdown(model, 'en')).toContain(
      'Institutional sustainability index (WODI): 86.85% (2022 assessment), ranked 3 of 7.',
    );
    expect(model.assessment).toMatchObject({
      framework: 'WODI',
      cycle: 2022,
      index: 86.85,
      rank: 3,
    });
    expect(md).toContain('Programme opérationnel depuis 2011.');
    expect(md).toContain(
      'Programme mis en œuvre dans six (6) pays depuis 2021 : Afghanistan, Burundi, République démocratique du Congo, Mali, Niger et Soudan du Sud.',
    );
    expect(renderBulletinMarkdown(model, 'en')).toContain(
      '116 major incidents, with 153 dead and 236 injured',
    );
    expect(renderBulletinHtml(model, 'fr')).toMatch(
      /^<section class="bulletin-figures" lang="fr">/,
    );
  });

  it('refuses an unknown grant, an unknown template, a bad period and a period outside the grant', async () => {
    const r = (grant: string, period: string, template?: string) =>
      buildReportModel(handle.db, org, { grant, period, template });
    expect(await r('NOPE', '2023-Q2')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await r('PROSMED-CCSC', '2023-Q2', 'no-such-template')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await r('PROSMED-CCSC', '2023-Q9')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await r('DRC-PLF', '2024-Q1')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    const other = await buildReportModel(handle.db, '00000000-0000-4000-8000-0000000000aa', {
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
    });
    expect(other).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(getTemplate('undp-quarterly')).toBeDefined();
  });
});
