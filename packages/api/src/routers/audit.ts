import { listAuditEntries } from '@jalon/db';
import { z } from 'zod';
import { scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

const entryDto = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  user: z.object({ id: z.string(), email: z.string().nullable() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

export const auditRouter = router({
  /**
   * The organisation's audit trail, newest first: who (with her email; null for the system), when,
   * what, the values before and after and the reason given. Filtered by record (`entity`, `entityId`),
   * user, date-time range and words (`search`), paged.
   */
  list: organisationProcedure
    .input(
      z
        .object({
          entity: z.string().trim().min(1).max(40).optional(),
          entityId: z.string().trim().min(1).max(80).optional(),
          userId: z.uuid().optional(),
          from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
          to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
          /** Words anywhere in the entry, its values before and after included; accents ignored. */
          search: z.string().trim().max(200).optional(),
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).max(1_000_000).default(0),
        })
        .strict()
        .refine((f) => !f.from || !f.to || f.from <= f.to, {
          path: ['to'],
          message: 'la fin précède le début',
        })
        .optional(),
    )
    .output(z.object({ items: z.array(entryDto), total: z.number().int().nonnegative() }))
    .query(async ({ ctx, input }) => {
      scopeCollection(ctx);
      const filter = input ?? { limit: 50, offset: 0 };
      // A bare date as the end means the whole of that day.
      const to = filter.to && filter.to.length === 10 ? `${filter.to}T23:59:59.999Z` : filter.to;
      const from =
        filter.from && filter.from.length === 10 ? `${filter.from}T00:00:00Z` : filter.from;
      return listAuditEntries(ctx.db, ctx.organisationId, {
        ...filter,
        from,
        to,
        search: filter.search || undefined,
      });
    }),
});
