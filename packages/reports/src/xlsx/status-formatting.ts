import type { Status } from '@jalon/domain';
import type { ConditionalFormattingRule } from 'exceljs';
import type { AchievementSettings } from '../model/results';
import type { ReportTemplate } from '../template/template-schema';

const fill = (argb: string) => ({
  fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb } },
});

/**
 * The Excel condition of each status band for the cell `ref` (relative, so one rule covers a range):
 * the bands of the status scale in order, each rule stopping the next, so Excel colours a ratio exactly
 * as the domain's `statusOf` classifies it; a cell without a number is "no data".
 * @example bandConditions(UNDP_STATUS_SCALE, 'E6')[1] // { status: 'on-track', formula: 'AND(ISNUMBER(E6),E6>=1)' }
 */
export function bandConditions(
  scale: AchievementSettings['scale'],
  ref: string,
): { status: Status; formula: string }[] {
  const out: { status: Status; formula: string }[] = [
    { status: 'no-data', formula: `NOT(ISNUMBER(${ref}))` },
  ];
  for (const band of scale.bands) {
    const parts = [`ISNUMBER(${ref})`];
    if (band.min !== undefined) parts.push(`${ref}>=${band.min}`);
    if (band.max !== undefined) parts.push(`${ref}<=${band.max}`);
    out.push({ status: band.status, formula: `AND(${parts.join(',')})` });
  }
  return out;
}

/**
 * Conditional-formatting rules colouring achievement ratios by status (`ref` is the range's top-left cell).
 * @example achievementRules(template, 'E6') // [{ type: 'expression', formulae: ['NOT(ISNUMBER(E6))'], … }, …]
 */
export function achievementRules(
  template: ReportTemplate,
  ref: string,
): ConditionalFormattingRule[] {
  return bandConditions(template.achievement.scale, ref).map((c, i) => ({
    type: 'expression',
    priority: i + 1,
    stopIfTrue: true,
    formulae: [c.formula],
    style: fill(template.achievement.colours[c.status]),
  }));
}

/**
 * Rules colouring status labels: each status's label gets its colour.
 * @example statusLabelRules(template, 'F6', labels) // [{ type: 'expression', formulae: ['F6="En bonne voie"'], … }, …]
 */
export function statusLabelRules(
  template: ReportTemplate,
  ref: string,
  labels: Record<Status, string>,
): ConditionalFormattingRule[] {
  return (Object.keys(labels) as Status[]).map((status, i) => ({
    type: 'expression',
    priority: i + 1,
    stopIfTrue: true,
    formulae: [`${ref}="${labels[status].replace(/"/g, '""')}"`],
    style: fill(template.achievement.colours[status]),
  }));
}
