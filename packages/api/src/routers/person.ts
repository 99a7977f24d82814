import { listPersons, PERSON_SORTS } from '@jalon/db';
import { z } from 'zod';
import { scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';
import { attendanceCategories } from './attendance';

export const personDto = z.object({
  id: z.string(),
  code: z.string(),
  displayName: z.string().nullable(),
  sex: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  disability: z.boolean().nullable(),
  category: z.string().nullable(),
  /** Activities she attended (within the caller's reach). */
  participations: z.number().int().nonnegative(),
  /** The last day she was seen (within the caller's reach). */
  lastSeen: z.string().nullable(),
});

export const personRouter = router({
  /**
   * The register of named participants: searched by code or name (accents ignored), filtered by
   * sex and category, sorted, paged. The M&E team and management see the organisation's; a
   * programme officer the people seen at her programmes' activities; donors never see names.
   */
  list: organisationProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(200).optional(),
          sex: z.enum(attendanceCategories.sex).optional(),
          category: z.enum(attendanceCategories.category).optional(),
          programmeId: z.uuid().optional(),
          sort: z.enum(PERSON_SORTS).optional(),
          limit: z.number().int().min(1).max(500).default(50),
          offset: z.number().int().min(0).max(1_000_000).default(0),
        })
        .strict()
        .optional(),
    )
    .output(z.object({ items: z.array(personDto), total: z.number().int().nonnegative() }))
    .query(async ({ ctx, input }) => {
      const filter = input ?? { limit: 50, offset: 0 };
      const asked = filter.programmeId ? [filter.programmeId] : undefined;
      const narrow = scopeCollection(ctx, { programmeIds: asked ?? [] });
      // The programme asked for, within the caller's reach (her programmes when she has one).
      const programmeIds =
        narrow.programmeIds && asked
          ? narrow.programmeIds.filter((id) => asked.includes(id))
          : (narrow.programmeIds ?? asked);
      return listPersons(ctx.readDb, ctx.organisationId, {
        ...filter,
        search: filter.search || undefined,
        programmeIds,
      });
    }),
});
