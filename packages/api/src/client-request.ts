import { createOnce, type CreateOnceOutcome, type Database } from '@jalon/db';
import { z } from 'zod';
import { toTRPCError } from './errors';
import type { ProcedureContext } from './trpc';

/**
 * The id a client gives a create (`crypto.randomUUID()` in the browser's outbox), optional: with
 * it, sending the same request again — a save cut by the network, an outbox replayed — returns the
 * first result and writes nothing more.
 */
export const clientRequestId = z.uuid().optional();

/**
 * Runs a create once per client id (when the request carries one), in the procedure's
 * organisation. `run` does the create; `replay` reads the first result again from its id.
 */
export async function createIdempotent<
  T,
  R extends { ok: true; value: { id: string; code?: string } } | { ok: false },
>(
  ctx: ProcedureContext,
  procedure: string,
  input: { clientRequestId?: string | undefined },
  run: (db: Database) => Promise<R>,
  replay: (first: { id: string; code: string | null }) => Promise<T>,
): Promise<
  { kind: 'created'; result: R } | { kind: 'refused'; result: R } | { kind: 'replayed'; value: T }
> {
  const { clientRequestId: clientId, ...payload } = input;
  if (!clientId) {
    const result = await run(ctx.db);
    return { kind: result.ok ? 'created' : 'refused', result };
  }
  const outcome: CreateOnceOutcome<R> = await createOnce(
    ctx.db,
    ctx.organisationId,
    { clientId, procedure, userId: ctx.actor.userId, payload },
    run,
  );
  switch (outcome.kind) {
    case 'mismatch':
      throw toTRPCError({ kind: 'client-request-reused' }, ctx.locale);
    case 'replayed':
      return { kind: 'replayed', value: await replay(outcome) };
    default:
      return outcome;
  }
}
