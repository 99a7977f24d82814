import { formatDate, type Locale } from '@jalon/domain';
import type { PeriodRef, PeriodRole } from '../model/common';
import type { ReportModel } from '../model/report-model';
import { labelOf } from '../template/labels';
import type { ReportTemplate } from '../template/template-schema';

/** What every sheet writer needs: the model, the template, the locale, and where to note warnings. */
export type RenderContext = {
  model: ReportModel;
  template: ReportTemplate;
  locale: Locale;
  /** The reader's time zone (IANA), for the instants the workbook states; UTC by default. */
  timeZone: string;
  label: (key: string) => string;
  /** Periods playing a role, in date order. */
  periodsWith: (role: PeriodRole) => PeriodRef[];
  reportingPeriod: PeriodRef;
  /** Things the renderer chose not to do (a formula left out because it would not reproduce the engine's value). */
  warnings: string[];
};

/** Builds the {@link RenderContext}; the model is assumed valid (its schema checks the cross-references). */
export function renderContext(
  model: ReportModel,
  template: ReportTemplate,
  locale: Locale,
  timeZone = 'UTC',
): RenderContext {
  const rp = model.periods.find((p) => p.code === model.reportingPeriod);
  /* c8 ignore next */
  if (!rp)
    throw new Error(`reporting period ${model.reportingPeriod} is not among the model's periods`);
  return {
    model,
    template,
    locale,
    timeZone,
    label: (key) => labelOf(template, key, locale),
    periodsWith: (role) =>
      model.periods
        .filter((p) => p.roles.includes(role))
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    reportingPeriod: rp,
    warnings: [],
  };
}

/**
 * A calendar date as the Excel date of that day (midnight UTC, which exceljs stores as a whole serial).
 * @example excelDate('2023-06-30') // 2023-06-30T00:00:00.000Z
 */
export function excelDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The report's period for titles: `T2 2023 (avril–juin 2023)`. */
export function periodTitle(ctx: RenderContext): string {
  const p = ctx.reportingPeriod;
  return `${p.label[ctx.locale]} (${formatDate(p.start, ctx.locale)} – ${formatDate(p.end, ctx.locale)})`;
}
