import { activityRoles, activityTypes, countQualifiers, findActivity, listActivities, placeLevels } from '@jalon/db';
import { parsePeriod } from '@jalon/domain';
import { z } from 'zod';
import { toTRPCError } from '../errors';
import { organisationProcedure, router } from '../trpc';

const countDto = z.object({ value: z.number().int().nonnegative(), qualifier: z.enum(countQualifiers) });

export const activityDto = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  type: z.enum(activityTypes),
  role: z.enum(activityRoles),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  sessions: z.number().int().positive(),
  programme: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() }),
  places: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.enum(placeLevels) })),
  participants: z
    .object({
      total: countDto.nullable(),
      cells: z.array(
        z.object({
          key: z.record(z.string(), z.string()),
          value: z.number().int().nonnegative(),
          qualifier: z.enum(countQualifiers),
        }),
      ),
    })
    .nullable(),
});

export const activityListInput = z
  .object({
    /** A period code the domain understands: `2023-Q2`, `2023`, `2023-04`, `2023-04-01..2023-05-15`… */
    period: z.string().trim().min(1).max(40).optional(),
    programmeId: z.uuid().optional(),
    programmeCode: z.string().trim().min(1).max(40).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const activityRouter = router({
  list: organisationProcedure
    .input(activityListInput.optional())
    .output(z.object({ items: z.array(activityDto), total: z.number().int().nonnegative() }))
    .query(async ({ ctx, input }) => {
      const filter = activityListInput.parse(input ?? {});
      let from: string | undefined;
      let to: string | undefined;
      if (filter.period) {
        const period = parsePeriod(filter.period);
        if (!period.ok) throw toTRPCError({ kind: 'invalid-input', message: period.error.message }, ctx.locale);
        ({ start: from, end: to } = period.value);
      }
      return listActivities(ctx.db, ctx.organisationId, { ...filter, from, to });
    }),

  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(activityDto)
    .query(async ({ ctx, input }) => {
      const found = await findActivity(ctx.db, ctx.organisationId, input.id);
      if (!found) throw toTRPCError({ kind: 'not-found', entity: { fr: 'activité', en: 'activity' } }, ctx.locale);
      return found;
    }),
});
