import { findProgramme, listProgrammes } from '@jalon/db';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

export const programmeDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
});

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
});
