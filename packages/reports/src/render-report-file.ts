import { PassThrough, Readable } from 'node:stream';
import { err, ok, type Locale, type Result } from '@jalon/domain';
import { renderBulletinHtml, renderBulletinMarkdown } from './bulletin/render-bulletin';
import { renderIati, type IatiBreakdownMode } from './iati/render-iati';
import type { BulletinModel } from './model/bulletin-model';
import type { ReportModel } from './model/report-model';
import { statusRole } from './template/plan-periods';
import type { ReportTemplate } from './template/template-schema';
import { renderWorkbook, type RenderError } from './xlsx/render-workbook';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Why a report file came out short: the model does not fit the template, or writing it failed (the reader went away). */
export type ReportFileError = RenderError | { code: 'write-failed'; message: string };

/** A report file on its way out: its name and type, the bytes as a stream, and how the rendering ended. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  /** The bytes; destroyed with the error when rendering fails, so a reader sees the file cut short. */
  body: Readable;
  /** Settles when the last byte is written; never rejects (a failure is an `err`). */
  rendered: Promise<Result<{ warnings: string[] }, ReportFileError>>;
}

export interface ReportFileRequest {
  model: ReportModel;
  template: ReportTemplate;
  format: 'xlsx' | 'iati';
  /** Language of the workbook's labels; the template's default otherwise. */
  locale?: Locale | undefined;
  /** The reader's time zone (IANA) for the instants the workbook states; UTC otherwise. */
  timeZone?: string | undefined;
  /** IATI breakdowns; per the template otherwise ({@link iatiModeFor}). */
  mode?: IatiBreakdownMode | undefined;
  /** The workbook of a submitted report (rendered from its snapshot): its name says so. */
  submitted?: boolean;
  /**
   * Stops the workbook's rendering (the request's signal: the client went away). A reader that
   * destroys `body` before its end stops it too.
   */
  signal?: AbortSignal | undefined;
}

/**
 * The IATI breakdown mode a template asks for: the Netherlands ministry ignores `dimension` and wants
 * numbers ("0, never n/a"), and its templates say so by their breakdown shape.
 */
export function iatiModeFor(
  template: ReportTemplate,
  requested?: IatiBreakdownMode,
): IatiBreakdownMode {
  if (requested) return requested;
  return template.breakdowns.shape === 'indicator-per-breakdown'
    ? 'indicator-per-breakdown'
    : 'dimension';
}

/**
 * Model + template + format → the file, as the web server sends it and the CLI writes it. The
 * workbook streams out as exceljs writes it (memory stays flat for a large evidence sheet); IATI
 * XML is rendered at once. The caller owns `body`: destroying it (a download dropped) stops the
 * rendering at its next turn (no more rows are computed), which then settles `rendered` with
 * `write-failed` instead of throwing anywhere; an aborted `signal` does the same, `aborted`.
 */
export function renderReportFile(request: ReportFileRequest): ReportFile {
  const { model, template } = request;
  if (request.format === 'iati') {
    const mode = iatiModeFor(template, request.mode);
    const xml = renderIati(model, {
      breakdowns: mode,
      zeroMissingBaseline: mode === 'indicator-per-breakdown',
      // The period and target the workbook judges status on, said on its target.
      statusRole: statusRole(template),
    });
    return {
      fileName: `${model.grant.code}_${model.reportingPeriod}_iati.xml`,
      contentType: 'application/xml; charset=utf-8',
      body: Readable.from([Buffer.from(xml, 'utf8')]),
      rendered: Promise.resolve(ok({ warnings: [] })),
    };
  }
  const lang = request.locale ?? template.defaultLocale;
  const body = new PassThrough();
  // Nobody reads the file any more (the request was aborted, or its reader destroyed `body`
  // early): the rendering stops at its next turn instead of computing the rest for nobody.
  const stop = new AbortController();
  const abort = () => {
    stop.abort();
    if (!body.destroyed) body.destroy();
  };
  if (request.signal?.aborted) abort();
  else request.signal?.addEventListener('abort', abort, { once: true });
  body.once('close', () => {
    if (!body.writableFinished) stop.abort();
  });
  const rendering = renderWorkbook(model, template, {
    locale: lang,
    stream: body,
    signal: stop.signal,
    ...(request.timeZone ? { timeZone: request.timeZone } : {}),
  }).then(
    (r): Result<{ warnings: string[] }, ReportFileError> => {
      request.signal?.removeEventListener('abort', abort);
      if (r.ok) return ok({ warnings: r.value.warnings });
      body.destroy(r.error.code === 'aborted' ? undefined : new Error(r.error.message));
      return r;
    },
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      body.destroy(error);
      return err({ code: 'write-failed' as const, message: error.message });
    },
  );
  // exceljs waits for a 'drain' that a destroyed stream never emits: a reader that went away
  // before the last byte ends the rendering here, not never (the writer is then collected).
  const dropped = new Promise<Result<{ warnings: string[] }, ReportFileError>>((resolve) => {
    body.once('close', () => {
      if (!body.writableFinished)
        resolve(
          err(
            stop.signal.aborted && request.signal?.aborted
              ? { code: 'aborted', message: 'the request was aborted' }
              : { code: 'write-failed', message: 'the reader closed the file early' },
          ),
        );
    });
  });
  const rendered = Promise.race([rendering, dropped]);
  const suffix = request.submitted ? '_soumis' : '';
  return {
    fileName: `${model.grant.code}_${model.reportingPeriod}_${template.id}_${lang}${suffix}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    body,
    rendered,
  };
}

/** The quarterly bulletin as a file: Markdown, or HTML for a browser or a mail. */
export function renderBulletinFile(
  model: BulletinModel,
  options: { locale: Locale; format: 'md' | 'html' },
): { fileName: string; contentType: string; text: string } {
  const html = options.format === 'html';
  return {
    fileName: `bulletin_${model.period.code}_${options.locale}.${options.format}`,
    contentType: html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
    text: html
      ? renderBulletinHtml(model, options.locale)
      : renderBulletinMarkdown(model, options.locale),
  };
}
