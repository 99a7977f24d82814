import { listIndicators } from '@jalon/db';
import { ACHIEVEMENT_RULES, STATUSES } from '@jalon/domain';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { boundsDto, countDto, periodDto, periodInput, toPeriod } from '../period-input';
import { indicatorValues } from '../services/indicator-values';
import { grantsInScope, requireIndicators, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

export const indicatorDto = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  titleEn: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  direction: z.string(),
  timeRule: z.string(),
  cumulative: z.boolean(),
  source: z.record(z.string(), z.unknown()),
  dimensions: z.array(z.string()),
  sourceOfVerification: z.string().nullable(),
  node: z.object({ id: z.string(), code: z.string(), level: z.string() }).nullable(),
  grant: z
    .object({
      id: z.string(),
      code: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      fiscalYearStartMonth: z.number(),
    })
    .nullable(),
});

const breakdownDto = z.object({
  dimensions: z.array(z.string()),
  total: countDto,
  cells: z.array(
    z.object({
      key: z.record(z.string(), z.string()),
      value: countDto.nullable(),
      bounds: boundsDto,
    }),
  ),
  coverage: z.array(
    z.object({
      dimensions: z.array(z.string()),
      known: z.number(),
      remainder: countDto,
      share: z.number().nullable(),
    }),
  ),
});

export const indicatorValueDto = z.object({
  indicator: z.object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    titleEn: z.string(),
    unit: z.string(),
    direction: z.string(),
    cumulative: z.boolean(),
    grant: z.string().nullable(),
  }),
  period: periodDto,
  value: z
    .object({
      window: z.object({ start: z.string(), end: z.string() }),
      value: z.number(),
      qualifier: countDto.shape.qualifier,
      bounds: boundsDto.optional(),
      breakdown: breakdownDto.optional(),
      ratio: z.object({ numerator: z.number(), denominator: z.number() }).optional(),
    })
    .nullable(),
  notComputable: z
    .object({
      reason: z.string(),
      message: z.object({ fr: z.string(), en: z.string() }),
      indicator: z.string().optional(),
    })
    .nullable(),
  target: z.number().nullable(),
  lifeOfGrantTarget: z.number().nullable(),
  baseline: z.number().nullable(),
  achievement: z.number().nullable(),
  status: z.enum(STATUSES),
});

export const indicatorRouter = router({
  list: organisationProcedure
    .input(z.object({ grantId: z.uuid().optional() }).strict().optional())
    .output(z.object({ items: z.array(indicatorDto) }))
    .query(async ({ ctx, input }) => {
      const narrow = scopeCollection(ctx, { grantIds: input?.grantId ? [input.grantId] : [] });
      const reach = await grantsInScope(ctx.db, ctx.organisationId, narrow);
      const items = await listIndicators(ctx.db, ctx.organisationId, { grantId: input?.grantId });
      return { items: reach ? items.filter((i) => i.grant && reach.includes(i.grant.id)) : items };
    }),

  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(indicatorDto)
    .query(async ({ ctx, input }) => {
      const [found] = await listIndicators(ctx.db, ctx.organisationId, { ids: [input.id] });
      if (!found)
        throw toTRPCError(
          { kind: 'not-found', entity: { fr: 'indicateur', en: 'indicator' } },
          ctx.locale,
        );
      await requireIndicators(ctx, [found]);
      return found;
    }),

  /**
   * Values for periods with targets, baseline, achievement and status; with `breakdown`, the
   * known cells, their coverage and the bounds of cells that were never recorded.
   */
  values: organisationProcedure
    .input(
      z
        .object({
          indicatorIds: z.array(z.uuid()).min(1).max(200),
          period: periodInput.optional(),
          periods: z.array(periodInput).min(1).max(24).optional(),
          breakdown: z
            .array(z.enum(['sex', 'age', 'disability', 'category']))
            .max(4)
            .optional(),
          rule: z.enum(ACHIEVEMENT_RULES).optional(),
        })
        .strict()
        .refine((v) => (v.period === undefined) !== (v.periods === undefined), {
          message: 'give either period or periods',
        }),
    )
    .output(z.object({ items: z.array(indicatorValueDto) }))
    .query(async ({ ctx, input }) => {
      const periods = (input.periods ?? [input.period!]).map((p) => toPeriod(p, ctx.locale));
      const found = await listIndicators(ctx.db, ctx.organisationId, { ids: input.indicatorIds });
      // An id that is not one of the organisation's indicators is not silently dropped.
      if (new Set(found.map((i) => i.id)).size < new Set(input.indicatorIds).size)
        throw toTRPCError(
          { kind: 'not-found', entity: { fr: 'indicateur', en: 'indicator' } },
          ctx.locale,
        );
      await requireIndicators(ctx, found);
      const items = await indicatorValues(ctx.db, ctx.organisationId, input.indicatorIds, periods, {
        breakdown: input.breakdown,
        rule: input.rule,
      });
      return { items };
    }),
});
