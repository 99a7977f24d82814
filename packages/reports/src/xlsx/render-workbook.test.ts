import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import type { Status } from '@jalon/domain';
import { buildFixtureModel, type FixtureGrantId } from '../fixture/fixture-model';
import { reportModelSchema, type ReportModel } from '../model/report-model';
import { getTemplate } from '../template/built-in-templates';
import { labelOf } from '../template/labels';
import type { ReportTemplate } from '../template/template-schema';
import { evaluateExcel, type ExcelValue } from '../test-support/evaluate-excel';
import { readIndependently } from '../test-support/read-back';
import { columnLetter } from './cell-ref';
import { planColumns } from './indicator-columns';
import { INDICATOR_FIRST_ROW } from './indicator-sheet';
import { renderContext } from './render-context';
import { renderWorkbook } from './render-workbook';
import { must } from '@jalon/domain';

/*
 * Renderer tests on the hand-made fixture model (src/fixture): layout, formulas, formats, colours,
 * read back by exceljs and by an independent reader of our own (test-support/read-back). The seeded demo data, computed by the engine, is rendered and
 * read back in packages/api/src/services/report-model.test.ts.
 */
const CASES: [string, FixtureGrantId][] = [
  ['generic', 'prosmed'],
  ['undp-quarterly', 'prosmed'],
  ['usaid-iptt', 'prosmed'],
  ['eu-logframe', 'prosmed'],
  ['nl-mfa', 'just-future'],
];

type CfRule = {
  priority: number;
  formulae: string[];
  style: { fill: { bgColor: { argb: string } } };
};
type Cf = { ref: string; rules: CfRule[] };

/** The plain value of a read-back cell: a formula's cached result, a date's serial day, a number, a string. */
function plain(v: ExcelJS.CellValue): ExcelValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return plain(v.result as ExcelJS.CellValue);
  return null;
}

/** Shifts the relative references of a rule written for `top` to the cell `row`/`col`. */
function shift(formula: string, dRow: number, dCol: number): string {
  return formula.replace(/\b([A-Z]{1,3})(\d+)\b/g, (_, col: string, row: string) => {
    let n = 0;
    for (const ch of col) n = n * 26 + ch.charCodeAt(0) - 64;
    return `${columnLetter(n + dCol)}${Number(row) + dRow}`;
  });
}

/** The fill colour the first matching rule (by priority, all rules stop) gives a cell. */
function colourOf(ws: ExcelJS.Worksheet, row: number, col: number): string | null {
  const cfs = (ws as unknown as { conditionalFormattings: Cf[] }).conditionalFormattings;
  for (const cf of cfs) {
    const [from, to] = cf.ref.split(':');
    const m1 = /([A-Z]+)(\d+)/.exec(from ?? '');
    const m2 = /([A-Z]+)(\d+)/.exec(to ?? from ?? '');
    if (!m1 || !m2) continue;
    const c1 = ws.getColumn(m1[1] ?? 'A').number;
    const c2 = ws.getColumn(m2[1] ?? 'A').number;
    if (col < c1 || col > c2 || row < Number(m1[2]) || row > Number(m2[2])) continue;
    const read = (ref: string) => plain(ws.getCell(ref).value);
    for (const rule of [...cf.rules].sort((a, b) => a.priority - b.priority)) {
      if (evaluateExcel(shift(rule.formulae[0] ?? 'FALSE', row - Number(m1[2]), col - c1), read))
        return rule.style.fill.bgColor.argb;
    }
  }
  return null;
}

async function render(
  templateId: string,
  grant: FixtureGrantId,
  locale?: 'fr' | 'en',
  change?: (model: ReportModel) => void,
) {
  const template = getTemplate(templateId) as ReportTemplate;
  const model = buildFixtureModel({ grant, template });
  change?.(model);
  expect(reportModelSchema.safeParse(model).success).toBe(true);
  const result = await renderWorkbook(model, template, locale ? { locale } : {});
  if (!result.ok) throw new Error(result.error.message);
  const buffer = result.value.buffer as Buffer;
  const file = join(
    tmpdir(),
    `jalon-${templateId}-${grant}-${locale ?? template.defaultLocale}.xlsx`,
  );
  writeFileSync(file, buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return { template, model, result: result.value, buffer, wb };
}

describe.each(CASES)('fixture workbook %s (%s)', (templateId, grant) => {
  it('holds every figure of the model, live formulas whose text gives back the model’s values, and status colours from the template', async () => {
    const { template, model, result, buffer, wb } = await render(templateId, grant);
    const locale = 'fr' as const;
    const ctx = renderContext(model, template, locale);
    expect(wb.worksheets.map((w) => w.name)).toEqual(template.sheets.map((s) => s.name.fr));
    expect(result.warnings).toEqual([]);
    let formulas = 0;
    let coloured = 0;

    for (const sheet of template.sheets) {
      const ws = wb.getWorksheet(sheet.name.fr) as ExcelJS.Worksheet;
      const text = ws
        .getSheetValues()
        .flat()
        .map((v) => String(plain(v as ExcelJS.CellValue) ?? ''))
        .join('\n');
      if (template.versionDateOnEverySheet) expect(text).toContain('14 juillet 2023');
      if (sheet.kind === 'cover') {
        expect(text).toContain(model.organisation.name);
        if (sheet.fields.includes('grant-title')) expect(text).toContain(model.grant.title.fr);
        if (sheet.fields.includes('business-unit')) expect(text).toContain('MLI10');
        if (sheet.fields.includes('award-id')) expect(text).toContain(model.grant.undp?.awardId);
        expect(text).toContain(`${template.id} v${template.version}`);
        // « Généré le » as the reader says it, not the raw ISO instant.
        expect(text).not.toContain(model.generatedAt);
        expect(text).toContain('14 juillet 2023 à 09:30 UTC');
      }
      if (sheet.kind === 'activities') {
        for (const a of model.activities) expect(text).toContain(a.title);
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
      }
      if (sheet.kind === 'data-quality') {
        for (const f of model.dataQuality) expect(text).toContain(f.message.fr);
      }
      if (sheet.kind !== 'indicators') continue;

      const plan = planColumns(sheet, ctx);
      if (!plan.ok) throw new Error(plan.error);
      const columns = plan.value;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
      expect(ws.pageSetup).toMatchObject({
        orientation: 'landscape',
        fitToWidth: 1,
        fitToPage: true,
      });
      columns.forEach((c, i) => {
        // Field headers span both header rows (merged: the value sits in the first).
        if (c.kind === 'field') expect(plain(ws.getRow(4).getCell(i + 1).value)).toBe(c.header);
        else {
          expect(plain(ws.getRow(5).getCell(i + 1).value)).toBe(c.header);
          expect(plain(ws.getRow(4).getCell(i + 1).value)).toBe(c.group);
        }
      });
      const titleCol = columns.findIndex((c) => c.kind === 'field' && c.field === 'indicator') + 1;
      const statusLabel = (s: Status) => labelOf(template, `status.${s}`, locale);
      const empty = sheet.emptyCell === '' ? null : sheet.emptyCell;

      for (const ind of model.indicators) {
        let row = -1;
        ws.eachRow((r, n) => {
          if (n >= INDICATOR_FIRST_ROW && plain(r.getCell(titleCol).value) === ind.title.fr)
            row = n;
        });
        expect(row, ind.code).toBeGreaterThan(0);
        const read = (ref: string) => plain(ws.getCell(ref).value);
        columns.forEach((c, i) => {
          if (c.kind !== 'value') return;
          const cell = ws.getRow(row).getCell(i + 1);
          const got = plain(cell.value);
          const v = ind.values.find((x) => x.period === c.period.code);
          const where = `${ind.code} ${c.measure} ${c.period.code}`;
          const raw = cell.value as { formula?: string; result?: number } | null;
          if (raw && typeof raw === 'object' && 'formula' in raw && raw.formula) {
            formulas++;
            // The formula's text, evaluated on the cells read back, gives its cached result.
            expect(evaluateExcel(raw.formula, read) as number, where).toBeCloseTo(
              raw.result as number,
              9,
            );
            if (c.measure === 'achievement')
              expect(raw.formula, where).toMatch(
                /^(\(?[A-Z]+\d+(-[A-Z]+\d+\))?\/\(?[A-Z]+\d+(-[A-Z]+\d+\))?)$/,
              );
            if (c.measure === 'actual') expect(raw.formula, where).toMatch(/^SUM\(/);
          }
          switch (c.measure) {
            case 'target':
              // A whole-period column of a period cut « à date » shows its whole target.
              expect(got, where).toEqual(
                (c.window === 'whole' && v?.wholeTarget !== undefined
                  ? v.wholeTarget
                  : v?.target) ?? empty,
              );
              break;
            case 'actual':
              if (v?.actual) {
                expect(got, where).toBe(v.actual.value);
                if (v.actual.qualifier === 'at-least')
                  expect(cell.numFmt, where).toContain('"plus de "');
                if (v.actual.qualifier === 'approximate')
                  expect(cell.numFmt, where).toContain('"environ "');
              } else expect(got, where).toEqual(v?.actualText?.fr ?? empty);
              break;
            case 'achievement': {
              expect(got, where).toEqual(v?.achievement ?? empty);
              if (v?.achievement !== null && v?.achievement !== undefined)
                expect(cell.numFmt).toBe(template.numberFormats.ratio);
              // Conditional formatting colours the ratio as the engine classified it.
              expect(colourOf(ws, row, i + 1), where).toBe(
                template.achievement.colours[v?.status ?? 'no-data'],
              );
              coloured++;
              break;
            }
            case 'status':
              expect(got, where).toBe(statusLabel(v?.status ?? 'no-data'));
              expect(colourOf(ws, row, i + 1), where).toBe(
                template.achievement.colours[v?.status ?? 'no-data'],
              );
              coloured++;
              break;
            case 'date':
              expect(got, where).toBe(
                c.period.end < ctx.reportingPeriod.end ? c.period.end : ctx.reportingPeriod.end,
              );
              break;
            case 'year':
              expect(got, where).toBe(Number(c.period.end.slice(0, 4)));
              break;
          }
        });
      }
      expect(formulas).toBeGreaterThan(0);
      expect(coloured).toBeGreaterThan(0);
    }

    // A second, independent reader opens the file and sees the same sheets and cached results.
    const independent = readIndependently(buffer);
    expect(independent.sheetNames).toEqual(template.sheets.map((s) => s.name.fr));
    const indicatorSheet = template.sheets.find((s) => s.kind === 'indicators');
    const xRows = independent.rows(indicatorSheet?.name.fr ?? '');
    const ews = wb.getWorksheet(indicatorSheet?.name.fr ?? '') as ExcelJS.Worksheet;
    let compared = 0;
    ews.eachRow((r) =>
      r.eachCell((cell) => {
        const v = plain(cell.value);
        if (typeof v !== 'number') return;
        expect(xRows[Number(cell.row) - 1]?.[Number(cell.col) - 1], cell.address).toBeCloseTo(
          v,
          12,
        );
        compared++;
      }),
    );
    expect(compared).toBeGreaterThan(10);
  });
});

describe('fixture workbook specifics', () => {
  it('writes a breakdown as the model gives it: known cells as values, a cell never recorded as its bounds', async () => {
    const { wb } = await render('undp-quarterly', 'prosmed');
    const ws = wb.getWorksheet('Ventilations') as ExcelJS.Worksheet;
    const rows = [...ws.getSheetValues()].map((r) =>
      Array.isArray(r) ? Array.from(r, (v) => plain(v as ExcelJS.CellValue)) : [],
    );
    const find = (label: string) => rows.find((r) => r[1] === 'OP1.2' && r[3] === label);
    expect(find('participants')?.[4]).toBe(325);
    expect(find('femmes')?.[4]).toBe(78);
    expect(find('jeunes (18–35 ans)')?.[4]).toBe(117);
    // Men were never recorded: no value, only the interval they lie in.
    expect(find('hommes')?.[4]).toBeNull();
    expect(find('hommes')?.[5]).toBe(247);
    expect(find('hommes')?.[6] ?? null).toBeNull();
    const cover = wb.getWorksheet('En-tête') as ExcelJS.Worksheet;
    expect(cover.getCell('B3').value).toBe('MLI10');
  });

  it('writes IPTT breakdown rows beneath the indicator and “–” in empty cells', async () => {
    const { wb } = await render('usaid-iptt', 'prosmed');
    const ws = wb.getWorksheet('IPTT') as ExcelJS.Worksheet;
    const values = [...ws.getSheetValues()].map((r) =>
      Array.isArray(r) ? Array.from(r, (v) => plain(v as ExcelJS.CellValue)) : [],
    );
    const i = values.findIndex((r) => r[2] === 'Nombre de membres des CCS-C formés');
    expect(values[i + 1]?.[2]).toBe('    femmes');
    expect(values[i + 1]).toContain(78);
    expect(values[i + 1]).toContain('–');
  });

  it('writes comments, per-breakdown targets, the header in English and repeated header rows', async () => {
    const comment = {
      fr: 'Treize sessions dans huit régions.',
      en: 'Thirteen sessions in eight regions.',
    };
    const change = (model: ReportModel) => {
      const find = (code: string) =>
        must(
          model.indicators.find((i) => i.code === code),
          'model.indicators.find((i) => i.code === code)',
        );
      const q2 = (code: string) =>
        must(
          find(code).values.find((v) => v.period === '2023-Q2'),
          "find(code).values.find((v) => v.period === '2023-Q2')",
        );
      delete find('OP1.1').comment;
      q2('OP1.1').comment = comment;
      q2('OP1.2').breakdownTargets = [{ key: { sex: 'female' }, value: 90 }];
    };
    for (const locale of ['fr', 'en'] as const) {
      const { wb, buffer, model, template } = await render(
        'undp-quarterly',
        'prosmed',
        locale,
        change,
      );
      const name = (kind: string) =>
        must(
          template.sheets.find((s) => s.kind === kind),
          'template.sheets.find((s) => s.kind === kind)',
        ).name[locale];
      const rowsOf = (sheet: string) =>
        [...(wb.getWorksheet(sheet) as ExcelJS.Worksheet).getSheetValues()].map((r) =>
          Array.isArray(r) ? Array.from(r, (v) => plain(v as ExcelJS.CellValue)) : [],
        );
      const cover = rowsOf(name('cover'));
      expect(cover.find((r) => r[2] === model.grant.title[locale])).toBeDefined();
      expect(cover.find((r) => r[2] === '00123456')).toBeDefined();
      // The comments column holds the period's comment; the narrative lists it.
      const progress = rowsOf(name('indicators'));
      const sheet = must(
        template.sheets.find((s) => s.kind === 'indicators'),
        'the indicator sheet',
      );
      const comments =
        sheet.kind === 'indicators'
          ? sheet.columns.findIndex((c) => c.type === 'field' && c.field === 'comments') + 1
          : 0;
      expect(progress.find((r) => r[2] === 'OP1.1')?.[comments]).toBe(comment[locale]);
      expect(rowsOf(name('narrative')).find((r) => r[1] === 'OP1.1')?.[3]).toBe(comment[locale]);
      // The breakdown sheet: a cell's target where one was set, the total's target, none for men.
      const women = locale === 'fr' ? 'femmes' : 'women';
      const breakdowns = rowsOf(name('breakdowns'));
      const cell = (label: string) => breakdowns.find((r) => r[1] === 'OP1.2' && r[3] === label);
      expect(cell(women)?.[8]).toBe(90);
      expect(cell(locale === 'fr' ? 'hommes' : 'men')?.[8] ?? null).toBeNull();
      expect(cell('participants')?.[8]).toBe(300);
      const ws = wb.getWorksheet(name('indicators')) as ExcelJS.Worksheet;
      expect(ws.pageSetup.printTitlesRow).toBe('4:5');
      expect(
        (wb.getWorksheet(name('breakdowns')) as ExcelJS.Worksheet).pageSetup.printTitlesRow,
      ).toBe('5:5');
      const x = readIndependently(buffer);
      expect(x.printTitles).toEqual(
        expect.arrayContaining([
          `'${name('indicators')}'!$4:$5`,
          `'${name('breakdowns')}'!$5:$5`,
          `'${name('activities')}'!$4:$4`,
        ]),
      );
      expect(x.rows(name('indicators')).find((r) => r[1] === 'OP1.1')?.[comments - 1]).toBe(
        comment[locale],
      );
      expect(x.rows(name('breakdowns')).find((r) => r[0] === 'OP1.2' && r[2] === women)?.[7]).toBe(
        90,
      );
    }
  });

  it('explains deviations with the indicator’s narrative, else the period’s comment', async () => {
    const { wb } = await render('usaid-iptt', 'prosmed', 'fr', (model) => {
      const q2 = must(
        must(
          model.indicators.find((i) => i.code === 'OP1.1'),
          "model.indicators .find((i) => i.code === 'OP1.1')",
        ).values.find((v) => v.period === model.reportingPeriod),
        "model.indicators .find((i) => i.code === 'OP1.1')! .values.find((v)...",
      );
      q2.comment = {
        fr: 'Treize sessions au lieu de douze.',
        en: 'Thirteen sessions, not twelve.',
      };
    });
    const rows = [
      ...(wb.getWorksheet('Explication des écarts') as ExcelJS.Worksheet).getSheetValues(),
    ].map((r) => (Array.isArray(r) ? Array.from(r, (v) => plain(v as ExcelJS.CellValue)) : []));
    expect(rows.find((r) => r[1] === 'OP1.1')?.[3]).toBe('Treize sessions au lieu de douze.');
    expect(rows.find((r) => r[1] === 'OC1.1')?.[3]).toMatch(/^Les plans élaborés/);
  });

  it('speaks English when asked', async () => {
    const { wb } = await render('undp-quarterly', 'prosmed', 'en');
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Header',
      'Output progress',
      'Breakdowns',
      'Activities',
      'Data quality',
      'Narrative',
    ]);
  });

  it('renders the same model to the same bytes whatever the clock says', async () => {
    const template = getTemplate('undp-quarterly') as ReportTemplate;
    const model = buildFixtureModel({ grant: 'prosmed', template });
    const bytes = async () => {
      const r = await renderWorkbook(model, template);
      if (!r.ok) throw new Error(r.error.message);
      return createHash('sha256')
        .update(r.value.buffer as Buffer)
        .digest('hex');
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2024-01-01T10:00:00Z'));
      const first = await bytes();
      vi.setSystemTime(new Date('2026-11-29T15:30:07Z'));
      expect(await bytes()).toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a model computed under another template’s rule', async () => {
    const model = buildFixtureModel({
      grant: 'prosmed',
      template: getTemplate('undp-quarterly') as ReportTemplate,
    });
    const eu = await renderWorkbook(model, getTemplate('eu-logframe') as ReportTemplate);
    expect(eu.ok ? '' : eu.error.code).toBe('model-template-mismatch');
    const iptt = await renderWorkbook(model, getTemplate('usaid-iptt') as ReportTemplate);
    expect(iptt.ok).toBe(false);
  });
});

describe('the UNDP reporting-period column names the period’s kind', () => {
  const CASES_BY_KIND: [string, string, { fr: string; en: string }][] = [
    ['month', '2023-05', { fr: 'Réalisation du mois', en: "Month's achievement" }],
    ['quarter', '2023-Q2', { fr: 'Réalisation du trimestre', en: "Quarter's achievement" }],
    ['semester', '2023-S1', { fr: 'Réalisation du semestre', en: "Semester's achievement" }],
    ['year', '2023', { fr: "Réalisation de l'année", en: "Year's achievement" }],
  ];
  it.each(CASES_BY_KIND)('%s (%s): read back from the workbook', async (_kind, period, want) => {
    const template = getTemplate('undp-quarterly') as ReportTemplate;
    const model = buildFixtureModel({ grant: 'prosmed', template, reportingPeriod: period });
    const sheet = must(
      template.sheets.find((s) => s.kind === 'indicators'),
      "template.sheets.find((s) => s.kind === 'indicators')",
    );
    for (const locale of ['fr', 'en'] as const) {
      const result = await renderWorkbook(model, template, { locale });
      if (!result.ok) throw new Error(result.error.message);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(result.value.buffer as unknown as ArrayBuffer);
      const headers = (wb.getWorksheet(sheet.name[locale]) as ExcelJS.Worksheet).getRow(5)
        .values as unknown[];
      expect(headers).toContain(want[locale]);
      // No other kind's wording is left.
      for (const [, , other] of CASES_BY_KIND)
        if (other !== want) expect(headers).not.toContain(other[locale]);
    }
  });

  it('says « à date » on a period cut at the reporting period’s end, in the plan every renderer reads', async () => {
    const template = getTemplate('generic') as ReportTemplate;
    const model = buildFixtureModel({ grant: 'prosmed', template, reportingPeriod: '2023-05' });
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
    expect(
      must(
        model.periods.find((p) => p.code === '2023-Q3'),
        "model.periods.find((p) => p.code === '2023-Q3')",
      ).asOf,
    ).toBeUndefined();
  });
});
