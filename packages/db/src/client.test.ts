import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ping, queryRows, type DatabaseHandle } from './client';
import { openTestDatabase, testDatabaseKinds } from './testing';

const kinds = await testDatabaseKinds();

describe.each(kinds)('migrations on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  it('creates every table with an organisation_id column', async () => {
    const rows = await queryRows<{ table_name: string; has_org: boolean }>(
      handle.db,
      sql`select t.table_name,
                 exists (select 1 from information_schema.columns c
                          where c.table_schema = t.table_schema and c.table_name = t.table_name
                            and c.column_name = 'organisation_id') as has_org
            from information_schema.tables t
           where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((r) => r.table_name).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        'activity',
        'activity_place',
        'organisation',
        'participation_cell',
        'participation_count',
        'place',
        'programme',
      ]),
    );
    // Sign-in counters exist before anyone knows the organisation an attempt is for: shared.
    const shared = ['login_throttle'];
    expect(
      rows.filter((r) => !r.has_org && !shared.includes(r.table_name)).map((r) => r.table_name),
    ).toEqual([]);
  });

  it('records the applied migrations and answers the health ping', async () => {
    const applied = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(Number(applied[0]?.n)).toBeGreaterThan(0);
    expect(await ping(handle.db)).toBe(true);
  });

  it('enforces the constraints in the database, not only in code', async () => {
    const orgId = '00000000-0000-4000-8000-000000000001';
    await handle.db.execute(
      sql`insert into organisation (id, organisation_id, code, name, kind) values (${orgId}, ${orgId}, 'T', 'T', 'national-network')`,
    );
    await handle.db.execute(
      sql`insert into programme (id, organisation_id, code, name, name_en) values ('00000000-0000-4000-8000-000000000002', ${orgId}, 'P', 'P', 'P')`,
    );
    const insertActivity = (start: string, end: string, sessions = 1) =>
      handle.db.execute(
        sql`insert into activity (organisation_id, programme_id, code, title, type, start_date, end_date, sessions)
            values (${orgId}, '00000000-0000-4000-8000-000000000002', ${`A-${start}-${end}-${sessions}`}, 'x', 'training', ${start}, ${end}, ${sessions})`,
      );
    await expect(insertActivity('2023-05-02', '2023-05-01')).rejects.toThrow();
    await expect(insertActivity('2023-05-01', '2023-05-01', 0)).rejects.toThrow();
    await insertActivity('2023-05-01', '2023-05-02');
    // An organisation that is not its own tenant, or an unknown activity type, is refused.
    await expect(
      handle.db.execute(
        sql`insert into organisation (id, organisation_id, code, name, kind) values (gen_random_uuid(), ${orgId}, 'U', 'U', 'national-network')`,
      ),
    ).rejects.toThrow();
    await expect(
      handle.db.execute(
        sql`insert into activity (organisation_id, programme_id, code, title, type, start_date, end_date)
            values (${orgId}, '00000000-0000-4000-8000-000000000002', 'BAD', 'x', 'party', '2023-01-01', '2023-01-01')`,
      ),
    ).rejects.toThrow();
    // An indicator steps by a regular period kind, and only under a stepped time rule.
    const insertIndicator = (code: string, timeRule: string, subPeriod: string | null) =>
      handle.db.execute(
        sql`insert into indicator (organisation_id, code, title, title_en, time_rule, sub_period, source_kind, source)
            values (${orgId}, ${code}, 'x', 'x', ${timeRule}, ${subPeriod}, 'manual', '{"kind":"manual"}')`,
      );
    await insertIndicator('I-LATEST-Q', 'latest', 'quarter');
    await insertIndicator('I-SUM', 'sum', null);
    await expect(insertIndicator('I-RANGE', 'latest', 'range')).rejects.toThrow();
    await expect(insertIndicator('I-SUM-Q', 'sum', 'quarter')).rejects.toThrow();
  });
});
