import { formatDate } from '@jalon/domain';
import type { Row, Worksheet } from 'exceljs';
import { periodTitle, type RenderContext } from './render-context';

/** Rows taken by the title block of every data sheet; headers start just below. */
export const TITLE_ROWS = 3;

/**
 * Writes the three title rows every data sheet opens with (report, grant, period — and the version
 * date when the template stamps it on every sheet, as USAID's FFP IPTT does).
 */
export function writeTitleRows(ws: Worksheet, ctx: RenderContext, sheetTitle: string): void {
  const { model, template, locale } = ctx;
  const title = ws.addRow([`${template.name[locale]} — ${sheetTitle}`]);
  title.font = { bold: true, size: 14 };
  title.commit();
  ws.addRow([
    `${ctx.label('sheet.grant')} : ${model.grant.title[locale]} (${model.grant.code}) — ${model.organisation.name}`,
  ]).commit();
  const parts = [`${ctx.label('sheet.period')} : ${periodTitle(ctx)}`];
  if (template.versionDateOnEverySheet)
    parts.push(
      `${ctx.label('sheet.version-date')} : ${formatDate(model.generatedAt.slice(0, 10), locale)}`,
    );
  ws.addRow([parts.join(' — ')]).commit();
}

/** Header style: bold on a light fill, wrapped, thin borders. */
export function styleHeader(row: Row): void {
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/**
 * Print setup of every sheet: A4 landscape, fit to one page wide and as many tall as needed. Given
 * when the sheet is created, because the streaming writer writes the fit-to-page flag in the sheet's
 * opening XML, before any row.
 */
export const PAGE_SETUP = {
  orientation: 'landscape' as const,
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  paperSize: 9,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};
