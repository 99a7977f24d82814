import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * How the `jalon` CLI reaches the server that holds a PGlite data directory: the server writes
 * its address and a random token beside the folder (`<data dir>.admin.json`, readable by its
 * user only, removed when it stops); a command that finds the folder locked asks that server
 * (`POST /api/admin/backup` with the token) instead of opening the folder a second time.
 */
export interface AdminChannel {
  pid: number;
  url: string;
  token: string;
}

export const adminChannelPath = (dataDir: string) => `${resolve(dataDir)}.admin.json`;

export const newAdminToken = () => randomBytes(32).toString('base64url');

/** Written once the server listens; returns what removes it (also run when the process exits). */
export function advertiseAdminChannel(dataDir: string, channel: AdminChannel): () => void {
  const path = adminChannelPath(dataDir);
  writeFileSync(path, JSON.stringify(channel), { mode: 0o600 });
  const remove = () => {
    process.off('exit', remove);
    try {
      if (readAdminChannel(dataDir)?.token === channel.token) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', remove);
  return remove;
}

export function readAdminChannel(dataDir: string): AdminChannel | null {
  try {
    const parsed = JSON.parse(
      readFileSync(adminChannelPath(dataDir), 'utf8'),
    ) as Partial<AdminChannel>;
    if (
      typeof parsed.pid !== 'number' ||
      typeof parsed.url !== 'string' ||
      typeof parsed.token !== 'string'
    )
      return null;
    return { pid: parsed.pid, url: parsed.url, token: parsed.token };
  } catch {
    return null;
  }
}
