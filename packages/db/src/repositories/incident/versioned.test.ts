import { must } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import type { CommandResult } from '../../command';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { findOrganisationByCode } from '../organisation/queries';
import { createIncident, deleteIncident, updateIncident, type IncidentInput } from './commands';
import { findIncident } from './queries';
import { queryRows } from '../../client';
import { sql } from 'drizzle-orm';

const kinds = await testDatabaseKinds();
const ROUNDS = 20;

const accepted = (rs: CommandResult<unknown>[]) => rs.filter((r) => r.ok).length;
const conflicts = (rs: CommandResult<unknown>[]) =>
  rs.filter((r) => !r.ok && r.error.kind === 'conflict').length;

const base: IncidentInput = {
  date: '2024-03-05',
  category: 'democracy-governance',
  deaths: 0,
  injuries: 0,
  verified: false,
  placeId: null,
  programmeId: null,
  description: 'Incident de concurrence',
};

describe.each(kinds)('incident corrections at a version on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "findOrganisationByCode(handle.db, 'WANEP-ML')",
    ).id;
  }, 60_000);
  afterAll(async () => handle?.close());

  async function fresh() {
    const r = await createIncident(handle.db, org, base);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.id;
  }

  const auditRows = async (id: string) =>
    Number(
      (
        await queryRows<{ n: number }>(
          handle.db,
          sql`select count(*)::int as n from audit_log where entity = 'incident' and entity_id = ${id}`,
        )
      )[0]?.n,
    );

  it('a correction at a stale version is a conflict and changes nothing', async () => {
    const id = await fresh();
    const first = await updateIncident(handle.db, org, id, 1, { ...base, deaths: 1 });
    expect(first).toMatchObject({ ok: true, value: { version: 2 } });
    const stale = await updateIncident(handle.db, org, id, 1, { ...base, deaths: 7 });
    expect(stale).toEqual({ ok: false, error: { kind: 'conflict', currentVersion: 2 } });
    expect(await deleteIncident(handle.db, org, id, 1)).toEqual({
      ok: false,
      error: { kind: 'conflict', currentVersion: 2 },
    });
    expect(
      must(await findIncident(handle.db, org, id), 'findIncident(handle.db, org, id)').deaths,
    ).toBe(1);
    // create and one correction: the refusals write nothing to the log
    expect(await auditRows(id)).toBe(2);
  });

  // The races only exist with several writers: PostgreSQL (PGlite has a single one).
  it.runIf(kind === 'postgres')(
    'two concurrent corrections at the same version: exactly one wins, the other is a conflict',
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const id = await fresh();
        const rs = await Promise.all([
          updateIncident(handle.db, org, id, 1, { ...base, deaths: 1 }),
          updateIncident(handle.db, org, id, 1, { ...base, deaths: 2 }),
        ]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
        const after = must(
          await findIncident(handle.db, org, id),
          'findIncident(handle.db, org, id)',
        );
        expect(after.version).toBe(2);
        expect(after.deaths).toBe(must(rs[0], 'rs[0]').ok ? 1 : 2);
      }
    },
  );

  it.runIf(kind === 'postgres')(
    'a correction and a removal at the same version: one wins, never a correction of nothing',
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const id = await fresh();
        const rs = await Promise.all([
          updateIncident(handle.db, org, id, 1, { ...base, deaths: 3 }),
          deleteIncident(handle.db, org, id, 1),
        ]);
        expect(accepted(rs)).toBe(1);
        const after = await findIncident(handle.db, org, id);
        if (must(rs[1], 'rs[1]').ok) expect(after).toBeUndefined();
        else {
          expect(rs[1]).toEqual({ ok: false, error: { kind: 'conflict', currentVersion: 2 } });
          expect(after?.deaths).toBe(3);
        }
      }
    },
  );
});
