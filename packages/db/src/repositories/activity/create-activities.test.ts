import { randomUUID } from 'node:crypto';
import { must } from '@jalon/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import {
  auditLog,
  donor,
  grant,
  organisation,
  participationCell,
  place,
  programme,
} from '../../schema/index';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { lockPeriod } from '../period-lock/commands';
import { createActivities, type ActivityInput } from './commands';
import { findActivity } from './queries';

/*
 * `createActivities` (an import's commit) keeps the rules of `createActivity` per input, in a few
 * statements for the batch: each refusal named in the input's place, nothing of a refused input
 * written, the rest written with its places, grants, counts and one audit line.
 */
const kinds = await testDatabaseKinds();

describe.each(kinds)('createActivities on %s', (kind) => {
  let handle: DatabaseHandle;
  const org = randomUUID();
  let ids: { programme: string; place: string; grant: string; locked: string };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const { db } = handle;
    await db.insert(organisation).values({
      id: org,
      organisationId: org,
      code: `T-${org.slice(0, 8)}`,
      name: 'Organisation de test',
      kind: 'national-network',
    });
    const one = async <T>(rows: Promise<T[]>) => must((await rows)[0], 'the row just written');
    const p = await one(
      db
        .insert(programme)
        .values({ organisationId: org, code: 'P', name: 'P', nameEn: 'P' })
        .returning({ id: programme.id }),
    );
    const pl = await one(
      db
        .insert(place)
        .values({ organisationId: org, code: 'ml', name: 'Mali', path: 'ml', level: 'country' })
        .returning({ id: place.id }),
    );
    const d = await one(
      db
        .insert(donor)
        .values({ organisationId: org, code: 'D', name: 'D' })
        .returning({ id: donor.id }),
    );
    const grantOf = (code: string) =>
      one(
        db
          .insert(grant)
          .values({
            organisationId: org,
            donorId: d.id,
            code,
            title: code,
            startDate: '2023-01-01',
            endDate: '2023-12-31',
          })
          .returning({ id: grant.id }),
      );
    const g = await grantOf('G');
    const locked = await grantOf('L');
    await lockPeriod(
      db,
      org,
      {
        grantId: locked.id,
        periodCode: '2023-Q1',
        periodStart: '2023-01-01',
        periodEnd: '2023-03-31',
      },
      null,
    );
    ids = { programme: p.id, place: pl.id, grant: g.id, locked: locked.id };
  }, 300_000);

  afterAll(async () => {
    await handle?.close();
  });

  const input = (over: Partial<ActivityInput>): ActivityInput => ({
    programmeId: ids.programme,
    title: 'Atelier',
    type: 'workshop',
    role: 'organiser',
    startDate: '2023-02-10',
    endDate: '2023-02-10',
    sessions: 1,
    placeIds: [ids.place],
    grantIds: [ids.grant],
    participants: null,
    ...over,
  });

  it('answers each input in its place: created, or refused with its reason', async () => {
    const unknown = randomUUID();
    const results = await handle.db.transaction((tx) =>
      createActivities(tx, org, [
        input({
          code: 'A-1',
          participants: {
            total: { value: 30, qualifier: 'exact' },
            cells: [{ key: { sex: 'female' }, value: 12, qualifier: 'exact' }],
          },
        }),
        input({ code: 'A-2', programmeId: unknown }),
        input({ code: 'A-3', placeIds: [unknown] }),
        input({ code: 'A-4', grantIds: [unknown] }),
        input({ code: 'A-5', grantIds: [ids.locked] }),
        input({ code: 'A-1' }),
        input({
          code: 'A-6',
          grantIds: [ids.locked],
          startDate: '2023-05-02',
          endDate: '2023-05-02',
        }),
      ]),
    );
    expect(results.map((r) => (r.ok ? 'created' : r.error.kind))).toEqual([
      'created',
      'unknown-reference',
      'unknown-reference',
      'unknown-reference',
      'locked',
      'duplicate-code',
      'created',
    ]);
    expect(results[1]).toEqual({
      ok: false,
      error: { kind: 'unknown-reference', what: 'programme', ids: [unknown] },
    });
    expect(results[2]).toMatchObject({ ok: false, error: { what: 'place', ids: [unknown] } });
    expect(results[3]).toMatchObject({ ok: false, error: { what: 'grant', ids: [unknown] } });
    expect(results[4]).toMatchObject({ ok: false, error: { grant: 'L', period: '2023-Q1' } });

    const first = results[0];
    if (!first?.ok) throw new Error('the first activity was not created');
    expect(first.value).toMatchObject({ code: 'A-1', version: 1 });
    const stored = must(await findActivity(handle.db, org, first.value.id), 'the activity A-1');
    expect(stored.places.map((p) => p.id)).toEqual([ids.place]);
    expect(stored.grants.map((g) => g.id)).toEqual([ids.grant]);
    expect(stored.participants?.total).toEqual({ value: 30, qualifier: 'exact' });
    const cells = await handle.db
      .select()
      .from(participationCell)
      .where(eq(participationCell.activityId, first.value.id));
    expect(cells.map((c) => [c.cellKey, c.value])).toEqual([['sex=female', 12]]);
    const [audit] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org), eq(auditLog.action, 'create')));
    expect(Number(audit?.n)).toBe(2);
  });

  it('answers nothing for no input', async () => {
    expect(await handle.db.transaction((tx) => createActivities(tx, org, []))).toEqual([]);
  });
});
