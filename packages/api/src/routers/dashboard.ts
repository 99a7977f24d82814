import { findGrant, listIndicators, listProgrammes } from '@jalon/db';
import { STATUSES, type ActivityFilter } from '@jalon/domain';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { periodDto, periodInput, toPeriod } from '../period-input';
import { periodFigures } from '../services/bulletin-figures';
import { indicatorValues } from '../services/indicator-values';
import { organisationProcedure, router } from '../trpc';
import { figuresDto } from './bulletin';
import { indicatorValueDto } from './indicator';

export const dashboardRouter = router({
  /**
   * What management looks at first, for a period and optionally one programme or grant: the
   * activity and participant figures, and every indicator's progress with its status.
   */
  summary: organisationProcedure
    .input(
      z
        .object({
          period: periodInput,
          programme: z.string().min(1).max(40).optional(),
          grant: z.uuid().optional(),
        })
        .strict(),
    )
    .output(
      z.object({
        period: periodDto,
        figures: figuresDto,
        statuses: z.record(z.enum(STATUSES), z.number().int()),
        indicators: z.array(indicatorValueDto),
      }),
    )
    .query(async ({ ctx, input }) => {
      const period = toPeriod(input.period, ctx.locale);
      const filter: ActivityFilter = {};
      if (input.programme) {
        if (
          !(await listProgrammes(ctx.db, ctx.organisationId)).some(
            (p) => p.code === input.programme,
          )
        ) {
          throw toTRPCError(
            { kind: 'not-found', entity: { fr: 'programme', en: 'programme' } },
            ctx.locale,
          );
        }
        filter.programmes = [input.programme];
      }
      if (input.grant) {
        const grant = await findGrant(ctx.db, ctx.organisationId, input.grant);
        if (!grant)
          throw toTRPCError(
            { kind: 'not-found', entity: { fr: 'subvention', en: 'grant' } },
            ctx.locale,
          );
        filter.grants = [grant.code];
      }
      const indicators = await listIndicators(ctx.db, ctx.organisationId, { grantId: input.grant });
      const values = await indicatorValues(
        ctx.db,
        ctx.organisationId,
        indicators.map((i) => i.id),
        [period],
      );
      const statuses = Object.fromEntries(
        STATUSES.map((s) => [s, values.filter((v) => v.status === s).length]),
      ) as Record<(typeof STATUSES)[number], number>;
      return {
        period,
        figures: await periodFigures(ctx.db, ctx.organisationId, period, filter),
        statuses,
        indicators: values,
      };
    }),
});
