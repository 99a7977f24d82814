import { formatDate, formatDateTime, formatNumber } from '@jalon/domain';
import type { Worksheet } from 'exceljs';
import type { SheetTemplate } from '../template/template-schema';
import { periodTitle, type RenderContext } from './render-context';

type CoverSheet = Extract<SheetTemplate, { kind: 'cover' }>;

/** The value of a cover field, as text (a cover is read, not computed on). */
export function coverValue(ctx: RenderContext, field: CoverSheet['fields'][number]): string {
  const { model, template, locale } = ctx;
  const g = model.grant;
  switch (field) {
    case 'organisation':
      return model.organisation.name;
    case 'grant-code':
      return g.code;
    case 'grant-title':
      return g.title[locale];
    case 'donor':
      return g.donor.name;
    case 'business-unit':
      return g.undp?.businessUnit ?? '';
    case 'award-id':
      return g.undp?.awardId ?? '';
    case 'project-id':
      return g.undp?.projectId ?? '';
    case 'implementing-partner':
      return g.undp?.implementingPartner ?? model.organisation.name;
    case 'grant-start':
      return formatDate(g.start, locale);
    case 'grant-end':
      return formatDate(g.end, locale);
    case 'total-amount':
      return g.totalAmount === null ? '' : `${formatNumber(g.totalAmount, locale)} ${g.currency}`;
    case 'currency':
      return g.currency;
    case 'reporting-period':
      return periodTitle(ctx);
    case 'fiscal-year-start':
      return String(g.fiscalYearStartMonth);
    case 'generated-at':
      // In the reader's language and time zone, not a raw ISO timestamp.
      return formatDateTime(model.generatedAt, locale, ctx.timeZone);
    case 'template':
      return `${template.name[locale]} (${template.id} v${template.version})`;
  }
}

/** Writes the cover: the template's title, then one label/value row per field. */
export function writeCoverSheet(ws: Worksheet, sheet: CoverSheet, ctx: RenderContext): void {
  ws.columns = [{ width: 34 }, { width: 80 }];
  const title = ws.addRow([ctx.template.name[ctx.locale]]);
  title.font = { bold: true, size: 16 };
  title.commit();
  ws.addRow([]).commit();
  const fields = [...sheet.fields];
  for (const field of fields) {
    const row = ws.addRow([ctx.label(`cover.${field}`), coverValue(ctx, field)]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true };
    row.commit();
  }
  if (ctx.template.versionDateOnEverySheet) {
    const row = ws.addRow([
      ctx.label('sheet.version-date'),
      formatDate(ctx.model.generatedAt.slice(0, 10), ctx.locale),
    ]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
}
