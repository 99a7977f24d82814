import { createCaller, createContext, localeFrom, type Actor, type Locale } from '@jalon/api';
import { Readable } from 'node:stream';
import { must, isTimeZone, ok } from '@jalon/domain';
import type { Database } from '@jalon/db';
import { renderBulletinFile, renderReportFile, type ReportFile } from '@jalon/reports';
import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { HttpProblem } from '../http/problems';
import { toWebStream } from '../http/web-stream';
import { message, messageText } from '../messages';

export interface ReportRoutesOptions {
  db: Database;
  readDb?: Database | undefined;
  /** Who calls: the request's signed-in actor (its session cookie), shared with tRPC. */
  actorOf: (c: HonoContext) => Promise<Actor | null>;
}

/** Query parameters, with messages in the caller's language. */
function schemas(l: Locale) {
  const say = (key: QueryWord) => message(key, l);
  const text = (name: string, what: QueryWord, max: number) =>
    z
      .string({ error: message('query.missing', l, { name, what: say(what) }) })
      .trim()
      .min(1, message('query.empty', l, { name, what: say(what) }))
      .max(max, message('query.too-long', l, { name }));
  const grant = text('grant', 'query.grant', 120);
  const period = text('period', 'query.period', 40);
  const template = text('template', 'query.template', 80).optional();
  const lang = z.enum(['fr', 'en'], { error: say('query.lang') }).optional();
  // The reader's time zone for « Généré le » (the browser's, `Africa/Bamako`); UTC without it.
  const tz = z
    .string()
    .max(64)
    .refine(isTimeZone, { error: say('query.tz') })
    .optional();
  return {
    xlsx: z.object({ grant, period, template, lang, tz }),
    iati: z.object({
      grant,
      period,
      template,
      mode: z
        .enum(['dimension', 'indicator-per-breakdown'], { error: say('query.mode') })
        .optional(),
    }),
    adx: z.object({ grant, period, lang }),
    dhis2: z.object({ grant, period, lang }),
    snapshot: z.object({ id: z.uuid({ error: say('query.snapshot-id') }), lang }),
    bulletin: z.object({
      period,
      format: z.enum(['md', 'html'], { error: say('query.bulletin-format') }).default('md'),
      lang,
    }),
  };
}

type QueryWord =
  | 'query.grant'
  | 'query.period'
  | 'query.template'
  | 'query.lang'
  | 'query.tz'
  | 'query.mode'
  | 'query.snapshot-id'
  | 'query.bulletin-format';

/** `attachment` with an ASCII name and its UTF-8 form, for every browser. */
function attachment(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A report file as a response. The body is handed over abort-safe: a download the client drops
 * destroys the file stream, which ends the rendering (`rendered` settles, nothing throws).
 */
function sendFile(file: ReportFile, extra: Record<string, string> = {}): Response {
  void file.rendered;
  // The stream's own error (rendering failed after the headers left) only cuts the download short.
  file.body.on('error', () => {});
  return new Response(toWebStream(file.body), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': attachment(file.fileName),
      'cache-control': 'no-store',
      ...extra,
    },
  });
}

/** What every file handler starts from: the caller's language, its in-process API, the schemas. */
type Setup = (c: HonoContext) => Promise<{
  locale: Locale;
  caller: ReturnType<typeof createCaller>;
  schema: ReturnType<typeof schemas>;
}>;

/** The request's query, checked; a 400 in the caller's language otherwise. */
function parseQuery<T extends z.ZodType>(c: HonoContext, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data as z.infer<T>;
  const lines = parsed.error.issues.map((i) => i.message).join(' ; ');
  throw new HttpProblem(400, 'BAD_REQUEST', messageText('query.invalid', { lines }));
}

/** The caller, in-process, with the request's actor, language and signal. */
function setupWith(options: ReportRoutesOptions): Setup {
  return async (c) => {
    const locale = localeFrom(c.req.header('accept-language'), c.req.header('cookie'));
    const caller = createCaller(
      createContext({
        db: options.db,
        readDb: options.readDb,
        actor: await options.actorOf(c),
        locale,
      }),
      // A dropped download stops the model's build too (checked between its steps and loops).
      { signal: c.req.raw.signal },
    );
    return { locale, caller, schema: schemas(locale) };
  };
}

/** The donor workbook of today's figures, streamed as exceljs writes it. */
function workbookHandler(setup: Setup) {
  return async (c: HonoContext) => {
    const { caller, schema } = await setup(c);
    const q = parseQuery(c, schema.xlsx);
    const { model, template } = await caller.report.model({
      grant: q.grant,
      period: q.period,
      template: q.template,
    });
    // A download dropped (the request aborted) stops the rendering: nobody is computed a file.
    return sendFile(
      renderReportFile({
        model,
        template,
        format: 'xlsx',
        locale: q.lang,
        timeZone: q.tz,
        signal: c.req.raw.signal,
      }),
    );
  };
}

/**
 * The workbook of a submitted report, rendered from its snapshot (what was sent, not today's
 * figures): the same template version gives the same workbook, byte for byte. Read like the
 * report itself (`report.snapshot`: a donor her grants' only).
 */
function snapshotHandler(setup: Setup) {
  return async (c: HonoContext) => {
    const { caller, schema } = await setup(c);
    const q = parseQuery(c, schema.snapshot);
    // Looked up by id: never null (an unknown id is NOT_FOUND, thrown).
    const found = must(await caller.report.snapshot({ id: q.id }), 'the submitted report');
    const template = found.template.definition;
    if (!template)
      throw new HttpProblem(
        409,
        'CONFLICT',
        messageText('report.template-gone', {
          id: found.template.id,
          version: found.template.version,
        }),
      );
    if (!found.intact) throw new HttpProblem(409, 'CONFLICT', messageText('report.tampered'));
    return sendFile(
      renderReportFile({
        model: found.model,
        template,
        format: 'xlsx',
        locale: q.lang,
        submitted: true,
        signal: c.req.raw.signal,
      }),
      { 'x-jalon-sha256': found.sha256 },
    );
  };
}

/** IATI 2.03 XML of the grant's results for the period. */
function iatiHandler(setup: Setup) {
  return async (c: HonoContext) => {
    const { caller, schema } = await setup(c);
    const q = parseQuery(c, schema.iati);
    const { model, template } = await caller.report.model({
      grant: q.grant,
      period: q.period,
      template: q.template,
    });
    return sendFile(renderReportFile({ model, template, format: 'iati', mode: q.mode }));
  };
}

/**
 * Where a download's remarks are read: its `/notes` companion with the same query, as the `Link`
 * (`rel="describedby"`) of the file; how many notes there are goes in `x-jalon-<kind>-notes`.
 */
function notesHeaders(c: HonoContext, kind: 'adx' | 'dhis2', notes: readonly string[]) {
  const query = new URL(c.req.url).search;
  return {
    [`x-jalon-${kind}-notes`]: String(notes.length),
    link: `</api/reports/${kind}/notes${query}>; rel="describedby"; type="application/json"`,
  };
}

/**
 * What a downloader of an exchange file should know of it, as JSON: the notes (activities a
 * per-region file leaves out, in the reader's language) and the figures left out, with why — the
 * very answer the file came with (`adx.export`, `adx.dhis2`), without the file.
 */
function notesHandler(setup: Setup, kind: 'adx' | 'dhis2') {
  return async (c: HonoContext) => {
    const { caller, schema } = await setup(c);
    const q = parseQuery(c, schema[kind]);
    const request = { grant: q.grant, period: q.period, lang: q.lang };
    const out = kind === 'adx' ? await caller.adx.export(request) : await caller.adx.dhis2(request);
    c.header('cache-control', 'no-store');
    return c.json({ fileName: out.fileName, notes: out.notes, omitted: out.omitted });
  };
}

/**
 * DHIS2 ADX 1.0 XML of the grant's indicator values for the period, through the grant's stored
 * mapping (Jalon's codes without one). How many figures stayed out (intervals, unknowns) is said in
 * `x-jalon-adx-omitted`, how many notes in `x-jalon-adx-notes`; both lists are the `/adx/notes`
 * companion's (the `Link` header).
 */
function adxHandler(setup: Setup) {
  return async (c: HonoContext) => {
    const { caller, schema } = await setup(c);
    const q = parseQuery(c, schema.adx);
    const out = await caller.adx.export({ grant: q.grant, period: q.period, lang: q.lang });
    return sendFile(
      {
        fileName: out.fileName,
        contentType: 'application/adx+xml; charset=utf-8',
        body: Readable.from([Buffer.from(out.xml, 'utf8')]),
        rendered: Promise.resolve(ok({ warnings: [] })),
      },
      {
        'x-jalon-adx-omitted': String(out.omitted.length),
        'x-jalon-adx-mapping': out.source,
        ...notesHeaders(c, 'adx', out.notes),
      },
    );
  };
}

/**
 * DHIS2's dataValueSet (JSON) of the grant's indicator values for the period, through the DHIS2
 * part of the grant's stored mapping: refused (400) naming what the mapping lacks. How many figures
 * stayed out is said in `x-jalon-dhis2-omitted`, how many notes in `x-jalon-dhis2-notes`, DHIS2's
 * `idScheme` for the import in `x-jalon-dhis2-id-scheme`; both lists are the `/dhis2/notes`
 * companion's (the `Link` header).
 */
function dhis2Handler(setup: Setup) {
  return async (c: HonoContext) => {
    const { caller, schema } = await setup(c);
    const q = parseQuery(c, schema.dhis2);
    const out = await caller.adx.dhis2({ grant: q.grant, period: q.period, lang: q.lang });
    return sendFile(
      {
        fileName: out.fileName,
        contentType: 'application/json; charset=utf-8',
        body: Readable.from([Buffer.from(`${JSON.stringify(out.json, null, 2)}\n`, 'utf8')]),
        rendered: Promise.resolve(ok({ warnings: [] })),
      },
      {
        'x-jalon-dhis2-omitted': String(out.omitted.length),
        'x-jalon-dhis2-id-scheme': out.idScheme,
        ...notesHeaders(c, 'dhis2', out.notes),
      },
    );
  };
}

/** The quarterly bulletin, Markdown or HTML, through the same abort-safe file answer. */
function bulletinHandler(setup: Setup) {
  return async (c: HonoContext) => {
    const { locale, caller, schema } = await setup(c);
    const q = parseQuery(c, schema.bulletin);
    const model = await caller.report.bulletin({ period: q.period });
    const file = renderBulletinFile(model, { locale: q.lang ?? locale, format: q.format });
    return sendFile({
      fileName: file.fileName,
      contentType: file.contentType,
      body: Readable.from([Buffer.from(file.text, 'utf8')]),
      rendered: Promise.resolve(ok({ warnings: [] })),
    });
  };
}

/**
 * File downloads as plain Hono routes (tRPC costs ~57 µs per call and buffers its answer): the donor
 * workbook (streamed as exceljs writes it), IATI 2.03 XML, DHIS2 ADX XML, DHIS2 dataValueSet JSON and the quarterly bulletin. Figures come
 * from the same report service as tRPC's `report.*`, called in-process with the same organisation,
 * the caller's language and the request's signal. Every file leaves through `sendFile` (abort-safe
 * streaming). A refusal of the service (404, 409, 429…) is thrown as is and answered by the app's
 * error edge (`onError`) in the one JSON shape, with its own status.
 */
export function reportRoutes(options: ReportRoutesOptions): Hono {
  const setup = setupWith(options);
  return new Hono()
    .get('/xlsx', workbookHandler(setup))
    .get('/snapshot', snapshotHandler(setup))
    .get('/iati', iatiHandler(setup))
    .get('/adx', adxHandler(setup))
    .get('/adx/notes', notesHandler(setup, 'adx'))
    .get('/dhis2', dhis2Handler(setup))
    .get('/dhis2/notes', notesHandler(setup, 'dhis2'))
    .get('/bulletin', bulletinHandler(setup));
}
