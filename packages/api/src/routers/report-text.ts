import { messageText } from '../messages';
import { reportTextsOf, setReportText } from '@jalon/db';
import { z } from 'zod';
import type { ProcedureContext } from '../trpc';
import { failCommand, toTRPCError } from '../errors';
import { periodInput, toPeriod } from '../period-input';
import { resolveGrant } from '../services/report-model';
import { requireRecord } from '../scope';
import { organisationProcedure, router } from '../trpc';

const grantText = messageText('entity.grant');
const where = { grant: z.string().trim().min(1).max(120), period: periodInput };
const texts = z.object({ fr: z.string().nullable(), en: z.string().nullable() });

/** The grant (by code or id) and the period read on its calendar, inside the grant's dates. */
async function grantPeriod(ctx: ProcedureContext, input: { grant: string; period: string }) {
  const grant = await resolveGrant(ctx.db, ctx.organisationId, input.grant);
  if (!grant) throw toTRPCError({ kind: 'not-found', entity: grantText }, ctx.locale);
  requireRecord(ctx, { grantIds: [grant.id] });
  const period = toPeriod(input.period, ctx.locale, grant.fiscalYearStartMonth);
  if (period.end < grant.startDate || period.start > grant.endDate)
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
  return { grant, period };
}

/**
 * The report's own analysis text for a grant's period, per language: the « Analyse » sheet's
 * summary and the narrative of the report, written on the report page.
 */
export const reportTextRouter = router({
  /** The analysis of the period, in French and in English (null: not written in that language). */
  get: organisationProcedure
    .input(z.object(where).strict())
    .output(texts)
    .query(async ({ ctx, input }) => {
      const { grant, period } = await grantPeriod(ctx, input);
      const said = await reportTextsOf(ctx.db, ctx.organisationId, grant.id, period.code);
      return { fr: said.fr ?? null, en: said.en ?? null };
    }),

  /**
   * Writes (or, emptied, removes) the analysis in one language — the caller's when left out;
   * refused (PRECONDITION_FAILED) once a submitted report locks the period. Audited.
   */
  set: organisationProcedure
    .input(
      z
        .object({
          ...where,
          language: z.enum(['fr', 'en']).optional(),
          text: z
            .string()
            .trim()
            .max(20000)
            .transform((s) => (s === '' ? null : s)),
        })
        .strict(),
    )
    .output(z.object({ text: z.string().nullable(), language: z.enum(['fr', 'en']) }))
    .mutation(async ({ ctx, input }) => {
      const { grant, period } = await grantPeriod(ctx, input);
      const language = input.language ?? ctx.locale;
      const r = await setReportText(
        ctx.db,
        ctx.organisationId,
        {
          grantId: grant.id,
          periodCode: period.code,
          periodStart: period.start,
          periodEnd: period.end,
          language,
          text: input.text,
        },
        ctx.actor,
      );
      if (!r.ok) return failCommand(r.error, grantText, ctx.locale);
      return { text: r.value.text, language };
    }),
});
