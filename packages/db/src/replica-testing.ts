import { execFile } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  readFileSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { findPgTool } from './backup/backup';
import { testServerUrl } from './testing';
import { must } from '@jalon/domain';

const run = promisify(execFile);

/** A hot standby of the test server, streaming from it, on another port of this machine. */
export interface StreamingReplica {
  /** The replica's URL for database `name` (same names as on the primary). */
  urlFor(name: string): string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Stops / restarts replaying the primary's WAL: the replica then lags by whatever is written. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Runs a statement on the replica's database `name` (to show that it refuses writes). */
  execute(name: string, statement: string): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the `postgres` user (the server refuses to run as root). */
async function asPostgres(tool: string, args: string[]): Promise<string> {
  const path = findPgTool(tool as 'pg_dump') ?? tool;
  const asRoot = process.getuid?.() === 0;
  const { stdout } = asRoot
    ? await run('runuser', ['-u', 'postgres', '--', path, ...args])
    : await run(path, args);
  return stdout;
}

/**
 * Makes sure the primary accepts replication connections from 127.0.0.1: its `wal_level` and
 * `max_wal_senders` must allow streaming (Debian's defaults do: replica, 10), and pg_hba.conf needs
 * a `replication` line (Debian's has one only for the local socket and peer auth). The line is
 * appended once — idempotent, trust on loopback like the rest of the test server — and the
 * configuration reloaded, which does not disturb open sessions.
 */
async function allowReplication(admin: postgres.Sql): Promise<void> {
  const [settings] = await admin<{ wal_level: string; senders: string }[]>`
    select current_setting('wal_level') as wal_level, current_setting('max_wal_senders') as senders`;
  if (
    must(settings, 'the replica’s connection settings').wal_level === 'minimal' ||
    Number(must(settings, 'the replica’s connection settings').senders) < 2
  )
    throw new Error(
      `the test server cannot stream to a replica (wal_level=${must(settings, 'the replica’s connection settings').wal_level}, max_wal_senders=${must(settings, 'the replica’s connection settings').senders}): set wal_level=replica and restart it`,
    );
  const rules = await admin<{ n: number }[]>`
    select count(*)::int as n from pg_hba_file_rules
     where 'replication' = any(database) and type = 'host' and auth_method = 'trust'
       and (address = '127.0.0.1' or address = 'all')`;
  if (Number(must(rules[0], 'the first replication rule').n) > 0) return;
  const [{ hba }] = (await admin`select current_setting('hba_file') as hba`) as unknown as [
    { hba: string },
  ];
  appendFileSync(
    hba,
    "\n# Added by Jalon's read-replica test (packages/db/src/replica-testing.ts)\nhost replication all 127.0.0.1/32 trust\n",
  );
  await admin`select pg_reload_conf()`;
}

/**
 * Clones the test server with `pg_basebackup -R` into a folder under /tmp and starts it as a hot
 * standby on a free port. Throws when the machine cannot do it (no PostgreSQL tools, not allowed
 * to change pg_hba.conf…): the caller decides whether that fails the run (CI) or skips.
 */
export async function startStreamingReplica(): Promise<StreamingReplica> {
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'jalon-replica-'));
  const data = join(dir, 'data');
  let started = false;
  try {
    await allowReplication(admin);
    if (process.getuid?.() === 0) chownSync(dir, uid('postgres'), gid('postgres'));
    const primary = new URL(testServerUrl);
    await asPostgres('pg_basebackup', [
      '-h',
      primary.hostname,
      '-p',
      primary.port || '5432',
      '-U',
      decodeURIComponent(primary.username || 'postgres'),
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
    ]);
    const port = await freePort();
    // Debian keeps the configuration in /etc: the copy has none of its own.
    const files: Record<string, string> = {
      'postgresql.conf': [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'hot_standby = on',
        'shared_buffers = 32MB',
        // max_connections and the like must not be below the primary's: left at the defaults.
        'fsync = off',
      ].join('\n'),
      'pg_hba.conf': 'local all all trust\nhost all all 127.0.0.1/32 trust\n',
      'pg_ident.conf': '',
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(data, name), `${text}\n`);
      if (process.getuid?.() === 0) chownSync(join(data, name), uid('postgres'), gid('postgres'));
    }
    await asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]).catch((error: Error) => {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
      throw new Error(`${error.message}\n${log.split('\n').slice(-8).join('\n')}`);
    });
    started = true;
    const url = (name: string) => {
      const u = new URL(testServerUrl);
      u.port = String(port);
      u.pathname = `/${name}`;
      return u.toString();
    };
    const replica = postgres(url('postgres'), { max: 1, onnotice: () => {} });
    const [mode] = await replica<{ standby: boolean }[]>`select pg_is_in_recovery() as standby`;
    if (!mode?.standby) throw new Error('the clone did not start as a standby');
    return {
      urlFor: url,
      caughtUp: async () => {
        const [target] = await admin<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
        for (let i = 0; i < 600; i++) {
          const [r] = await replica<{ done: boolean }[]>`
            select pg_last_wal_replay_lsn() >= ${must(target, 'the replica database').lsn}::pg_lsn as done`;
          if (r?.done) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(
          `the replica did not replay up to ${must(target, 'the replica database').lsn} within a minute`,
        );
      },
      pauseReplay: async () => {
        await replica`select pg_wal_replay_pause()`;
      },
      resumeReplay: async () => {
        await replica`select pg_wal_replay_resume()`;
      },
      execute: async (name, statement) => {
        const db = postgres(url(name), { max: 1, onnotice: () => {} });
        try {
          await db.unsafe(statement);
        } finally {
          await db.end({ timeout: 1 });
        }
      },
      stop: async () => {
        await replica.end({ timeout: 1 });
        await admin.end({ timeout: 1 });
        await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (started)
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await admin.end({ timeout: 1 });
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function uid(user: string): number {
  return statSync(`/var/lib/${user === 'postgres' ? 'postgresql' : user}`).uid;
}
function gid(user: string): number {
  return statSync(`/var/lib/${user === 'postgres' ? 'postgresql' : user}`).gid;
}
