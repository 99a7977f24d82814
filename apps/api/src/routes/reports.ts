import { PassThrough, Readable } from 'node:stream';
import { createCaller, createContext, localeFrom, type Actor, type Locale } from '@jalon/api';
import type { Database } from '@jalon/db';
import {
  renderBulletinHtml,
  renderBulletinMarkdown,
  renderIati,
  renderWorkbook,
  type ReportTemplate,
} from '@jalon/reports';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';

export interface ReportRoutesOptions {
  db: Database;
  readDb?: Database | undefined;
  /** Who calls: the request's signed-in actor (its session cookie), shared with tRPC. */
  actorOf: (c: HonoContext) => Promise<Actor | null>;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const say = (locale: Locale, fr: string, en: string) => (locale === 'fr' ? fr : en);

/** Query parameters, with messages in the caller's language. */
function schemas(l: Locale) {
  const text = (name: string, fr: string, en: string, max: number) =>
    z
      .string({ error: say(l, `« ${name} » manque : ${fr}`, `"${name}" is missing: ${en}`) })
      .trim()
      .min(1, say(l, `« ${name} » est vide : ${fr}`, `"${name}" is empty: ${en}`))
      .max(max, say(l, `« ${name} » est trop long`, `"${name}" is too long`));
  const grant = text(
    'grant',
    'le code de la subvention (PROSMED-CCSC)',
    'the grant code (PROSMED-CCSC)',
    120,
  );
  const period = text(
    'period',
    'la période (2023-Q2, 2023, 2023-04…)',
    'the period (2023-Q2, 2023, 2023-04…)',
    40,
  );
  const template = text(
    'template',
    'l’identifiant du modèle (undp-quarterly)',
    'the template id (undp-quarterly)',
    80,
  ).optional();
  const lang = z
    .enum(['fr', 'en'], { error: say(l, '« lang » vaut fr ou en', '"lang" is fr or en') })
    .optional();
  return {
    xlsx: z.object({ grant, period, template, lang }),
    iati: z.object({
      grant,
      period,
      template,
      mode: z
        .enum(['dimension', 'indicator-per-breakdown'], {
          error: say(
            l,
            '« mode » vaut dimension ou indicator-per-breakdown',
            '"mode" is dimension or indicator-per-breakdown',
          ),
        })
        .optional(),
    }),
    snapshot: z.object({
      id: z.uuid({
        error: say(
          l,
          '« id » manque : l’identifiant du rapport soumis',
          '"id" is missing: the submitted report’s id',
        ),
      }),
      lang,
    }),
    bulletin: z.object({
      period,
      format: z
        .enum(['md', 'html'], {
          error: say(l, '« format » vaut md ou html', '"format" is md or html'),
        })
        .default('md'),
      lang,
    }),
  };
}

function problem(c: HonoContext, status: 400 | 401 | 403 | 404 | 409 | 412 | 500, message: string) {
  return c.json({ error: { status, message } }, status);
}

/** `attachment` with an ASCII name and its UTF-8 form, for every browser. */
function attachment(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * File downloads as plain Hono routes (tRPC costs ~57 µs per call and buffers its answer): the donor
 * workbook (streamed as exceljs writes it), IATI 2.03 XML and the quarterly bulletin. Figures come
 * from the same report service as tRPC's `report.*`, called in-process with the same organisation
 * and the caller's language; refusals are JSON `{ error: { status, message } }`.
 */
export function reportRoutes(options: ReportRoutesOptions): Hono {
  const app = new Hono();

  const setup = async (c: HonoContext) => {
    const locale = localeFrom(c.req.header('accept-language'), c.req.header('cookie'));
    const caller = createCaller(
      createContext({
        db: options.db,
        readDb: options.readDb,
        actor: await options.actorOf(c),
        locale,
      }),
    );
    return { locale, caller, schema: schemas(locale) };
  };

  const parse = <T extends z.ZodType>(c: HonoContext, schema: T, locale: Locale) => {
    const parsed = schema.safeParse(c.req.query());
    if (parsed.success) return { ok: true as const, value: parsed.data as z.infer<T> };
    const lines = parsed.error.issues.map((i) => i.message);
    return {
      ok: false as const,
      response: problem(
        c,
        400,
        `${say(locale, 'Requête invalide', 'Invalid request')} — ${lines.join(' ; ')}`,
      ),
    };
  };

  const failed = (c: HonoContext, error: unknown, locale: Locale) => {
    if (error instanceof TRPCError) {
      const status = getHTTPStatusCodeFromError(error);
      if (status === 400 || status === 401 || status === 403 || status === 404 || status === 412)
        return problem(c, status, error.message);
    }
    console.error('report download failed:', error);
    return problem(
      c,
      500,
      say(
        locale,
        'Erreur interne : le rapport n’a pas pu être produit.',
        'Internal error: the report could not be produced.',
      ),
    );
  };

  app.get('/xlsx', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.xlsx, locale);
    if (!q.ok) return q.response;
    let built: { model: Parameters<typeof renderWorkbook>[0]; template: ReportTemplate };
    try {
      built = await caller.report.model({
        grant: q.value.grant,
        period: q.value.period,
        template: q.value.template,
      });
    } catch (e) {
      return failed(c, e, locale);
    }
    const lang = q.value.lang ?? built.template.defaultLocale;
    const body = new PassThrough();
    // The workbook streams out as it is written; a failure past this point can only cut the download short.
    void renderWorkbook(built.model, built.template, { locale: lang, stream: body }).then(
      (r) => {
        if (!r.ok) body.destroy(new Error(r.error.message));
      },
      (e: unknown) => body.destroy(e instanceof Error ? e : new Error(String(e))),
    );
    const name = `${built.model.grant.code}_${built.model.reportingPeriod}_${built.template.id}_${lang}.xlsx`;
    return new Response(Readable.toWeb(body) as ReadableStream, {
      headers: {
        'content-type': XLSX_TYPE,
        'content-disposition': attachment(name),
        'cache-control': 'no-store',
      },
    });
  });

  /**
   * The workbook of a submitted report, rendered from its snapshot (what was sent, not today's
   * figures): the same template version gives the same workbook, byte for byte. Read like the
   * report itself (`report.snapshot`: a donor her grants' only).
   */
  app.get('/snapshot', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.snapshot, locale);
    if (!q.ok) return q.response;
    let snapshot: Awaited<ReturnType<typeof caller.report.snapshot>>;
    try {
      snapshot = await caller.report.snapshot({ id: q.value.id });
    } catch (e) {
      return failed(c, e, locale);
    }
    // Looked up by id: never null (an unknown id is NOT_FOUND above).
    const found = snapshot!;
    const template = found.template.definition;
    if (!template)
      return problem(
        c,
        409,
        say(
          locale,
          `Le modèle ${found.template.id} v${found.template.version} de ce rapport soumis n’est plus disponible : le classeur ne peut pas être reproduit à l’identique.`,
          `Template ${found.template.id} v${found.template.version} of this submitted report is no longer available: the workbook cannot be reproduced exactly.`,
        ),
      );
    if (!found.intact)
      return problem(
        c,
        409,
        say(
          locale,
          'Le contenu enregistré de ce rapport soumis ne correspond plus à son empreinte : il n’est pas servi.',
          'The stored content of this submitted report no longer matches its checksum: it is not served.',
        ),
      );
    const lang = q.value.lang ?? template.defaultLocale;
    const body = new PassThrough();
    void renderWorkbook(found.model, template, { locale: lang, stream: body }).then(
      (r) => {
        if (!r.ok) body.destroy(new Error(r.error.message));
      },
      (e: unknown) => body.destroy(e instanceof Error ? e : new Error(String(e))),
    );
    const name = `${found.grant.code}_${found.period.code}_${template.id}_${lang}_soumis.xlsx`;
    return new Response(Readable.toWeb(body) as ReadableStream, {
      headers: {
        'content-type': XLSX_TYPE,
        'content-disposition': attachment(name),
        'cache-control': 'no-store',
        'x-jalon-sha256': found.sha256,
      },
    });
  });

  app.get('/iati', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.iati, locale);
    if (!q.ok) return q.response;
    try {
      const { model, template } = await caller.report.model({
        grant: q.value.grant,
        period: q.value.period,
        template: q.value.template,
      });
      // The Netherlands ministry ignores `dimension` and wants numbers ("0, never n/a"): its templates say so by their breakdown shape.
      const mode =
        q.value.mode ??
        (template.breakdowns.shape === 'indicator-per-breakdown'
          ? 'indicator-per-breakdown'
          : 'dimension');
      const xml = renderIati(model, {
        breakdowns: mode,
        zeroMissingBaseline: mode === 'indicator-per-breakdown',
      });
      return c.body(xml, 200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': attachment(`${model.grant.code}_${model.reportingPeriod}_iati.xml`),
        'cache-control': 'no-store',
      });
    } catch (e) {
      return failed(c, e, locale);
    }
  });

  app.get('/bulletin', async (c) => {
    const { locale, caller, schema } = await setup(c);
    const q = parse(c, schema.bulletin, locale);
    if (!q.ok) return q.response;
    try {
      const model = await caller.report.bulletin({ period: q.value.period });
      const lang = q.value.lang ?? locale;
      const html = q.value.format === 'html';
      const text = html ? renderBulletinHtml(model, lang) : renderBulletinMarkdown(model, lang);
      return c.body(text, 200, {
        'content-type': html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
        'content-disposition': attachment(
          `bulletin_${model.period.code}_${lang}.${q.value.format}`,
        ),
        'cache-control': 'no-store',
      });
    } catch (e) {
      return failed(c, e, locale);
    }
  });

  return app;
}
