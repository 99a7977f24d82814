import { randomUUID } from 'node:crypto';
import { must } from '@jalon/domain';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const [p] = await db
    .insert(programme)
    .values({ organisationId: org, code: 'P', name: 'P', nameEn: 'P' })
    .returning({ id: programme.id });
  const [pl] = await db
    .insert(place)
    .values({ organisationId: org, code: 'ml', name: 'Mali', path: 'ml', level: 'country' })
    .returning({ id: place.id });
  return { org, programmeId: must(p, 'the programme').id, placeId: must(pl, 'the place').id };
}

async function newActivity(
  handle: DatabaseHandle,
  at: { org: string; programmeId: string; placeId: string },
  code: string,
) {
  const created = await createActivity(handle.db, at.org, {
    code,
    programmeId: at.programmeId,
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
        for (let i = 0; i < 4; i++)
          activities.push(await newActivity(handle, at, `R${round}-A${i}`));
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
  });
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
        }
        for (const r of await keptAndRecounted(handle, at.org))
          expect([r.code, r.kept, r.kept_last]).toEqual([r.code, r.n, r.last]);
      } finally {
        await handle.close();
        await scratch.drop();
      }
    }, 120_000);
  },
);
