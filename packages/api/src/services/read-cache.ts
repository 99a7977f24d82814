import { factsStamp, type Database } from '@jalon/db';

interface Entry {
  stamp: string;
  at: number;
  value: Promise<unknown>;
}

export interface ReadCacheOptions {
  /** Results kept at most (the oldest used goes first). */
  maxEntries?: number;
  /**
   * A result is recomputed after this long even when nothing audited changed: the bound on how
   * stale a write that bypasses the commands (a seed, raw SQL) may leave it.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Results of the heaviest reads (indicator values, the dashboard) kept per organisation while
 * its facts stamp (`factsStamp`: the count of its audit lines) is the same: a request then costs
 * one indexed count instead of the whole computation (31 statements for the dashboard). The stamp
 * is read before the result is computed, so a kept result is never older than its stamp; any
 * committed command changes the stamp, so the next read recomputes. Concurrent requests for the
 * same result share one computation. Failures are not kept. One cache per server process; the
 * key must hold everything the result depends on besides the organisation's data (who asks,
 * with which scope, in which language, with which input).
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(options: ReadCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async get<T>(
    db: Database,
    organisationId: string,
    key: unknown,
    compute: () => Promise<T>,
  ): Promise<T> {
    const stamp = await factsStamp(db, organisationId);
    const id = JSON.stringify([organisationId, key]);
    const found = this.entries.get(id);
    const now = this.now();
    if (found && found.stamp === stamp && now - found.at <= this.maxAgeMs) {
      // Map order is the eviction order: a hit moves the entry to the end.
      this.entries.delete(id);
      this.entries.set(id, found);
      this.hits++;
      return found.value as Promise<T>;
    }
    this.misses++;
    const value = compute();
    const entry: Entry = { stamp, at: now, value };
    this.entries.delete(id);
    this.entries.set(id, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    value.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * A read procedure's result through the context's cache when there is one, keyed by the
 * procedure, the caller's role and reach, the language and the input.
 */
export function cachedRead<T>(
  ctx: {
    readDb: Database;
    organisationId: string;
    locale: string;
    readCache?: ReadCache | undefined;
    actor: { role: string; programmeIds: readonly string[]; grantIds: readonly string[] } | null;
  },
  procedure: string,
  input: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  if (!ctx.readCache) return compute();
  const who = ctx.actor
    ? [ctx.actor.role, [...ctx.actor.programmeIds].sort(), [...ctx.actor.grantIds].sort()]
    : null;
  return ctx.readCache.get(
    ctx.readDb,
    ctx.organisationId,
    [procedure, who, ctx.locale, input],
    compute,
  );
}
