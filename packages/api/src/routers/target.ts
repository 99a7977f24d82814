import { messageText } from '../messages';
import {
  listIndicators,
  listTargetsAndBaselines,
  removeTarget,
  setBaseline,
  setTarget,
} from '@jalon/db';
import { z } from 'zod';
import { cellOfIndicator } from '../breakdown-cell';
import { failCommand, toTRPCError } from '../errors';
import { periodInput, toPeriod } from '../period-input';
import { requireIndicators } from '../scope';
import { organisationProcedure, router } from '../trpc';

const indicatorText = messageText('entity.indicator');
const targetText = messageText('entity.target');
const breakdown = z
  .partialRecord(z.enum(['sex', 'age', 'disability', 'category']), z.string().min(1).max(40))
  .default({});
const value = z.number().finite().min(-1e12).max(1e12);

/** What `target.set` takes: one rule for the page and an imported file. */
export const targetSetInput = z
  .object({
    indicatorId: z.uuid(),
    period: z.union([z.literal('LOG'), periodInput]),
    breakdown,
    value,
  })
  .strict();

/** What `target.setBaseline` takes: one rule for the page and an imported file. */
export const baselineSetInput = z
  .object({
    indicatorId: z.uuid(),
    breakdown,
    value,
    year: z.number().int().min(1990).max(2100),
    date: z.iso.date().nullable().default(null),
  })
  .strict();

const targetDto = z.object({
  id: z.string(),
  indicatorId: z.string(),
  periodCode: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  cellKey: z.string(),
  value: z.number(),
  lifeOfGrant: z.boolean(),
});

export const targetRouter = router({
  /** The targets and baselines of an indicator. */
  list: organisationProcedure
    .input(z.object({ indicatorId: z.uuid() }).strict())
    .output(
      z.object({
        targets: z.array(targetDto),
        baselines: z.array(
          z.object({
            indicatorId: z.string(),
            cellKey: z.string(),
            value: z.number(),
            year: z.number(),
            date: z.string().nullable(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const [found] = await listIndicators(ctx.db, ctx.organisationId, {
        ids: [input.indicatorId],
      });
      if (!found) throw toTRPCError({ kind: 'not-found', entity: indicatorText }, ctx.locale);
      await requireIndicators(ctx, [found]);
      return listTargetsAndBaselines(ctx.db, ctx.organisationId, [input.indicatorId]);
    }),

  /**
   * Sets a target for a period (read on the grant's calendar: `FY2024` follows its fiscal year) or
   * for the life of the grant (`LOG`), optionally for one breakdown cell.
   */
  set: organisationProcedure
    .input(targetSetInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const [row] = await listIndicators(ctx.db, ctx.organisationId, { ids: [input.indicatorId] });
      if (!row) return failCommand({ kind: 'not-found' }, indicatorText, ctx.locale);
      let span: { code: string; start: string; end: string };
      if (input.period === 'LOG') {
        if (!row.grant) {
          throw toTRPCError(
            {
              kind: 'invalid-input',
              message: messageText('target.no-grant'),
            },
            ctx.locale,
          );
        }
        span = { code: 'LOG', start: row.grant.startDate, end: row.grant.endDate };
      } else {
        span = toPeriod(input.period, ctx.locale, row.grant?.fiscalYearStartMonth);
      }
      const r = await setTarget(
        ctx.db,
        ctx.organisationId,
        {
          indicatorId: row.id,
          periodCode: span.code,
          periodStart: span.start,
          periodEnd: span.end,
          lifeOfGrant: input.period === 'LOG',
          cellKey: cellOfIndicator(row, input.breakdown as Record<string, string>, ctx.locale),
          value: input.value,
        },
        ctx.actor,
      );
      return r.ok ? r.value : failCommand(r.error, indicatorText, ctx.locale);
    }),

  /**
   * Removes a target (its id from `list`), audited; refused (PRECONDITION_FAILED) when a submitted
   * report of the grant covers part of its period.
   */
  remove: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const r = await removeTarget(ctx.db, ctx.organisationId, input.id, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, targetText, ctx.locale);
    }),

  /** Sets the baseline (value and reference year) of an indicator, optionally for one breakdown cell. */
  setBaseline: organisationProcedure
    .input(baselineSetInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const [row] = await listIndicators(ctx.db, ctx.organisationId, { ids: [input.indicatorId] });
      if (!row) return failCommand({ kind: 'not-found' }, indicatorText, ctx.locale);
      const r = await setBaseline(
        ctx.db,
        ctx.organisationId,
        {
          indicatorId: input.indicatorId,
          cellKey: cellOfIndicator(row, input.breakdown as Record<string, string>, ctx.locale),
          value: input.value,
          year: input.year,
          date: input.date,
        },
        ctx.actor,
      );
      return r.ok ? r.value : failCommand(r.error, indicatorText, ctx.locale);
    }),
});
