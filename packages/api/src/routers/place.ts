import { messageText } from '../messages';
import { createPlace, deletePlace, findPlace, listPlaces, updatePlace } from '@jalon/db';
import { placeLevels } from '@jalon/db/schema';
import { z } from 'zod';
import { failCommand, toTRPCError } from '../errors';
import { requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

export const placeDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  level: z.enum(placeLevels),
  path: z.string(),
});

const placeText = messageText('entity.place');

/** Upper-case letters, digits and hyphens, as the seed writes them (`ML-NIORO-DU-SAHEL`). */
const placeCode = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'lettres majuscules, chiffres et tirets (ML-MOPTI)');
const placeName = z.string().trim().min(1).max(200);

export const placeInput = z
  .object({
    code: placeCode,
    name: placeName,
    level: z.enum(placeLevels),
    parentId: z.uuid().nullable().default(null),
  })
  .strict();

export const placeRouter = router({
  /** Regions, cercles… of the organisation: by level, under a parent, or by part of the name. */
  list: organisationProcedure
    .input(
      z
        .object({
          level: z.enum(placeLevels).optional(),
          parentId: z.uuid().optional(),
          search: z.string().trim().min(1).max(100).optional(),
          sort: z.enum(['path', 'name']).default('path'),
          limit: z.number().int().min(1).max(1000).default(200),
          offset: z.number().int().min(0).max(1_000_000).default(0),
        })
        .strict()
        .optional(),
    )
    .output(z.object({ items: z.array(placeDto), total: z.number().int().nonnegative() }))
    .query(async ({ ctx, input }) => {
      scopeCollection(ctx);
      return listPlaces(ctx.db, ctx.organisationId, input ?? {});
    }),

  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(placeDto)
    .query(async ({ ctx, input }) => {
      const found = await findPlace(ctx.db, ctx.organisationId, input.id);
      if (!found) throw toTRPCError({ kind: 'not-found', entity: placeText }, ctx.locale);
      requireRecord(ctx, {});
      return found;
    }),

  /** A place under a parent of the right level (a cercle under a region); its path follows from the codes. */
  create: organisationProcedure
    .input(placeInput)
    .output(placeDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await createPlace(ctx.db, ctx.organisationId, input, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, placeText, ctx.locale);
    }),

  /**
   * Renames a place, or moves it under another parent of the right level (`parentId`): its path and
   * every descendant's are rewritten in one transaction, with the indicator filters that named them.
   * Moving a place under itself or under a place it contains is refused. Its code and level stay.
   */
  update: organisationProcedure
    .input(
      z
        .object({
          id: z.uuid(),
          name: placeName.optional(),
          parentId: z.uuid().nullable().optional(),
        })
        .strict()
        .refine((v) => v.name !== undefined || v.parentId !== undefined, {
          message: 'un nouveau nom (name) ou un nouveau parent (parentId)',
        }),
    )
    .output(placeDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const { id, ...change } = input;
      const r = await updatePlace(ctx.db, ctx.organisationId, id, change, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, placeText, ctx.locale);
    }),

  /**
   * Removes a place recorded by mistake; refused (CONFLICT, saying what and how many) while places
   * under it, activities, incidents or indicator filters still use it.
   */
  delete: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await deletePlace(ctx.db, ctx.organisationId, input.id, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, placeText, ctx.locale);
    }),
});
