import {
  createProgramme,
  deleteProgramme,
  findProgramme,
  listProgrammes,
  updateProgramme,
} from '@jalon/db';
import { z } from 'zod';
import { failCommand, toTRPCError } from '../errors';
import { requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

export const programmeDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
});

const programmeText = { fr: 'programme', en: 'programme' };

const programmeFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).nullable().default(null),
  })
  .strict();

/** A programme as the network admin opens it; the code is what indicator filters name (`CCS-C`). */
export const programmeInput = programmeFields
  .extend({
    code: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'lettres majuscules, chiffres et tirets (CCS-C)'),
  })
  .strict();

export const programmeRouter = router({
  list: organisationProcedure
    .input(z.object({}).strict().optional())
    .output(z.object({ items: z.array(programmeDto) }))
    .query(async ({ ctx }) => {
      const { programmeIds } = scopeCollection(ctx);
      const items = await listProgrammes(ctx.db, ctx.organisationId);
      return { items: programmeIds ? items.filter((p) => programmeIds.includes(p.id)) : items };
    }),

  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(programmeDto)
    .query(async ({ ctx, input }) => {
      const found = await findProgramme(ctx.db, ctx.organisationId, input.id);
      if (!found)
        throw toTRPCError(
          { kind: 'not-found', entity: { fr: 'programme', en: 'programme' } },
          ctx.locale,
        );
      requireRecord(ctx, { programmeIds: [found.id] });
      return found;
    }),

  /** Opens a programme; its code is then fixed (indicator filters name it). */
  create: organisationProcedure
    .input(programmeInput)
    .output(programmeDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await createProgramme(ctx.db, ctx.organisationId, input, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, programmeText, ctx.locale);
    }),

  /** Renames or re-describes a programme (French and English). */
  update: organisationProcedure
    .input(z.object({ id: z.uuid(), programme: programmeFields }).strict())
    .output(programmeDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, { programmeIds: [input.id] });
      const r = await updateProgramme(
        ctx.db,
        ctx.organisationId,
        input.id,
        input.programme,
        ctx.actor,
      );
      return r.ok ? r.value : failCommand(r.error, programmeText, ctx.locale);
    }),

  /**
   * Removes a programme opened by mistake; refused (CONFLICT, saying what and how many) while
   * activities, incidents, deliverables, grants, programme officers or indicator filters use it.
   */
  delete: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, { programmeIds: [input.id] });
      const r = await deleteProgramme(ctx.db, ctx.organisationId, input.id, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, programmeText, ctx.locale);
    }),
});
