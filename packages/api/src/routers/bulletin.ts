import { deliverableTypes } from '@jalon/db';
import { z } from 'zod';
import { figureDto, periodDto, periodInput, toPeriod } from '../period-input';
import { bulletinFigures } from '../services/bulletin-figures';
import { organisationProcedure, router } from '../trpc';

export const figuresDto = z.object({
  activities: z.number(),
  sessions: z.number(),
  participants: figureDto,
  women: figureDto,
  youth: figureDto,
  deliverables: z.partialRecord(z.enum(deliverableTypes), z.number()),
});

export const bulletinRouter = router({
  /** The figures a quarterly bulletin quotes, per programme and in all. */
  figures: organisationProcedure
    .input(z.object({ period: periodInput }).strict())
    .output(
      z.object({
        period: periodDto,
        totals: figuresDto.extend({
          incidents: z.number(),
          deaths: z.number(),
          injuries: z.number(),
        }),
        programmes: z.array(
          figuresDto.extend({ code: z.string(), name: z.string(), nameEn: z.string() }),
        ),
      }),
    )
    .query(async ({ ctx, input }) =>
      bulletinFigures(ctx.readDb, ctx.organisationId, toPeriod(input.period, ctx.locale)),
    ),
});
