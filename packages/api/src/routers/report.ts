import { listIndicators, setIndicatorComment } from '@jalon/db';
import {
  builtInTemplates,
  parseTemplate,
  type BulletinModel,
  type ReportModel,
  type ReportTemplate,
} from '@jalon/reports';
import { z } from 'zod';
import type { Locale } from '../context';
import { failCommand, toTRPCError } from '../errors';
import { periodInput, toPeriod } from '../period-input';
import { buildBulletinModel } from '../services/bulletin-model';
import { buildReportModel, reportPreview, resolveGrant } from '../services/report-model';
import { requireRecord } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

const text = z.object({ fr: z.string(), en: z.string() });
const issueDto = z.object({ path: z.string(), message: z.string() });

/** A report request: a grant (code or id), a period, and a built-in template id or a user's template as JSON. */
const reportInput = z
  .object({
    grant: z.string().trim().min(1).max(120),
    period: periodInput,
    template: z.string().trim().min(1).max(80).optional(),
    templateJson: z
      .union([z.string().max(1_000_000), z.record(z.string(), z.unknown())])
      .optional(),
  })
  .strict()
  .refine((v) => v.template === undefined || v.templateJson === undefined, {
    message: 'give either template or templateJson',
    path: ['templateJson'],
  });

/** A user's template, or BAD_REQUEST listing every broken field by its path. */
function userTemplate(json: unknown, locale: Locale): ReportTemplate {
  const parsed = parseTemplate(json);
  if (parsed.ok) return parsed.value;
  const issues = parsed.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw toTRPCError(
    {
      kind: 'invalid-input',
      message: {
        fr: `Modèle de rapport invalide — ${issues}`,
        en: `Invalid report template — ${issues}`,
      },
    },
    locale,
  );
}

async function build(ctx: ProcedureContext, input: z.infer<typeof reportInput>) {
  const template =
    input.templateJson !== undefined
      ? userTemplate(input.templateJson, ctx.locale)
      : input.template;
  const built = await buildReportModel(ctx.db, ctx.organisationId, {
    grant: input.grant,
    period: input.period,
    template,
  });
  if (!built.ok) throw toTRPCError(built.error, ctx.locale);
  // A donor reads the reports of her grants only.
  requireRecord(ctx, { grantIds: [built.value.grant.id] });
  return built.value;
}

/** A comment on an indicator's figures for a grant's period; null (or blank) removes it. */
const commentInput = z
  .object({
    grant: z.string().trim().min(1).max(120),
    indicatorId: z.uuid(),
    period: periodInput,
    comment: z
      .string()
      .trim()
      .max(4000)
      .nullable()
      .transform((s) => (s === '' ? null : s)),
  })
  .strict();

const indicatorText = { fr: 'indicateur', en: 'indicator' };

export const reportRouter = router({
  /** The built-in donor templates. */
  templates: organisationProcedure
    .input(z.object({}).strict().optional())
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            version: z.string(),
            name: text,
            donor: z.string(),
            description: text.nullable(),
            defaultLocale: z.enum(['fr', 'en']),
            sheets: z.array(z.object({ kind: z.string(), name: text })),
          }),
        ),
      }),
    )
    .query(() => ({
      items: builtInTemplates.map((t) => ({
        id: t.id,
        version: t.version,
        name: t.name,
        donor: t.donor,
        description: t.description ?? null,
        defaultLocale: t.defaultLocale,
        sheets: t.sheets.map((s) => ({ kind: s.kind, name: s.name })),
      })),
    })),

  /** The figures a report would write (per indicator and period), without rendering it. */
  preview: organisationProcedure
    .input(reportInput)
    .query(async ({ ctx, input }) => reportPreview(await build(ctx, input))),

  /**
   * The whole report model and the template it was computed for: what the file downloads and the CLI
   * render. In-process callers use it; over HTTP prefer `preview` (smaller).
   */
  model: organisationProcedure.input(reportInput).query(
    async ({
      ctx,
      input,
    }): Promise<{
      model: ReportModel;
      template: ReportTemplate;
      grant: { id: string; code: string };
    }> => {
      const built = await build(ctx, input);
      return {
        model: built.model,
        template: built.template,
        grant: { id: built.grant.id, code: built.grant.code },
      };
    },
  ),

  /** The quarterly bulletin's model for a period. */
  bulletin: organisationProcedure
    .input(z.object({ period: periodInput }).strict())
    .query(async ({ ctx, input }): Promise<BulletinModel> =>
      buildBulletinModel(ctx.db, ctx.organisationId, toPeriod(input.period, ctx.locale)),
    ),

  /**
   * Sets (or, with `comment: null`, removes) what the organisation says about an indicator's figures
   * for one of a grant's periods: the UNDP report's comments column and the IPTT deviation
   * narrative. The period is read on the grant's calendar; the indicator must be in the grant's
   * results framework. Audited; refused in a period locked by a submitted report.
   */
  setComment: organisationProcedure
    .input(commentInput)
    .output(
      z.object({
        grant: z.string(),
        indicator: z.string(),
        period: z.string(),
        comment: z.string().nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const grant = await resolveGrant(ctx.db, ctx.organisationId, input.grant);
      if (!grant) {
        throw toTRPCError(
          {
            kind: 'not-found',
            entity: { fr: `subvention « ${input.grant} »`, en: `grant "${input.grant}"` },
          },
          ctx.locale,
        );
      }
      const [indicator] = await listIndicators(ctx.db, ctx.organisationId, {
        ids: [input.indicatorId],
      });
      if (!indicator || indicator.grant?.id !== grant.id)
        throw toTRPCError({ kind: 'not-found', entity: indicatorText }, ctx.locale);
      const period = toPeriod(input.period, ctx.locale, grant.fiscalYearStartMonth);
      if (period.end < grant.startDate || period.start > grant.endDate) {
        throw toTRPCError(
          {
            kind: 'invalid-input',
            message: {
              fr: `La période ${period.code} est hors de la subvention ${grant.code} (du ${grant.startDate} au ${grant.endDate}).`,
              en: `Period ${period.code} is outside grant ${grant.code} (${grant.startDate} to ${grant.endDate}).`,
            },
          },
          ctx.locale,
        );
      }
      const r = await setIndicatorComment(
        ctx.db,
        ctx.organisationId,
        {
          grantId: grant.id,
          indicatorId: indicator.id,
          periodCode: period.code,
          periodStart: period.start,
          periodEnd: period.end,
          comment: input.comment,
        },
        ctx.actor,
      );
      if (!r.ok) return failCommand(r.error, indicatorText, ctx.locale);
      return {
        grant: grant.code,
        indicator: indicator.code,
        period: period.code,
        comment: r.value.comment,
      };
    }),

  /**
   * Checks a user's template: every broken field with its path (`sheets[1].columns[0].period`). A
   * mutation only so the JSON travels in a POST body (a template does not fit a GET URL); it changes nothing.
   */
  validateTemplate: organisationProcedure
    .input(
      z
        .object({ json: z.union([z.string().max(1_000_000), z.record(z.string(), z.unknown())]) })
        .strict(),
    )
    .output(
      z.object({
        ok: z.boolean(),
        code: z.enum(['invalid-template', 'invalid-json']).nullable(),
        issues: z.array(issueDto),
        template: z.object({ id: z.string(), version: z.string(), name: text }).nullable(),
      }),
    )
    .mutation(({ input }) => {
      const parsed = parseTemplate(input.json);
      if (parsed.ok) {
        const t = parsed.value;
        return {
          ok: true,
          code: null,
          issues: [],
          template: { id: t.id, version: t.version, name: t.name },
        };
      }
      return { ok: false, code: parsed.error.code, issues: parsed.error.issues, template: null };
    }),
});
