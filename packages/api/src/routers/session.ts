import { findOrganisationById } from '@jalon/db';
import { roles } from '@jalon/db/schema';
import { z } from 'zod';
import { authorizeProcedure, permissions } from '../auth/permissions';
import type { SessionActor } from '../auth/sessions';
import { openProcedure, router } from '../trpc';

const meDto = z
  .object({
    user: z.object({
      id: z.string().nullable(),
      email: z.string().nullable(),
      name: z.string().nullable(),
      locale: z.enum(['fr', 'en']).nullable(),
    }),
    organisation: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    role: z.enum(roles),
    programmeIds: z.array(z.string()),
    grantIds: z.array(z.string()),
    expiresAt: z.string().nullable(),
    /** every procedure the role may call (within its reach): what the interface offers */
    procedures: z.array(z.string()),
  })
  .nullable();

const isSession = (a: unknown): a is SessionActor =>
  typeof a === 'object' && a !== null && 'sessionId' in a;

export const sessionRouter = router({
  /** Who is signed in, in which organisation, with which role and reach; null when nobody is. */
  me: openProcedure
    .input(z.object({}).strict().optional())
    .output(meDto)
    .query(async ({ ctx }) => {
      const actor = ctx.actor;
      if (!actor) return null;
      const organisation = await findOrganisationById(ctx.db, actor.organisationId);
      if (!organisation) return null;
      const session = isSession(actor) ? actor : null;
      return {
        user: {
          id: actor.userId,
          email: session?.email ?? null,
          name: session?.name ?? null,
          locale: session?.locale ?? null,
        },
        organisation,
        role: actor.role,
        programmeIds: actor.programmeIds,
        grantIds: actor.grantIds,
        expiresAt: session?.expiresAt.toISOString() ?? null,
        procedures: Object.keys(permissions).filter(
          (path) => authorizeProcedure(actor, path).allow,
        ),
      };
    }),
});
