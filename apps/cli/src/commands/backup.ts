import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { BackupError, createBackup, readBackup, restoreBackup } from '@jalon/db';
import { CommanderError, type Command } from 'commander';
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
    .action(async (flags: DbFlags & { out: string; native: boolean }) => {
      const handle = await deps.open(flags, io.log);
      try {
        const archive = await createBackup(handle, {
          jalonVersion,
          skipNative: !flags.native,
          log: io.log,
        });
        // Written beside the target then renamed: an interrupted backup never looks complete.
        const partial = `${flags.out}.partial`;
        await writeFile(partial, archive);
        await rename(partial, flags.out);
        const { manifest } = readBackup(archive);
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        io.log(
          `backup written to ${flags.out}: ${manifest.tables.length} tables, ${rows} rows, ` +
            `${manifest.migrations.length} migrations${manifest.native ? `, with ${manifest.native.kind}` : ''}`,
        );
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
