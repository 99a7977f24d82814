import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { DataDirLockedError, lockPathFor } from './data-dir-lock';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'jalon-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = new URL('../../../apps/cli/bin/jalon.js', import.meta.url).pathname;

describe('one process per PGlite data directory', { timeout: 60_000 }, () => {
  it('refuses a second opener in the same process, naming the holder', async () => {
    const dataDir = join(dir, 'same');
    const first = await openDatabase({ dataDir });
    try {
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    // Closing releases it: the folder opens again.
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it('makes a second jalon process say which process holds the folder instead of Aborted()', async () => {
    const dataDir = join(dir, 'live');
    const first = await openDatabase({ dataDir });
    try {
      const result = await run(process.execPath, [cli, 'db', 'migrate', '--data-dir', dataDir], {
        env: { ...process.env, DATABASE_URL: '' },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is in use by process ${process.pid}`);
      expect(result.stderr).not.toContain('Aborted');
    } finally {
      await first.close();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = join(dir, 'stale');
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    expect(dead).toBeGreaterThan(0);
    writeFileSync(
      lockPathFor(dataDir),
      JSON.stringify({
        pid: dead,
        host: (await import('node:os')).hostname(),
        command: 'jalon start',
        since: '2026-01-01T00:00:00Z',
      }),
    );
    const handle = await openDatabase({ dataDir });
    try {
      expect(JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8')).pid).toBe(process.pid);
    } finally {
      await handle.close();
    }
  });

  it('never locks an in-memory database', async () => {
    const a = await openDatabase({ dataDir: 'memory' });
    const b = await openDatabase({ dataDir: 'memory' });
    await Promise.all([a.close(), b.close()]);
  });
});
