import type { TRPCError } from '@trpc/server';
import { initTRPC } from '@trpc/server';
import { XML_FORBIDDEN } from '@jalon/reports';
import { z } from 'zod';
import { authorizeProcedure, type Reach } from './auth/permissions';
import type { Context } from './context';
import { deniedError, toTRPCError } from './errors';
import { message } from './messages';
import { must } from '@jalon/domain';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const validation = cause instanceof z.ZodError ? z.flattenError(cause) : null;
    // An input the schema refused reads as a sentence, not as a JSON dump of issues.
    const text =
      validation && cause instanceof z.ZodError
        ? invalidInputMessage(cause, ctx?.locale ?? 'fr')
        : error.code === 'INTERNAL_SERVER_ERROR'
          ? message('trpc.internal', ctx?.locale ?? 'fr')
          : shape.message;
    return { ...shape, message: text, data: { ...shape.data, stack: undefined, validation } };
  },
});

function invalidInputMessage(error: z.ZodError, locale: 'fr' | 'en'): string {
  const issues = error.issues.map(
    (i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`,
  );
  return message('trpc.invalid-input', locale, { issues });
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
  const forbidden = forbiddenCharacterIn(await getRawInput());
  if (forbidden) throw forbiddenCharacterError(forbidden, ctx.locale);
  const actor = must(ctx.actor, 'the signed-in user');
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

/** Where a text of an input holds a character it may not, and which. */
export interface ForbiddenCharacter {
  /** the field, as a path (`activity.title`, `participants.2.displayName`) */
  path: string;
  /** the character as `U+0001` */
  codePoint: string;
}

/**
 * The first text of an input (a value or a key, at any depth) holding a character XML 1.0
 * forbids: the C0 controls but tab and line breaks (NUL included, which PostgreSQL's text cannot
 * hold either), U+FFFE, U+FFFF and lone surrogates. Checked once here, before any procedure's
 * schema, so that no text field of any procedure — today's or tomorrow's — lets into the data a
 * character that would make the IATI file (or a workbook's XML) unreadable.
 */
export function forbiddenCharacterIn(
  value: unknown,
  path: (string | number)[] = [],
): ForbiddenCharacter | null {
  const found = (s: string, at: (string | number)[]) => {
    const m = XML_FORBIDDEN.exec(s);
    if (!m) return null;
    const code = must(m[0].codePointAt(0), 'the code point of a matched character')
      .toString(16)
      .toUpperCase()
      .padStart(4, '0');
    return { path: at.length ? at.join('.') : 'input', codePoint: `U+${code}` };
  };
  if (typeof value === 'string') return found(value, path);
  if (value === null || typeof value !== 'object' || path.length > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    const hit = found(k, [...path, k]) ?? forbiddenCharacterIn(v, [...path, k]);
    if (hit) return hit;
  }
  return null;
}

function forbiddenCharacterError(hit: ForbiddenCharacter, locale: 'fr' | 'en'): TRPCError {
  return toTRPCError({ kind: 'control-character', ...hit }, locale);
}

/** A procedure anyone may call, signed in or not (what the session is, the sign-in page). */
export const openProcedure = t.procedure.use(async ({ ctx, path, next, getRawInput }) => {
  const gate = authorizeProcedure(ctx.actor, path);
  if (!gate.allow) throw deniedError(gate.reason, ctx.locale);
  const forbidden = forbiddenCharacterIn(await getRawInput());
  if (forbidden) throw forbiddenCharacterError(forbidden, ctx.locale);
  return next({ ctx: { ...ctx, procedurePath: path } });
});

export type ProcedureContext = Context & {
  actor: NonNullable<Context['actor']>;
  organisationId: string;
  procedurePath: string;
  reach: Reach | null;
};
