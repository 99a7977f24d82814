import { messageText } from '../messages';
import { changeOwnPassword, findOrganisationById, findUserById } from '@jalon/db';
import { roles } from '@jalon/db/schema';
import { z } from 'zod';
import { authorizeProcedure, permissions } from '../auth/permissions';
import type { SessionActor } from '../auth/sessions';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordProblem, PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { failCommand, toTRPCError } from '../errors';
import { openProcedure, organisationProcedure, router } from '../trpc';

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
    /** her password is a temporary one, to be replaced before anything else */
    mustChangePassword: z.boolean(),
    /** every procedure the role may call (within its reach): what the interface offers */
    procedures: z.array(z.string()),
  })
  .nullable();

const accountText = messageText('entity.account');

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
        mustChangePassword: session?.mustChangePassword ?? false,
        procedures: Object.keys(permissions).filter(
          (path) => authorizeProcedure(actor, path).allow,
        ),
      };
    }),

  /**
   * The signed-in person replaces her own password, giving the current one: the new one follows
   * the policy (`passwordProblem`: length over complexity, common passwords refused). Her other
   * sessions close; the one she is using stays open. Audited without either password.
   */
  changePassword: organisationProcedure
    .input(
      z
        .object({
          current: z.string().min(1).max(PASSWORD_MAX_LENGTH),
          next: z.string().max(PASSWORD_MAX_LENGTH * 4),
        })
        .strict(),
    )
    .output(z.object({ sessionsClosed: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const userId = ctx.actor.userId;
      const user = userId ? await findUserById(ctx.db, userId) : undefined;
      if (!user) throw toTRPCError({ kind: 'not-found', entity: accountText }, ctx.locale);
      if (!user.passwordHash || !(await verifyPassword(input.current, user.passwordHash)))
        throw toTRPCError(
          {
            kind: 'invalid-input',
            message: messageText('session.wrong-password'),
          },
          ctx.locale,
        );
      const problem = passwordProblem(input.next, { email: user.email });
      if (problem) throw toTRPCError({ kind: 'invalid-input', message: problem }, ctx.locale);
      const r = await changeOwnPassword(
        ctx.db,
        ctx.organisationId,
        user.id,
        await hashPassword(input.next),
        isSession(ctx.actor) ? ctx.actor.sessionId : null,
      );
      if (!r.ok) return failCommand(r.error, accountText, ctx.locale);
      return { sessionsClosed: r.value.sessionsClosed };
    }),
});
