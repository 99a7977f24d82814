import { cellKeyToString, formatUncounted, projectBreakdown, type Status } from '@jalon/domain';
import type { Cell, CellValue, Worksheet } from 'exceljs';
import {
  actualFigure,
  commentIn,
  type Indicator,
  type IndicatorValue,
  type ResultNode,
} from '../model/results';
import type { SheetTemplate } from '../template/template-schema';
import { cellRef, columnLetter } from './cell-ref';
import type { PlannedColumn } from './indicator-columns';
import { achievementFormula, cumulativeFormula } from './live-formulas';
import {
  achievementFormat,
  boundsFormat,
  figureFormat,
  proRatedFormat,
  valueFormat,
} from './number-formats';
import { excelDate, type RenderContext } from './render-context';
import { styleHeader, TITLE_ROWS, writeTitleRows } from './sheet-frame';
import { achievementRules, statusLabelRules } from './status-formatting';

type IndicatorSheet = Extract<SheetTemplate, { kind: 'indicators' }>;

/** The first data row of an indicator sheet: three title rows, then two header rows. */
export const INDICATOR_FIRST_ROW = TITLE_ROWS + 3;

/** Results in reading order: each result followed by its children, depth first. */
export function orderedNodes(framework: readonly ResultNode[]): ResultNode[] {
  const out: ResultNode[] = [];
  const visit = (parent: string | null) => {
    for (const n of framework.filter((x) => x.parentCode === parent)) {
      out.push(n);
      visit(n.code);
    }
  };
  visit(null);
  return out;
}

function fieldValue(
  ctx: RenderContext,
  ind: Indicator,
  node: ResultNode | undefined,
  field: string,
  index: number,
): CellValue {
  const { locale } = ctx;
  const rv = ind.values.find((v) => v.period === ctx.reportingPeriod.code);
  switch (field) {
    case 'number':
      return index;
    case 'code':
      return ind.code;
    case 'indicator':
      return ind.title[locale];
    case 'definition':
      return ind.definition?.[locale] ?? '';
    case 'level':
      return node ? ctx.label(`level.${node.level}`) : '';
    case 'result':
      return node ? `${node.code} — ${node.title[locale]}` : '';
    case 'unit':
      return ctx.label(`unit.${ind.unit}`);
    case 'direction':
      return ctx.label(`direction.${ind.direction}`);
    case 'cumulative':
      return ctx.label(ind.cumulative ? 'yes' : 'no');
    case 'measure-type':
      return ctx.label(`measure-type.${ind.unit === 'percent' ? 'percent' : 'number'}`);
    case 'disaggregation':
      return ind.dimensions
        .map((d) => ctx.model.dimensions.find((x) => x.code === d)?.label[locale] ?? d)
        .join(', ');
    case 'baseline':
      return ind.baseline?.value ?? null;
    case 'baseline-year':
      return ind.baseline?.year ?? null;
    case 'baseline-date':
      return ind.baseline?.date ? excelDate(ind.baseline.date) : null;
    case 'sources-of-verification':
      return [...ind.sourcesOfVerification, ...(node?.sourcesOfVerification ?? [])]
        .map((s) => s[locale])
        .join(' ; ');
    case 'assumptions':
      return (node?.assumptions ?? []).map((s) => s[locale]).join(' ; ');
    case 'comments':
      return [ind.comment?.[locale], commentIn(rv, locale), rv?.actualText?.[locale]]
        .filter((s): s is string => !!s)
        .join(' ');
    case 'deviation':
      return ind.deviation?.[locale] ?? commentIn(rv, locale) ?? '';
    /* c8 ignore next 2 */
    default:
      return '';
  }
}

/**
 * Writes an indicator sheet: title rows, two header rows (period groups, then measures), a bold row per
 * result when grouped, a row per indicator and, if asked, breakdown rows beneath it. Achievement and
 * cumulative cells are live formulas whose cached results are the engine's values; achievement ratios
 * and status labels are coloured by conditional formatting built from the template's status scale.
 */
export function writeIndicatorSheet(
  ws: Worksheet,
  sheet: IndicatorSheet,
  columns: readonly PlannedColumn[],
  ctx: RenderContext,
): void {
  const { model, template, locale } = ctx;
  ws.columns = columns.map((c) => ({ width: c.width }));
  writeTitleRows(ws, ctx, sheet.name[locale]);

  // Header: row A carries period groups, row B the measures and the field names.
  const headerA = TITLE_ROWS + 1;
  const headerB = TITLE_ROWS + 2;
  const groupRow = ws.getRow(headerA);
  const measureRow = ws.getRow(headerB);
  columns.forEach((c, i) => {
    // A field's header spans both rows; the merged cell's value lives in its top cell.
    if (c.kind === 'value') {
      groupRow.getCell(i + 1).value = c.group;
      measureRow.getCell(i + 1).value = c.header;
    } else groupRow.getCell(i + 1).value = c.header;
  });
  styleHeader(groupRow);
  styleHeader(measureRow);
  for (let i = 0; i < columns.length;) {
    const c = columns[i];
    let j = i;
    if (c?.kind === 'value') {
      while (
        j + 1 < columns.length &&
        (columns[j + 1] as PlannedColumn).kind === 'value' &&
        (columns[j + 1] as { group: string }).group === c.group
      )
        j++;
      if (j > i) ws.mergeCells(headerA, i + 1, headerA, j + 1);
    } else {
      ws.mergeCells(headerA, i + 1, headerB, i + 1);
    }
    i = j + 1;
  }
  groupRow.commit();
  measureRow.commit();

  const nodes = orderedNodes(model.framework);
  const indicatorsOf = (code: string) => model.indicators.filter((x) => x.nodeCode === code);
  const order: { node: ResultNode; indicators: Indicator[] }[] = nodes.map((n) => ({
    node: n,
    indicators: indicatorsOf(n.code),
  }));
  const empty = sheet.emptyCell === '' ? null : sheet.emptyCell;
  const statusLabels = Object.fromEntries(
    (['on-track', 'watch', 'off-track', 'no-data'] as Status[]).map((s) => [
      s,
      ctx.label(`status.${s}`),
    ]),
  ) as Record<Status, string>;
  let rowNumber = headerB;
  let index = 0;

  for (const { node, indicators } of order) {
    if (sheet.grouping === 'result' && (indicators.length > 0 || node.level !== 'output')) {
      rowNumber++;
      const r = ws.getRow(rowNumber);
      r.getCell(1).value =
        `${ctx.label(`level.${node.level}`)} ${node.code} — ${node.title[locale]}`;
      r.font = { bold: true };
      for (let i = 1; i <= columns.length; i++)
        r.getCell(i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      ws.mergeCells(rowNumber, 1, rowNumber, columns.length);
      r.commit();
    }
    for (const ind of indicators) {
      index++;
      rowNumber++;
      const row = ws.getRow(rowNumber);
      columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.kind === 'field') {
          cell.value = fieldValue(ctx, ind, node, c.field, index);
          if (
            c.field === 'baseline' &&
            ind.baseline?.value !== null &&
            ind.baseline?.value !== undefined
          )
            cell.numFmt = valueFormat(template, ind.unit, 'exact', locale);
          if (c.field === 'baseline-date') cell.numFmt = template.numberFormats.date;
          cell.alignment = { wrapText: c.width >= 30, vertical: 'top' };
          return;
        }
        const v = ind.values.find((x) => x.period === c.period.code);
        writeValueCell(cell, ctx, ind, v, c, columns, rowNumber, empty, statusLabels);
      });
      row.commit();
      if (sheet.breakdownRows)
        rowNumber = writeBreakdownRows(ws, ctx, ind, columns, rowNumber, empty);
    }
  }

  const last = rowNumber;
  if (last >= INDICATOR_FIRST_ROW) {
    columns.forEach((c, i) => {
      if (c.kind !== 'value') return;
      const top = cellRef(INDICATOR_FIRST_ROW, i + 1);
      const ref = `${top}:${columnLetter(i + 1)}${last}`;
      if (c.measure === 'achievement')
        ws.addConditionalFormatting({ ref, rules: achievementRules(template, top) });
      if (c.measure === 'status')
        ws.addConditionalFormatting({ ref, rules: statusLabelRules(template, top, statusLabels) });
    });
  }
}

function writeValueCell(
  cell: Cell,
  ctx: RenderContext,
  ind: Indicator,
  v: IndicatorValue | undefined,
  c: Extract<PlannedColumn, { kind: 'value' }>,
  columns: readonly PlannedColumn[],
  row: number,
  empty: string | null,
  statusLabels: Record<Status, string>,
): void {
  const { template, locale } = ctx;
  cell.alignment = { horizontal: 'right' };
  switch (c.measure) {
    case 'target': {
      // The whole period's target where the period is cut « à date »; else the period's own is whole.
      const whole = c.window === 'whole' && v?.wholeTarget !== undefined;
      const target = whole ? v.wholeTarget : v?.target;
      const proRated = whole ? v.wholeTargetProRated : v?.targetProRated;
      cell.value = target ?? empty;
      if (target !== null && target !== undefined)
        cell.numFmt = proRated
          ? proRatedFormat(template, locale)
          : valueFormat(template, ind.unit, 'exact', locale);
      return;
    }
    case 'actual': {
      if (!v?.actual) {
        cell.value = v?.actualText?.[locale] ?? empty;
        if (v?.actualText) cell.alignment = { wrapText: true, vertical: 'top' };
        return;
      }
      const live =
        c.role === 'sub-period' || !v ? null : cumulativeFormula(ind, v, c.period, columns, row);
      cell.value = live ?? v.actual.value;
      // Says what the pages say (« entre 56 et 97 », « au moins 179 (13 activités sans décompte) »).
      const figure = actualFigure(v);
      if (figure) cell.numFmt = figureFormat(template, ind.unit, figure, locale);
      // How many activities nobody counted: the reason the figure has no upper limit.
      if (v.uncounted) cell.note = formatUncounted(v.uncounted, locale);
      return;
    }
    case 'achievement': {
      if (!v || v.achievement === null) {
        cell.value = empty;
        return;
      }
      const live = achievementFormula(ind, v, columns, row);
      if (
        !live &&
        v.actual &&
        v.target !== null &&
        columns.some(
          (x) => x.kind === 'value' && x.measure === 'actual' && x.period.code === v.period,
        )
      ) {
        ctx.warnings.push(
          `${ind.code} ${v.period}: achievement written as a value (the row's figures do not reproduce the engine's ratio)`,
        );
      }
      cell.value = live ?? v.achievement;
      cell.numFmt = achievementFormat(template, v, locale);
      return;
    }
    case 'status':
      cell.value = statusLabels[v?.status ?? 'no-data'];
      cell.alignment = { horizontal: 'center' };
      return;
    case 'date': {
      const end = c.period.end < ctx.reportingPeriod.end ? c.period.end : ctx.reportingPeriod.end;
      cell.value = excelDate(end);
      cell.numFmt = template.numberFormats.date;
      return;
    }
    case 'year':
      cell.value = Number(c.period.end.slice(0, 4));
      return;
  }
}

/** Breakdown rows beneath an indicator, in the template's shape: actuals only (bounds where a cell was never recorded). */
function writeBreakdownRows(
  ws: Worksheet,
  ctx: RenderContext,
  ind: Indicator,
  columns: readonly PlannedColumn[],
  rowNumber: number,
  empty: string | null,
): number {
  const { template, locale, model } = ctx;
  const shape = template.breakdowns.shape;
  const projected = new Map<string, ReturnType<typeof projectBreakdown>>();
  for (const v of ind.values) {
    if (v.breakdown)
      projected.set(
        v.period,
        projectBreakdown(v.breakdown, shape, { code: ind.code, dimensions: model.dimensions }),
      );
  }
  const reference = projected.get(ctx.reportingPeriod.code) ?? [...projected.values()][0];
  if (!reference) return rowNumber;
  let n = rowNumber;
  for (const ref of reference) {
    const key = cellKeyToString(ref.key);
    if (key === '') continue;
    n++;
    const row = ws.getRow(n);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.kind === 'field') {
        if (c.field === 'indicator') cell.value = `    ${ref.label[locale]}`;
        else if (c.field === 'code') cell.value = ref.code ?? '';
        return;
      }
      if (c.measure !== 'actual') {
        cell.value = empty;
        return;
      }
      const match = projected.get(c.period.code)?.find((r) => cellKeyToString(r.key) === key);
      cell.alignment = { horizontal: 'right' };
      if (!match) cell.value = empty;
      else if (match.value) {
        cell.value = match.value.value;
        cell.numFmt = valueFormat(template, ind.unit, match.value.qualifier, locale);
      } else {
        // Never recorded: the interval it lies in, as a number (its certain part) that says so.
        cell.value = match.bounds.lower;
        cell.numFmt = boundsFormat(template, ind.unit, match.bounds, locale);
      }
    });
    row.font = { italic: true };
    row.commit();
  }
  return n;
}
