import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import {
  openDatabase,
  type DatabaseHandle,
  type DatabaseKind,
  type OpenDatabaseOptions,
} from './client';

/** The server the test suites use; CI makes sure it is up (`.ci/run`). */
export const testServerUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let serverAvailable: Promise<boolean> | undefined;

async function probeServer(): Promise<boolean> {
  const client = postgres(testServerUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 });
  }
}

/**
 * The engines a database test must run on. PostgreSQL is required in CI (or when
 * `JALON_REQUIRE_PG` is set): there, a server that does not answer fails the run instead of
 * silently shrinking it. On a laptop without a server the PostgreSQL half is skipped, loudly.
 */
export async function testDatabaseKinds(): Promise<DatabaseKind[]> {
  serverAvailable ??= probeServer();
  if (await serverAvailable) return ['pglite', 'postgres'];
  if (process.env.CI || process.env.JALON_REQUIRE_PG) {
    throw new Error(`PostgreSQL is required but does not answer at ${testServerUrl}`);
  }
  console.warn(
    `\n⚠ PostgreSQL does not answer at ${testServerUrl}: PostgreSQL tests are SKIPPED.\n`,
  );
  return ['pglite'];
}

/** A PostgreSQL URL for a database named `name` on the test server. */
export function serverUrlFor(name: string): string {
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database on the test server and returns its URL and a function that drops it. */
export async function createScratchDatabase(
  prefix = 'jalon_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return {
    url: serverUrlFor(name),
    drop: async () => {
      const a = postgres(testServerUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

/**
 * A fresh, migrated database of the given kind: in-memory PGlite, or a scratch database on the
 * test server that is dropped on close. `onQuery` sees every statement sent (see `openDatabase`).
 */
export async function openTestDatabase(
  kind: DatabaseKind,
  options: Pick<OpenDatabaseOptions, 'onQuery'> = {},
): Promise<DatabaseHandle> {
  const { onQuery } = options;
  if (kind === 'pglite') return openDatabase({ dataDir: 'memory', onQuery });
  const scratch = await createScratchDatabase();
  const handle = await openDatabase({ url: scratch.url, maxConnections: 4, onQuery });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}
