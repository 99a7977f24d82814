import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The drizzle database, whichever engine is underneath: code above this layer never knows. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  /**
   * Where report, dashboard and pivot reads may go: a streaming replica when `readUrl` was
   * given, otherwise `db` itself.
   */
  readDb: Database;
  kind: DatabaseKind;
  /** Where the data lives: a folder, `memory`, or the server URL without its password. */
  location: string;
  /**
   * Bulk-loads rows with COPY (4–5× faster than batched INSERT on a million rows). For generated
   * and imported data; values are written as CSV, `null` as SQL NULL.
   */
  copyRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly CopyValue[]>,
    options?: CopyOptions,
  ): Promise<void>;
  close(): Promise<void>;
  /**
   * The driver underneath, for the few operations drizzle cannot express (backup and restore:
   * COPY out, one snapshot across many statements, PGlite's data-directory dump).
   */
  driver:
    { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; client: postgres.Sql; url: string };
}

export type CopyValue = string | number | boolean | null;

export interface CopyOptions {
  /**
   * A bulk load: the COPY runs in one transaction with `jalon.bulk` on, so attendance's triggers
   * skip their per-statement upkeep of the kept counts (`person.seen_count`,
   * `person_programme_seen`), and `person_seen_recount()` recounts every person once at its end, in
   * the same transaction. For generated data loaded while nobody else writes (the synthetic set).
   */
  bulk?: boolean;
}

/** The statements around a bulk load, inside its transaction. */
const BULK_ON = `select set_config('jalon.bulk', 'on', true)`;
const BULK_RECOUNT = `select set_config('jalon.bulk', 'off', true), person_seen_recount()`;

const identifier = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], from: string): string {
  for (const name of [table, ...columns])
    if (!identifier.test(name)) throw new Error(`copyRows: bad identifier ${name}`);
  return `copy ${table} (${columns.join(', ')}) from ${from} with (format csv)`;
}

/** One CSV line; strings are always quoted so that an empty string is not read as NULL. */
function csvLine(row: readonly CopyValue[]): string {
  return (
    row
      .map((v) =>
        v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v),
      )
      .join(',') + '\n'
  );
}

/** Rows as CSV text, in chunks of about 4 MB. */
function* csvChunks(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = csvLine(row);
    chunk.push(line);
    size += line.length;
    if (size > 4_000_000) {
      yield chunk.join('');
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) yield chunk.join('');
}

/** COPY FROM STDIN on PostgreSQL, streamed in chunks; a bulk load in its own transaction. */
function postgresCopyRows(client: postgres.Sql): DatabaseHandle['copyRows'] {
  return async (table, columns, rows, copy) => {
    const load = async (sql: Pick<postgres.Sql, 'unsafe'>) => {
      const stream = await sql.unsafe(copyStatement(table, columns, 'stdin')).writable();
      for (const chunk of csvChunks(rows)) {
        if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
      }
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.once('finish', resolve);
        stream.end();
      });
    };
    if (!copy?.bulk) return load(client);
    await client.begin(async (tx) => {
      await tx.unsafe(BULK_ON);
      await load(tx);
      await tx.unsafe(BULK_RECOUNT);
    });
  };
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when set, PGlite is not used. */
  url?: string | undefined;
  /** PGlite data folder, or `memory` for a throw-away in-memory database. */
  dataDir?: string | undefined;
  /** Apply the committed migrations before returning (default true). */
  migrate?: boolean;
  /** postgres-js pool size (default 10). */
  maxConnections?: number;
  /**
   * A PostgreSQL read replica (`DATABASE_READ_URL`) for report and dashboard reads; only with
   * `url`. Never migrated from here: a streaming replica replays the primary's migrations.
   */
  readUrl?: string | undefined;
  /**
   * Called with the text of every statement sent (tests read what the code asks and count it):
   * on PostgreSQL everything on the wire, on PGlite what drizzle sends.
   */
  onQuery?: ((text: string, parameters: readonly unknown[]) => void) | undefined;
}

export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));
export const defaultDataDir = './.jalon/data';

/** Any number fits a random advisory-lock key; this one is "jalon" spelled in ASCII. */
const MIGRATION_LOCK = 0x6a616c6f6e;

/**
 * Opens the database: PostgreSQL when `url` is given, otherwise embedded PGlite on `dataDir`
 * (default `./.jalon/data`; `memory` for tests). Migrations are applied at open.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const { url, migrate = true, readUrl } = options;
  if (readUrl && !url)
    throw new Error(
      'DATABASE_READ_URL needs DATABASE_URL: a read replica follows a PostgreSQL primary, not the embedded database',
    );
  if (url) {
    const onQuery = options.onQuery;
    const client = postgres(url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      ...(onQuery
        ? {
            debug: (_connection: number, text: string, parameters: unknown[]) =>
              onQuery(text, parameters),
          }
        : {}),
      // Jalon's queries are many and short: JIT compilation (triggered by cost estimates of
      // correlated subplans) cost more than it saved — measured ~60 ms on a 400 ms query.
      connection: { jit: 'off' },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    const readClient = readUrl
      ? postgres(readUrl, {
          max: options.maxConnections ?? 10,
          onnotice: () => {},
          connection: { jit: 'off' },
        })
      : null;
    const handle: DatabaseHandle = {
      db,
      readDb: readClient ? (drizzlePostgres(readClient, { schema }) as unknown as Database) : db,
      kind: 'postgres',
      location: redactUrl(url),
      copyRows: postgresCopyRows(client),
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), readClient?.end({ timeout: 5 })]);
      },
      driver: { kind: 'postgres', client, url },
    };
    if (migrate) {
      // Several processes (parallel test files, two servers) may start at once: one migrates at
      // a time, holding a session advisory lock on a dedicated single connection.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres(lockClient, { schema }), { migrationsFolder });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } catch (error) {
        await Promise.all([client.end({ timeout: 1 }), readClient?.end({ timeout: 1 })]);
        throw error;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    }
    return handle;
  }
  const dataDir = options.dataDir ?? defaultDataDir;
  const inMemory = dataDir === 'memory' || dataDir === 'memory://';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // One process per data directory: a second PGlite on a live folder dies with a bare Aborted().
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = inMemory ? new PGlite() : new PGlite(dataDir);
    await client.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const onQuery = options.onQuery;
  // PGlite has no wire to listen on: drizzle's logger sees every statement drizzle sends (all
  // of Jalon's; not the BEGIN/COMMIT around a transaction, which PGlite issues itself).
  const db = drizzlePglite(client, {
    schema,
    ...(onQuery ? { logger: { logQuery: (text: string, p: unknown[]) => onQuery(text, p) } } : {}),
  });
  if (migrate) {
    try {
      await migratePglite(db, { migrationsFolder });
    } catch (error) {
      await client.close();
      unlock();
      throw error;
    }
  }
  return {
    db: db as unknown as Database,
    readDb: db as unknown as Database,
    kind: 'pglite',
    location: inMemory ? 'memory' : dataDir,
    copyRows: async (table, columns, rows, copy) => {
      const load = async (tx: Pick<PGlite, 'query'>) => {
        for (const chunk of csvChunks(rows)) {
          await tx.query(copyStatement(table, columns, `'/dev/blob'`), [], {
            blob: new Blob([chunk]),
          });
        }
      };
      if (!copy?.bulk) return load(client);
      await client.transaction(async (tx) => {
        await tx.query(BULK_ON);
        await load(tx);
        await tx.query(BULK_RECOUNT);
      });
    },
    driver: { kind: 'pglite', client },
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Rows of a raw query, whichever driver ran it (PGlite returns `{ rows }`, postgres-js an array). */
export async function queryRows<T extends Record<string, unknown>>(
  db: Database,
  query: SQL,
): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** True when the database answers a trivial query; used by `/health`. */
export async function ping(db: Database): Promise<boolean> {
  try {
    const rows = await queryRows<{ ok: number }>(db, sql`select 1 as ok`);
    return Number(rows[0]?.ok) === 1;
  } catch {
    return false;
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
