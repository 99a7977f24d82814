import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { must } from '@jalon/domain';
import { buildFixtureModel } from '../fixture/fixture-model';
import { getTemplate } from '../template/built-in-templates';
import { parseTemplate } from '../template/parse-template';
import type { ReportTemplate } from '../template/template-schema';
import { INDICATOR_FIRST_ROW } from './indicator-sheet';
import { renderWorkbook } from './render-workbook';

const GROUP_ROW = INDICATOR_FIRST_ROW - 2;
const HEADER_ROW = INDICATOR_FIRST_ROW - 1;

const numberOf = (v: ExcelJS.CellValue): number | null => {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return null;
};

async function undpWorkbook(reportingPeriod: string, locale: 'fr' | 'en') {
  const template = must(getTemplate('undp-quarterly'), 'the UNDP template') as ReportTemplate;
  const model = buildFixtureModel({ grant: 'prosmed', template, reportingPeriod });
  const rendered = await renderWorkbook(model, template, { locale });
  if (!rendered.ok) throw new Error(rendered.error.message);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(rendered.value.buffer as unknown as ArrayBuffer);
  const sheet = must(
    template.sheets.find((s) => s.kind === 'indicators'),
    'the indicator sheet',
  );
  const ws = must(wb.getWorksheet(sheet.name[locale]), 'the indicator sheet read back');
  const headers = (row: number) => {
    const out: string[] = [];
    ws.getRow(row).eachCell({ includeEmpty: true }, (c, n) => {
      out[n] = String(c.value ?? '');
    });
    return out;
  };
  return { model, ws, headers: headers(HEADER_ROW), groups: headers(GROUP_ROW) };
}

/**
 * UNDP's quarterly report: the fiscal year of a Q2 report runs past it, so its achievement and
 * status are judged on the milestone to 30 June; the annual target is the whole year's, and every
 * header says which target it is.
 */
describe('the UNDP workbook shows the annual target and the milestone it judges status on', () => {
  const cases = [
    {
      locale: 'fr',
      annual: 'Cible annuelle',
      toDate: 'Jalon à date (30 juin)',
      whole: "Jalon de l'exercice",
      percent: '% du jalon',
      status: 'Statut (par rapport au jalon)',
    },
    {
      locale: 'en',
      annual: 'Annual target',
      toDate: 'Milestone to date (30 June)',
      whole: "Fiscal year's milestone",
      percent: '% of milestone',
      status: 'Status (against the milestone)',
    },
  ] as const;

  it.each(cases)('in $locale, for Q2 (cut at 30 June) and Q4 (the whole year)', async (c) => {
    // Q2: the year is cut at 30 June; the milestone to date is not the annual target.
    const q2 = await undpWorkbook('2023-Q2', c.locale);
    const annual = q2.headers.indexOf(c.annual);
    const milestone = q2.headers.indexOf(c.toDate);
    expect(annual, q2.headers.join(' | ')).toBeGreaterThan(0);
    expect(milestone, q2.headers.join(' | ')).toBeGreaterThan(annual);
    expect(q2.headers).toContain(c.percent);
    expect(q2.headers).toContain(c.status);
    const percent = q2.headers.indexOf(c.percent);
    // The annual target's group names the whole year, the milestone's the year to date.
    expect(q2.groups[annual]).not.toMatch(/date/);
    expect(q2.groups[milestone]).toMatch(c.locale === 'fr' ? /à date/ : /to date/);
    let differ = 0;
    let checked = 0;
    let formulas = 0;
    for (const ind of q2.model.indicators) {
      const v = must(
        ind.values.find((x) => x.period === '2023'),
        `${ind.code} 2023`,
      );
      let row = 0;
      q2.ws.eachRow((r, n) => {
        if (n >= INDICATOR_FIRST_ROW && r.getCell(2).value === ind.code) row ||= n;
      });
      if (row === 0 || v.target === null) continue;
      const r = q2.ws.getRow(row);
      expect(numberOf(r.getCell(annual).value), `${ind.code} annual`).toBe(v.wholeTarget);
      expect(numberOf(r.getCell(milestone).value), `${ind.code} milestone`).toBe(v.target);
      // The % is of the milestone: its formula divides by the milestone's cell, not the annual one.
      const pct = r.getCell(percent).value as { formula?: string } | number | null;
      if (pct && typeof pct === 'object' && pct.formula) {
        const letter = q2.ws.getColumn(milestone).letter;
        expect(pct.formula, ind.code).toContain(`${letter}${row}`);
        expect(pct.formula, ind.code).not.toContain(`${q2.ws.getColumn(annual).letter}${row}`);
        formulas++;
      }
      checked++;
      if (v.wholeTarget !== v.target) differ++;
    }
    expect(checked).toBeGreaterThan(2);
    expect(differ).toBeGreaterThan(0);
    expect(formulas).toBeGreaterThan(0);

    // Q4: the fiscal year is whole; the milestone is the year's, and says so without a date.
    const q4 = await undpWorkbook('2023-Q4', c.locale);
    expect(q4.headers).toContain(c.annual);
    expect(q4.headers).toContain(c.whole);
    expect(q4.headers.some((h) => /date \(/.test(h))).toBe(false);
    const a4 = q4.headers.indexOf(c.annual);
    const m4 = q4.headers.indexOf(c.whole);
    for (let n = INDICATOR_FIRST_ROW; n <= q4.ws.rowCount; n++) {
      const r = q4.ws.getRow(n);
      expect(numberOf(r.getCell(a4).value)).toBe(numberOf(r.getCell(m4).value));
    }
  });

  it('refuses a whole window on anything but a target, and a date label on a whole column', () => {
    const template = must(getTemplate('undp-quarterly'), 'the UNDP template');
    const broken = structuredClone(template) as unknown as {
      sheets: { kind: string; columns?: Record<string, unknown>[] }[];
    };
    const sheet = must(
      broken.sheets.find((s) => s.kind === 'indicators'),
      'the indicator sheet',
    );
    const columns = must(sheet.columns, 'its columns');
    const status = must(
      columns.find((c) => c.measure === 'status'),
      'the status column',
    );
    status.window = 'whole';
    const r = parseTemplate(JSON.stringify(broken));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('only a target can show the whole period');
    delete status.window;
    const annual = must(
      columns.find((c) => c.window === 'whole'),
      'the annual target',
    );
    annual.labelToDate = { fr: 'Cible {toDate}', en: 'Target {toDate}' };
    const r2 = parseTemplate(JSON.stringify(broken));
    expect(r2.ok).toBe(false);
    delete annual.labelToDate;
    const milestone = must(
      columns.find((c) => c.labelToDate !== undefined),
      'the milestone',
    );
    milestone.labelToDate = { fr: 'Jalon', en: 'Milestone' };
    expect(parseTemplate(JSON.stringify(broken)).ok).toBe(false);
    milestone.labelToDate = { fr: 'Jalon {toDate}', en: 'Milestone {toDate}' };
    expect(parseTemplate(JSON.stringify(broken)).ok).toBe(true);
  });
});
