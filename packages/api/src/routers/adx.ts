import { messageText } from '../messages';
import { adxMappingOf, adxMappingRecordOf, listRegions, setAdxMapping } from '@jalon/db';
import {
  adxMappingSchema,
  defaultAdxMapping,
  dhis2DataValueSetSchema,
  dhis2GapText,
  dhis2NothingText,
  mappingIssuesText,
  renderAdx,
  renderDhis2,
  type AdxMapping,
  type AdxOmission,
  type Indicator,
} from '@jalon/reports';
import { z } from 'zod';
import { failCommand, toTRPCError } from '../errors';
import { periodInput } from '../period-input';
import {
  activitiesOutside,
  buildReportModel,
  outsideIndicators,
  regionalIndicators,
  resolveGrant,
} from '../services/report-model';
import { requireRecord } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

const grantText = messageText('entity.grant');
const mappingText = messageText('entity.adx-mapping');
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

/**
 * The figures a per-region file needs besides the organisation's, for the reporting period: per
 * region (every region of the organisation, mapped or not: one with figures and no org unit is
 * named), and outside every region — computed when the mapping has an `outside` org unit, else
 * counted as the activities the file leaves out. Nothing when no region is mapped.
 */
async function regionalSplit(
  ctx: ProcedureContext,
  dhis2: NonNullable<AdxMapping['dhis2']>,
  request: { grant: string; period: string; signal?: AbortSignal },
  codes: readonly string[],
): Promise<{
  regional: { region: string; indicators: Indicator[] }[];
  outside: Indicator[] | null;
  leftOut: number;
}> {
  if (Object.keys(dhis2.regions).length === 0) return { regional: [], outside: null, leftOut: 0 };
  const paths = (await listRegions(ctx.readDb, ctx.organisationId)).map((g) => g.path);
  const regional = await regionalIndicators(ctx.readDb, ctx.organisationId, request, codes, paths);
  if (!regional.ok) throw toTRPCError(regional.error, ctx.locale);
  if (dhis2.outside) {
    const outside = await outsideIndicators(ctx.readDb, ctx.organisationId, request, codes, paths);
    if (!outside.ok) throw toTRPCError(outside.error, ctx.locale);
    return { regional: regional.value, outside: outside.value, leftOut: 0 };
  }
  const leftOut = await activitiesOutside(ctx.readDb, ctx.organisationId, request, paths);
  if (!leftOut.ok) throw toTRPCError(leftOut.error, ctx.locale);
  return { regional: regional.value, outside: null, leftOut: leftOut.value };
}

const dhis2OmissionDto = z.object({
  period: z.string(),
  indicator: z.string(),
  region: z.string().nullable(),
  key: z.record(z.string(), z.string()),
  reason: z.enum(['interval', 'unknown', 'no-value', 'unmapped-option']),
});

const omissionDto = z.object({
  period: z.string(),
  indicator: z.string(),
  /** The region it was computed for, in a file per region (`*`: outside every region); none: the organisation's. */
  region: z.string().nullable().optional(),
  key: z.record(z.string(), z.string()),
  reason: z.enum(['interval', 'unknown', 'no-value', 'unmapped-option']),
});

/** A refusal naming each line (French and English joined), in the caller's language. */
function refuseWith(ctx: ProcedureContext, lines: { fr: string; en: string }[]): never {
  throw toTRPCError(
    {
      kind: 'invalid-input',
      message: { fr: lines.map((l) => l.fr).join(' '), en: lines.map((l) => l.en).join(' ') },
    },
    ctx.locale,
  );
}

/** What the reader of a per-region file should know of it: the activities it leaves out. */
function notesOf(split: { leftOut: number }, locale: 'fr' | 'en'): string[] {
  return split.leftOut > 0 ? [messageText('adx.left-out', { count: split.leftOut })[locale]] : [];
}

/**
 * DHIS2 ADX 1.0 exchange of a grant's indicator values: the mapping of Jalon's indicators,
 * breakdowns, organisation and grant onto DHIS2's data elements, category options, org unit and
 * attribute options (stored per grant, as data), and the export itself.
 */
export const adxRouter = router({
  /**
   * The grant's stored mapping and its version (0 and null when none was stored: the export then
   * uses Jalon's codes). A save names the version it was read at.
   */
  mapping: organisationProcedure
    .input(z.object({ grant: grantInput }).strict())
    .query(async ({ ctx, input }): Promise<{ mapping: AdxMapping | null; version: number }> => {
      const grant = await grantOf(ctx, input.grant);
      const record = await adxMappingRecordOf(ctx.db, ctx.organisationId, grant.id);
      return {
        mapping: parsedMapping(record?.mapping ?? null, ctx),
        version: record?.version ?? 0,
      };
    }),

  /**
   * Stores (or, with null, removes) the grant's mapping, checked field by field; audited. `version`
   * is the one read (0: none stored): a save from a stale version is CONFLICT and changes nothing.
   */
  setMapping: organisationProcedure
    .input(
      z
        .object({
          grant: grantInput,
          version: z.number().int().min(0),
          // Checked below by adxMappingSchema, whose refusals are said in the reader's language.
          mapping: z.unknown(),
        })
        .strict(),
    )
    .output(z.object({ stored: z.boolean(), version: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const parsed = adxMappingSchema.nullable().safeParse(input.mapping);
      if (!parsed.success)
        throw toTRPCError(
          { kind: 'invalid-input', message: mappingIssuesText(parsed.error.issues) },
          ctx.locale,
        );
      const grant = await grantOf(ctx, input.grant);
      const r = await setAdxMapping(
        ctx.db,
        ctx.organisationId,
        { grantId: grant.id, mapping: parsed.data, version: input.version },
        ctx.actor,
      );
      if (!r.ok)
        return failCommand(
          r.error,
          r.error.kind === 'conflict' ? mappingText : grantText,
          ctx.locale,
        );
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
        /** What the reader should know of the file, in the reader's language (activities left out). */
        notes: z.array(z.string()),
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
      const locale = input.lang ?? ctx.locale;
      const periodCodes = [model.reportingPeriod];
      // Per region as DHIS2's file is, from the same split (none without regions mapped).
      const split = mapping.dhis2
        ? await regionalSplit(
            ctx,
            mapping.dhis2,
            { grant: grant.id, period: input.period, signal },
            periodCodes,
          )
        : { regional: [], outside: null, leftOut: 0 };
      const r = renderAdx(model, mapping, {
        periodCodes,
        regions: split.regional,
        ...(split.outside ? { outside: split.outside } : {}),
        locale,
      });
      if (!r.ok && r.error.code === 'mapping')
        return refuseWith(ctx, r.error.gaps.map(dhis2GapText));
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
        notes: notesOf(split, locale),
      };
    }),

  /**
   * The DHIS2 `dataValueSet` (JSON) of the grant's indicator values for a period, through the
   * DHIS2 part of its stored mapping: a category option combination per cell, an org unit per
   * region (indicators counted by place then go out per region, computed within each), periods as
   * DHIS2 writes them. Figures are the report's, from the same engine as `indicator.values`. A
   * mapping that lacks anything a figure to send needs is BAD_REQUEST naming each gap.
   */
  dhis2: organisationProcedure
    .input(
      z
        .object({ grant: grantInput, period: periodInput, lang: z.enum(['fr', 'en']).optional() })
        .strict(),
    )
    .output(
      z.object({
        fileName: z.string(),
        json: dhis2DataValueSetSchema,
        /** How DHIS2 should read the file's ids (`idScheme` of the import). */
        idScheme: z.enum(['UID', 'CODE']),
        /** The regions whose figures went out on their own org unit. */
        regions: z.array(z.string()),
        /** Whether the figures outside every region went out on the mapping's `outside` org unit. */
        outside: z.boolean(),
        omitted: z.array(dhis2OmissionDto),
        /** What the reader should know of the file, in the reader's language (activities left out). */
        notes: z.array(z.string()),
      }),
    )
    .query(async ({ ctx, input, signal }) => {
      const grant = await grantOf(ctx, input.grant);
      const mapping = parsedMapping(
        await adxMappingOf(ctx.readDb, ctx.organisationId, grant.id),
        ctx,
      );
      const refuse = (lines: { fr: string; en: string }[]) => refuseWith(ctx, lines);
      if (!mapping?.dhis2) return refuse([dhis2GapText({ kind: 'no-dhis2' })]);
      const built = await buildReportModel(ctx.readDb, ctx.organisationId, {
        grant: grant.id,
        period: input.period,
        signal,
      });
      if (!built.ok) throw toTRPCError(built.error, ctx.locale);
      const { model } = built.value;
      const periodCodes = [model.reportingPeriod];
      const locale = input.lang ?? ctx.locale;
      const split = await regionalSplit(
        ctx,
        mapping.dhis2,
        {
          grant: grant.id,
          period: input.period,
          signal,
        },
        periodCodes,
      );
      const r = renderDhis2(model, mapping, {
        periodCodes,
        regions: split.regional,
        ...(split.outside ? { outside: split.outside } : {}),
        locale,
      });
      if (!r.ok)
        return refuse(
          r.error.code === 'mapping'
            ? r.error.gaps.map(dhis2GapText)
            : [dhis2NothingText(grant.code, model.reportingPeriod)],
        );
      const sent = new Set(r.value.json.dataValues.map((v) => v.orgUnit));
      return {
        fileName: `${model.grant.code}_${model.reportingPeriod}_dhis2.json`,
        json: r.value.json,
        idScheme: mapping.dhis2.idScheme,
        regions: split.regional
          .map((g) => g.region)
          .filter((g) => sent.has(mapping.dhis2?.regions[g] ?? '')),
        outside: split.outside !== null && sent.has(mapping.dhis2.outside ?? ''),
        omitted: r.value.omitted,
        notes: notesOf(split, locale),
      };
    }),
});
