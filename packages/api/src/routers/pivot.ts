import { messageText, sameText } from '../messages';
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
import { scopeCollection } from '../scope';
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

/** What the caller may count: programme and grant codes (undefined: the whole organisation). */
type Scope = { programmes?: string[]; grants?: string[] };

/** The organisation's programmes and grants, read once per query. */
type Structure = {
  programmes: Awaited<ReturnType<typeof listProgrammes>>;
  grants: Awaited<ReturnType<typeof listGrants>>;
};

/**
 * The members of a dimension for the organisation, with their labels in both languages. A scoped
 * reader's programmes and grants are hers only: a donor's programmes those her grants fund, a
 * programme officer's grants those funding her programmes (no other name is shown).
 */
async function membersOf(
  ctx: ProcedureContext,
  dimension: PivotDimension,
  periodCode: string,
  structure: Structure,
  scope: Scope | undefined,
): Promise<Member[]> {
  const db = ctx.readDb;
  const { programmes, grants } = structure;
  const grantsWithin = grants.filter((g) => !scope?.grants || scope.grants.includes(g.code));
  switch (dimension) {
    case 'period':
      throw new Error(`members of ${periodCode} are its months`);
    case 'programme':
      return programmes
        .filter((p) =>
          scope?.programmes
            ? scope.programmes.includes(p.code)
            : !scope?.grants || grantsWithin.some((g) => g.programmes.some((x) => x.id === p.id)),
        )
        .map((p) => ({ code: p.code, label: { fr: p.name, en: p.nameEn } }));
    case 'grant':
      return grantsWithin
        .filter(
          (g) => !scope?.programmes || g.programmes.some((x) => scope.programmes?.includes(x.code)),
        )
        .map((g) => ({ code: g.code, label: sameText(g.code) }));
    case 'activity-type':
      return activityTypes.map((t) => ({ code: t, label: sameText(t) }));
    case 'region':
      return (await listRegions(db, ctx.organisationId)).map((r) => ({
        code: r.path,
        label: sameText(r.name),
      }));
    case 'incident-category':
      return incidentCategories.map((c) => ({ code: c, label: sameText(c) }));
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

/**
 * What the query counts: the programme or grant filtered on (within the caller's reach, refused
 * otherwise), else a programme officer's programmes or a donor's grants, else everything.
 */
function scopeOf(
  ctx: ProcedureContext,
  structure: Structure,
  input: { programme?: string | undefined; grant?: string | undefined },
): Scope | undefined {
  const programme = input.programme
    ? structure.programmes.find((p) => p.code === input.programme)
    : undefined;
  if (input.programme && !programme)
    throw toTRPCError({ kind: 'not-found', entity: messageText('entity.programme') }, ctx.locale);
  const grant = input.grant ? structure.grants.find((g) => g.code === input.grant) : undefined;
  if (input.grant && !grant)
    throw toTRPCError({ kind: 'not-found', entity: messageText('entity.grant') }, ctx.locale);
  const narrow = scopeCollection(ctx, {
    programmeIds: programme ? [programme.id] : [],
    grantIds: grant ? [grant.id] : [],
  });
  const scope: Scope = {};
  if (programme) scope.programmes = [programme.code];
  else if (narrow.programmeIds)
    scope.programmes = structure.programmes
      .filter((p) => narrow.programmeIds?.includes(p.id))
      .map((p) => p.code);
  if (grant) scope.grants = [grant.code];
  else if (narrow.grantIds)
    scope.grants = structure.grants
      .filter((g) => narrow.grantIds?.includes(g.id))
      .map((g) => g.code);
  return scope.programmes || scope.grants ? scope : undefined;
}

export const pivotRouter = router({
  /**
   * A pivot table: rows and optionally columns among the dimensions, one measure, for a period.
   * Each cell, each row and column total and the grand total is an indicator computed in the
   * database by the engine of `indicator.values` (`pivotInDatabase`): « au moins », « environ »
   * and the bounds of cells never recorded are kept; a total is computed, never added up here.
   * A programme officer counts her programmes' activities only, a donor her grants' (incidents,
   * which belong to neither, are refused to them in words); anyone may narrow to one programme or
   * grant within her reach.
   */
  query: organisationProcedure
    .input(
      z
        .object({
          period: periodInput,
          rows: z.enum(PIVOT_DIMENSIONS),
          columns: z.enum(PIVOT_DIMENSIONS).nullable().default(null),
          measure: z.enum(PIVOT_MEASURES),
          /** One programme (its code) or grant (its code) only; a scoped reader's own by default. */
          programme: z.string().trim().min(1).max(40).optional(),
          grant: z.string().trim().min(1).max(120).optional(),
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
      const structure: Structure = {
        programmes: await listProgrammes(ctx.readDb, ctx.organisationId),
        grants: await listGrants(ctx.readDb, ctx.organisationId),
      };
      const scope = scopeOf(ctx, structure, input);
      const members: PivotMembers = {};
      const labelled: Partial<Record<PivotDimension, Member[]>> = {};
      for (const d of [input.rows, input.columns]) {
        if (d === null) continue;
        if (d === 'period') {
          const months = subPeriods(period, 'month');
          members.period = months;
          labelled.period = months.map((m) => ({
            code: m.code,
            label: sameText(m.code),
          }));
        } else {
          const list = await membersOf(ctx, d, period.code, structure, scope);
          members[d] = list.map((m) => m.code);
          labelled[d] = list;
        }
      }
      const plan = planPivot(
        {
          period,
          rows: input.rows,
          columns: input.columns,
          measure: input.measure,
          ...(scope ? { scope } : {}),
        },
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
