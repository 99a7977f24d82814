import { formatDate } from '@jalon/domain';
import type { Worksheet } from 'exceljs';
import { commentIn } from '../model/results';
import type { SheetTemplate } from '../template/template-schema';
import { excelDate, type RenderContext } from './render-context';
import { styleHeader, writeTitleRows } from './sheet-frame';

/** Writes the incidents summary: per programme, each category then the total (incidents, deaths, injuries). */
export function writeIncidentsSheet(
  ws: Worksheet,
  sheet: Extract<SheetTemplate, { kind: 'incidents' }>,
  ctx: RenderContext,
): void {
  const { model, locale } = ctx;
  ws.columns = [{ width: 30 }, { width: 40 }, { width: 12 }, { width: 12 }, { width: 12 }];
  writeTitleRows(ws, ctx, sheet.name[locale]);
  const header = ws.addRow(
    ['programme', 'category', 'incidents', 'deaths', 'injuries'].map((k) =>
      ctx.label(`incidents.${k}`),
    ),
  );
  styleHeader(header);
  header.commit();
  for (const s of model.incidents) {
    const programme =
      model.programmes.find((p) => p.code === s.programmeCode)?.name[locale] ?? s.programmeCode;
    for (const c of s.byCategory)
      ws.addRow([programme, c.label[locale], c.incidents, c.deaths, c.injuries]).commit();
    const total = ws.addRow([
      programme,
      ctx.label('incidents.total'),
      s.total.incidents,
      s.total.deaths,
      s.total.injuries,
    ]);
    total.font = { bold: true };
    total.commit();
  }
}

/** Writes the data-quality findings: inconsistent counts and undisaggregated records, worst first. */
export function writeDataQualitySheet(
  ws: Worksheet,
  sheet: Extract<SheetTemplate, { kind: 'data-quality' }>,
  ctx: RenderContext,
): void {
  const { model, locale, template } = ctx;
  ws.columns = [{ width: 16 }, { width: 26 }, { width: 12 }, { width: 60 }, { width: 70 }];
  writeTitleRows(ws, ctx, sheet.name[locale]);
  const header = ws.addRow(
    ['severity', 'code', 'date', 'subject', 'message'].map((k) => ctx.label(`quality.${k}`)),
  );
  styleHeader(header);
  header.commit();
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const findings = [...model.dataQuality].sort((a, b) => rank[a.severity] - rank[b.severity]);
  if (findings.length === 0) ws.addRow([ctx.label('quality.none')]).commit();
  for (const f of findings) {
    const row = ws.addRow([
      ctx.label(`severity.${f.severity}`),
      f.code,
      f.date ? excelDate(f.date) : null,
      f.subject,
      f.message[locale],
    ]);
    row.getCell(3).numFmt = template.numberFormats.date;
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
    if (f.severity === 'error') row.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
    row.commit();
  }
}

/** Writes the narrative: summary, challenges, next steps, and per-indicator comments or deviations. */
export function writeNarrativeSheet(
  ws: Worksheet,
  sheet: Extract<SheetTemplate, { kind: 'narrative' }>,
  ctx: RenderContext,
): void {
  const { model, locale } = ctx;
  ws.columns = [{ width: 16 }, { width: 50 }, { width: 90 }];
  writeTitleRows(ws, ctx, sheet.name[locale]);
  const heading = (text: string) => {
    const r = ws.addRow([text]);
    r.font = { bold: true, size: 12 };
    r.commit();
  };
  const text = (t: string | undefined) => {
    const r = ws.addRow([t ?? ctx.label('narrative.none')]);
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(r.number, 1, r.number, 3);
    r.height = Math.max(15, Math.ceil((t?.length ?? 1) / 140) * 15);
    r.commit();
  };
  for (const part of sheet.parts) {
    heading(ctx.label(`narrative.${part}`));
    if (part === 'summary') text(model.narrative.summary?.[locale]);
    else if (part === 'challenges') text(model.narrative.challenges?.[locale]);
    else if (part === 'next-steps') text(model.narrative.nextSteps?.[locale]);
    else {
      const header = ws.addRow([
        ctx.label('field.code'),
        ctx.label('field.indicator'),
        ctx.label(part === 'deviations' ? 'field.deviation' : 'field.comments'),
      ]);
      styleHeader(header);
      header.commit();
      for (const ind of model.indicators) {
        // The period's comment is the organisation's own explanation of its figures: it is the
        // deviation narrative when the model carries no separate one.
        const said = commentIn(
          ind.values.find((v) => v.period === ctx.reportingPeriod.code),
          locale,
        );
        const body =
          part === 'deviations'
            ? (ind.deviation?.[locale] ?? said)
            : [ind.comment?.[locale], said].filter((s): s is string => !!s).join(' ');
        if (!body) continue;
        const r = ws.addRow([ind.code, ind.title[locale], body]);
        r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
        r.getCell(3).alignment = { wrapText: true, vertical: 'top' };
        r.commit();
      }
    }
    ws.addRow([]).commit();
  }
  if (ctx.template.versionDateOnEverySheet)
    ws.addRow([
      `${ctx.label('sheet.version-date')} : ${formatDate(model.generatedAt.slice(0, 10), locale)}`,
    ]).commit();
}
