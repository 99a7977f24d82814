import { join } from 'node:path';
import { createScratchDatabase } from '@jalon/db/testing';
import { CommanderError } from 'commander';
import { vi } from 'vitest';
import { buildProgram } from './program';

/** Runs `jalon …` in-process: what it prints, what it says on stderr (progress, errors), and how it ended. */
export async function runJalon(args: string[]) {
  const lines: string[] = [];
  let err = '';
  const program = buildProgram({ log: (s) => lines.push(s) });
  for (const c of [program, ...program.commands])
    c.configureOutput({ writeOut: (s) => (err += s), writeErr: (s) => (err += s) });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    await program.parseAsync(['node', 'jalon', ...args]);
    return { lines, err, code: 'ok' };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { lines, err, code: error.code };
  } finally {
    stderr.mockRestore();
  }
}

/**
 * The flags that point `jalon` at a fresh database of the given kind (a scratch database on the
 * test server, or a PGlite folder under `dir`), and how to drop it.
 */
export async function freshDatabaseFlags(
  kind: 'pglite' | 'postgres',
  dir: string,
  prefix: string,
): Promise<{ flags: string[]; drop: () => Promise<void> }> {
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase(prefix);
    return { flags: ['--database-url', scratch.url], drop: scratch.drop };
  }
  return { flags: ['--data-dir', join(dir, 'data')], drop: async () => {} };
}
