import { messageText } from '../messages';
import { randomBytes } from 'node:crypto';
import {
  addMember,
  deactivateMember,
  listMembers,
  resetMemberPassword,
  setMemberRole,
} from '@jalon/db';
import { roles } from '@jalon/db/schema';
import { z } from 'zod';
import { hashPassword } from '../auth/password';
import { failCommand, toTRPCError } from '../errors';
import { requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router } from '../trpc';

const memberText = messageText('entity.member');

const access = {
  role: z.enum(roles),
  /** a programme officer's programmes */
  programmeIds: z.array(z.uuid()).max(100).default([]),
  /** a donor viewer's grants */
  grantIds: z.array(z.uuid()).max(100).default([]),
};

const memberDto = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  programmeIds: z.array(z.string()),
  grantIds: z.array(z.string()),
});

/** Lower-case letters and digits without look-alikes (no 0/o, 1/l): read aloud or copied once. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A temporary password: 20 characters drawn from 32 (100 bits), in groups of five for reading it
 * out (`k7mqd-3xnpa-…`). Long rather than complex, as current guidance asks.
 */
export function temporaryPassword(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export const userRouter = router({
  /** The organisation's members, their roles and what those roles are limited to. */
  list: organisationProcedure
    .output(z.object({ items: z.array(memberDto) }))
    .query(async ({ ctx }) => {
      scopeCollection(ctx);
      return { items: await listMembers(ctx.db, ctx.organisationId) };
    }),

  /**
   * Gives a person a role: a new account with a temporary password, answered once here and never
   * stored in clear (she changes it after signing in); or, for an address that already has an
   * account (a member deactivated earlier, a member of another network), the role alone.
   */
  create: organisationProcedure
    .input(
      z
        .object({
          email: z.string().trim().toLowerCase().pipe(z.email().max(200)),
          name: z.string().trim().min(1).max(200),
          locale: z.enum(['fr', 'en']).default('fr'),
          ...access,
        })
        .strict(),
    )
    .output(z.object({ userId: z.string(), temporaryPassword: z.string().nullable() }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const password = temporaryPassword();
      const r = await addMember(
        ctx.db,
        ctx.organisationId,
        { ...input, passwordHash: await hashPassword(password) },
        ctx.actor,
      );
      if (!r.ok && r.error.kind === 'duplicate-code')
        throw toTRPCError(
          { kind: 'duplicate', what: messageText('entity.the-member'), value: r.error.code },
          ctx.locale,
        );
      if (!r.ok) return failCommand(r.error, memberText, ctx.locale);
      return {
        userId: r.value.userId,
        temporaryPassword: r.value.created ? password : null,
      };
    }),

  /** Changes a member's role and scopes; the last network admin keeps hers (refused in words). */
  setRole: organisationProcedure
    .input(z.object({ userId: z.uuid(), ...access }).strict())
    .output(z.object({ userId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const { userId, ...role } = input;
      const r = await setMemberRole(ctx.db, ctx.organisationId, userId, role, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, memberText, ctx.locale);
    }),

  /**
   * Takes a member's access away at once (her role ends, her sessions close); her account and
   * what she recorded stay. The last network admin cannot be deactivated.
   */
  deactivate: organisationProcedure
    .input(z.object({ userId: z.uuid() }).strict())
    .output(z.object({ userId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const r = await deactivateMember(ctx.db, ctx.organisationId, input.userId, ctx.actor);
      return r.ok ? r.value : failCommand(r.error, memberText, ctx.locale);
    }),

  /**
   * Gives a member who lost her password a temporary one, answered once here and never stored in
   * clear; every session of hers closes at once (they were opened with the old password). Audited
   * without the password. Refused for an account another network opened.
   */
  resetPassword: organisationProcedure
    .input(z.object({ userId: z.uuid() }).strict())
    .output(
      z.object({ userId: z.string(), temporaryPassword: z.string(), sessionsClosed: z.number() }),
    )
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, {});
      const password = temporaryPassword();
      const r = await resetMemberPassword(
        ctx.db,
        ctx.organisationId,
        input.userId,
        await hashPassword(password),
        ctx.actor,
      );
      if (!r.ok) return failCommand(r.error, memberText, ctx.locale);
      return { ...r.value, temporaryPassword: password };
    }),
});
