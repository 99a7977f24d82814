import { messageText } from '../messages';
import { WindowCache, listGrants, listIndicators, listProgrammes } from '@jalon/db';
import { must, STATUSES, type ActivityFilter } from '@jalon/domain';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { figureDto, periodDto, periodInput, toPeriod } from '../period-input';
import { expectPeriodFigures, periodFiguresWithPeople } from '../services/bulletin-figures';
import { indicatorValues } from '../services/indicator-values';
import { roundedIndicatorValue } from '../services/rounded-output';
import { grantsInScope, scopeCollection } from '../scope';
import { cachedRead } from '../services/read-cache';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';
import { figuresDto } from './bulletin';
import { indicatorValueDto } from './indicator';

const periodFiguresDto = figuresDto.extend({ uniquePeople: figureDto });

export const dashboardRouter = router({
  /**
   * What management looks at first, for a period and optionally one programme or grant: the
   * activity and participant figures, and every indicator's progress with its status; and, when
   * asked, the same figures for other periods (`trend`: the dashboard's quarters), computed with
   * the period's in one reading of all their windows.
   */
  summary: organisationProcedure
    .input(
      z
        .object({
          period: periodInput,
          programme: z.string().min(1).max(40).optional(),
          grant: z.uuid().optional(),
          trend: z.array(periodInput).max(8).optional(),
        })
        .strict(),
    )
    .output(
      z.object({
        period: periodDto,
        figures: periodFiguresDto,
        statuses: z.record(z.enum(STATUSES), z.number().int()),
        indicators: z.array(indicatorValueDto),
        /** The figures of each period of `trend`, in its order (none when not asked). */
        trend: z.array(z.object({ period: periodDto, figures: periodFiguresDto })),
      }),
    )
    .query(({ ctx, input }) =>
      cachedRead(ctx, 'dashboard.summary', input, () => summary(ctx, input)),
    ),
});

async function summary(
  ctx: ProcedureContext,
  input: {
    period: string;
    programme?: string | undefined;
    grant?: string | undefined;
    trend?: string[] | undefined;
  },
) {
  const db = ctx.readDb;
  const period = toPeriod(input.period, ctx.locale);
  const trend = (input.trend ?? []).map((p) => toPeriod(p, ctx.locale));
  const indicatorList = listIndicators(db, ctx.organisationId);
  // Awaited below, after the checks that may throw first.
  indicatorList.catch(() => undefined);
  const [programmes, grants] = await Promise.all([
    listProgrammes(db, ctx.organisationId),
    listGrants(db, ctx.organisationId),
  ]);
  const programme = input.programme
    ? programmes.find((p) => p.code === input.programme)
    : undefined;
  if (input.programme && !programme)
    throw toTRPCError({ kind: 'not-found', entity: messageText('entity.programme') }, ctx.locale);
  const grant = input.grant ? grants.find((g) => g.id === input.grant) : undefined;
  if (input.grant && !grant)
    throw toTRPCError({ kind: 'not-found', entity: messageText('entity.grant') }, ctx.locale);
  // A programme officer sees her programmes, a donor her grants: what they filter on must be
  // theirs, and no filter means all of theirs.
  const narrow = scopeCollection(ctx, {
    programmeIds: programme ? [programme.id] : [],
    grantIds: grant ? [grant.id] : [],
  });
  const filter: ActivityFilter = {};
  if (programme) filter.programmes = [programme.code];
  else if (narrow.programmeIds)
    filter.programmes = programmes
      .filter((p) =>
        must(narrow.programmeIds, 'the programmes of a programme officer').includes(p.id),
      )
      .map((p) => p.code);
  if (grant) filter.grants = [grant.code];
  else if (narrow.grantIds)
    filter.grants = grants
      .filter((g) => must(narrow.grantIds, 'the grants of a donor viewer').includes(g.id))
      .map((g) => g.code);
  const [reach, all] = await Promise.all([
    grantsInScope(db, ctx.organisationId, narrow),
    indicatorList,
  ]);
  const indicators = all.filter(
    (i) =>
      (!input.grant || i.grant?.id === input.grant) &&
      (!reach || (i.grant !== null && reach.includes(i.grant.id))),
  );
  // One window cache for the figures, the trend's and the indicators, told of the figures
  // first: the first reading then reads every window (the trend's quarters too) at once, with
  // the figures' filters and counts.
  const cache = new WindowCache(db, ctx.organisationId);
  for (const p of [period, ...trend]) expectPeriodFigures(p, filter, cache, { people: true });
  const [values, figures, trendFigures] = await Promise.all([
    indicatorValues(
      db,
      ctx.organisationId,
      indicators.map((i) => i.id),
      [period],
      { indicators: all, cache },
    ),
    periodFiguresWithPeople(db, ctx.organisationId, period, filter, cache),
    Promise.all(
      trend.map((p) => periodFiguresWithPeople(db, ctx.organisationId, p, filter, cache)),
    ),
  ]);
  const statuses = Object.fromEntries(
    STATUSES.map((s) => [s, values.filter((v) => v.status === s).length]),
  ) as Record<(typeof STATUSES)[number], number>;
  return {
    period,
    figures,
    statuses,
    indicators: values.map(roundedIndicatorValue),
    trend: trend.map((p, i) => ({
      period: p,
      figures: must(trendFigures[i], 'the figures of a period of the trend'),
    })),
  };
}
