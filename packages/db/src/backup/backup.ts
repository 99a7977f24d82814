import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { migrationsFolder, type DatabaseHandle, type DatabaseKind } from '../client';
import { readTar, writeTar, type TarEntry } from './tar';
import { must } from '@jalon/domain';

/**
 * Jalon's backups. One archive (a gzipped tar) holds:
 * - `manifest.json`: Jalon's version, the engine, the applied migrations, and the sha256 of
 *   every other file — checked before anything is written on restore;
 * - `data/<table>.csv`: every table of the `public` schema, COPY'd in CSV inside one
 *   repeatable-read snapshot. This portable part is what `restore` loads, on either engine: a
 *   PGlite backup restores into PostgreSQL and back, because both speak COPY and run the same
 *   migrations;
 * - `native/…`: the engine's own dump for an administrator's tools — PostgreSQL's `pg_dump`
 *   custom format (taken in the very same snapshot, `--snapshot`) when pg_dump is installed, or
 *   PGlite's gzipped data directory (`dumpDataDir`). Restore verifies their checksums but does not
 *   need them.
 */
export interface BackupManifest {
  format: 'jalon-backup';
  formatVersion: 1;
  jalonVersion: string;
  createdAt: string;
  engine: DatabaseKind;
  engineVersion: string;
  migrations: { tag: string | null; hash: string; createdAt: number }[];
  /** In foreign-key order: a table comes after every table it references. */
  tables: { name: string; columns: string[]; rows: number; file: string }[];
  native: { kind: 'pg_dump-custom' | 'pglite-datadir'; file: string } | null;
  files: Record<string, { sha256: string; bytes: number }>;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Statements run inside one transaction, whichever engine. */
interface Session {
  rows<T>(text: string): Promise<T[]>;
  copyOut(text: string): Promise<Buffer>;
  copyIn(text: string, data: Uint8Array): Promise<void>;
}

function pgliteSession(tx: Transaction): Session {
  return {
    rows: async <T>(text: string) => (await tx.query<T>(text)).rows,
    copyOut: async (text) => {
      const result = await tx.query(text.replace(/ to stdout /, ` to '/dev/blob' `));
      return Buffer.from(await (result.blob ?? new Blob([])).arrayBuffer());
    },
    copyIn: async (text, data) => {
      await tx.query(text.replace(/ from stdin /, ` from '/dev/blob' `), [], {
        // A copy typed on a plain ArrayBuffer, as the DOM's BlobPart wants (the web app's check reads this file).
        blob: new Blob([new Uint8Array(data)]),
      });
    },
  };
}

function postgresSession(sql: postgres.Sql): Session {
  return {
    rows: async <T>(text: string) => (await sql.unsafe(text)) as unknown as T[],
    copyOut: async (text) => {
      const stream = await sql.unsafe(text).readable();
      const chunks: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.once('end', resolve);
        stream.once('error', reject);
      });
      // postgres-js 3.4 pauses the connection's socket whenever a COPY chunk fills the stream's
      // buffer and resumes it only from the stream's `_read`, which is not called again once the
      // stream has ended: the next statement on this connection then never gets its answer (a
      // backup hung on the demo's 13th table). Resuming here is harmless when nothing is paused.
      (stream as unknown as { _read(size: number): void })._read(0);
      return Buffer.concat(chunks);
    },
    copyIn: async (text, data) => {
      const stream = await sql.unsafe(text).writable();
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.once('finish', resolve);
        stream.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      });
    },
  };
}

async function inTransaction<T>(
  handle: DatabaseHandle,
  mode: 'snapshot' | 'write',
  fn: (session: Session) => Promise<T>,
): Promise<T> {
  const driver = handle.driver;
  if (driver.kind === 'pglite') {
    return (driver.client as PGlite).transaction(async (tx) => fn(pgliteSession(tx)));
  }
  const run = (sql: postgres.TransactionSql) => fn(postgresSession(sql as unknown as postgres.Sql));
  return (await (mode === 'snapshot'
    ? driver.client.begin('isolation level repeatable read read only', run)
    : driver.client.begin(run))) as T;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface TableShape {
  name: string;
  columns: string[];
}

/** The `public` tables with their writable columns, in foreign-key order. */
async function tableShapes(session: Session): Promise<TableShape[]> {
  const columns = await session.rows<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name
       from information_schema.columns c
       join information_schema.tables t
         on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
      order by c.table_name, c.ordinal_position`,
  );
  const edges = await session.rows<{ child: string; parent: string }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns)
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const names = [...byTable.keys()].sort();
  const unquote = (s: string) => s.replace(/^"|"$/g, '');
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges) parents.get(unquote(e.child))?.add(unquote(e.parent));
  // Kahn's order, alphabetical among equals so that two backups of the same data are the same.
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.find(
      (n) =>
        !placed.has(n) &&
        [...must(parents.get(n), 'the parent of a table in the dump order')].every(
          (p) => placed.has(p) || p === n,
        ),
    );
    if (!next) throw new BackupError('backup: foreign keys form a cycle between tables');
    ordered.push(next);
    placed.add(next);
  }
  return ordered.map((name) => ({
    name,
    columns: must(byTable.get(name), 'the rows of a table in the dump'),
  }));
}

async function appliedMigrations(session: Session): Promise<BackupManifest['migrations']> {
  const rows = await session.rows<{ hash: string; created_at: string | number }>(
    `select hash, created_at from drizzle.__drizzle_migrations order by created_at, id`,
  );
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as {
    entries: { tag: string; when: number }[];
  };
  return rows.map((r) => ({
    tag: journal.entries.find((e) => e.when === Number(r.created_at))?.tag ?? null,
    hash: r.hash,
    createdAt: Number(r.created_at),
  }));
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The newest pg_dump on the machine: Debian keeps them in /usr/lib/postgresql/<major>/bin. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore'): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const m of majors) {
      const path = join(root, m, 'bin', tool);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

const run = promisify(execFile);

export interface BackupOptions {
  jalonVersion: string;
  /** Leave out the engine's own dump (pg_dump / PGlite data directory). */
  skipNative?: boolean;
  log?: (line: string) => void;
}

/** Takes a backup of the whole database and returns the archive's bytes (a gzipped tar). */
export async function createBackup(
  handle: DatabaseHandle,
  options: BackupOptions,
): Promise<Buffer> {
  const log = options.log ?? (() => {});
  const entries: TarEntry[] = [];
  let native: BackupManifest['native'] = null;
  const driver = handle.driver;
  const { manifestBody, tables } = await inTransaction(handle, 'snapshot', async (session) => {
    if (driver.kind === 'pglite' && !options.skipNative) {
      // Inside the transaction: PGlite runs one transaction at a time and every other query of
      // this process (a running server's requests) waits for it, so the data directory's dump
      // and the tables below are the same state, however busy the server is.
      const dump = await driver.client.dumpDataDir('gzip');
      entries.push({
        name: 'native/pglite-datadir.tar.gz',
        data: Buffer.from(await dump.arrayBuffer()),
      });
      native = { kind: 'pglite-datadir', file: 'native/pglite-datadir.tar.gz' };
    }
    const shapes = await tableShapes(session);
    const migrations = await appliedMigrations(session);
    const [version] = await session.rows<{ v: string }>(
      `select current_setting('server_version') as v`,
    );
    let pgDump: Promise<Buffer | null> = Promise.resolve(null);
    if (driver.kind === 'postgres' && !options.skipNative) {
      const tool = findPgTool('pg_dump');
      if (tool) {
        const [snap] = await session.rows<{ id: string }>(`select pg_export_snapshot() as id`);
        pgDump = run(
          tool,
          [
            '--format=custom',
            '--no-owner',
            `--snapshot=${must(snap, 'the backup snapshot').id}`,
            `--dbname=${driver.url}`,
          ],
          { encoding: 'buffer', maxBuffer: 1 << 30 },
        ).then(
          (r) => r.stdout,
          (error: Error) => {
            log(`pg_dump failed, the backup keeps only the portable dump: ${error.message}`);
            return null;
          },
        );
      } else log('pg_dump not found: the backup keeps only the portable dump');
    }
    const tables: (BackupManifest['tables'][number] & { data: Buffer })[] = [];
    for (const shape of shapes) {
      const cols = shape.columns.map(quote).join(', ');
      const data = await session.copyOut(
        `copy (select ${cols} from ${quote(shape.name)} order by 1) to stdout with (format csv, header true)`,
      );
      const [count] = await session.rows<{ n: number }>(
        `select count(*)::int as n from ${quote(shape.name)}`,
      );
      tables.push({
        ...shape,
        rows: Number(must(count, 'the row count of a table').n),
        file: `data/${shape.name}.csv`,
        data,
      });
    }
    // The snapshot must stay open until pg_dump has attached to it and finished.
    const dumped = await pgDump;
    return {
      manifestBody: {
        migrations,
        engineVersion: must(version, 'the database server version').v,
        pgDump: dumped,
      },
      tables,
    };
  });
  for (const t of tables) entries.push({ name: t.file, data: t.data });
  if (manifestBody.pgDump) {
    entries.push({ name: 'native/postgres.pgdump', data: manifestBody.pgDump });
    native = { kind: 'pg_dump-custom', file: 'native/postgres.pgdump' };
  }
  const manifest: BackupManifest = {
    format: 'jalon-backup',
    formatVersion: 1,
    jalonVersion: options.jalonVersion,
    createdAt: new Date().toISOString(),
    engine: handle.kind,
    engineVersion: manifestBody.engineVersion,
    migrations: manifestBody.migrations,
    tables: tables.map(({ name, columns, rows, file }) => ({ name, columns, rows, file })),
    native,
    files: Object.fromEntries(
      entries.map((e) => [e.name, { sha256: sha256(e.data), bytes: e.data.byteLength }]),
    ),
  };
  const manifestEntry = {
    name: 'manifest.json',
    data: Buffer.from(JSON.stringify(manifest, null, 2)),
  };
  return gzipSync(writeTar([manifestEntry, ...entries]));
}

/** Reads an archive and checks its manifest and every checksum; throws `BackupError` otherwise. */
export function readBackup(archive: Buffer): {
  manifest: BackupManifest;
  files: Map<string, Uint8Array>;
} {
  let entries: TarEntry[];
  try {
    entries = readTar(gunzipSync(archive));
  } catch (error) {
    throw new BackupError(`not a Jalon backup (${(error as Error).message})`);
  }
  const files = new Map(entries.map((e) => [e.name, e.data]));
  const raw = files.get('manifest.json');
  if (!raw) throw new BackupError('not a Jalon backup: manifest.json is missing');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(Buffer.from(raw).toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError('the backup manifest is not valid JSON');
  }
  if (manifest.format !== 'jalon-backup' || manifest.formatVersion !== 1)
    throw new BackupError(
      `unknown backup format ${String(manifest.format)} v${String(manifest.formatVersion)}`,
    );
  for (const [name, { sha256: expected, bytes }] of Object.entries(manifest.files ?? {})) {
    const data = files.get(name);
    if (!data) throw new BackupError(`the backup is incomplete: ${name} is missing`);
    if (data.byteLength !== bytes || sha256(data) !== expected)
      throw new BackupError(`the backup is damaged: the checksum of ${name} does not match`);
  }
  for (const t of manifest.tables)
    if (!manifest.files[t.file])
      throw new BackupError(`the manifest lists ${t.file} without a checksum`);
  return { manifest, files };
}

export interface RestoreOptions {
  /** Replace the data of a database that is not empty. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  from: DatabaseKind;
  into: DatabaseKind;
}

/**
 * Restores an archive into a migrated database, in one transaction: checks the manifest, the
 * checksums and that both sides ran the same migrations; refuses a database holding any row
 * unless `force`; then replaces every table's rows and moves the sequences past them.
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  archive: Buffer,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const { manifest, files } = readBackup(archive);
  return inTransaction(handle, 'write', async (session) => {
    const here = await appliedMigrations(session);
    const theirs = manifest.migrations.map((m) => m.hash).join(',');
    if (here.map((m) => m.hash).join(',') !== theirs) {
      const name = (ms: BackupManifest['migrations']) =>
        ms.at(-1)?.tag ?? `${ms.length} migrations`;
      throw new BackupError(
        `the backup was made at schema ${name(manifest.migrations)} (${manifest.migrations.length} migrations) ` +
          `but this database is at ${name(here)} (${here.length}): restore it with the Jalon version that made it ` +
          `(${manifest.jalonVersion}) / la sauvegarde ne correspond pas au schéma de cette base`,
      );
    }
    const shapes = await tableShapes(session);
    const shapeKey = (t: TableShape) => `${t.name}(${t.columns.join(',')})`;
    const ours = new Set(shapes.map(shapeKey));
    for (const t of manifest.tables)
      if (!ours.has(shapeKey(t)))
        throw new BackupError(
          `table ${t.name} of the backup does not match this database's schema`,
        );
    const nonEmpty: string[] = [];
    for (const s of shapes) {
      const [row] = await session.rows<{ any: boolean }>(
        `select exists (select 1 from ${quote(s.name)}) as any`,
      );
      if (row?.any) nonEmpty.push(s.name);
    }
    if (nonEmpty.length && !options.force)
      throw new BackupError(
        `the database is not empty (${nonEmpty.slice(0, 5).join(', ')}${nonEmpty.length > 5 ? '…' : ''} hold rows): ` +
          `restore with --force to replace its data / la base n'est pas vide : --force pour la remplacer`,
      );
    if (shapes.length)
      await session.rows(
        `truncate ${shapes.map((s) => quote(s.name)).join(', ')} restart identity cascade`,
      );
    // A bulk load: attendance's triggers leave the kept counts alone (the counts per programme
    // copied after attendance would otherwise collide with the rows its triggers wrote), and
    // everything is recounted once at the end.
    await session.rows(`select set_config('jalon.bulk', 'on', true)`);
    let rows = 0;
    for (const t of manifest.tables) {
      await session.copyIn(
        `copy ${quote(t.name)} (${t.columns.map(quote).join(', ')}) from stdin with (format csv, header true)`,
        must(files.get(t.file), 'the archive file of a table'),
      );
      const [count] = await session.rows<{ n: number }>(
        `select count(*)::int as n from ${quote(t.name)}`,
      );
      if (Number(must(count, 'the row count of a table').n) !== t.rows)
        throw new BackupError(
          `restoring ${t.name}: ${must(count, 'the row count of a table').n} rows read, the manifest says ${t.rows}`,
        );
      rows += t.rows;
    }
    // The people's kept counts came back with them: recount them from the attendance restored.
    await session.rows(`select set_config('jalon.bulk', 'off', true), person_seen_recount()`);
    const sequences = await session.rows<{ table_name: string; column_name: string; seq: string }>(
      `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
         from information_schema.columns
        where table_schema = 'public'
          and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`,
    );
    for (const s of sequences)
      await session.rows(
        `select setval('${s.seq.replace(/'/g, "''")}', coalesce((select max(${quote(s.column_name)}) from ${quote(s.table_name)}), 0) + 1, false)`,
      );
    options.log?.(
      `restored ${manifest.tables.length} tables, ${rows} rows (backup of ${manifest.engine}, ${manifest.createdAt})`,
    );
    return { tables: manifest.tables.length, rows, from: manifest.engine, into: handle.kind };
  });
}
