import { messageText } from '../messages';
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
  /** The year it started, when known (NEWS: 2011): the bulletin's « depuis 2011 ». */
  sinceYear: z.number().int().nullable(),
  /** Where it runs, ISO 3166-1 alpha-2 (Just Future: six countries); empty when only here. */
  countries: z.array(z.string()),
});

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** An ISO 3166-1 alpha-2 country code that exists (`ML`, `SN`), upper case. */
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z]{2}$/,
    'code pays ISO à deux lettres, comme ML ou SN (a two-letter ISO country code, like ML or SN)',
  )
  .refine(
    // Only two letters are looked up (the pattern above speaks for the rest).
    (c) =>
      !/^[A-Z]{2}$/.test(c) || (regionNames.of(c) !== c && regionNames.of(c) !== 'Unknown Region'),
    'code pays inconnu (unknown country code)',
  );

const programmeText = messageText('entity.programme');

const programmeFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).nullable().default(null),
    /** Left as it is when absent; null clears it. */
    sinceYear: z
      .number()
      .int('une année entière (a whole year)')
      .min(1900, 'année entre 1900 et 2200 (a year between 1900 and 2200)')
      .max(2200, 'année entre 1900 et 2200 (a year between 1900 and 2200)')
      .nullable()
      .optional(),
    /** Left as they are when absent; `[]`: only in the organisation's country. */
    countries: z
      .array(countryCode)
      .max(60)
      .refine(
        (list) => new Set(list).size === list.length,
        'un pays est cité deux fois (a country is listed twice)',
      )
      .optional(),
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
          { kind: 'not-found', entity: messageText('entity.programme') },
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
