import { messageText } from '../messages';
import {
  findReportSnapshot,
  findReportSnapshotFor,
  lastAuditId,
  listIndicators,
  setIndicatorComment,
  submitReport,
} from '@jalon/db';
import {
  builtInTemplates,
  templateDonor,
  getTemplateVersion,
  parseReportModel,
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
import { canonicalJson, canonicalSha256 } from '../services/report-snapshot';
import { requireRecord } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';
import { must } from '@jalon/domain';

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
      message: messageText('report.invalid-template', { details: issues }),
    },
    locale,
  );
}

/** `db`: the replica for previews and downloads, the primary for a submission. */
async function build(
  ctx: ProcedureContext,
  input: z.infer<typeof reportInput>,
  db: ProcedureContext['db'],
  signal?: AbortSignal,
) {
  const template =
    input.templateJson !== undefined
      ? userTemplate(input.templateJson, ctx.locale)
      : input.template;
  const built = await buildReportModel(db, ctx.organisationId, {
    grant: input.grant,
    period: input.period,
    template,
    // The caller's request: dropped, the build stops instead of computing for nobody.
    signal,
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
    /** The language the text is written in; the caller's interface language when left out. */
    language: z.enum(['fr', 'en']).optional(),
  })
  .strict();

const indicatorText = messageText('entity.indicator');

const snapshotDto = z.object({
  id: z.string(),
  grant: z.object({ id: z.string(), code: z.string() }),
  period: z.object({ code: z.string(), start: z.string(), end: z.string() }),
  template: z.object({ id: z.string(), version: z.string() }),
  sha256: z.string(),
  submittedAt: z.string(),
});

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
            /** the donor's name; null for a template meant for every donor (the generic one) */
            donor: z.string().nullable(),
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
        donor: templateDonor(t),
        description: t.description ?? null,
        defaultLocale: t.defaultLocale,
        sheets: t.sheets.map((s) => ({ kind: s.kind, name: s.name })),
      })),
    })),

  /** The figures a report would write (per indicator and period), without rendering it. */
  preview: organisationProcedure
    .input(reportInput)
    .query(async ({ ctx, input, signal }) =>
      reportPreview(await build(ctx, input, ctx.readDb, signal)),
    ),

  /**
   * The whole report model and the template it was computed for: what the file downloads and the CLI
   * render. In-process callers use it; over HTTP prefer `preview` (smaller).
   */
  model: organisationProcedure.input(reportInput).query(
    async ({
      ctx,
      input,
      signal,
    }): Promise<{
      model: ReportModel;
      template: ReportTemplate;
      grant: { id: string; code: string };
    }> => {
      const built = await build(ctx, input, ctx.readDb, signal);
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
      buildBulletinModel(ctx.readDb, ctx.organisationId, toPeriod(input.period, ctx.locale)),
    ),

  /**
   * Sets (or, with `comment: null`, removes) what the organisation says about an indicator's figures
   * for one of a grant's periods: the UNDP report's comments column and the IPTT deviation
   * narrative. The period is read on the grant's calendar; the indicator must be in the grant's
   * results framework. Audited; refused in a period locked by a submitted report. A comment is
   * written in one language (`language`, the caller's when left out): an English output prints the
   * English text if there is one, else the French one marked as French.
   */
  setComment: organisationProcedure
    .input(commentInput)
    .output(
      z.object({
        grant: z.string(),
        indicator: z.string(),
        period: z.string(),
        comment: z.string().nullable(),
        language: z.enum(['fr', 'en']),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const grant = await resolveGrant(ctx.db, ctx.organisationId, input.grant);
      if (!grant) {
        throw toTRPCError(
          {
            kind: 'not-found',
            entity: messageText('entity.grant-named', { grant: input.grant }),
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
      const language = input.language ?? ctx.locale;
      if (period.end < grant.startDate || period.start > grant.endDate) {
        throw toTRPCError(
          {
            kind: 'invalid-input',
            message: messageText('report.period-outside-grant', {
              period: period.code,
              grant: grant.code,
              start: grant.startDate,
              end: grant.endDate,
            }),
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
          language,
        },
        ctx.actor,
      );
      if (!r.ok) return failCommand(r.error, indicatorText, ctx.locale);
      return {
        grant: grant.code,
        indicator: indicator.code,
        period: period.code,
        comment: r.value.comment,
        language,
      };
    }),

  /**
   * Submits a grant's report for a period: builds its model (a built-in template, the grant's own
   * when left out), stores it as a snapshot with the sha256 of its canonical JSON, and locks the
   * grant's period (its start and end), in one transaction, audited. From then on the period's facts
   * change only through an administrator's restatement. A period already submitted is refused
   * (PRECONDITION_FAILED); facts changed while the model was built make it a CONFLICT (submit again).
   */
  submit: organisationProcedure
    .input(
      z
        .object({
          grant: z.string().trim().min(1).max(120),
          period: periodInput,
          template: z.string().trim().min(1).max(80).optional(),
        })
        .strict(),
    )
    .output(snapshotDto)
    .mutation(async ({ ctx, input }) => {
      // Every change recorded before this point is in the model; one recorded after refuses the submission.
      const builtAfterAuditId = await lastAuditId(ctx.db, ctx.organisationId);
      // Never the replica: a submission compares what it counted with the primary's audit log.
      const built = await build(ctx, input, ctx.db);
      const { model, template, grant } = built;
      const period = must(
        model.periods.find((p) => p.code === model.reportingPeriod),
        'the reporting period of the model',
      );
      const json = canonicalJson(model);
      const sha256 = canonicalSha256(model);
      const r = await submitReport(
        ctx.db,
        ctx.organisationId,
        {
          grantId: grant.id,
          periodCode: period.code,
          periodStart: period.start,
          periodEnd: period.end,
          template: template.id,
          templateVersion: template.version,
          model: JSON.parse(json) as unknown,
          sha256,
          builtAfterAuditId,
        },
        ctx.actor,
      );
      if (!r.ok && r.error.kind === 'conflict') {
        throw toTRPCError({ kind: 'figures-changed' }, ctx.locale);
      }
      if (!r.ok) return failCommand(r.error, messageText('entity.grant'), ctx.locale);
      const stored = must(
        await findReportSnapshot(ctx.db, ctx.organisationId, r.value.snapshotId),
        'the report snapshot just written, read back',
      );
      return {
        id: stored.id,
        grant: { id: grant.id, code: grant.code },
        period: { code: period.code, start: period.start, end: period.end },
        template: { id: template.id, version: template.version },
        sha256,
        submittedAt: stored.submittedAt,
      };
    }),

  /**
   * A submitted report as it was sent, by its id or by its grant and period (null when that period
   * was never submitted): the stored model (render it with `template.definition` to get the same
   * workbook again), its checksum, and whether the model still matches it (`intact`).
   * `template.definition` is the template at the version it was sent with (earlier versions of the
   * built-ins are kept); null only for a version Jalon never shipped.
   */
  snapshot: organisationProcedure
    .input(
      z.union([
        z.object({ id: z.uuid() }).strict(),
        z.object({ grant: z.string().trim().min(1).max(120), period: periodInput }).strict(),
      ]),
    )
    .query(
      async ({
        ctx,
        input,
      }): Promise<
        | (z.infer<typeof snapshotDto> & {
            model: ReportModel;
            template: z.infer<typeof snapshotDto>['template'] & {
              definition: ReportTemplate | null;
            };
            intact: boolean;
          })
        | null
      > => {
        let found;
        if ('id' in input) {
          found = await findReportSnapshot(ctx.db, ctx.organisationId, input.id);
          if (!found)
            throw toTRPCError(
              { kind: 'not-found', entity: messageText('entity.submitted-report') },
              ctx.locale,
            );
          requireRecord(ctx, { grantIds: [found.grantId] });
        } else {
          const grant = await resolveGrant(ctx.db, ctx.organisationId, input.grant);
          if (!grant)
            throw toTRPCError(
              {
                kind: 'not-found',
                entity: messageText('entity.grant-named', { grant: input.grant }),
              },
              ctx.locale,
            );
          requireRecord(ctx, { grantIds: [grant.id] });
          const period = toPeriod(input.period, ctx.locale, grant.fiscalYearStartMonth);
          found = await findReportSnapshotFor(
            ctx.db,
            ctx.organisationId,
            grant.id,
            period.start,
            period.end,
          );
          if (!found) return null;
        }
        const parsed = parseReportModel(found.model);
        if (!parsed.ok)
          throw new Error(`snapshot ${found.id} holds a model that does not validate`);
        const model = parsed.value;
        // The template as it was when the report was sent (a kept earlier version of a built-in).
        const definition = getTemplateVersion(found.template, found.templateVersion) ?? null;
        return {
          id: found.id,
          grant: { id: found.grantId, code: found.grant },
          period: {
            code: found.periodCode,
            start: found.lock?.periodStart ?? '',
            end: found.lock?.periodEnd ?? '',
          },
          template: {
            id: found.template,
            version: found.templateVersion,
            definition,
          },
          sha256: found.sha256,
          submittedAt: found.submittedAt,
          model,
          intact: canonicalSha256(model) === found.sha256,
        };
      },
    ),

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
