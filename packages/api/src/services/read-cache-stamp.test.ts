import { factsStamp, queryRows, sql, type Database, type DatabaseHandle } from '@jalon/db';
import { roles } from '@jalon/db/schema';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../auth/permissions';
import { call, procedures, rolledBack } from '../security/harness';
import { samples } from '../security/samples';
import { buildWorld, type World } from '../security/world';

/**
 * The read cache (read-cache.ts) keeps a result while the organisation's facts stamp — its audit
 * lines — is unchanged. It is never stale only if every command that changes what a read may
 * count writes an audit line. This holds it for EVERY mutation of the router, with the valid
 * input of the security samples, run by a role allowed to in a transaction rolled back after:
 * when any row of the organisation changed, the stamp must have changed too.
 *
 * Tables left out, with why: the audit log is the stamp itself; sessions and the sign-in
 * throttle are who is signed in, which no cached read counts (the cache key holds the caller's
 * role and reach, read at every request); imports stage rows (`import_batch`, `import_row`) that
 * no read counts until a commit, which is audited; a create's client id (`client_request`) only
 * replays the answer of an audited create.
 */
const notCounted = new Set([
  'audit_log',
  'session',
  'login_throttle',
  'import_batch',
  'import_row',
  'client_request',
]);

const kinds = await testDatabaseKinds();

/** A digest of every row of the organisation, per table that has its column. */
async function fingerprint(db: Database, organisationId: string): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.table_name as name from information_schema.columns c
          join information_schema.tables t
            on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = 'public' and c.column_name = 'organisation_id'
           and t.table_type = 'BASE TABLE'
         order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (notCounted.has(name)) continue;
    const table = `"${name.replace(/"/g, '""')}"`;
    const [row] = await queryRows<{ h: string | null }>(
      db,
      sql`select md5(string_agg(x.t, '|' order by x.t)) as h
            from (select r::text as t from ${sql.raw(table)} r
                   where r.organisation_id = ${organisationId}) x`,
    );
    out[name] = row?.h ?? '';
  }
  return out;
}

describe.each(kinds)('every command that changes data changes the facts stamp on %s', (kind) => {
  let handle: DatabaseHandle;
  let world: World;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    world = await buildWorld(handle.db);
  }, 120_000);
  afterAll(async () => handle?.close(), 60_000);

  it('for every mutation of the router, run with its sample by a role allowed to', async () => {
    const mutations = procedures.filter((p) => p.type === 'mutation');
    expect(mutations.length).toBeGreaterThan(30);
    const silent: string[] = [];
    let changed = 0;
    for (const { path } of mutations) {
      const own = must(samples[path], path)(world).own;
      if (!own) continue;
      const who = roles.find((r) => authorize(world.actors[r], path, own.resource).allow);
      if (!who) continue;
      await rolledBack(handle.db, async (tx) => {
        const [before, stamp] = [
          await fingerprint(tx, world.orgA),
          await factsStamp(tx, world.orgA),
        ];
        const outcome = await call(tx, world.actors[who], path, own.input);
        if (!outcome.ok) return;
        const after = await fingerprint(tx, world.orgA);
        const touched = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (touched.length === 0) return;
        changed += 1;
        if ((await factsStamp(tx, world.orgA)) === stamp)
          silent.push(`${path} (as ${who}) changed ${touched.join(', ')} without an audit line`);
      });
    }
    // Most mutations change something: the check ran on them, not on nothing.
    expect(changed).toBeGreaterThan(20);
    expect(silent).toEqual([]);
  }, 600_000);
});
