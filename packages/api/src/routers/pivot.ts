import { listGrants, listProgrammes, listRegions, pivotInDatabase } from '@jalon/db';
import { activityTypes, incidentCategories } from '@jalon/db/schema';
import {
  DEFAULT_DIMENSIONS,
  PIVOT_DIMENSIONS,
  PIVOT_MEASURES,
  planPivot,
  roundForOutput,
  subPeriods,
  type Figure,
  type PivotDimension,
  type PivotMembers,
} from '@jalon/domain';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { figureDto, periodDto, periodInput, toPeriod } from '../period-input';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

const memberDto = z.object({
  code: z.string(),
  label: z.object({ fr: z.string(), en: z.string() }),
});
const cellDto = z.object({
  row: z.string().nullable(),
  column: z.string().nullable(),
  figure: figureDto.nullable(),
  notComputable: z.object({ fr: z.string(), en: z.string() }).nullable(),
});

type Member = z.infer<typeof memberDto>;

const categoriesOf = (code: string): Member[] =>
  DEFAULT_DIMENSIONS.find((d) => d.code === code)?.categories.map((c) => ({
    code: c.code,
    label: c.label,
  })) ?? [];

/** The members of a dimension for the organisation, with their labels in both languages. */
async function membersOf(
  ctx: ProcedureContext,
  dimension: PivotDimension,
  periodCode: string,
): Promise<Member[]> {
  const db = ctx.readDb;
  switch (dimension) {
    case 'period':
      throw new Error(`members of ${periodCode} are its months`);
    case 'programme':
      return (await listProgrammes(db, ctx.organisationId)).map((p) => ({
        code: p.code,
        label: { fr: p.name, en: p.nameEn },
      }));
    case 'grant':
      return (await listGrants(db, ctx.organisationId)).map((g) => ({
        code: g.code,
        label: { fr: g.code, en: g.code },
      }));
    case 'activity-type':
      return activityTypes.map((t) => ({ code: t, label: { fr: t, en: t } }));
    case 'region':
      return (await listRegions(db, ctx.organisationId)).map((r) => ({
        code: r.path,
        label: { fr: r.name, en: r.name },
      }));
    case 'incident-category':
      return incidentCategories.map((c) => ({ code: c, label: { fr: c, en: c } }));
    default:
      return categoriesOf(dimension);
  }
}

/** A figure as it leaves the API: rounded like every count (decimals of an approximate value kept to two). */
const rounded = (f: Figure | null): Figure | null =>
  f && {
    ...f,
    value: roundForOutput(f.value, 'number'),
    bounds: f.bounds && {
      lower: roundForOutput(f.bounds.lower, 'number'),
      upper: f.bounds.upper === null ? null : roundForOutput(f.bounds.upper, 'number'),
    },
  };

export const pivotRouter = router({
  /**
   * A pivot table: rows and optionally columns among the dimensions, one measure, for a period.
   * Each cell, each row and column total and the grand total is an indicator computed in the
   * database by the engine of `indicator.values` (`pivotInDatabase`): « au moins », « environ »
   * and the bounds of cells never recorded are kept; a total is computed, never added up here.
   */
  query: organisationProcedure
    .input(
      z
        .object({
          period: periodInput,
          rows: z.enum(PIVOT_DIMENSIONS),
          columns: z.enum(PIVOT_DIMENSIONS).nullable().default(null),
          measure: z.enum(PIVOT_MEASURES),
        })
        .strict(),
    )
    .output(
      z.object({
        period: periodDto,
        rows: z.array(memberDto),
        columns: z.array(memberDto),
        cells: z.array(cellDto),
      }),
    )
    .query(async ({ ctx, input }) => {
      const period = toPeriod(input.period, ctx.locale);
      const members: PivotMembers = {};
      const labelled: Partial<Record<PivotDimension, Member[]>> = {};
      for (const d of [input.rows, input.columns]) {
        if (d === null) continue;
        if (d === 'period') {
          const months = subPeriods(period, 'month');
          members.period = months;
          labelled.period = months.map((m) => ({
            code: m.code,
            label: { fr: m.code, en: m.code },
          }));
        } else {
          const list = await membersOf(ctx, d, period.code);
          members[d] = list.map((m) => m.code);
          labelled[d] = list;
        }
      }
      const plan = planPivot(
        { period, rows: input.rows, columns: input.columns, measure: input.measure },
        members,
      );
      if (!plan.ok)
        throw toTRPCError({ kind: 'invalid-input', message: plan.error.message }, ctx.locale);
      const cells = await pivotInDatabase(ctx.readDb, ctx.organisationId, plan.value);
      return {
        period,
        rows: labelled[input.rows] ?? [],
        columns: input.columns ? (labelled[input.columns] ?? []) : [],
        cells: cells.map((c) => ({ ...c, figure: rounded(c.figure) })),
      };
    }),
});
