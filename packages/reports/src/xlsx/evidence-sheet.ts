import { cellKeyToString, cellLabel, type Locale } from '@jalon/domain';
import type { Worksheet } from 'exceljs';
import type { Activity } from '../model/evidence';
import type { SheetTemplate } from '../template/template-schema';
import { valueFormat } from './number-formats';
import { excelDate, type RenderContext } from './render-context';
import { styleHeader, TITLE_ROWS, writeTitleRows } from './sheet-frame';

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

/** Evidence rows written between two turns of the event loop when the rendering may be stopped. */
export const ROWS_PER_TURN = 500;

/**
 * Writes the activity evidence: one row per activity of the period with its participants (the total
 * with its qualifier, and each known part; blank where the part was not recorded, never a guess).
 * Rows are committed as they are written, so with exceljs's streaming writer memory stays flat however
 * many activities there are (the benchmark writes 100,000).
 */
export async function writeEvidenceSheet(
  ws: Worksheet,
  sheet: ActivitiesSheet,
  ctx: RenderContext,
  activities: Iterable<Activity>,
  /** Called every {@link ROWS_PER_TURN} rows: a turn of the event loop, and a stop when it throws. */
  turn?: () => Promise<void>,
): Promise<number> {
  const { model, template, locale } = ctx;
  const parts = sheet.breakdownColumns;
  ws.columns = [
    ...sheet.columns.map((c) => ({ width: WIDTHS[c] })),
    ...parts.map(() => ({ width: 14 })),
  ];
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
  // Formats per qualifier, computed once: this loop runs once per activity (100,000 in the benchmark).
  const formats = {
    exact: valueFormat(template, 'number', 'exact', locale),
    approximate: valueFormat(template, 'number', 'approximate', locale),
    'at-least': valueFormat(template, 'number', 'at-least', locale),
  };
  const dateCol = sheet.columns.indexOf('date') + 1;
  const totalCol = sheet.columns.indexOf('participants') + 1;
  const width = sheet.columns.length;
  let count = 0;
  for (const a of activities) {
    const values: (string | number | Date | null)[] = sheet.columns.map((c) =>
      evidenceValue(a, c, locale, programmes),
    );
    const qualifiers: (keyof typeof formats | null)[] = partKeys.map(() => null);
    for (let j = 0; j < partKeys.length; j++) values.push(null);
    for (const cell of a.participants.cells) {
      const j = partKeys.indexOf(cellKeyToString(cell.key));
      if (j < 0) continue;
      values[width + j] = cell.value;
      qualifiers[j] = cell.qualifier;
    }
    const row = ws.addRow(values);
    if (dateCol > 0) row.getCell(dateCol).numFmt = dateFormat;
    if (totalCol > 0 && a.participants.total)
      row.getCell(totalCol).numFmt = formats[a.participants.total.qualifier];
    qualifiers.forEach((q, j) => {
      if (q && q !== 'exact') row.getCell(width + j + 1).numFmt = formats[q];
    });
    row.commit();
    count++;
    if (turn && count % ROWS_PER_TURN === 0) await turn();
  }
  ws.autoFilter = {
    from: { row: TITLE_ROWS + 1, column: 1 },
    to: { row: TITLE_ROWS + 1, column: sheet.columns.length + parts.length },
  };
  return count;
}

function evidenceValue(
  a: Activity,
  column: ActivitiesSheet['columns'][number],
  locale: Locale,
  programmes: Map<string, string>,
): string | number | Date | null {
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
