import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { err, ok, type Locale, type Result } from '@jalon/domain';
import type { Activity } from '../model/evidence';
import type { ReportModel } from '../model/report-model';
import type { ReportTemplate, SheetTemplate } from '../template/template-schema';
import { writeBreakdownSheet } from './breakdown-sheet';
import { writeChartsSheet } from './charts-sheet';
import { writeCoverSheet } from './cover-sheet';
import { writeEvidenceSheet } from './evidence-sheet';
import { planColumns, type PlannedColumn } from './indicator-columns';
import { writeIndicatorSheet } from './indicator-sheet';
import { writeDataQualitySheet, writeIncidentsSheet, writeNarrativeSheet } from './list-sheets';
import { renderContext } from './render-context';
import { PAGE_SETUP, TITLE_ROWS } from './sheet-frame';
import { placeImages, withDrawingTypes } from './stream-drawing';

/** Why a workbook could not be rendered: the model does not fit the template, or it was stopped. */
export type RenderError =
  { code: 'model-template-mismatch'; message: string } | { code: 'aborted'; message: string };

/** Options of {@link renderWorkbook}. */
export type RenderWorkbookOptions = {
  /** Interface language of the labels; the template's default (French) otherwise. */
  locale?: Locale;
  /** The reader's time zone (IANA) for « Généré le »; UTC otherwise. */
  timeZone?: string;
  /** Where to write the .xlsx; without it the bytes are returned. */
  stream?: Writable;
  /** The activities to list, when there are too many to hold in the model (a generator reading the database). */
  activities?: Iterable<Activity>;
  /**
   * Stops the rendering (a download dropped): checked before each sheet and every 500 evidence
   * rows, giving the event loop a turn so the drop is heard; the rendering then ends `aborted`.
   */
  signal?: AbortSignal;
};

class RenderAborted extends Error {}

/** A turn of the event loop (a socket's 'close' is heard), then a stop if the signal says so. */
function checkpoint(signal: AbortSignal | undefined): (() => Promise<void>) | undefined {
  if (!signal) return undefined;
  return async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal.aborted) throw new RenderAborted('the workbook was no longer wanted');
  };
}

/** What was rendered: the bytes (when no stream was given) and the renderer's notes. */
export type RenderedWorkbook = { buffer: Buffer | null; warnings: string[]; sheets: string[] };

function sameSettings(model: ReportModel, template: ReportTemplate): string | null {
  if (model.achievement.rule !== template.achievement.rule) {
    return `the model was computed with "${model.achievement.rule}" but template ${template.id} asks for "${template.achievement.rule}"`;
  }
  if (
    JSON.stringify(model.achievement.scale.bands) !==
    JSON.stringify(template.achievement.scale.bands)
  ) {
    return `the model's status scale "${model.achievement.scale.code}" is not template ${template.id}'s "${template.achievement.scale.code}"`;
  }
  if (
    model.grant.fiscalYearStartMonth !== template.calendar.fiscalYearStartMonth &&
    model.periods.some((p) => p.roles.includes('fiscal-year') || p.roles.includes('year-to-date'))
  ) {
    // The grant's own calendar may differ; what matters is that the model's fiscal periods are the template's.
    const fy = model.periods.find(
      (p) => p.roles.includes('fiscal-year') || p.roles.includes('year-to-date'),
    );
    if (fy && Number(fy.start.slice(5, 7)) !== template.calendar.fiscalYearStartMonth) {
      return `the model's fiscal year starts in month ${fy.start.slice(5, 7)}, template ${template.id} in month ${template.calendar.fiscalYearStartMonth}`;
    }
  }
  return null;
}

/**
 * Renders a donor workbook from a report model and a template. A pure function of its inputs (the
 * generation time is the model's), written with exceljs's streaming `WorkbookWriter` for every sheet:
 * in exceljs 4.4 the streaming worksheet supports everything these sheets use (merged cells, frozen
 * panes, conditional formatting, formulas with cached results, page setup, auto-filter), so one writer
 * keeps memory flat for a 100,000-row evidence sheet without a second code path for small sheets.
 * @example const r = await renderWorkbook(model, getTemplate('undp-quarterly')!); if (r.ok) writeFileSync('undp.xlsx', r.value.buffer!)
 */
export async function renderWorkbook(
  model: ReportModel,
  template: ReportTemplate,
  options: RenderWorkbookOptions = {},
): Promise<Result<RenderedWorkbook, RenderError>> {
  const mismatch = sameSettings(model, template);
  if (mismatch) return err({ code: 'model-template-mismatch', message: mismatch });
  const ctx = renderContext(
    model,
    template,
    options.locale ?? template.defaultLocale,
    options.timeZone,
  );
  const plans = new Map<SheetTemplate, PlannedColumn[]>();
  for (const sheet of template.sheets) {
    if (sheet.kind !== 'indicators') continue;
    const plan = planColumns(sheet, ctx);
    if (!plan.ok) return err({ code: 'model-template-mismatch', message: plan.error });
    plans.set(sheet, plan.value);
  }

  const chunks: Buffer[] = [];
  const target = options.stream ?? new PassThrough();
  if (!options.stream) target.on('data', (c: Buffer) => chunks.push(c));
  const when = new Date(model.generatedAt);
  const drawings: string[] = [];
  const wb = stampedWorkbookWriter(
    { stream: target, useStyles: true, useSharedStrings: false },
    when,
    drawings,
  );
  wb.creator = model.organisation.name;
  wb.created = when;
  wb.modified = when;
  wb.title = `${template.name[ctx.locale]} — ${model.grant.code} — ${model.reportingPeriod}`;
  const sheets: string[] = [];
  const turn = checkpoint(options.signal);
  try {
    for (const sheet of template.sheets) {
      await turn?.();
      await writeSheet(sheet);
    }
  } catch (e) {
    if (e instanceof RenderAborted) return err({ code: 'aborted', message: e.message });
    throw e;
  }
  async function writeSheet(sheet: SheetTemplate): Promise<void> {
    const name = sheet.name[ctx.locale];
    sheets.push(name);
    const columns = plans.get(sheet);
    const frozen = (xSplit: number, ySplit: number) => [
      { state: 'frozen' as const, xSplit, ySplit },
    ];
    const views =
      sheet.kind === 'cover'
        ? []
        : sheet.kind === 'indicators'
          ? frozen(labelColumns(columns ?? []), TITLE_ROWS + 2)
          : sheet.kind === 'breakdowns'
            ? frozen(2, TITLE_ROWS + 2)
            : sheet.kind === 'activities'
              ? frozen(2, TITLE_ROWS + 1)
              : frozen(0, TITLE_ROWS + 1);
    // Long sheets repeat their header rows on every printed page (the rows frozen on screen).
    const header =
      sheet.kind === 'indicators'
        ? `${TITLE_ROWS + 1}:${TITLE_ROWS + 2}`
        : sheet.kind === 'breakdowns'
          ? `${TITLE_ROWS + 2}:${TITLE_ROWS + 2}`
          : sheet.kind === 'activities'
            ? `${TITLE_ROWS + 1}:${TITLE_ROWS + 1}`
            : undefined;
    const ws = wb.addWorksheet(name, {
      views,
      pageSetup: header ? { ...PAGE_SETUP, printTitlesRow: header } : PAGE_SETUP,
    });
    switch (sheet.kind) {
      case 'cover':
        writeCoverSheet(ws, sheet, ctx);
        break;
      case 'indicators':
        writeIndicatorSheet(ws, sheet, columns ?? [], ctx);
        break;
      case 'breakdowns':
        writeBreakdownSheet(ws, sheet, ctx);
        break;
      case 'activities':
        await writeEvidenceSheet(ws, sheet, ctx, options.activities ?? model.activities, turn);
        break;
      case 'incidents':
        writeIncidentsSheet(ws, sheet, ctx);
        break;
      case 'data-quality':
        writeDataQualitySheet(ws, sheet, ctx);
        break;
      case 'narrative':
        writeNarrativeSheet(ws, sheet, ctx);
        break;
      case 'charts': {
        const drawing = placeImages(wb, ws, writeChartsSheet(ws, sheet, ctx));
        if (drawing) drawings.push(drawing);
        break;
      }
    }
    ws.commit();
  }
  await wb.commit();
  return ok({
    buffer: options.stream ? null : Buffer.concat(chunks),
    warnings: ctx.warnings,
    sheets,
  });
}

/** Freeze through the indicator's title, so the label columns stay in view while scrolling right. */
function labelColumns(columns: readonly PlannedColumn[]): number {
  const i = columns.findIndex((c) => c.kind === 'field' && c.field === 'indicator');
  if (i >= 0) return i + 1;
  const firstValue = columns.findIndex((c) => c.kind === 'value');
  return firstValue < 0 ? 1 : firstValue;
}

type WriterOptions = ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0];
type Appendable = { append: (source: unknown, data: { name: string; date?: Date }) => unknown };
/** What exceljs's streaming writer does inside, which its types do not declare. */
type WriterInternals = { zip: Appendable; promise: Promise<unknown> };

/**
 * exceljs's streaming writer with every zip entry stamped with `when` (the model's time), not the
 * clock's: the same model renders the same bytes, so a submitted report is rebuilt from its
 * snapshot identically. exceljs appends entries to its archiver without a date (archiver then
 * takes the current time), two of them from inside its constructor: those are held back until the
 * archive's `append` is stamped. The content types, written last, declare the `drawings` placed by
 * then ({@link withDrawingTypes}).
 */
function stampedWorkbookWriter(
  options: WriterOptions,
  when: Date,
  drawings: readonly string[],
): InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter> {
  let stamped = false;
  class StampedWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
    override addThemes(): Promise<void> {
      return stamped ? super.addThemes() : Promise.resolve();
    }
    override addOfficeRels(): Promise<void> {
      return stamped ? super.addOfficeRels() : Promise.resolve();
    }
  }
  const wb = new StampedWriter(options);
  const internals = wb as unknown as WriterInternals;
  const append = internals.zip.append.bind(internals.zip);
  internals.zip.append = (source, data) =>
    append(withDrawingTypes(data.name, source, drawings), { ...data, date: when });
  stamped = true;
  internals.promise = Promise.all([wb.addThemes(), wb.addOfficeRels()]);
  return wb;
}
