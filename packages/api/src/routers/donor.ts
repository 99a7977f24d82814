import { messageText } from '../messages';
import { createDonor, deleteDonor, findDonor, listDonors, updateDonor } from '@jalon/db';
import { z } from 'zod';
import { failCommand, toTRPCError } from '../errors';
import { requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

export const donorDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  iatiRef: z.string().nullable(),
  grants: z.number().int().nonnegative(),
});

const donorText = messageText('entity.donor');

export const donorInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'lettres, chiffres, points et tirets (PNUD, NL-MFA)'),
    name: z.string().trim().min(1).max(200),
    /** the donor's IATI organisation identifier (`XM-DAC-7`) */
    iatiRef: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'un identifiant IATI (XM-DAC-7)')
      .nullable()
      .default(null),
  })
  .strict();

export const donorRouter = router({
  list: organisationProcedure
    .input(
      z
        .object({
          search: z.string().trim().min(1).max(100).optional(),
          sort: z.enum(['code', 'name']).default('code'),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).max(1_000_000).default(0),
        })
        .strict()
        .optional(),
    )
    .output(z.object({ items: z.array(donorDto), total: z.number().int().nonnegative() }))
    .query(async ({ ctx, input }) => {
      scopeCollection(ctx);
      return listDonors(ctx.db, ctx.organisationId, input ?? {});
    }),

  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(donorDto)
    .query(async ({ ctx, input }) => {
      const found = await findDonor(ctx.db, ctx.organisationId, input.id);
      if (!found) throw toTRPCError({ kind: 'not-found', entity: donorText }, ctx.locale);
      requireRecord(ctx, {});
      return found;
    }),

  create: organisationProcedure
    .input(donorInput)
    .output(donorDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await createDonor(ctx.db, ctx.organisationId, input, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, donorText, ctx.locale);
    }),

  update: organisationProcedure
    .input(z.object({ id: z.uuid(), donor: donorInput }).strict())
    .output(donorDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await updateDonor(ctx.db, ctx.organisationId, input.id, input.donor, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, donorText, ctx.locale);
    }),

  /** Removes a donor entered by mistake; refused (CONFLICT) while a grant names it. */
  delete: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await deleteDonor(ctx.db, ctx.organisationId, input.id, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, donorText, ctx.locale);
    }),
});
