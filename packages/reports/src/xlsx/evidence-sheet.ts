import { cellKeyToString, cellLabel, type Locale } from '@jalon/domain';
import type { Worksheet } from 'exceljs';
import type { Activity } from '../model/evidence.js';
import type { SheetTemplate } from '../template/template-schema.js';
import { valueFormat } from './number-formats.js';
import { excelDate, type RenderContext } from './render-context.js';
import { styleHeader, TITLE_ROWS, writeTitleRows } from './sheet-frame.js';

type ActivitiesSheet = Extract<SheetTemplate, { kind: 'activities' }>;

const WIDTHS: Record<ActivitiesSheet['columns'][number], number> = {
  date: 12,
  title: 60,
  type: 16,
  programme: 30,
  places: 24,
  participants: 16,
  grants: 22,
  indicators: 18,
};

/**
 * Writes the activity evidence: one row per activity of the period with its participants (the total
 * with its qualifier, and each known part; blank where the part was not recorded, never a guess).
 * Rows are committed as they are written, so with exceljs's streaming writer memory stays flat however
 * many activities there are (the benchmark writes 100,000).
 */
export function writeEvidenceSheet(ws: Worksheet, sheet: ActivitiesSheet, ctx: RenderContext, activities: Iterable<Activity>): number {
  const { model, template, locale } = ctx;
  const parts = sheet.breakdownColumns;
  ws.columns = [...sheet.columns.map((c) => ({ width: WIDTHS[c] })), ...parts.map(() => ({ width: 14 }))];
  writeTitleRows(ws, ctx, sheet.name[locale]);
  const header = ws.addRow([
    ...sheet.columns.map((c) => ctx.label(`evidence.${c}`)),
    ...parts.map((p) => p.label?.[locale] ?? cellLabel(p.key, model.dimensions, locale)),
  ]);
  styleHeader(header);
  header.commit();
  const programmes = new Map(model.programmes.map((p) => [p.code, p.name[locale]]));
  const partKeys = parts.map((p) => cellKeyToString(p.key));
  const dateFormat = template.numberFormats.date;
  let count = 0;
  for (const a of activities) {
    const values = sheet.columns.map((c) => evidenceValue(a, c, locale, programmes));
    const known = new Map(a.participants.cells.map((cell) => [cellKeyToString(cell.key), cell]));
    const row = ws.addRow([...values, ...partKeys.map((k) => known.get(k)?.value ?? null)]);
    sheet.columns.forEach((c, i) => {
      if (c === 'date') row.getCell(i + 1).numFmt = dateFormat;
      if (c === 'participants' && a.participants.total) row.getCell(i + 1).numFmt = valueFormat(template, 'number', a.participants.total.qualifier, locale);
    });
    partKeys.forEach((k, j) => {
      const cell = known.get(k);
      if (cell && cell.qualifier !== 'exact') row.getCell(sheet.columns.length + j + 1).numFmt = valueFormat(template, 'number', cell.qualifier, locale);
    });
    row.commit();
    count++;
  }
  ws.autoFilter = { from: { row: TITLE_ROWS + 1, column: 1 }, to: { row: TITLE_ROWS + 1, column: sheet.columns.length + parts.length } };
  return count;
}

function evidenceValue(a: Activity, column: ActivitiesSheet['columns'][number], locale: Locale, programmes: Map<string, string>): string | number | Date | null {
  switch (column) {
    case 'date':
      return excelDate(a.date);
    case 'title':
      return a.title;
    case 'type':
      return a.typeLabel[locale];
    case 'programme':
      return programmes.get(a.programmeCode) ?? a.programmeCode;
    case 'places':
      return a.places.join(', ');
    case 'participants':
      return a.participants.total?.value ?? null;
    case 'grants':
      return a.grantCodes.join(', ');
    case 'indicators':
      return a.indicatorCodes.join(', ');
  }
}
