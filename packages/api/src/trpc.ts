import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context';
import { toTRPCError } from './errors';

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
export const publicProcedure = t.procedure;

/** A procedure that acts for an organisation: refuses to run without one. */
export const organisationProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.organisationId) throw toTRPCError({ kind: 'no-organisation' }, ctx.locale);
  return next({ ctx: { ...ctx, organisationId: ctx.organisationId } });
});
