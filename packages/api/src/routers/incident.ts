import { messageText } from '../messages';
import {
  createIncident,
  deleteIncident,
  findIncident,
  findIncidentProgramme,
  lookAlikeIncidents,
  incidentSorts,
  listIncidents,
  listRegions,
  updateIncident,
} from '@jalon/db';
import { incidentCategories } from '@jalon/db/schema';
import { must, subPeriods, type IncidentFilter, type Period } from '@jalon/domain';
import { z } from 'zod';
import { clientRequestId, createIdempotent } from '../client-request';
import { entryWarnings, warningDto } from '../entry-warnings';
import { failCommand, toTRPCError } from '../errors';
import { periodDto, periodInput, toPeriod } from '../period-input';
import { requireRecord, scopeCollection } from '../scope';
import { incidentTotals } from '../services/incident-totals';
import { cachedRead } from '../services/read-cache';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

const incidentDto = z.object({
  id: z.string(),
  code: z.string(),
  date: z.iso.date(),
  category: z.enum(incidentCategories),
  deaths: z.number().int(),
  injuries: z.number().int(),
  verified: z.boolean(),
  description: z.string().nullable(),
  place: z.object({ id: z.string(), name: z.string(), path: z.string() }).nullable(),
  programme: z.object({ id: z.string(), code: z.string() }).nullable(),
  version: z.number().int().positive(),
});

const totalsDto = z.object({ incidents: z.number(), deaths: z.number(), injuries: z.number() });

const incidentText = messageText('entity.incident');
const victims = z.number().int('un nombre entier').min(0, 'ne peut pas être négatif').max(100_000);

/** An incident as an early-warning monitor records it. */
export const incidentInput = z
  .object({
    code: z.string().trim().min(1).max(80).optional(),
    date: z.iso.date(),
    category: z.enum(incidentCategories),
    deaths: victims.default(0),
    injuries: victims.default(0),
    verified: z.boolean().default(false),
    placeId: z.uuid().nullable().default(null),
    programmeId: z.uuid().nullable().default(null),
    description: z.string().trim().max(5000).nullable().default(null),
    /** On a create: the client's id for it, so that sending it again writes nothing more. */
    clientRequestId,
  })
  .strict();

/** Probable duplicates and a future date: said in the answer, never a refusal. */
async function warningsFor(
  ctx: ProcedureContext,
  input: z.output<typeof incidentInput>,
  excludeId?: string,
) {
  const alike = await lookAlikeIncidents(ctx.db, ctx.organisationId, input, excludeId);
  return entryWarnings('incident', alike, input.date);
}

const versioned = { id: z.uuid(), version: z.number().int().positive() };

/** The incident exists in the organisation (404 otherwise) and is within the caller's reach (403). */
async function requireIncident(ctx: ProcedureContext, id: string): Promise<void> {
  const found = await findIncidentProgramme(ctx.db, ctx.organisationId, id);
  if (!found) throw toTRPCError({ kind: 'not-found', entity: incidentText }, ctx.locale);
  requireRecord(ctx, { programmeIds: [found.programmeId] });
}

export const incidentRouter = router({
  /**
   * Records an incident. A probable duplicate (same date, place, category, deaths and injuries)
   * or a date to come is saved and warned about (`warnings`); the form asks first with `check`.
   */
  create: organisationProcedure
    .input(incidentInput)
    .output(z.object({ id: z.string(), code: z.string(), warnings: z.array(warningDto) }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, { programmeIds: [input.programmeId] });
      const warnings = await warningsFor(ctx, input);
      const r = await createIdempotent(
        ctx,
        'incident.create',
        input,
        (db) => createIncident(db, ctx.organisationId, input, ctx.actor),
        (first) => Promise.resolve({ id: first.id, code: first.code ?? '' }),
      );
      // A copy sent again answers as the first did: the same record, the same warnings (the
      // look-alikes other than itself).
      if (r.kind === 'replayed')
        return { ...r.value, warnings: await warningsFor(ctx, input, r.value.id) };
      return r.result.ok
        ? { ...r.result.value, warnings }
        : failCommand(r.result.error, incidentText, ctx.locale);
    }),

  /** What saving this incident would be warned about, without saving it (`id`: a correction of it). */
  check: organisationProcedure
    .input(z.object({ id: z.uuid().optional(), incident: incidentInput }).strict())
    .output(z.object({ warnings: z.array(warningDto) }))
    .query(async ({ ctx, input }) => {
      if (input.id) await requireIncident(ctx, input.id);
      requireRecord(ctx, { programmeIds: [input.incident.programmeId] });
      return { warnings: await warningsFor(ctx, input.incident, input.id) };
    }),

  /** One incident of the register, with the version a correction or a removal must name. */
  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(incidentDto)
    .query(async ({ ctx, input }) => {
      const found = await findIncident(ctx.db, ctx.organisationId, input.id);
      if (!found) throw toTRPCError({ kind: 'not-found', entity: incidentText }, ctx.locale);
      requireRecord(ctx, { programmeIds: [found.programme?.id ?? null] });
      return found;
    }),

  /** Corrects an incident read at `version`; a save made in between is a CONFLICT. */
  update: organisationProcedure
    .input(z.object({ ...versioned, incident: incidentInput }).strict())
    .output(
      z.object({
        id: z.string(),
        code: z.string(),
        version: z.number().int(),
        warnings: z.array(warningDto),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requireIncident(ctx, input.id);
      requireRecord(ctx, { programmeIds: [input.incident.programmeId] });
      const warnings = await warningsFor(ctx, input.incident, input.id);
      const r = await updateIncident(
        ctx.db,
        ctx.organisationId,
        input.id,
        input.version,
        input.incident,
        ctx.actor,
      );
      return r.ok ? { ...r.value, warnings } : failCommand(r.error, incidentText, ctx.locale);
    }),

  /** Removes an incident read at `version` (a correction made meanwhile is a CONFLICT). */
  delete: organisationProcedure
    .input(z.object(versioned).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await requireIncident(ctx, input.id);
      const r = await deleteIncident(
        ctx.db,
        ctx.organisationId,
        input.id,
        input.version,
        ctx.actor,
      );
      return r.ok ? r.value : failCommand(r.error, incidentText, ctx.locale);
    }),

  list: organisationProcedure
    .input(
      z
        .object({
          period: periodInput.optional(),
          category: z.enum(incidentCategories).optional(),
          /** only incidents at this place or within it (a region) */
          placeId: z.uuid().optional(),
          verified: z.boolean().optional(),
          /** words of the code or the description; accents and case ignored */
          search: z.string().trim().max(200).optional(),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).max(1_000_000).default(0),
          sort: z.enum(incidentSorts).default('-date'),
        })
        .strict()
        .optional(),
    )
    .output(z.object({ items: z.array(incidentDto), total: z.number().int() }))
    .query(async ({ ctx, input }) => {
      const period = input?.period ? toPeriod(input.period, ctx.locale) : undefined;
      const { programmeIds } = scopeCollection(ctx);
      return listIncidents(ctx.db, ctx.organisationId, {
        programmeIds,
        from: period?.start,
        to: period?.end,
        category: input?.category,
        placeId: input?.placeId,
        verified: input?.verified,
        search: input?.search || undefined,
        limit: input?.limit,
        offset: input?.offset,
        sort: input?.sort,
      });
    }),

  /** Totals for the period, and one row per month, category or region ("116 incidents, 153 morts, 236 blessés"). */
  summary: organisationProcedure
    .input(z.object({ period: periodInput, by: z.enum(['month', 'category', 'region']) }).strict())
    .output(
      z.object({
        period: periodDto,
        totals: totalsDto,
        groups: z.array(totalsDto.extend({ key: z.string(), label: z.string() })),
      }),
    )
    .query(({ ctx, input }) =>
      cachedRead(ctx, 'incident.summary', input, async () => {
        const period = toPeriod(input.period, ctx.locale);
        const groups: { key: string; label: string; period: Period; filter: IncidentFilter }[] =
          input.by === 'month'
            ? subPeriods(period, 'month').map((month) => ({
                key: month.code,
                label: month.code,
                period: month,
                filter: {},
              }))
            : input.by === 'category'
              ? incidentCategories.map((c) => ({
                  key: c,
                  label: c,
                  period,
                  filter: { categories: [c] },
                }))
              : (await listRegions(ctx.db, ctx.organisationId)).map((r) => ({
                  key: r.path,
                  label: r.name,
                  period,
                  filter: { places: [r.path] },
                }));
        const [totals, ...each] = await incidentTotals(ctx.db, ctx.organisationId, [
          { period, filter: {} },
          ...groups,
        ]);
        return {
          period,
          totals: must(totals, 'the totals of the period'),
          groups: groups.map((g, i) => ({
            key: g.key,
            label: g.label,
            ...must(each[i], 'the totals of a group'),
          })),
        };
      }),
    ),
});
