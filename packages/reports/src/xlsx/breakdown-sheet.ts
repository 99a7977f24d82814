import { cellKeyToString, projectBreakdown } from '@jalon/domain';
import type { Worksheet } from 'exceljs';
import type { PeriodRole } from '../model/common';
import type { SheetTemplate } from '../template/template-schema';
import { valueFormat } from './number-formats';
import type { RenderContext } from './render-context';
import { styleHeader, writeTitleRows } from './sheet-frame';

type BreakdownSheet = Extract<SheetTemplate, { kind: 'breakdowns' }>;

/** Columns of the breakdown sheet, in order. */
export const BREAKDOWN_COLUMNS = [
  'code',
  'indicator',
  'category',
  'value',
  'lower',
  'upper',
  'share',
  'target',
] as const;

/**
 * Writes every indicator's breakdown for one period, in the template's shape: a row per category
 * with its value when every record knows it, else blank, and always its bounds [lower, upper] (upper
 * blank when nothing bounds it). Beneath each indicator, its coverage: how many people are known per
 * dimension, how many are not broken down, and the known share.
 */
export function writeBreakdownSheet(
  ws: Worksheet,
  sheet: BreakdownSheet,
  ctx: RenderContext,
): void {
  const { model, template, locale } = ctx;
  ws.columns = [
    { width: 26 },
    { width: 44 },
    { width: 34 },
    { width: 14 },
    { width: 16 },
    { width: 16 },
    { width: 14 },
    { width: 14 },
  ];
  writeTitleRows(ws, ctx, sheet.name[locale]);
  const period = ctx.periodsWith(sheet.period as PeriodRole)[0] ?? ctx.reportingPeriod;
  ws.addRow([`${ctx.label(`role.${sheet.period}`)} : ${period.label[locale]}`]).commit();
  const header = ws.addRow(BREAKDOWN_COLUMNS.map((c) => ctx.label(`breakdown.${c}`)));
  styleHeader(header);
  header.commit();
  for (const ind of model.indicators) {
    const v = ind.values.find((x) => x.period === period.code);
    if (!v?.breakdown) continue;
    const rows = projectBreakdown(v.breakdown, template.breakdowns.shape, {
      code: ind.code,
      dimensions: model.dimensions,
    });
    const targets = new Map(
      (v.breakdownTargets ?? []).map((t) => [cellKeyToString(t.key), t.value] as const),
    );
    for (const r of rows) {
      const key = cellKeyToString(r.key);
      const total = key === '';
      // The total's target is the indicator's; a cell's only where one was set for it.
      const target = total ? v.target : (targets.get(key) ?? null);
      const row = ws.addRow([
        r.code ?? ind.code,
        ind.title[locale],
        r.label[locale],
        r.value?.value ?? null,
        r.bounds.lower,
        r.bounds.upper,
        null,
        target,
      ]);
      if (r.value)
        row.getCell(4).numFmt = valueFormat(
          template,
          ind.unit,
          r.value.qualifier,
          locale,
          r.value.atLeast,
        );
      if (target !== null) row.getCell(8).numFmt = valueFormat(template, ind.unit, 'exact', locale);
      if (total) row.font = { bold: true };
      row.commit();
    }
    for (const cov of v.breakdown.coverage) {
      const dims = cov.dimensions
        .map((d) => model.dimensions.find((x) => x.code === d)?.label[locale] ?? d)
        .join(' × ');
      const row = ws.addRow([
        ind.code,
        `${ctx.label('breakdown.coverage')} — ${dims}`,
        ctx.label('breakdown.remainder'),
        cov.remainder.value,
        null,
        null,
        cov.share,
      ]);
      row.getCell(4).numFmt = valueFormat(
        template,
        ind.unit,
        cov.remainder.qualifier,
        locale,
        cov.remainder.atLeast,
      );
      row.getCell(7).numFmt = template.numberFormats.ratio;
      row.font = { italic: true };
      row.commit();
    }
  }
}
