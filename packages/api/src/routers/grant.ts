import { messageText } from '../messages';
import {
  addResultNode,
  createGrant,
  deleteGrant,
  findGrant,
  findResultNodeGrant,
  listGrants,
  listResultNodes,
  moveResultNode,
  removeResultNode,
  updateGrant,
  updateResultNode,
} from '@jalon/db';
import { resultLevels } from '@jalon/db/schema';
import { builtInTemplates, templateName } from '@jalon/reports';
import { z } from 'zod';
import { failCommand, toTRPCError } from '../errors';
import { grantsInScope, requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';
import { must } from '@jalon/domain';

export const grantDto = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  currency: z.string(),
  amount: z.number().nullable(),
  fiscalYearStartMonth: z.number().int(),
  reportTemplate: z.string(),
  iatiIdentifier: z.string().nullable(),
  donorReference: z.string().nullable(),
  titleEn: z.string().nullable(),
  businessUnit: z.string().nullable(),
  projectId: z.string().nullable(),
  donor: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    iatiRef: z.string().nullable(),
  }),
  programmes: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});

const nodeDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(resultLevels),
  code: z.string(),
  title: z.string(),
  titleEn: z.string(),
  assumptions: z.string().nullable(),
});

const grantText = messageText('entity.grant');
const nodeText = messageText('entity.result-node');
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);

/** A grant as the M&E officer records it from the agreement. */
const grantFields = z
  .object({
    donorId: z.uuid(),
    title: z.string().trim().min(1).max(300),
    titleEn: optionalText(300),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'un code ISO 4217 en majuscules (XOF, USD, EUR)')
      .default('XOF'),
    amount: z.number().nonnegative().max(1e13).nullable().default(null),
    /** the month the donor's fiscal year starts: 10 for USAID, 1 for most */
    fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
    reportTemplate: z
      .string()
      .refine((id) => builtInTemplates.some((t) => t.id === id), {
        message: `un modèle de rapport connu (${builtInTemplates.map((t) => t.id).join(', ')})`,
      })
      .default('generic'),
    iatiIdentifier: optionalText(150),
    donorReference: optionalText(100),
    /** UNDP's business unit (`MLI10`) */
    businessUnit: optionalText(40),
    projectId: optionalText(100),
    programmeIds: z.array(z.uuid()).max(50).default([]),
  })
  .strict();

const datesInOrder = <T extends { startDate: string; endDate: string }>(g: T) =>
  g.endDate >= g.startDate;
const datesMessage = { message: 'la date de fin précède la date de début', path: ['endDate'] };

export const grantInput = grantFields
  .extend({
    code: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'lettres, chiffres, points et tirets (PROSMED-CCSC)'),
  })
  .strict()
  .refine(datesInOrder, datesMessage);

const nodeFields = z
  .object({
    code: z.string().trim().min(1).max(40),
    title: z.string().trim().min(1).max(500),
    titleEn: z.string().trim().min(1).max(500),
    assumptions: z.string().trim().max(5000).nullable().default(null),
  })
  .strict();

/** The grant exists in the organisation (404) and is within the caller's reach (403). */
async function requireGrant(ctx: ProcedureContext, id: string) {
  const found = await findGrant(ctx.db, ctx.organisationId, id);
  if (!found) throw toTRPCError({ kind: 'not-found', entity: grantText }, ctx.locale);
  requireRecord(ctx, { programmeIds: found.programmes.map((p) => p.id), grantIds: [found.id] });
  return found;
}

async function requireNode(ctx: ProcedureContext, id: string) {
  const grantId = await findResultNodeGrant(ctx.db, ctx.organisationId, id);
  if (!grantId) throw toTRPCError({ kind: 'not-found', entity: nodeText }, ctx.locale);
  await requireGrant(ctx, grantId);
}

export const grantRouter = router({
  list: organisationProcedure
    .input(z.object({}).strict().optional())
    .output(z.object({ items: z.array(grantDto) }))
    .query(async ({ ctx }) => {
      const reach = await grantsInScope(ctx.db, ctx.organisationId, scopeCollection(ctx));
      const items = await listGrants(ctx.db, ctx.organisationId);
      return { items: reach ? items.filter((g) => reach.includes(g.id)) : items };
    }),

  /** A grant with its results framework (impact → outcomes → outputs, parents first). */
  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(
      grantDto.extend({
        framework: z.array(nodeDto),
        /** the report template's name (the grant stores its id), null for an unknown id */
        reportTemplateName: z.object({ fr: z.string(), en: z.string() }).nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const found = await findGrant(ctx.db, ctx.organisationId, input.id);
      if (!found)
        throw toTRPCError({ kind: 'not-found', entity: messageText('entity.grant') }, ctx.locale);
      requireRecord(ctx, { programmeIds: found.programmes.map((p) => p.id), grantIds: [found.id] });
      return {
        ...found,
        framework: await listResultNodes(ctx.db, ctx.organisationId, found.id),
        reportTemplateName: templateName(found.reportTemplate),
      };
    }),

  /** Records a grant: its donor, programmes, dates, currency and amount, calendar and report template. */
  create: organisationProcedure
    .input(grantInput)
    .output(grantDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, { programmeIds: input.programmeIds });
      const r = await createGrant(ctx.db, ctx.organisationId, input, ctx.actor);
      if (!r.ok) failCommand(r.error, grantText, ctx.locale);
      return must(
        await findGrant(ctx.db, ctx.organisationId, r.value.id),
        'the grant just saved, read back',
      );
    }),

  /** Corrects a grant (its code stays); its calendar is fixed once a report locked one of its periods. */
  update: organisationProcedure
    .input(
      z.object({ id: z.uuid(), grant: grantFields.refine(datesInOrder, datesMessage) }).strict(),
    )
    .output(grantDto)
    .mutation(async ({ ctx, input }) => {
      await requireGrant(ctx, input.id);
      requireRecord(ctx, { programmeIds: input.grant.programmeIds, grantIds: [input.id] });
      const r = await updateGrant(ctx.db, ctx.organisationId, input.id, input.grant, ctx.actor);
      if (!r.ok) failCommand(r.error, grantText, ctx.locale);
      return must(
        await findGrant(ctx.db, ctx.organisationId, input.id),
        'the grant just saved, read back',
      );
    }),

  /**
   * Removes a grant recorded by mistake, with its empty results framework; refused (CONFLICT,
   * saying what and how many) while activities, indicators, submitted reports, locked periods,
   * comments, donor viewers or indicator filters use it.
   */
  delete: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await requireGrant(ctx, input.id);
      const r = await deleteGrant(ctx.db, ctx.organisationId, input.id, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, grantText, ctx.locale);
    }),

  /** Adds an impact, an outcome (under the impact or at the top) or an output (under an outcome). */
  addNode: organisationProcedure
    .input(
      nodeFields
        .extend({
          grantId: z.uuid(),
          level: z.enum(resultLevels),
          parentId: z.uuid().nullable().default(null),
        })
        .strict(),
    )
    .output(nodeDto)
    .mutation(async ({ ctx, input }) => {
      await requireGrant(ctx, input.grantId);
      const { grantId, ...node } = input;
      const r = await addResultNode(ctx.db, ctx.organisationId, grantId, node, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, nodeText, ctx.locale);
    }),

  /** Retitles a node or changes its code; its level and parent stay. */
  updateNode: organisationProcedure
    .input(z.object({ id: z.uuid(), node: nodeFields }).strict())
    .output(nodeDto)
    .mutation(async ({ ctx, input }) => {
      await requireNode(ctx, input.id);
      const r = await updateResultNode(ctx.db, ctx.organisationId, input.id, input.node, ctx.actor);
      if (!r.ok) failCommand(r.error, nodeText, ctx.locale);
      const { grantId: _grant, ...node } = r.value;
      return node;
    }),

  /**
   * Moves a node (with its children and indicators) under another node of its grant, or to the
   * top (`parentId: null`); its level stays, and a place that does not suit it is refused in words
   * (« Un produit se range sous un effet, pas sous un impact (IMP). »).
   */
  moveNode: organisationProcedure
    .input(z.object({ id: z.uuid(), parentId: z.uuid().nullable() }).strict())
    .output(nodeDto)
    .mutation(async ({ ctx, input }) => {
      await requireNode(ctx, input.id);
      const r = await moveResultNode(
        ctx.db,
        ctx.organisationId,
        input.id,
        input.parentId,
        ctx.actor,
      );
      if (!r.ok) failCommand(r.error, nodeText, ctx.locale);
      const { grantId: _grant, ...node } = r.value;
      return node;
    }),

  /** Removes a node without children or indicators (CONFLICT otherwise). */
  removeNode: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await requireNode(ctx, input.id);
      const r = await removeResultNode(ctx.db, ctx.organisationId, input.id, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, nodeText, ctx.locale);
    }),
});
