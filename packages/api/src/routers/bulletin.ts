import { deliverableTypes } from '@jalon/db';
import { z } from 'zod';
import { boundsDto, countDto, periodDto, periodInput, toPeriod } from '../period-input';
import { listProgrammes } from '@jalon/db';
import { activityFigures } from '../services/bulletin-activity-figures';
import { bulletinFigures } from '../services/bulletin-figures';
import { organisationProcedure, router } from '../trpc';

const cellDto = countDto.extend({ bounds: boundsDto.nullable() });
export const figuresDto = z.object({
  activities: z.number(),
  sessions: z.number(),
  participants: countDto,
  women: cellDto,
  youth: cellDto,
  deliverables: z.partialRecord(z.enum(deliverableTypes), z.number()),
});

const activityFiguresDto = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  programme: z.string(),
  date: z.string(),
  endDate: z.string().nullable(),
  sessions: z.number().nullable(),
  places: z.array(z.string()),
  participants: countDto.nullable(),
  women: cellDto.nullable(),
  youth: cellDto.nullable(),
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
          figuresDto.extend({
            code: z.string(),
            name: z.string(),
            nameEn: z.string(),
            /** The year the programme started (NEWS: 2011), null when not recorded. */
            sinceYear: z.number().nullable(),
            /** Where it runs (ISO codes; Just Future: six countries), empty when only here. */
            countries: z.array(z.string()),
            /** Each activity of the period with its own figures. */
            activityFigures: z.array(activityFiguresDto),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const period = toPeriod(input.period, ctx.locale);
      const [figures, activities, programmes] = await Promise.all([
        bulletinFigures(ctx.db, ctx.organisationId, period),
        activityFigures(ctx.db, ctx.organisationId, period),
        listProgrammes(ctx.db, ctx.organisationId),
      ]);
      return {
        ...figures,
        programmes: figures.programmes.map((p) => {
          const row = programmes.find((x) => x.code === p.code);
          return {
            ...p,
            sinceYear: row?.sinceYear ?? null,
            countries: row?.countries ?? [],
            activityFigures: activities.filter((a) => a.programme === p.code),
          };
        }),
      };
    }),
});
