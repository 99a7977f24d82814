import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  BackupError,
  createBackup,
  DataDirLockedError,
  readBackup,
  restoreBackup,
  type DatabaseHandle,
} from '@jalon/db';
import { CommanderError, type Command } from 'commander';
import { readAdminChannel } from './admin-channel';
import type { CommandDeps } from './report';

interface DbFlags {
  databaseUrl?: string;
  dataDir?: string;
}

const jalonVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** A refusal (damaged archive, non-empty database…): said on stderr, exit code 1, no help. */
function refuse(cmd: Command, message: string): never {
  (cmd.configureOutput().writeErr ?? ((m: string) => process.stderr.write(m)))(`${message}\n`);
  throw new CommanderError(1, 'jalon.backup', message);
}

const describeArchive = (archive: Buffer) => {
  const { manifest } = readBackup(archive);
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  return (
    `${manifest.tables.length} tables, ${rows} rows, ` +
    `${manifest.migrations.length} migrations${manifest.native ? `, with ${manifest.native.kind}` : ''}`
  );
};

/**
 * The backup a running server takes of its own database (`POST /api/admin/backup`): `jalon start`
 * hands this to the server, which alone may open a live PGlite data directory.
 */
export async function serverBackup(
  handle: DatabaseHandle,
  options: { native: boolean; log: (s: string) => void },
): Promise<{ archive: Buffer; summary: string }> {
  const archive = await createBackup(handle, {
    jalonVersion,
    skipNative: !options.native,
    log: options.log,
  });
  return { archive, summary: describeArchive(archive) };
}

/** Written beside the target then renamed: an interrupted backup never looks complete. */
async function writeArchive(out: string, archive: Buffer): Promise<void> {
  const partial = `${out}.partial`;
  await writeFile(partial, archive);
  await rename(partial, out);
}

/**
 * `jalon backup --out FILE` and `jalon restore FILE [--force]`: the whole database as one archive
 * (see packages/db/src/backup/backup.ts), restorable into either engine.
 */
export function registerBackupCommands(
  program: Command,
  io: { log: (s: string) => void },
  deps: CommandDeps,
): void {
  deps
    .databaseOptions(
      program
        .command('backup')
        .description(
          'write the whole database to one archive (manifest, portable dump, and pg_dump or the PGlite data directory)',
        )
        .requiredOption('--out <file>', 'the archive to write (a gzipped tar)')
        .option('--no-native', "leave out the engine's own dump (pg_dump / PGlite data directory)"),
    )
    .action(async (flags: DbFlags & { out: string; native: boolean }, cmd: Command) => {
      let handle: DatabaseHandle;
      try {
        handle = await deps.open(flags, io.log);
      } catch (error) {
        if (!(error instanceof DataDirLockedError)) throw error;
        // A live embedded database: the server that holds it takes the backup.
        const channel = readAdminChannel(error.dataDir);
        if (!channel || channel.pid !== error.holder.pid)
          refuse(
            cmd,
            `${error.message} It offers no backup (only \`jalon start\` does): stop it and run the backup again.`,
          );
        io.log(
          `the data directory is in use by the running server (process ${channel.pid}, ${channel.url}): it takes the backup`,
        );
        let res: Response;
        try {
          res = await fetch(`${channel.url}/api/admin/backup?native=${flags.native ? '1' : '0'}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${channel.token}` },
          });
        } catch (e) {
          refuse(cmd, `cannot reach the running server at ${channel.url}: ${(e as Error).message}`);
        }
        if (res.status !== 200)
          refuse(
            cmd,
            `the running server refused the backup: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`,
          );
        const archive = Buffer.from(await res.arrayBuffer());
        try {
          readBackup(archive);
        } catch (e) {
          if (e instanceof BackupError) refuse(cmd, `the server's archive: ${e.message}`);
          throw e;
        }
        await writeArchive(flags.out, archive);
        io.log(`backup written to ${flags.out}: ${describeArchive(archive)}`);
        return;
      }
      try {
        const { archive, summary } = await serverBackup(handle, {
          native: flags.native,
          log: io.log,
        });
        await writeArchive(flags.out, archive);
        io.log(`backup written to ${flags.out}: ${summary}`);
      } finally {
        await handle.close();
      }
    });

  deps
    .databaseOptions(
      program
        .command('restore')
        .description(
          'restore an archive made by `jalon backup` into this database (PGlite or PostgreSQL, whichever made it)',
        )
        .argument('<file>', 'the archive')
        .option('--force', 'replace the data of a database that is not empty'),
    )
    .action(async (file: string, flags: DbFlags & { force?: boolean }, cmd: Command) => {
      let archive: Buffer;
      try {
        archive = await readFile(file);
      } catch (error) {
        refuse(cmd, `cannot read ${file}: ${(error as Error).message}`);
      }
      // Checked before the database is even opened: a damaged archive touches nothing.
      try {
        readBackup(archive);
      } catch (error) {
        if (error instanceof BackupError) refuse(cmd, error.message);
        throw error;
      }
      const handle = await deps.open(flags, io.log);
      try {
        const summary = await restoreBackup(handle, archive, { force: flags.force });
        io.log(
          `restored ${file} (${summary.from}) into ${handle.kind}: ${summary.tables} tables, ${summary.rows} rows`,
        );
      } catch (error) {
        if (error instanceof BackupError) refuse(cmd, error.message);
        throw error;
      } finally {
        await handle.close();
      }
    });
}
