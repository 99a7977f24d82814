import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '@jalon/db';
import { isEmpty } from '@jalon/db/seed';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from './program';

const run = promisify(execFile);
const bin = new URL('../bin/jalon.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jalon-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function jalon(args: string[]) {
  const lines: string[] = [];
  let help = '';
  const program = buildProgram({ log: (s) => lines.push(s) });
  program.configureOutput({ writeOut: (s) => (help += s), writeErr: (s) => (help += s) });
  for (const c of program.commands)
    c.configureOutput({ writeOut: (s) => (help += s), writeErr: (s) => (help += s) });
  for (const c of program.commands.flatMap((c) => c.commands))
    c.configureOutput({ writeOut: (s) => (help += s), writeErr: (s) => (help += s) });
  try {
    await program.parseAsync(['node', 'jalon', ...args]);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('commander.')))
      throw error;
    return { lines, help, code: (error as { code: string }).code };
  }
  return { lines, help, code: 'ok' };
}

describe('jalon command', () => {
  it('has --help for every command', async () => {
    expect((await jalon(['--help'])).help).toMatch(/start[\s\S]*seed[\s\S]*db/);
    expect((await jalon(['start', '--help'])).help).toMatch(/--port/);
    expect((await jalon(['seed', '--help'])).help).toMatch(/idempotent/);
    expect((await jalon(['db', 'migrate', '--help'])).help).toMatch(/migrations/);
  });

  it('migrates then seeds a PGlite folder, twice without harm', async () => {
    const dataDir = join(dir, 'data');
    expect((await jalon(['db', 'migrate', '--data-dir', dataDir])).lines.join('\n')).toMatch(
      /pglite.*migrations applied/,
    );
    for (let i = 0; i < 2; i++) {
      const { lines } = await jalon(['seed', '--data-dir', dataDir]);
      expect(lines.at(-1)).toMatch(/WANEP-ML, \d+ places, 7 programmes, 20 activities/);
    }
    const handle = await openDatabase({ dataDir });
    expect(await isEmpty(handle.db)).toBe(false);
    await handle.close();
  });

  it('loads a deterministic synthetic data set with --synthetic', async () => {
    const dataDir = join(dir, 'synthetic');
    const { lines } = await jalon([
      'seed',
      '--synthetic',
      '--participations',
      '2000',
      '--seed',
      '3',
      '--data-dir',
      dataDir,
    ]);
    expect(lines.at(-1)).toMatch(
      /synthetic data loaded: SYN-3-1, SYN-3-2, SYN-3-3; \d+ activities, \d+ people, 2000 participations/,
    );
    expect((await jalon(['bench', '--help'])).help).toMatch(/--participations/);
  });

  it('refuses a bad port with a clear message', async () => {
    const { code, help } = await jalon(['start', '--port', 'abc', '--data-dir', join(dir, 'x')]);
    expect(code).toBe('commander.invalidArgument');
    expect(help).toMatch(/port is an integer/);
  });

  it('runs as a real executable', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    expect(stdout).toMatch(/Usage: jalon/);
  });
});
