import { findGrant, listGrants, listResultNodes, resultLevels } from '@jalon/db';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { grantsInScope, requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

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
    .output(grantDto.extend({ framework: z.array(nodeDto) }))
    .query(async ({ ctx, input }) => {
      const found = await findGrant(ctx.db, ctx.organisationId, input.id);
      if (!found)
        throw toTRPCError(
          { kind: 'not-found', entity: { fr: 'subvention', en: 'grant' } },
          ctx.locale,
        );
      requireRecord(ctx, { programmeIds: found.programmes.map((p) => p.id), grantIds: [found.id] });
      return { ...found, framework: await listResultNodes(ctx.db, ctx.organisationId, found.id) };
    }),
});
