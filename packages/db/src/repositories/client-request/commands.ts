import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { clientRequest } from '../../schema/idempotency';

/** A create the client identified (`clientId`, from `crypto.randomUUID()` in its outbox). */
export interface ClientRequest {
  clientId: string;
  /** The API procedure, e.g. `activity.create`. */
  procedure: string;
  userId: string | null;
  /** The request as validated, without its client id: its fingerprint tells a replay apart. */
  payload: unknown;
}

/** What asking for a create under a client id came to. */
export type CreateOnceOutcome<R> =
  /** First time: `run` created the record, and the claim is stored with it. */
  | { kind: 'created'; result: R }
  /** Sent again: nothing written, here is the first result's record id (and code). */
  | { kind: 'replayed'; id: string; code: string | null }
  /** `run` refused (validation, a locked period…): nothing kept, the id can be used again. */
  | { kind: 'refused'; result: R }
  /** The id was already used for a different request: refused, nothing written. */
  | { kind: 'mismatch' };

/** A stable text of a JSON value (object keys sorted), for the request's fingerprint. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(procedure: string, payload: unknown): string {
  return createHash('sha256')
    .update(`${procedure}\n${stableJson(payload)}`)
    .digest('hex');
}

/** Carries a refusal out of the transaction, so that the claim is rolled back with it. */
class Refused<R> extends Error {
  constructor(readonly result: R) {
    super('refused');
  }
}

/**
 * Runs a create at most once per client id and organisation. The claim (`client_request`) is
 * inserted first, in the create's own transaction: a second request with the same id waits for
 * the first one's transaction (the primary key), then finds its claim and returns its result
 * without writing anything. If `run` refuses, the whole transaction is rolled back, claim
 * included.
 */
export async function createOnce<
  R extends { ok: true; value: { id: string; code?: string } } | { ok: false },
>(
  db: Database,
  organisationId: string,
  request: ClientRequest,
  run: (tx: Database) => Promise<R>,
): Promise<CreateOnceOutcome<R>> {
  const fingerprint = requestFingerprint(request.procedure, request.payload);
  const key = and(
    eq(clientRequest.organisationId, organisationId),
    eq(clientRequest.clientId, request.clientId),
  );
  try {
    return await db.transaction(async (tx): Promise<CreateOnceOutcome<R>> => {
      const claimed = await tx
        .insert(clientRequest)
        .values({
          organisationId,
          clientId: request.clientId,
          procedure: request.procedure,
          fingerprint,
          userId: request.userId,
        })
        .onConflictDoNothing()
        .returning({ clientId: clientRequest.clientId });
      if (!claimed[0]) {
        const [first] = await tx.select().from(clientRequest).where(key);
        if (
          !first?.result ||
          first.procedure !== request.procedure ||
          first.fingerprint !== fingerprint
        )
          return { kind: 'mismatch' };
        return { kind: 'replayed', id: first.result.id, code: first.result.code ?? null };
      }
      const result = await run(tx as unknown as Database);
      if (!result.ok) throw new Refused(result);
      await tx
        .update(clientRequest)
        .set({
          result: {
            id: result.value.id,
            ...(result.value.code === undefined ? {} : { code: result.value.code }),
          },
        })
        .where(key);
      return { kind: 'created', result };
    });
  } catch (error) {
    if (error instanceof Refused) return { kind: 'refused', result: error.result as R };
    throw error;
  }
}

/** How many creates an organisation's clients have asked for under an id (for tests, audits). */
export async function countClientRequests(db: Database, organisationId: string): Promise<number> {
  const rows = await db
    .select({ clientId: clientRequest.clientId })
    .from(clientRequest)
    .where(eq(clientRequest.organisationId, organisationId));
  return rows.length;
}
