import type { ApprovalAction, ApprovalFailure, Database } from '@jalon/db';
import { MIN_REASON_LENGTH, type Result } from '@jalon/domain';
import { z } from 'zod';
import type { Locale } from './context';
import { failCommand, toTRPCError, type Message } from './errors';
import { organisationProcedure, type ProcedureContext } from './trpc';

/** Why a rejection or a restatement is made: said in a sentence, kept in the audit log. */
export const reason = z.string().trim().min(MIN_REASON_LENGTH).max(2000);
/** A record at the version the caller read. */
export const versioned = z.object({ id: z.uuid(), version: z.number().int().positive() }).strict();
/** A rejection says why (kept in the audit log); the other moves take the version only. */
export const rejection = versioned.extend({ reason }).strict();

/** What the approval procedures of one kind of record need to know about it. */
export interface Approvable<O extends z.ZodType> {
  /** the record as the procedures answer it */
  output: O;
  /** throws unless the caller reaches the record (not found, out of her scope) */
  reach: (ctx: ProcedureContext, id: string) => Promise<unknown>;
  /** the database move, in its own transaction */
  move: (
    db: Database,
    organisationId: string,
    id: string,
    version: number,
    action: ApprovalAction,
    actor: { userId: string | null },
    reason: string | null,
  ) => Promise<Result<z.input<O>, ApprovalFailure>>;
  /** the record's name (`activité`) and with its article (`cette activité`), for refusals */
  entity: Message;
  the: Message;
}

/**
 * The approval procedures of one kind of record: `submit` (draft → submitted), `validate`
 * (submitted → validated) and `reject` (back to draft, with a reason), each on a record the caller
 * reaches, at the version she read; refusals in her language through {@link failApproval}.
 */
export function approvalProcedures<O extends z.ZodType>(record: Approvable<O>) {
  const procedure = <S extends typeof versioned | typeof rejection>(
    action: ApprovalAction,
    schema: S,
  ) =>
    organisationProcedure
      .input(schema)
      .output(record.output)
      .mutation(async ({ ctx, input: raw }) => {
        const input = raw as z.output<typeof rejection> | z.output<typeof versioned>;
        await record.reach(ctx, input.id);
        const r = await record.move(
          ctx.db,
          ctx.organisationId,
          input.id,
          input.version,
          action,
          ctx.actor,
          'reason' in input ? input.reason : null,
        );
        if (!r.ok) failApproval(r.error, record.entity, ctx.locale, record.the);
        // tRPC cannot resolve its output check for a generic parser; `Approvable.move` already
        // ties the value to the parser's input, checked where each router names its record.
        return r.value as never;
      });
  return {
    submit: procedure('submit', versioned),
    validate: procedure('validate', versioned),
    reject: procedure('reject', rejection),
  };
}

/**
 * Throws the tRPC error for a refused approval move on a record (`entity`, with its
 * article: `cette activité`), in the caller's language; the commands' common failures go through
 * {@link failCommand}.
 */
export function failApproval(
  error: ApprovalFailure,
  entity: Message,
  locale: Locale,
  the: Message,
): never {
  if (error.kind === 'wrong-status') throw toTRPCError({ ...error, the, entity }, locale);
  // Separation of duties (the organisation's setting, on by default): a second pair of eyes.
  if (error.kind === 'own-submission') throw toTRPCError({ kind: 'own-submission', the }, locale);
  return failCommand(error, entity, locale);
}
