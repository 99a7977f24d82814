import { err, ok, type Result } from '@jalon/domain';
import type { PeriodRef, PeriodRole } from '../model/common';
import type { IndicatorField, Measure, SheetTemplate } from '../template/template-schema';
import { toDateLabel } from '../template/plan-periods';
import type { RenderContext } from './render-context';

/** A concrete column of an indicator sheet, after per-sub-period blocks are expanded. */
export type PlannedColumn =
  | { kind: 'field'; field: IndicatorField; header: string; width: number }
  | {
      kind: 'value';
      measure: Measure;
      period: PeriodRef;
      role: PeriodRole;
      /** `whole`: the whole period's target of a period reported « à date » (not cut at its `asOf`). */
      window: 'to-date' | 'whole';
      group: string;
      header: string;
      width: number;
    };

const FIELD_WIDTHS: Partial<Record<IndicatorField, number>> = {
  number: 6,
  code: 12,
  indicator: 44,
  definition: 40,
  level: 14,
  result: 34,
  'sources-of-verification': 34,
  assumptions: 34,
  comments: 40,
  deviation: 40,
  disaggregation: 20,
};

/**
 * Expands an indicator sheet's columns against the model's periods. Fails when the template asks for a
 * period the model does not carry (the model was built for another template).
 */
export function planColumns(
  sheet: Extract<SheetTemplate, { kind: 'indicators' }>,
  ctx: RenderContext,
): Result<PlannedColumn[], string> {
  const out: PlannedColumn[] = [];
  const group = (role: PeriodRole, p: PeriodRef, whole = false) =>
    role === 'sub-period'
      ? p.label[ctx.locale]
      : `${ctx.label(`role.${role}`)} (${(whole ? p.wholeLabel : undefined)?.[ctx.locale] ?? p.label[ctx.locale]})`;
  const measureWidth = (m: Measure) => (m === 'status' ? 16 : 12);
  for (const c of sheet.columns) {
    if (c.type === 'field') {
      out.push({
        kind: 'field',
        field: c.field,
        header: c.label?.[ctx.locale] ?? ctx.label(`field.${c.field}`),
        width: c.width ?? FIELD_WIDTHS[c.field] ?? 14,
      });
    } else if (c.type === 'value') {
      const role = c.period as PeriodRole;
      const p = ctx.periodsWith(role)[0];
      if (!p)
        return err(
          `the model has no "${role}" period, which the template's sheet "${sheet.name.en}" shows`,
        );
      const whole = c.window === 'whole';
      // A period cut at the reporting period's end says so in the header of what it cuts.
      const toDate =
        p.asOf && !whole && c.labelToDate
          ? c.labelToDate[ctx.locale].replace('{toDate}', toDateLabel(p.asOf, ctx.locale))
          : undefined;
      out.push({
        kind: 'value',
        measure: c.measure,
        period: p,
        role,
        window: whole ? 'whole' : 'to-date',
        group: group(role, p, whole),
        header:
          toDate ??
          c.labelByKind?.[p.kind]?.[ctx.locale] ??
          c.label?.[ctx.locale] ??
          ctx.label(`measure.${c.measure}`),
        width: c.width ?? measureWidth(c.measure),
      });
    } else {
      const subs = ctx.periodsWith('sub-period');
      if (subs.length === 0)
        return err(
          `the model has no sub-periods, which the template's sheet "${sheet.name.en}" shows`,
        );
      for (const p of subs) {
        for (const m of c.measures) {
          out.push({
            kind: 'value',
            measure: m,
            period: p,
            role: 'sub-period',
            window: 'to-date',
            group: group('sub-period', p),
            header: ctx.label(`measure.${m}`),
            width: c.width ?? measureWidth(m),
          });
        }
      }
    }
  }
  return ok(out);
}
