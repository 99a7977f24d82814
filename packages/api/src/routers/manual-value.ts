import { messageText } from '../messages';
import {
  findManualValue,
  listIndicators,
  listManualValues,
  moveManualValue,
  setManualValue,
  type ManualValueRow,
} from '@jalon/db';
import { countQualifiers, recordStatuses } from '@jalon/db/schema';
import { z } from 'zod';
import { approvalProcedures, failApproval } from '../approval';
import { cellOfIndicator } from '../breakdown-cell';
import { toTRPCError } from '../errors';
import { periodInput, toPeriod } from '../period-input';
import { grantsInScope, requireIndicators, scopeCollection } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

const valueText = messageText('entity.entered-value');
const theValue = messageText('entity.this-entered-value');
const indicatorText = messageText('entity.indicator');

const manualValueDto = z.object({
  id: z.string(),
  indicator: z.object({ id: z.string(), code: z.string() }),
  grant: z.object({ id: z.string(), code: z.string() }).nullable(),
  periodCode: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  cellKey: z.string(),
  value: z.number(),
  qualifier: z.enum(countQualifiers),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  note: z.string().nullable(),
  status: z.enum(recordStatuses),
  version: z.number().int().positive(),
});

const number = z.number().finite().min(-1e12).max(1e12);

/** A value entered by hand, as `manualValue.set` takes it (and an import's values rows are checked by). */
export const manualValueSetInput = z
  .object({
    indicatorId: z.uuid(),
    period: periodInput,
    breakdown: z
      .partialRecord(z.enum(['sex', 'age', 'disability', 'category']), z.string().min(1).max(40))
      .default({}),
    value: number,
    qualifier: z.enum(countQualifiers).default('exact'),
    numerator: number.nullable().default(null),
    denominator: z.number().finite().positive().max(1e12).nullable().default(null),
    note: z.string().trim().max(2000).nullable().default(null),
    version: z.number().int().positive().optional(),
  })
  .strict();

/** The indicator (by id) within the caller's reach: its grant's, and that grant's programmes'. */
async function reachableIndicator(ctx: ProcedureContext, id: string) {
  const [row] = await listIndicators(ctx.db, ctx.organisationId, { ids: [id] });
  if (!row) throw toTRPCError({ kind: 'not-found', entity: indicatorText }, ctx.locale);
  await requireIndicators(ctx, [row]);
  return row;
}

async function reachableValue(ctx: ProcedureContext, id: string): Promise<ManualValueRow> {
  const found = await findManualValue(ctx.db, ctx.organisationId, id);
  if (!found) throw toTRPCError({ kind: 'not-found', entity: valueText }, ctx.locale);
  await reachableIndicator(ctx, found.indicator.id);
  return found;
}

/**
 * Values entered by hand for indicators whose source is manual entry (a score, a count kept outside
 * Jalon), per period and breakdown cell, with the same approval workflow and period locks as
 * activities. Indicator values and reports read them whatever their status, as they count
 * activities.
 */
export const manualValueRouter = router({
  list: organisationProcedure
    .input(
      z
        .object({ indicatorId: z.uuid().optional(), grantId: z.uuid().optional() })
        .strict()
        .optional(),
    )
    .output(z.object({ items: z.array(manualValueDto) }))
    .query(async ({ ctx, input }) => {
      const narrow = scopeCollection(ctx, { grantIds: input?.grantId ? [input.grantId] : [] });
      const grants = await grantsInScope(ctx.db, ctx.organisationId, narrow);
      if (input?.indicatorId) await reachableIndicator(ctx, input.indicatorId);
      const grantIds = input?.grantId ? [input.grantId] : grants;
      return {
        items: await listManualValues(ctx.db, ctx.organisationId, {
          indicatorIds: input?.indicatorId ? [input.indicatorId] : undefined,
          grantIds: grantIds && grants ? grantIds.filter((g) => grants.includes(g)) : grantIds,
        }),
      };
    }),

  /**
   * Enters or corrects a value for a period (read on the indicator's grant calendar) and breakdown
   * cell. A correction names the version read (CONFLICT when stale) and returns the value to draft.
   * Refused (PRECONDITION_FAILED) when a submitted report of the grant locks part of the period.
   */
  set: organisationProcedure
    .input(manualValueSetInput)
    .output(manualValueDto)
    .mutation(async ({ ctx, input }) => {
      const indicator = await reachableIndicator(ctx, input.indicatorId);
      const period = toPeriod(input.period, ctx.locale, indicator.grant?.fiscalYearStartMonth);
      const r = await setManualValue(
        ctx.db,
        ctx.organisationId,
        {
          indicatorId: indicator.id,
          periodCode: period.code,
          periodStart: period.start,
          periodEnd: period.end,
          cellKey: cellOfIndicator(
            indicator,
            input.breakdown as Record<string, string>,
            ctx.locale,
          ),
          value: input.value,
          qualifier: input.qualifier,
          numerator: input.numerator,
          denominator: input.denominator,
          note: input.note || null,
        },
        input.version,
        ctx.actor,
      );
      if (!r.ok) failApproval(r.error, messageText('entity.value'), ctx.locale, theValue);
      return r.value;
    }),

  ...approvalProcedures({
    output: manualValueDto,
    reach: reachableValue,
    move: moveManualValue,
    entity: messageText('entity.value'),
    the: theValue,
  }),
});
