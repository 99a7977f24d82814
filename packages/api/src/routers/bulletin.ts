import { listProgrammes, WindowCache } from '@jalon/db';
import { deliverableTypes } from '@jalon/db/schema';
import { z } from 'zod';
import { countDto, figureDto, periodDto, periodInput, toPeriod } from '../period-input';
import { activityFigures } from '../services/bulletin-activity-figures';
import { bulletinFigures } from '../services/bulletin-figures';
import { cachedRead } from '../services/read-cache';
import { organisationProcedure, router } from '../trpc';

export const figuresDto = z.object({
  activities: z.number(),
  sessions: z.number(),
  participants: figureDto,
  women: figureDto,
  youth: figureDto,
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
  /** The total as recorded, null when none was. */
  recorded: countDto.nullable(),
  /** The activity's own figures, as the programme's are computed (« nombre inconnu » uncounted). */
  participants: figureDto.nullable(),
  women: figureDto.nullable(),
  youth: figureDto.nullable(),
  /** People with disabilities. */
  disabled: figureDto.nullable(),
});

export const bulletinRouter = router({
  /** The figures a quarterly bulletin quotes, per programme and in all. */
  figures: organisationProcedure
    .input(z.object({ period: periodInput }).strict())
    .output(
      z.object({
        period: periodDto,
        totals: figuresDto.extend({
          uniquePeople: figureDto,
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
    .query(({ ctx, input }) =>
      cachedRead(ctx, 'bulletin.figures', input, async () => {
        const period = toPeriod(input.period, ctx.locale);
        const programmes = await listProgrammes(ctx.readDb, ctx.organisationId);
        // One window cache: the activities' own figures read the period's activities and their
        // named people once with the programmes' figures.
        const cache = new WindowCache(ctx.readDb, ctx.organisationId);
        const [figures, activities] = await Promise.all([
          bulletinFigures(ctx.readDb, ctx.organisationId, period, { cache, programmes }),
          activityFigures(ctx.readDb, ctx.organisationId, period, cache),
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
    ),
});
