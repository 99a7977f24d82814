import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authorizeProcedure, type Reach } from './auth/permissions';
import type { Context } from './context';
import { deniedError } from './errors';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const validation = cause instanceof z.ZodError ? z.flattenError(cause) : null;
    // An input the schema refused reads as a sentence, not as a JSON dump of issues.
    const message =
      validation && cause instanceof z.ZodError
        ? invalidInputMessage(cause, ctx?.locale ?? 'fr')
        : error.code === 'INTERNAL_SERVER_ERROR'
          ? ctx?.locale === 'en'
            ? 'Internal error: the server could not complete the request.'
            : 'Erreur interne : le serveur n’a pas pu traiter la demande.'
          : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined, validation } };
  },
});

function invalidInputMessage(error: z.ZodError, locale: 'fr' | 'en'): string {
  const parts = error.issues.map(
    (i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`,
  );
  return (locale === 'en' ? 'Invalid input — ' : 'Saisie invalide — ') + parts.join('; ');
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure that touches an organisation's data. Before anything else (before its input
 * is even parsed) the caller must be signed in and her role allowed by the procedure's declared
 * permission (auth/permissions.ts: an undeclared procedure is refused). The procedure then holds
 * the records and collections it touches to her reach with `requireRecord` and `scopeCollection`
 * (scope.ts), and every query is filtered by `organisationId`, which is always the actor's.
 */
export const organisationProcedure = t.procedure.use(async ({ ctx, path, next, getRawInput }) => {
  const gate = authorizeProcedure(ctx.actor, path);
  if (!gate.allow) throw deniedError(gate.reason, ctx.locale);
  if (holdsNul(await getRawInput())) throw nulError(ctx.locale);
  const actor = ctx.actor!;
  return next({
    ctx: {
      ...ctx,
      actor,
      organisationId: actor.organisationId,
      procedurePath: path,
      reach: gate.reach,
    },
  });
});

/**
 * PostgreSQL text cannot hold the NUL character: an input carrying one anywhere is refused here
 * (400) rather than failing in the database (500).
 */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || holdsNul(v, depth + 1));
}

function nulError(locale: 'fr' | 'en'): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message:
      locale === 'en'
        ? 'Invalid input — text may not contain the NUL character (\\0).'
        : 'Saisie invalide — un texte ne peut pas contenir le caractère NUL (\\0).',
  });
}

/** A procedure anyone may call, signed in or not (what the session is, the sign-in page). */
export const openProcedure = t.procedure.use(({ ctx, path, next }) => {
  const gate = authorizeProcedure(ctx.actor, path);
  if (!gate.allow) throw deniedError(gate.reason, ctx.locale);
  return next({ ctx: { ...ctx, procedurePath: path } });
});

export type ProcedureContext = Context & {
  actor: NonNullable<Context['actor']>;
  organisationId: string;
  procedurePath: string;
  reach: Reach | null;
};
