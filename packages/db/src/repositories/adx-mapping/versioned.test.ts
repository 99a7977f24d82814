import { must } from '@jalon/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../client';
import type { CommandResult } from '../../command';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { findGrantByCode } from '../grant/queries';
import { findOrganisationByCode } from '../organisation/queries';
import { adxMappingRecordOf, setAdxMapping } from './commands';

const kinds = await testDatabaseKinds();
const ROUNDS = 20;

const accepted = (rs: CommandResult<unknown>[]) => rs.filter((r) => r.ok).length;
const conflicts = (rs: CommandResult<unknown>[]) =>
  rs.filter((r) => !r.ok && r.error.kind === 'conflict').length;

/** A mapping told apart by its data set code. */
const mapping = (dataSet: string) => ({
  dataSet,
  orgUnit: 'WANEP-ML',
  indicators: {},
  categories: {},
});

describe.each(kinds)('the exchange mapping saved at a version on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let grantId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    grantId = must(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'), 'the grant').id;
  }, 60_000);
  afterAll(async () => handle?.close());

  const save = (dataSet: string | null, version?: number) =>
    setAdxMapping(handle.db, org, {
      grantId,
      mapping: dataSet === null ? null : mapping(dataSet),
      ...(version === undefined ? {} : { version }),
    });
  const auditRows = async () =>
    Number(
      (
        await queryRows<{ n: number }>(
          handle.db,
          sql`select count(*)::int as n from audit_log where entity = 'adx-mapping' and entity_id = ${grantId}`,
        )
      )[0]?.n,
    );
  const stored = async () => {
    const r = await adxMappingRecordOf(handle.db, org, grantId);
    return r && { dataSet: (r.mapping as { dataSet: string }).dataSet, version: r.version };
  };

  it('a save from a stale version is a conflict, changes nothing and writes no audit line', async () => {
    await save(null);
    const audits = await auditRows();
    expect(await save('A', 0)).toEqual({ ok: true, value: { stored: true, version: 1 } });
    expect(await save('B', 1)).toEqual({ ok: true, value: { stored: true, version: 2 } });
    // Read at 1 (before B), saved after: refused, B stays.
    expect(await save('C', 1)).toEqual({
      ok: false,
      error: { kind: 'conflict', currentVersion: 2 },
    });
    // A first save when one was stored in between: refused too.
    expect(await save('D', 0)).toEqual({
      ok: false,
      error: { kind: 'conflict', currentVersion: 2 },
    });
    // A removal from a stale version: refused.
    expect(await save(null, 1)).toEqual({
      ok: false,
      error: { kind: 'conflict', currentVersion: 2 },
    });
    expect(await stored()).toEqual({ dataSet: 'B', version: 2 });
    expect(await auditRows()).toBe(audits + 2);
    expect(await save(null, 2)).toEqual({ ok: true, value: { stored: false, version: 0 } });
    expect(await stored()).toBeNull();
    // Read before the removal, saved after it: refused, nothing comes back.
    expect(await save('E', 2)).toEqual({
      ok: false,
      error: { kind: 'conflict', currentVersion: 0 },
    });
    expect(await stored()).toBeNull();
    expect(await auditRows()).toBe(audits + 3);
  });

  // The races only exist with several writers: PostgreSQL (PGlite has a single one).
  it.runIf(kind === 'postgres')(
    'two saves at once from the same version: exactly one wins, the other is a conflict',
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await save(null);
        // Even rounds race the first save (nothing stored), odd ones a change of a stored one.
        const from = round % 2 === 0 ? 0 : 1;
        if (from === 1) expect((await save('base', 0)).ok).toBe(true);
        const audits = await auditRows();
        const rs = await Promise.all([save(`L${round}`, from), save(`R${round}`, from)]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
        const winner = must(rs[0], 'rs[0]').ok ? `L${round}` : `R${round}`;
        expect(await stored()).toEqual({ dataSet: winner, version: from + 1 });
        expect(await auditRows()).toBe(audits + 1);
      }
    },
  );

  it.runIf(kind === 'postgres')(
    'a save and a removal at once from the same version: one wins, never a save of nothing',
    async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await save(null);
        expect((await save('base', 0)).ok).toBe(true);
        const rs = await Promise.all([save(`S${round}`, 1), save(null, 1)]);
        expect(accepted(rs)).toBe(1);
        expect(conflicts(rs)).toBe(1);
        if (must(rs[1], 'rs[1]').ok) expect(await stored()).toBeNull();
        else expect(await stored()).toEqual({ dataSet: `S${round}`, version: 2 });
      }
    },
  );
});
