import ExcelJS from 'exceljs';
import { formatNumber, type Locale } from '@jalon/domain';
import type { ReportModel } from '../model/report-model';
import type { ReportTemplate } from '../template/template-schema';
import { planColumns } from '../xlsx/indicator-columns';
import { INDICATOR_FIRST_ROW } from '../xlsx/indicator-sheet';
import { renderContext } from '../xlsx/render-context';

/**
 * What a cell shows: its number format's sections and literals applied to its value (the
 * `[=0]` section for zero, else the last), the number in the locale's digits.
 * @example displayed('"entre "#,##0" et 97"', 56, 'fr') // 'entre 56 et 97'
 */
export function displayed(numFmt: string, value: number, locale: Locale): string {
  const sections = numFmt.match(/(?:"[^"]*"|[^;"])+/g) ?? [''];
  let format = sections[sections.length - 1] ?? '';
  const condition = /^\[=(-?\d+(?:\.\d+)?)\]/.exec(sections[0] ?? '');
  if (condition && sections.length > 1 && value === Number(condition[1]))
    format = (sections[0] ?? '').slice(condition[0].length);
  let out = '';
  let numberShown = false;
  for (const m of format.matchAll(/"([^"]*)"|([^"]+)/g)) {
    if (m[1] !== undefined) out += m[1];
    else if (!numberShown) {
      out += formatNumber(value, locale);
      numberShown = true;
    }
  }
  return out;
}

/** A value cell of an indicator's row, read back: its period, measure and what it shows. */
export interface StatedCell {
  sheet: string;
  period: string;
  measure: string;
  shown: string;
  value: number;
}

/**
 * The value cells (not formulas) of an indicator's rows in a rendered workbook, read back with
 * exceljs, each with the period and measure its column was planned for.
 * @example (await statedCells(buffer, model, template, 'fr', 'CCSC-FEMMES')).find((c) => c.measure === 'actual')?.shown // '78'
 */
export async function statedCells(
  buffer: Buffer | Uint8Array,
  model: ReportModel,
  template: ReportTemplate,
  locale: Locale,
  code: string,
): Promise<StatedCell[]> {
  const title = model.indicators.find((i) => i.code === code)?.title[locale];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ctx = renderContext(model, template, locale);
  const out: StatedCell[] = [];
  for (const sheet of template.sheets) {
    if (sheet.kind !== 'indicators') continue;
    const ws = wb.getWorksheet(sheet.name[locale]);
    const plan = planColumns(sheet, ctx);
    if (!ws || !plan.ok) continue;
    const titleCol = plan.value.findIndex((c) => c.kind === 'field' && c.field === 'indicator') + 1;
    ws.eachRow((row, n) => {
      if (n < INDICATOR_FIRST_ROW || row.getCell(titleCol).value !== title) return;
      plan.value.forEach((c, i) => {
        if (c.kind !== 'value') return;
        const cell = row.getCell(i + 1);
        if (typeof cell.value !== 'number') return;
        out.push({
          sheet: ws.name,
          period: c.period.code,
          measure: c.measure,
          shown: displayed(cell.numFmt, cell.value, locale),
          value: cell.value,
        });
      });
    });
  }
  return out;
}
