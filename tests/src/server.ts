import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@jalon/db/testing';
import { testEnv } from './env';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const jalonBin = fileURLToPath(new URL('../../apps/cli/bin/jalon.js', import.meta.url));

export interface RunningJalon {
  url: string;
  databaseUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the real `jalon start` in a child process, on a free port, against a fresh database on
 * the PostgreSQL test server (or the given one), with the demo data loaded by `start` itself.
 */
export async function startJalon(
  options: {
    databaseUrl?: string;
    /** an embedded PGlite database in this folder instead of PostgreSQL */
    dataDir?: string;
    port?: number;
  } = {},
): Promise<RunningJalon & { child: ChildProcess }> {
  const scratch =
    options.databaseUrl || options.dataDir ? null : await createScratchDatabase('jalon_e2e');
  const databaseUrl = options.dataDir ? '' : (options.databaseUrl ?? scratch!.url);
  const child = spawn(
    process.execPath,
    [jalonBin, 'start', '--port', String(options.port ?? 0), '--host', '127.0.0.1'],
    {
      cwd: repoRoot,
      env: {
        ...testEnv.inherited,
        DATABASE_URL: databaseUrl,
        JALON_DATA_DIR: options.dataDir ?? '',
        PORT: '',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`jalon start did not come up in 90 s:\n${output}`)),
      90_000,
    );
    const onData = () => {
      const m = output.match(/Jalon is running on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`jalon start exited with ${code}:\n${output}`));
    });
  });

  return {
    child,
    url,
    databaseUrl,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      await scratch?.drop();
    },
  };
}

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
