import { queryRows, sql, type Database } from '@jalon/db';
import { TRPCError } from '@trpc/server';
import type { Actor } from '../auth/sessions';
import { createContext } from '../context';
import { appRouter, createCaller } from '../router';
import { must } from '@jalon/domain';

/** Every procedure of the router, with its kind. */
export const procedures = Object.entries(appRouter._def.procedures as Record<string, unknown>).map(
  ([path, p]) => ({
    path,
    type: (p as { _def: { type: 'query' | 'mutation' | 'subscription' } })._def.type,
  }),
);

export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; error: unknown };

/** Calls the procedure at `path` as `actor` on `db`, by its path, through `createCaller`. */
export async function call(
  db: Database,
  actor: Actor | null,
  path: string,
  input: unknown,
  locale: 'fr' | 'en' = 'fr',
): Promise<Outcome> {
  const caller = createCaller(createContext({ db, actor, locale })) as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<unknown>>
  >;
  const [group, name] = path.split('.') as [string, string];
  try {
    return {
      ok: true,
      value: await must(must(caller[group], 'caller[group]')[name], 'caller[group]![name]')(input),
    };
  } catch (e) {
    return { ok: false, code: e instanceof TRPCError ? e.code : 'NOT_A_TRPC_ERROR', error: e };
  }
}

class Rollback extends Error {}

/**
 * Runs `fn` in a transaction that is always rolled back: an allowed mutation really runs (its
 * checks, its writes, its audit row) and leaves the data as it was for the next case.
 */
export async function rolledBack<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return result as T;
}

/**
 * Row counts of every table of the schema (the audit log included): a refused call, or one that
 * failed on its input, must leave each of them as it was.
 */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((r) => r.name);
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql.raw(`select count(*)::int as n from "${t.replace(/"/g, '""')}"`),
    );
    counts[t] = Number(must(row, 'row').n);
  }
  return counts;
}

/** The marker of another organisation's data found in a response, if any. */
export function leakIn(value: unknown, markers: readonly string[]): string | undefined {
  const text = JSON.stringify(value) ?? '';
  return markers.find((m) => text.includes(m));
}
