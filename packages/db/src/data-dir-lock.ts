import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** Who holds a PGlite data directory, as written in its lock file. */
export interface DataDirHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/** A second process opened a data directory another one is using. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holder.pid} on ${holder.host} ` +
        `(${holder.command}, since ${holder.since}). Only one Jalon process may open an embedded ` +
        `database at a time: stop that process first, or use a PostgreSQL server (DATABASE_URL). ` +
        `/ Le dossier de données ${dataDir} est utilisé par le processus ${holder.pid}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * The lock file sits beside the data directory, not inside it: PGlite's `dumpDataDir` would
 * otherwise carry it into backups, and a restored copy would look held.
 */
export function lockPathFor(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): DataDirHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DataDirHolder>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? '?'),
      command: String(parsed.command ?? '?'),
      since: String(parsed.since ?? '?'),
    };
  } catch {
    return null;
  }
}

const held = new Map<string, () => void>();

/**
 * Takes the lock of a PGlite data directory for this process, or throws `DataDirLockedError`
 * naming the holder. A lock left by a process that is gone (same host, pid not running) is stale
 * and taken over; PGlite itself has no such guard and a second opener dies with a bare
 * `Aborted()`. Returns the release function (also run when the process exits).
 */
export function lockDataDir(dataDir: string): () => void {
  const path = lockPathFor(dataDir);
  const me: DataDirHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv
      .slice(1)
      .map((a) => a.replace(/^.*\/(?=[^/]+$)/, ''))
      .join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      const stale =
        holder === null
          ? // A lock being written this instant reads empty: only call it stale on a retry.
            attempt > 0
          : holder.host === me.host && holder.pid !== process.pid && !isAlive(holder.pid);
      if (holder && !stale) throw new DataDirLockedError(resolve(dataDir), holder);
      if (stale) {
        try {
          unlinkSync(path);
        } catch {
          // Another process took it over first; the next attempt sees its lock.
        }
      }
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    const onExit = () => release();
    const release = () => {
      if (held.get(path) !== release) return;
      held.delete(path);
      process.off('exit', onExit);
      try {
        if (readHolder(path)?.pid === process.pid) unlinkSync(path);
      } catch {
        // Already gone.
      }
    };
    held.set(path, release);
    process.on('exit', onExit);
    return release;
  }
  throw new Error(`Could not take the lock ${path}`);
}
