import { randomUUID } from 'node:crypto';
import { messageText } from '../messages';
import {
  createIndicator,
  deleteIndicator,
  findGrant,
  findResultNodeGrant,
  foldForSearch,
  listGrants,
  listIndicators,
  listResultNodes,
  updateIndicator,
  type IndicatorInput,
  type IndicatorRow,
  type FormulaRecheck,
} from '@jalon/db';
import { must, ACHIEVEMENT_RULES, STATUSES } from '@jalon/domain';
import { z } from 'zod';
import { failCommand, failureText, toTRPCError } from '../errors';
import { boundsDto, countDto, figureDto, periodDto, periodInput, toPeriod } from '../period-input';
import { changedDefinition, checkIndicatorDefinition } from '../services/indicator-checks';
import { indicatorValues } from '../services/indicator-values';
import { reportStatuses } from '../services/report-model';
import { cachedRead } from '../services/read-cache';
import { roundedIndicatorValue } from '../services/rounded-output';
import { grantsInScope, requireIndicators, requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

export const indicatorDto = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  titleEn: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  direction: z.string(),
  timeRule: z.string(),
  /** The step of a `latest`, `max` or `average` indicator; null: month. */
  subPeriod: z.string().nullable(),
  cumulative: z.boolean(),
  /** How its achievement is measured, when chosen; null: the template's rule and the direction. */
  achievementRule: z.enum(ACHIEVEMENT_RULES).nullable(),
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
      atLeast: z.literal(true).optional(),
      uncounted: z.number().int().optional(),
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
  targetBasis: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('period') }),
      z.object({
        kind: z.literal('running-total'),
        from: z.object({ code: z.string().optional(), start: z.string(), end: z.string() }),
      }),
      z.object({
        kind: z.literal('pro-rated'),
        from: z.object({ code: z.string().optional(), start: z.string(), end: z.string() }),
        days: z.number(),
        of: z.number(),
      }),
    ])
    .nullable(),
  lifeOfGrantTarget: z.number().nullable(),
  baseline: z.number().nullable(),
  achievement: z.number().nullable(),
  /** The achievement of an open actual is a lower bound too (≥ 54 %). */
  achievementAtLeast: z.boolean(),
  /** Lower being better, the achievement of an open actual is an upper bound (≤ 62 %). */
  achievementAtMost: z.boolean(),
  /** The value as every output states it (null when not computable). */
  figure: figureDto.nullable(),
  status: z.enum(STATUSES),
});

const text = z.object({ fr: z.string(), en: z.string() });

/** A grant's indicators judged as its report judges them (`indicator.statuses`). */
export const grantStatusesDto = z.object({
  grant: z.object({ id: z.string(), code: z.string() }),
  /** The grant's report template, whose status period and rule these are. */
  template: z.object({ id: z.string(), version: z.string(), name: text }).nullable(),
  /** The one period the report states a status for (quarter, fiscal year, life of grant…). */
  statusPeriod: z
    .object({
      code: z.string(),
      kind: z.string(),
      role: z.string(),
      start: z.string(),
      end: z.string(),
      asOf: z.string().nullable(),
      label: text,
    })
    .nullable(),
  /** Why there is no status for this grant and period (a period outside the grant…). */
  problem: text.nullable(),
  items: z.array(
    z.object({
      indicatorId: z.string(),
      code: z.string(),
      target: z.number().nullable(),
      targetProRated: z.object({ from: z.string(), days: z.number(), of: z.number() }).nullable(),
      /** The whole status period's target when it is judged « à date » (UNDP's annual target); else null. */
      wholeTarget: z.number().nullable(),
      achievement: z.number().nullable(),
      achievementAtLeast: z.boolean(),
      achievementAtMost: z.boolean(),
      status: z.enum(STATUSES),
    }),
  ),
});

const indicatorText = messageText('entity.indicator');

/**
 * What an officer enters for an indicator. Only shapes and sizes are checked here: the engine's
 * definition schema reads the rest (`checkIndicatorDefinition`), and says which field is wrong.
 */
const indicatorFields = z.object({
  title: z.string().trim().max(2000),
  titleEn: z.string().trim().max(2000),
  description: z.string().trim().max(4000).nullable().default(null),
  nodeId: z.uuid().nullable().default(null),
  unit: z.string().max(100),
  direction: z.string().max(100),
  timeRule: z.string().max(100),
  /** `latest`, `max`, `average` only: the step a level is read on (`quarter`…); null: month. */
  subPeriod: z.string().max(100).nullable().default(null),
  cumulative: z.boolean(),
  /** How achievement is measured (`achievementRuleOf`); null: the template's rule and the direction. */
  achievementRule: z.enum(ACHIEVEMENT_RULES).nullable().default(null),
  source: z.record(z.string(), z.unknown()),
  dimensions: z.array(z.string().max(100)).max(10).default([]),
  sourceOfVerification: z.string().trim().max(2000).nullable().default(null),
});

/** A node the indicator is to report under, held to the caller's reach through its grant. */
async function requireNodeGrant(ctx: ProcedureContext, nodeId: string | null) {
  if (!nodeId) return;
  const grantId = await findResultNodeGrant(ctx.db, ctx.organisationId, nodeId);
  const found = grantId ? await findGrant(ctx.db, ctx.organisationId, grantId) : undefined;
  if (!found)
    failCommand(
      { kind: 'unknown-reference', what: 'result-node', ids: [nodeId] },
      indicatorText,
      ctx.locale,
    );
  requireRecord(ctx, { programmeIds: found.programmes.map((p) => p.id), grantIds: [found.id] });
}

/** The definition as the engine will read it, refused (BAD_REQUEST) with the field at fault. */
async function checkedInput(
  ctx: ProcedureContext,
  code: string,
  fields: z.infer<typeof indicatorFields>,
  selfId: string | null,
): Promise<Omit<IndicatorInput, 'code'>> {
  const others = await listIndicators(ctx.db, ctx.organisationId);
  const checked = checkIndicatorDefinition(
    { ...fields, code, hasNode: fields.nodeId !== null },
    others,
    selfId,
  );
  if (!checked.ok)
    throw toTRPCError({ kind: 'invalid-input', message: checked.message }, ctx.locale);
  const d = checked.value;
  return {
    title: d.title.fr,
    titleEn: d.title.en,
    description: fields.description || null,
    resultNodeId: fields.nodeId,
    unit: d.unit,
    direction: d.direction,
    timeRule: d.timeRule,
    subPeriod: d.subPeriod ?? null,
    cumulative: d.cumulative,
    achievementRule: fields.achievementRule,
    source: d.source,
    dimensions: d.dimensions ?? [],
    sourceOfVerification: fields.sourceOfVerification || null,
  };
}

/**
 * The same check as {@link checkedInput}, made again by the command against the organisation's
 * indicators once no other formula can change: two formulas saved at the same moment to name
 * each other are then refused, the second in the engine's words (the loop it would close).
 */
function formulaRecheck(
  code: string,
  fields: z.infer<typeof indicatorFields>,
  selfId: string | null,
): FormulaRecheck {
  return (stored) => {
    const checked = checkIndicatorDefinition(
      { ...fields, code, hasNode: fields.nodeId !== null },
      stored,
      selfId,
    );
    return checked.ok ? null : checked.message;
  };
}

export const indicatorRouter = router({
  /**
   * The indicators in reach, by code; `search`: words in the code or the titles (accents and
   * case ignored, each word somewhere), as the other lists search.
   */
  list: organisationProcedure
    .input(
      z
        .object({
          grantId: z.uuid().optional(),
          search: z.string().trim().max(200).optional(),
        })
        .strict()
        .optional(),
    )
    .output(z.object({ items: z.array(indicatorDto) }))
    .query(async ({ ctx, input }) => {
      const narrow = scopeCollection(ctx, { grantIds: input?.grantId ? [input.grantId] : [] });
      const reach = await grantsInScope(ctx.db, ctx.organisationId, narrow);
      const items = await listIndicators(ctx.db, ctx.organisationId, { grantId: input?.grantId });
      const words = foldForSearch(input?.search ?? '')
        .split(/\s+/)
        .filter(Boolean);
      const found = (i: (typeof items)[number]) => {
        const text = foldForSearch(`${i.code} ${i.title} ${i.titleEn}`);
        return words.every((w) => text.includes(w));
      };
      return {
        items: items.filter((i) => (!reach || (i.grant && reach.includes(i.grant.id))) && found(i)),
      };
    }),

  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(indicatorDto)
    .query(async ({ ctx, input }) => {
      const [found] = await listIndicators(ctx.db, ctx.organisationId, { ids: [input.id] });
      if (!found)
        throw toTRPCError(
          { kind: 'not-found', entity: messageText('entity.indicator') },
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
    .query(({ ctx, input }) =>
      cachedRead(ctx, 'indicator.values', input, async () => {
        const periods = (input.periods ?? [must(input.period, 'the period asked for')]).map((p) =>
          toPeriod(p, ctx.locale),
        );
        // Every indicator once (formulas read the others): those asked for are picked from them.
        const all = await listIndicators(ctx.readDb, ctx.organisationId);
        const wanted = new Set(input.indicatorIds);
        const found = all.filter((i) => wanted.has(i.id));
        // An id that is not one of the organisation's indicators is not silently dropped.
        if (new Set(found.map((i) => i.id)).size < new Set(input.indicatorIds).size)
          throw toTRPCError(
            { kind: 'not-found', entity: messageText('entity.indicator') },
            ctx.locale,
          );
        await requireIndicators(ctx, found);
        const items = await indicatorValues(
          ctx.readDb,
          ctx.organisationId,
          input.indicatorIds,
          periods,
          {
            breakdown: input.breakdown,
            rule: input.rule,
            indicators: all,
          },
        );
        return { items: items.map(roundedIndicatorValue) };
      }),
    ),

  /**
   * The status of every indicator of each grant in reach, as that grant's report states it: the
   * period its template judges (statusRole: UNDP the fiscal year to date, USAID's IPTT the life of
   * the grant), that period's target, the template's rule and scale — the figures of
   * `report.preview`'s status period, so the indicators page says what the report says.
   */
  statuses: organisationProcedure
    .input(z.object({ period: periodInput, grantId: z.uuid().optional() }).strict())
    .output(z.object({ grants: z.array(grantStatusesDto) }))
    .query(({ ctx, input }) =>
      cachedRead(ctx, 'indicator.statuses', input, async () => {
        const narrow = scopeCollection(ctx, { grantIds: input.grantId ? [input.grantId] : [] });
        const reach = await grantsInScope(ctx.readDb, ctx.organisationId, narrow);
        const indicators = await listIndicators(ctx.readDb, ctx.organisationId, {
          grantId: input.grantId,
        });
        const grants = (await listGrants(ctx.readDb, ctx.organisationId)).filter(
          (g) =>
            (!reach || reach.includes(g.id)) &&
            (!input.grantId || g.id === input.grantId) &&
            indicators.some((i) => i.grant?.id === g.id),
        );
        const out: z.infer<typeof grantStatusesDto>[] = [];
        // One grant after the other: each is a round of the report's own queries.
        for (const g of grants) {
          const r = await reportStatuses(ctx.readDb, ctx.organisationId, {
            grant: g.id,
            period: input.period,
          });
          const idOf = new Map(
            indicators.filter((i) => i.grant?.id === g.id).map((i) => [i.code, i.id]),
          );
          out.push(
            r.ok
              ? {
                  grant: { id: g.id, code: g.code },
                  template: r.value.template,
                  statusPeriod: {
                    code: r.value.statusPeriod.code,
                    kind: r.value.statusPeriod.kind,
                    role: r.value.statusPeriod.role,
                    start: r.value.statusPeriod.start,
                    end: r.value.statusPeriod.end,
                    asOf: r.value.statusPeriod.asOf ?? null,
                    label: r.value.statusPeriod.label,
                  },
                  problem: null,
                  items: r.value.items.flatMap((item) => {
                    const id = idOf.get(item.code);
                    return id ? [{ indicatorId: id, ...item }] : [];
                  }),
                }
              : {
                  grant: { id: g.id, code: g.code },
                  template: null,
                  statusPeriod: null,
                  problem: failureText(r.error),
                  items: [],
                },
          );
        }
        return { grants: out };
      }),
    ),

  /**
   * Defines an indicator: its source is read by the engine, a formula must name existing indicators
   * without looping, a cumulative one reports under a results-framework node (its grant's start),
   * a sub-period (`subPeriod`) steps only a `latest`, `max` or `average` indicator over facts.
   */
  create: organisationProcedure
    .input(indicatorFields.extend({ code: z.string().trim().max(200) }).strict())
    .output(indicatorDto)
    .mutation(async ({ ctx, input }) => {
      await requireNodeGrant(ctx, input.nodeId);
      const { code, ...fields } = input;
      const checked = await checkedInput(ctx, code, fields, null);
      const r = await createIndicator(
        ctx.db,
        ctx.organisationId,
        { code, ...checked },
        ctx.actor,
        formulaRecheck(code, fields, null),
      );
      if (!r.ok) failCommand(r.error, indicatorText, ctx.locale);
      const [created] = await listIndicators(ctx.db, ctx.organisationId, { ids: [r.value.id] });
      return must(created, 'the indicator just created');
    }),

  /**
   * The value an indicator would have for a period on today's data, while its definition is being
   * written and before anything is saved (the builder's preview): read by the engine's schema and
   * checks exactly as `create` / `update` read it (refused in the same words), computed as
   * `indicator.values` computes it — the others' formulas included. With `id` (an indicator being
   * corrected) its targets and baseline are beside it; a new one has none yet. Writes nothing.
   */
  preview: organisationProcedure
    .input(
      indicatorFields
        .extend({
          code: z.string().trim().max(200),
          /** the indicator being corrected; null for one being defined */
          id: z.uuid().nullable().default(null),
          period: periodInput,
        })
        .strict(),
    )
    .output(indicatorValueDto)
    .query(async ({ ctx, input }) => {
      const { code, id, period, ...fields } = input;
      const all = await listIndicators(ctx.db, ctx.organisationId);
      const self = id ? all.find((i) => i.id === id) : undefined;
      if (id && !self) failCommand({ kind: 'not-found' }, indicatorText, ctx.locale);
      if (self) await requireIndicators(ctx, [self]);
      await requireNodeGrant(ctx, fields.nodeId);
      const name = self?.code ?? code;
      if (!self && all.some((i) => i.code === name))
        throw toTRPCError(
          { kind: 'duplicate', what: messageText('entity.the-indicator'), value: name },
          ctx.locale,
        );
      const checked = await checkedInput(ctx, name, fields, id);
      const grantId = fields.nodeId
        ? await findResultNodeGrant(ctx.db, ctx.organisationId, fields.nodeId)
        : null;
      const grant = grantId ? await findGrant(ctx.db, ctx.organisationId, grantId) : undefined;
      const node = grant
        ? (await listResultNodes(ctx.db, ctx.organisationId, grant.id)).find(
            (n) => n.id === fields.nodeId,
          )
        : undefined;
      const row: IndicatorRow = {
        ...checked,
        id: self?.id ?? randomUUID(),
        code: name,
        source: checked.source as Record<string, unknown>,
        achievementRule: checked.achievementRule ?? null,
        node: node ? { id: node.id, code: node.code, level: node.level } : null,
        grant: grant
          ? {
              id: grant.id,
              code: grant.code,
              startDate: grant.startDate,
              endDate: grant.endDate,
              fiscalYearStartMonth: grant.fiscalYearStartMonth,
            }
          : null,
      };
      const [value] = await indicatorValues(
        ctx.db,
        ctx.organisationId,
        [row.id],
        [toPeriod(period, ctx.locale)],
        { indicators: [...all.filter((i) => i.id !== row.id), row] },
      );
      return roundedIndicatorValue(must(value, 'the value previewed'));
    }),

  /**
   * Corrects an indicator's definition; its code stays (formulas and reports name it). Once a
   * report of its grant is submitted, what its values mean (source, time rule and sub-period,
   * cumulative, dimensions, unit, direction, grant) is frozen (PRECONDITION_FAILED naming the locked periods);
   * titles and description may still change.
   */
  update: organisationProcedure
    .input(indicatorFields.extend({ id: z.uuid() }).strict())
    .output(indicatorDto)
    .mutation(async ({ ctx, input }) => {
      const [found] = await listIndicators(ctx.db, ctx.organisationId, { ids: [input.id] });
      if (!found) failCommand({ kind: 'not-found' }, indicatorText, ctx.locale);
      await requireIndicators(ctx, [found]);
      await requireNodeGrant(ctx, input.nodeId);
      const { id, ...fields } = input;
      const checked = await checkedInput(ctx, found.code, fields, id);
      // Whether what the values mean changes: refused by the command once a period is locked.
      const changed = changedDefinition(found, checked);
      const r = await updateIndicator(
        ctx.db,
        ctx.organisationId,
        id,
        checked,
        ctx.actor,
        changed,
        formulaRecheck(found.code, fields, id),
      );
      if (!r.ok) failCommand(r.error, indicatorText, ctx.locale);
      const [updated] = await listIndicators(ctx.db, ctx.organisationId, { ids: [id] });
      return must(updated, 'the indicator just updated');
    }),

  /**
   * Removes an indicator defined by mistake, only while nothing depends on it (targets, baseline,
   * values entered by hand, comments, a formula naming it, a submitted report of its grant):
   * otherwise refused (CONFLICT) naming what depends on it and how many. Audited.
   */
  delete: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const [found] = await listIndicators(ctx.db, ctx.organisationId, { ids: [input.id] });
      if (!found) failCommand({ kind: 'not-found' }, indicatorText, ctx.locale);
      await requireIndicators(ctx, [found]);
      const r = await deleteIndicator(ctx.db, ctx.organisationId, input.id, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, indicatorText, ctx.locale);
    }),
});
