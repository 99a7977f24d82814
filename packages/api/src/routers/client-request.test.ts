import { randomUUID } from 'node:crypto';
import {
  countClientRequests,
  findOrganisationByCode,
  listProgrammes,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { must } from '@jalon/domain';

/**
 * Creates are idempotent under the client's id (`clientRequestId`, from the browser's outbox):
 * a request sent again returns the first result and writes nothing more — on one database
 * connection, and on PostgreSQL when the two copies arrive at the same time.
 */
const kinds = await testDatabaseKinds();

describe.each(kinds)('creates sent again under the same client id on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let other: string;
  let programmeId: string;
  const caller = (organisationId: string, locale: 'fr' | 'en' = 'fr') =>
    createCaller(createContext({ db: handle.db, actor: systemActor(organisationId), locale }));
  const count = async (table: string, organisationId: string) =>
    Number(
      must(
        (
          await queryRows<{ n: number }>(
            handle.db,
            sql`select count(*)::int as n from ${sql.identifier(table)} where organisation_id = ${organisationId}`,
          )
        )[0],
        '( await queryRows<{ n: number }>( handle.db, sql`select count(*)::i...',
      ).n,
    );
  const activity = (title: string, clientRequestId?: string) => ({
    programmeId,
    title,
    type: 'training' as const,
    startDate: '2024-03-04',
    endDate: '2024-03-04',
    participants: { total: { value: 40, qualifier: 'exact' as const } },
    ...(clientRequestId ? { clientRequestId } : {}),
  });
  const incident = (deaths: number, clientRequestId?: string) => ({
    date: '2024-03-05',
    category: 'democracy-governance' as const,
    deaths,
    ...(clientRequestId ? { clientRequestId } : {}),
  });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    programmeId = must(
      (await listProgrammes(handle.db, org))[0],
      '(await listProgrammes(handle.db, org))[0]',
    ).id;
    other = randomUUID();
    await handle.db.execute(
      sql`insert into organisation (id, organisation_id, code, name, kind) values (${other}, ${other}, 'AUTRE-ORG', 'Autre organisation', 'national-network')`,
    );
  }, 60_000);
  afterAll(async () => handle?.close());

  it('an activity sent twice is recorded once, and the replay returns the first result', async () => {
    const id = randomUUID();
    const before = await count('activity', org);
    const first = await caller(org).activity.create(activity('Formation rejouée', id));
    const again = await caller(org).activity.create(activity('Formation rejouée', id));
    expect(again.activity.id).toBe(first.activity.id);
    expect(again.activity.code).toBe(first.activity.code);
    expect(await count('activity', org)).toBe(before + 1);
    // One audit entry: the replay wrote nothing.
    const audits = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${first.activity.id}`,
    );
    expect(must(audits[0], 'audits[0]').n).toBe(1);
  });

  it('an incident sent twice is recorded once, with the same id and code', async () => {
    const id = randomUUID();
    const before = await count('incident', org);
    const first = await caller(org).incident.create(incident(2, id));
    const again = await caller(org).incident.create(incident(2, id));
    expect(again).toEqual(first);
    expect(await count('incident', org)).toBe(before + 1);
  });

  it('without a client id, two sends are two records (as before)', async () => {
    const before = await count('incident', org);
    await caller(org).incident.create(incident(1));
    await caller(org).incident.create(incident(1));
    expect(await count('incident', org)).toBe(before + 2);
  });

  it('the same id for a different request is refused in the caller’s language, nothing written', async () => {
    const id = randomUUID();
    await caller(org).incident.create(incident(3, id));
    const before = await count('incident', org);
    await expect(caller(org).incident.create(incident(4, id))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('identifiant de demande a déjà servi') as unknown,
    });
    await expect(caller(org, 'en').incident.create(incident(4, id))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('request id was already used') as unknown,
    });
    // Nor is an activity under an incident's id.
    await expect(
      caller(org).activity.create(activity('Sous un autre identifiant', id)),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count('incident', org)).toBe(before);
  });

  it('a refused save keeps no claim: corrected, it is recorded under the same id', async () => {
    const id = randomUUID();
    const claims = await countClientRequests(handle.db, org);
    const before = await count('incident', org);
    await expect(
      caller(org).incident.create({ ...incident(1, id), placeId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await countClientRequests(handle.db, org)).toBe(claims);
    await caller(org).incident.create(incident(1, id));
    expect(await count('incident', org)).toBe(before + 1);
    expect(await countClientRequests(handle.db, org)).toBe(claims + 1);
  });

  it('a client id is unique per organisation: another organisation’s same id is its own record', async () => {
    const id = randomUUID();
    const mine = await caller(org).incident.create(incident(5, id));
    const theirs = await caller(other).incident.create(incident(5, id));
    expect(theirs.id).not.toBe(mine.id);
    expect(await count('incident', other)).toBe(1);
    // And replaying in one organisation never returns the other's record.
    expect((await caller(other).incident.create(incident(5, id))).id).toBe(theirs.id);
    expect((await caller(org).incident.create(incident(5, id))).id).toBe(mine.id);
  });

  it.runIf(kind === 'postgres')(
    'two identical requests at the same time make one record, both answered with it',
    async () => {
      for (let round = 0; round < 10; round++) {
        const id = randomUUID();
        const [activities, incidents] = [
          await count('activity', org),
          await count('incident', org),
        ];
        const [a, b] = await Promise.all([
          caller(org).activity.create(activity(`Formation simultanée ${round}`, id)),
          caller(org).activity.create(activity(`Formation simultanée ${round}`, id)),
        ]);
        expect(b.activity.id).toBe(a.activity.id);
        const incidentId = randomUUID();
        const [c, d] = await Promise.all([
          caller(org).incident.create(incident(round, incidentId)),
          caller(org).incident.create(incident(round, incidentId)),
        ]);
        expect(d).toEqual(c);
        expect(await count('activity', org)).toBe(activities + 1);
        expect(await count('incident', org)).toBe(incidents + 1);
      }
    },
  );
});
