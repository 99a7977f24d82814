import { messageText } from '../messages';
import { adxMappingOf, setAdxMapping } from '@jalon/db';
import {
  adxMappingSchema,
  defaultAdxMapping,
  renderAdx,
  type AdxMapping,
  type AdxOmission,
} from '@jalon/reports';
import { z } from 'zod';
import { failCommand, toTRPCError } from '../errors';
import { periodInput } from '../period-input';
import { buildReportModel, resolveGrant } from '../services/report-model';
import { requireRecord } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

const grantText = messageText('entity.grant');
const grantInput = z.string().trim().min(1).max(120);

/** The grant by code or id, within the caller's reach; NOT_FOUND otherwise. */
async function grantOf(ctx: ProcedureContext, code: string) {
  const grant = await resolveGrant(ctx.db, ctx.organisationId, code);
  if (!grant) throw toTRPCError({ kind: 'not-found', entity: grantText }, ctx.locale);
  requireRecord(ctx, { grantIds: [grant.id] });
  return grant;
}

/** A stored mapping checked again on the way out: one stored by an older version may no longer fit. */
function parsedMapping(stored: unknown, ctx: ProcedureContext): AdxMapping | null {
  if (stored === null) return null;
  const parsed = adxMappingSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  throw toTRPCError(
    {
      kind: 'invalid-input',
      message: messageText('adx.mapping-invalid'),
    },
    ctx.locale,
  );
}

const omissionDto = z.object({
  period: z.string(),
  indicator: z.string(),
  key: z.record(z.string(), z.string()),
  reason: z.enum(['interval', 'unknown', 'no-value', 'unmapped-option']),
});

/**
 * DHIS2 ADX 1.0 exchange of a grant's indicator values: the mapping of Jalon's indicators,
 * breakdowns, organisation and grant onto DHIS2's data elements, category options, org unit and
 * attribute options (stored per grant, as data), and the export itself.
 */
export const adxRouter = router({
  /** The grant's stored mapping; null when none was stored (the export then uses Jalon's codes). */
  mapping: organisationProcedure
    .input(z.object({ grant: grantInput }).strict())
    .query(async ({ ctx, input }): Promise<{ mapping: AdxMapping | null }> => {
      const grant = await grantOf(ctx, input.grant);
      return {
        mapping: parsedMapping(await adxMappingOf(ctx.db, ctx.organisationId, grant.id), ctx),
      };
    }),

  /** Stores (or, with null, removes) the grant's mapping, checked field by field; audited. */
  setMapping: organisationProcedure
    .input(z.object({ grant: grantInput, mapping: adxMappingSchema.nullable() }).strict())
    .output(z.object({ stored: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const grant = await grantOf(ctx, input.grant);
      const r = await setAdxMapping(
        ctx.db,
        ctx.organisationId,
        { grantId: grant.id, mapping: input.mapping },
        ctx.actor,
      );
      if (!r.ok) return failCommand(r.error, grantText, ctx.locale);
      return r.value;
    }),

  /**
   * The ADX message of the grant's indicator values for a period, through its mapping (Jalon's
   * codes without one), with what was left out and why. Figures are the report's, from the same
   * engine as `indicator.values`. Nothing to send is BAD_REQUEST, in words.
   */
  export: organisationProcedure
    .input(
      z
        .object({ grant: grantInput, period: periodInput, lang: z.enum(['fr', 'en']).optional() })
        .strict(),
    )
    .output(
      z.object({
        fileName: z.string(),
        xml: z.string(),
        /** Whether the grant's stored mapping was used, or Jalon's codes (none stored). */
        source: z.enum(['stored', 'default']),
        /** The mapping the file was written with: what reads it back. */
        mapping: adxMappingSchema,
        omitted: z.array(omissionDto),
      }),
    )
    .query(async ({ ctx, input, signal }) => {
      const grant = await grantOf(ctx, input.grant);
      const built = await buildReportModel(ctx.readDb, ctx.organisationId, {
        grant: grant.id,
        period: input.period,
        signal,
      });
      if (!built.ok) throw toTRPCError(built.error, ctx.locale);
      const { model } = built.value;
      const stored = parsedMapping(
        await adxMappingOf(ctx.readDb, ctx.organisationId, grant.id),
        ctx,
      );
      const mapping = stored ?? defaultAdxMapping(model);
      const r = renderAdx(model, mapping, {
        locale: input.lang ?? ctx.locale,
      });
      if (!r.ok)
        throw toTRPCError(
          {
            kind: 'invalid-input',
            message: messageText('adx.nothing-to-send', {
              grant: grant.code,
              period: model.reportingPeriod,
            }),
          },
          ctx.locale,
        );
      return {
        fileName: `${model.grant.code}_${model.reportingPeriod}_adx.xml`,
        xml: r.value.xml,
        source: stored ? ('stored' as const) : ('default' as const),
        mapping,
        omitted: r.value.omitted satisfies AdxOmission[],
      };
    }),
});
