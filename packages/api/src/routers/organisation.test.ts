import { must } from '@jalon/domain';
import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();

describe.each(kinds)('the separation-of-duties setting on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  const as = async (email: string) =>
    createCaller(
      createContext({ db: handle.db, actor: await demoActor(handle.db, org, email), locale: 'fr' }),
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "findOrganisationByCode(handle.db, 'WANEP-ML')",
    ).id;
  }, 60_000);
  afterAll(async () => handle?.close());

  it('is on by default; the admin turns it off (audited), and then one validates her own submission', async () => {
    const admin = await as('admin@wanep-mali.demo');
    const me = await as('suivi@wanep-mali.demo');
    expect(await me.organisation.settings()).toEqual({ separationOfDuties: true });

    const jps = must(
      (await me.programme.list()).items.find((p) => p.code === 'JPS'),
      'the JPS programme',
    ).id;
    const { activity } = await me.activity.create({
      programmeId: jps,
      title: 'Activité de la séparation des tâches',
      type: 'meeting',
      startDate: '2023-06-10',
      endDate: '2023-06-10',
    });
    const submitted = await me.activity.submit({ id: activity.id, version: activity.version });
    await expect(
      me.activity.validate({ id: activity.id, version: submitted.version }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // the M&E officer may not change it
    await expect(
      me.organisation.updateSettings({ separationOfDuties: false }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await admin.organisation.updateSettings({ separationOfDuties: false })).toEqual({
      separationOfDuties: false,
    });
    const validated = await me.activity.validate({ id: activity.id, version: submitted.version });
    expect(validated.status).toBe('validated');

    const audit = await queryRows<{ before: unknown; after: unknown }>(
      handle.db,
      sql`select before, after from audit_log where entity = 'organisation' and entity_id = ${org}`,
    );
    expect(audit).toEqual([
      { before: { separationOfDuties: true }, after: { separationOfDuties: false } },
    ]);
    // setting it to what it is writes nothing more
    await admin.organisation.updateSettings({ separationOfDuties: false });
    await admin.organisation.updateSettings({ separationOfDuties: true });
    expect(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql`select count(*)::int as n from audit_log where entity = 'organisation'`,
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sq...',
      ).n,
    ).toBe(2);
  });
});
