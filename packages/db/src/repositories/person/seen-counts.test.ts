import { randomUUID } from 'node:crypto';
import { must } from '@jalon/domain';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, restoreBackup } from '../../backup/backup';
import { openDatabase, type DatabaseHandle } from '../../client';
import { activity, organisation, person, place, programme } from '../../schema/index';
import { createScratchDatabase, openTestDatabase, testDatabaseKinds } from '../../testing';
import { createActivity } from '../activity/commands';
import { setAttendance } from '../attendance/commands';
import { listPersons } from './queries';

/*
 * Each person's kept counts (`seen_count`, `last_seen`, maintained by attendance's triggers) equal
 * a recount of her attendance after any sequence of the writes that touch it: attendance lists
 * saved and cleared, activities and people deleted (their attendance goes by cascade, as an import's
 * undo does), attendance moved to another day or person, and all attendance truncated.
 */
const kinds = await testDatabaseKinds();

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

async function makeOrganisation(handle: DatabaseHandle) {
  const org = randomUUID();
  const { db } = handle;
  await db.insert(organisation).values({
    id: org,
    organisationId: org,
    code: `T-${org.slice(0, 8)}`,
    name: 'Organisation de test',
    kind: 'national-network',
  });
  const programmes = await db
    .insert(programme)
    .values(['P', 'Q'].map((code) => ({ organisationId: org, code, name: code, nameEn: code })))
    .returning({ id: programme.id });
  const [pl] = await db
    .insert(place)
    .values({ organisationId: org, code: 'ml', name: 'Mali', path: 'ml', level: 'country' })
    .returning({ id: place.id });
  return {
    org,
    programmeId: must(programmes[0], 'the programme').id,
    otherProgrammeId: must(programmes[1], 'the other programme').id,
    placeId: must(pl, 'the place').id,
  };
}

async function newActivity(
  handle: DatabaseHandle,
  at: { org: string; programmeId: string; placeId: string },
  code: string,
  programmeId = at.programmeId,
) {
  const created = await createActivity(handle.db, at.org, {
    code,
    programmeId,
    title: `Atelier ${code}`,
    type: 'workshop',
    role: 'organiser',
    startDate: '2023-03-01',
    endDate: '2023-03-10',
    sessions: 1,
    placeIds: [at.placeId],
    grantIds: [],
    participants: null,
  });
  if (!created.ok) throw new Error(`activity ${code} not created: ${created.error.kind}`);
  return created.value.id;
}

/** Kept counts beside a recount of attendance, for every person of the organisation. */
async function keptAndRecounted(handle: DatabaseHandle, org: string) {
  return rowsOf<{ code: string; kept: number; n: number; kept_last: string; last: string }>(
    await handle.db.execute(sql`
      select p.code, p.seen_count as kept, p.last_seen::text as kept_last,
             (select count(*)::int from attendance a where a.organisation_id = p.organisation_id and a.person_id = p.id) as n,
             (select max(a.date)::text from attendance a where a.organisation_id = p.organisation_id and a.person_id = p.id) as last
        from person p where p.organisation_id = ${org} order by p.code`),
  );
}

/** Kept counts per programme beside a recount of attendance at each programme's activities. */
async function keptAndRecountedByProgramme(handle: DatabaseHandle, org: string) {
  const read = async (q: ReturnType<typeof sql>) =>
    rowsOf<{ programme: string; code: string; n: number; last: string }>(
      await handle.db.execute(q),
    ).map((r) => `${r.programme} ${r.code} ${r.n} ${r.last}`);
  return {
    kept: await read(sql`
      select pr.code as programme, p.code, s.seen_count as n, s.last_seen::text as last
        from person_programme_seen s
        join person p on p.organisation_id = s.organisation_id and p.id = s.person_id
        join programme pr on pr.organisation_id = s.organisation_id and pr.id = s.programme_id
       where s.organisation_id = ${org} order by 1, 2`),
    recounted: await read(sql`
      select pr.code as programme, p.code, count(*)::int as n, max(a.date)::text as last
        from attendance a
        join activity ac on ac.organisation_id = a.organisation_id and ac.id = a.activity_id
        join programme pr on pr.organisation_id = ac.organisation_id and pr.id = ac.programme_id
        join person p on p.organisation_id = a.organisation_id and p.id = a.person_id
       where a.organisation_id = ${org} group by pr.code, p.code order by 1, 2`),
  };
}

const day = fc.integer({ min: 1, max: 10 }).map((d) => `2023-03-${String(d).padStart(2, '0')}`);
const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      activity: fc.nat(3),
      people: fc.uniqueArray(fc.record({ who: fc.nat(5), date: day }), {
        selector: (p) => p.who,
        maxLength: 5,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete-activity' as const), activity: fc.nat(3) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete-person' as const), who: fc.nat(5) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move-day' as const), who: fc.nat(5), date: day }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move-activity' as const), activity: fc.nat(3) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('move-person' as const),
      from: fc.nat(5),
      to: fc.nat(5),
    }),
  },
);

describe.each(kinds)('kept participations and last day seen on %s', (kind) => {
  let handle: DatabaseHandle;
  let at: Awaited<ReturnType<typeof makeOrganisation>>;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    at = await makeOrganisation(handle);
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('equal a recount after any sequence of attendance writes and deletes', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        round++;
        const { db } = handle;
        // A fresh set of activities and people per run (codes carry the run).
        await db.execute(sql`delete from activity where organisation_id = ${at.org}`);
        await db.execute(sql`delete from person where organisation_id = ${at.org}`);
        const activities: (string | undefined)[] = [];
        // Two activities of each programme.
        for (let i = 0; i < 4; i++)
          activities.push(
            await newActivity(
              handle,
              at,
              `R${round}-A${i}`,
              i % 2 ? at.otherProgrammeId : at.programmeId,
            ),
          );
        const code = (who: number) => `R${round}-P${who}`;
        const personId = async (who: number) =>
          (
            await db
              .select({ id: person.id })
              .from(person)
              .where(and(eq(person.organisationId, at.org), eq(person.code, code(who))))
          )[0]?.id;
        for (const o of ops) {
          if (o.kind === 'list') {
            const id = activities[o.activity];
            if (!id) continue;
            const saved = await setAttendance(
              db,
              at.org,
              id,
              undefined,
              o.people.map((p) => ({ code: code(p.who), date: p.date })),
            );
            expect(saved.ok).toBe(true);
          } else if (o.kind === 'delete-activity') {
            const id = activities[o.activity];
            if (!id) continue;
            await db
              .delete(activity)
              .where(and(eq(activity.organisationId, at.org), eq(activity.id, id)));
            activities[o.activity] = undefined;
          } else if (o.kind === 'delete-person') {
            const id = await personId(o.who);
            if (id)
              await db
                .delete(person)
                .where(and(eq(person.organisationId, at.org), eq(person.id, id)));
          } else if (o.kind === 'move-activity') {
            // The activity goes to the other programme, its attendance with it.
            const id = activities[o.activity];
            if (id)
              await db.execute(
                sql`update activity set programme_id = case when programme_id = ${at.programmeId}::uuid then ${at.otherProgrammeId}::uuid else ${at.programmeId}::uuid end where organisation_id = ${at.org} and id = ${id}`,
              );
          } else if (o.kind === 'move-day') {
            const id = await personId(o.who);
            if (id)
              await db.execute(
                sql`update attendance set date = ${o.date} where organisation_id = ${at.org} and person_id = ${id}`,
              );
          } else {
            const [from, to] = [await personId(o.from), await personId(o.to)];
            // Moved only where the person is not already on the activity (the key would clash).
            if (from && to)
              await db.execute(
                sql`update attendance a set person_id = ${to} where a.organisation_id = ${at.org} and a.person_id = ${from}
                      and not exists (select 1 from attendance b where b.organisation_id = a.organisation_id and b.activity_id = a.activity_id and b.person_id = ${to})`,
              );
          }
        }
        const rows = await keptAndRecounted(handle, at.org);
        for (const r of rows) expect([r.code, r.kept, r.kept_last]).toEqual([r.code, r.n, r.last]);
        const byProgramme = await keptAndRecountedByProgramme(handle, at.org);
        expect(byProgramme.kept).toEqual(byProgramme.recounted);
        // A programme officer's register reads the kept counts of her programme only.
        const inP = await listPersons(db, at.org, {
          programmeIds: [at.programmeId],
          sort: '-participations',
          limit: 100,
        });
        const recountedInP = byProgramme.recounted
          .map((line) => line.split(' '))
          .filter(([programmeCode]) => programmeCode === 'P')
          .map(([, c, n]) => [must(c, 'code'), Number(n)] as const)
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        expect(inP.items.map((p) => [p.code, p.participations])).toEqual(recountedInP);
        expect(inP.total).toBe(recountedInP.length);
        // A page further on is the same order, cut at the same place (read from the index).
        const pageOfP = await listPersons(db, at.org, {
          programmeIds: [at.programmeId],
          sort: '-participations',
          limit: 2,
          offset: 1,
        });
        expect(pageOfP.items.map((p) => [p.code, p.participations])).toEqual(
          recountedInP.slice(1, 3),
        );
        expect(pageOfP.total).toBe(recountedInP.length);
        const lastInP = await listPersons(db, at.org, {
          programmeIds: [at.programmeId],
          sort: '-last-seen',
          limit: 100,
        });
        expect(lastInP.items.map((p) => [p.code, p.lastSeen])).toEqual(
          byProgramme.recounted
            .map((line) => line.split(' '))
            .filter(([programmeCode]) => programmeCode === 'P')
            .map(([, c, , last]) => [must(c, 'code'), must(last, 'day')] as const)
            .sort((a, b) => b[1].localeCompare(a[1]) || (a[0] < b[0] ? -1 : 1)),
        );
        // Both programmes (every activity is in one of them): summed, the organisation's counts.
        const inBoth = await listPersons(db, at.org, {
          programmeIds: [at.programmeId, at.otherProgrammeId],
          sort: '-participations',
          limit: 100,
        });
        expect(inBoth.items.map((p) => [p.code, p.participations])).toEqual(
          rows
            .filter((r) => r.n > 0)
            .sort((a, b) => b.n - a.n || (a.code < b.code ? -1 : 1))
            .map((r) => [r.code, r.n]),
        );
        // The register's orders read the kept counts: most seen, then last seen, then by code.
        const bySeen = await listPersons(db, at.org, { sort: '-participations', limit: 100 });
        expect(bySeen.items.map((p) => [p.code, p.participations])).toEqual(
          [...rows]
            .sort((a, b) => b.n - a.n || (a.code < b.code ? -1 : 1))
            .map((r) => [r.code, r.n]),
        );
        const byLast = await listPersons(db, at.org, { sort: '-last-seen', limit: 100 });
        expect(byLast.items.map((p) => [p.code, p.lastSeen])).toEqual(
          [...rows]
            .sort(
              (a, b) => (b.last ?? '').localeCompare(a.last ?? '') || (a.code < b.code ? -1 : 1),
            )
            .map((r) => [r.code, r.last]),
        );
      }),
      { numRuns: kind === 'pglite' ? 25 : 40, seed: 1416 },
    );
  }, 300_000);

  it('are recounted from attendance by person_seen_recount() (a restore calls it)', async () => {
    const { db } = handle;
    const id = await newActivity(handle, at, `T-${randomUUID().slice(0, 6)}`);
    await setAttendance(db, at.org, id, undefined, [{ code: 'TR-1', date: '2023-03-04' }]);
    await db.execute(sql`update person set seen_count = 7 where organisation_id = ${at.org}`);
    await db.execute(sql`select person_seen_recount()`);
    for (const r of await keptAndRecounted(handle, at.org)) expect(r.kept).toBe(r.n);
    await db.execute(sql`delete from person_programme_seen where organisation_id = ${at.org}`);
    await db.execute(sql`select person_seen_recount()`);
    const byProgramme = await keptAndRecountedByProgramme(handle, at.org);
    expect(byProgramme.kept.length).toBeGreaterThan(0);
    expect(byProgramme.kept).toEqual(byProgramme.recounted);
  });

  it('a bulk load skips the upkeep, and its recount at the end equals the kept counts', async () => {
    const { db } = handle;
    await db.execute(sql`delete from activity where organisation_id = ${at.org}`);
    await db.execute(sql`delete from person where organisation_id = ${at.org}`);
    const acts = [
      await newActivity(handle, at, 'B-A1'),
      await newActivity(handle, at, 'B-A2', at.otherProgrammeId),
    ];
    const people = await db
      .insert(person)
      .values([1, 2, 3].map((i) => ({ organisationId: at.org, code: `B-P${i}` })))
      .returning({ id: person.id });
    const rows = acts.flatMap((a, i) =>
      people.map((p, j) => [at.org, a, p.id, `2023-03-0${1 + i + j}`] as const),
    );
    // With `jalon.bulk` on, the triggers leave the counts alone (so the bulk load must recount).
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('jalon.bulk', 'on', true)`);
      await tx.execute(
        sql`insert into attendance (organisation_id, activity_id, person_id, date) values (${at.org}, ${must(acts[0], 'an activity')}, ${must(people[0], 'a person').id}, '2023-03-01')`,
      );
      const [p] = rowsOf<{ seen_count: number }>(
        await tx.execute(
          sql`select seen_count from person where organisation_id = ${at.org} and code = 'B-P1'`,
        ),
      );
      expect(p?.seen_count).toBe(0);
      await tx.execute(sql`delete from attendance where organisation_id = ${at.org}`);
    });
    await handle.copyRows(
      'attendance',
      ['organisation_id', 'activity_id', 'person_id', 'date'],
      rows,
      {
        bulk: true,
      },
    );
    const kept = await keptAndRecounted(handle, at.org);
    expect(kept.map((r) => r.kept)).toEqual([2, 2, 2]);
    for (const r of kept) expect([r.code, r.kept, r.kept_last]).toEqual([r.code, r.n, r.last]);
    const byProgramme = await keptAndRecountedByProgramme(handle, at.org);
    expect(byProgramme.kept).toHaveLength(6);
    expect(byProgramme.kept).toEqual(byProgramme.recounted);
    // …and the triggers work again after it.
    await setAttendance(db, at.org, must(acts[0], 'an activity'), undefined, [
      { code: 'B-P1', date: '2023-03-09' },
    ]);
    const after = await keptAndRecountedByProgramme(handle, at.org);
    expect(after.kept).toEqual(after.recounted);
  });
});

describe.each(kinds)('kept counts through a backup restored from %s', (kind) => {
  it('equal a recount in the restored database (the restore loads in bulk and recounts)', async () => {
    const source = await openTestDatabase(kind);
    const target = await openDatabase({ dataDir: 'memory' });
    try {
      const at = await makeOrganisation(source);
      const [a, b] = [
        await newActivity(source, at, 'K-A'),
        await newActivity(source, at, 'K-B', at.otherProgrammeId),
      ];
      for (const [id, date] of [
        [a, '2023-03-02'],
        [b, '2023-03-07'],
      ] as const)
        await setAttendance(source.db, at.org, id, undefined, [
          { code: 'K-1', date },
          { code: 'K-2', date },
        ]);
      await restoreBackup(
        target,
        await createBackup(source, { jalonVersion: 'test', skipNative: true }),
      );
      const kept = await keptAndRecounted(target, at.org);
      expect(kept.map((r) => [r.code, r.kept, r.kept_last])).toEqual([
        ['K-1', 2, '2023-03-07'],
        ['K-2', 2, '2023-03-07'],
      ]);
      const byProgramme = await keptAndRecountedByProgramme(target, at.org);
      expect(byProgramme.kept).toHaveLength(4);
      expect(byProgramme.kept).toEqual(byProgramme.recounted);
    } finally {
      await target.close();
      await source.close();
    }
  }, 120_000);
});

describe.skipIf(!kinds.includes('postgres'))(
  'kept counts under concurrent attendance writes on PostgreSQL',
  () => {
    it('two attendance lists naming the same person at once both count', async () => {
      const scratch = await createScratchDatabase('jalon_seen_counts');
      const handle = await openDatabase({ url: scratch.url, maxConnections: 8 });
      try {
        const at = await makeOrganisation(handle);
        for (let round = 0; round < 10; round++) {
          const [a, b] = [
            await newActivity(handle, at, `C${round}-A`),
            await newActivity(handle, at, `C${round}-B`),
          ];
          // The person exists first: both lists then only add her attendance, at the same time.
          const first = await newActivity(handle, at, `C${round}-0`);
          await setAttendance(handle.db, at.org, first, undefined, [
            { code: `C${round}`, date: '2023-03-01' },
          ]);
          const results = await Promise.all([
            setAttendance(handle.db, at.org, a, undefined, [
              { code: `C${round}`, date: '2023-03-05' },
              { code: `C${round}-x`, date: '2023-03-05' },
            ]),
            setAttendance(handle.db, at.org, b, undefined, [
              { code: `C${round}`, date: '2023-03-08' },
              { code: `C${round}-x`, date: '2023-03-02' },
            ]),
            // …and a third clears the first activity's list meanwhile.
            setAttendance(handle.db, at.org, first, undefined, []),
          ]);
          expect(results.map((r) => r.ok)).toEqual([true, true, true]);
          const [row] = rowsOf<{ seen_count: number; last_seen: string }>(
            await handle.db.execute(
              sql`select seen_count, last_seen::text from person where organisation_id = ${at.org} and code = ${`C${round}`}`,
            ),
          );
          expect(row).toEqual({ seen_count: 2, last_seen: '2023-03-08' });
          // …and her count at the programme of the three activities.
          const [kept] = rowsOf<{ seen_count: number; last_seen: string }>(
            await handle.db.execute(
              sql`select s.seen_count, s.last_seen::text from person_programme_seen s join person p on p.organisation_id = s.organisation_id and p.id = s.person_id where s.organisation_id = ${at.org} and s.programme_id = ${at.programmeId} and p.code = ${`C${round}`}`,
            ),
          );
          expect(kept).toEqual({ seen_count: 2, last_seen: '2023-03-08' });
        }
        for (const r of await keptAndRecounted(handle, at.org))
          expect([r.code, r.kept, r.kept_last]).toEqual([r.code, r.n, r.last]);
        const byProgramme = await keptAndRecountedByProgramme(handle, at.org);
        expect(byProgramme.kept).toEqual(byProgramme.recounted);
      } finally {
        await handle.close();
        await scratch.drop();
      }
    }, 120_000);
  },
);
