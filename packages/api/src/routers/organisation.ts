import { messageText } from '../messages';
import { findOrganisationSettings, updateOrganisationSettings } from '@jalon/db';
import { z } from 'zod';
import { failCommand, toTRPCError } from '../errors';
import { requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

const settingsDto = z.object({ separationOfDuties: z.boolean() });
const organisationText = messageText('entity.organisation');

/** The organisation's own settings: read by its staff, changed by its network administrator. */
export const organisationRouter = router({
  settings: organisationProcedure
    .input(z.object({}).strict().optional())
    .output(settingsDto)
    .query(async ({ ctx }) => {
      scopeCollection(ctx);
      const found = await findOrganisationSettings(ctx.db, ctx.organisationId);
      if (!found) throw toTRPCError({ kind: 'not-found', entity: organisationText }, ctx.locale);
      return found;
    }),

  /**
   * Separation of duties on or off: on (the default), whoever submitted a record cannot validate
   * it. Audited with its before and after.
   */
  updateSettings: organisationProcedure
    .input(settingsDto.strict())
    .output(settingsDto)
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await updateOrganisationSettings(ctx.db, ctx.organisationId, input, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, organisationText, ctx.locale);
    }),
});
