import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();
type Caller = ReturnType<typeof createCaller>;

/**
 * Runs `write` over and over until `work` settles, and answers what `work` gave with how many
 * writes committed while it ran: writes from another session, truly concurrent on PostgreSQL.
 */
async function during<T>(work: Promise<T>, write: (i: number) => Promise<unknown>) {
  let done = false;
  let writes = 0;
  const settled = work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void settled.finally(() => (done = true));
  const loop = (async () => {
    for (let i = 0; !done; i++) {
      await write(i);
      if (!done) writes++;
    }
  })();
  const result = await settled;
  await loop;
  return { result, writes };
}

// Writes racing a submission only interleave with several writers: PostgreSQL.
describe.each(kinds.filter((k) => k === 'postgres'))(
  'report.submit among other writes on %s',
  (kind) => {
    let handle: DatabaseHandle;
    let me: Caller;
    let news: string;
    let ccsc: string;
    let justFuture: string;

    beforeAll(async () => {
      handle = await openTestDatabase(kind);
      await seedDemo(handle.db);
      const org = must(
        await findOrganisationByCode(handle.db, 'WANEP-ML'),
        "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
      ).id;
      const actor = await demoActor(handle.db, org, 'suivi@wanep-mali.demo');
      me = createCaller(createContext({ db: handle.db, actor, locale: 'fr' }));
      const programmes = (await me.programme.list()).items;
      news = must(
        programmes.find((p) => p.code === 'NEWS'),
        "programmes.find((p) => p.code === 'NEWS')",
      ).id;
      ccsc = must(
        programmes.find((p) => p.code === 'CCS-C'),
        "programmes.find((p) => p.code === 'CCS-C')",
      ).id;
      justFuture = must(
        (await me.grant.list()).items.find((g) => g.code === 'JUST-FUTURE'),
        "(await me.grant.list()).items.find((g) => g.code === 'JUST-FUTURE')",
      ).id;
    }, 60_000);
    afterAll(async () => handle?.close());

    const activity = (i: number, programmeId: string, grantIds: string[]) => ({
      programmeId,
      title: `Atelier ${i}`,
      type: 'workshop' as const,
      role: 'organiser' as const,
      startDate: '2023-05-10',
      endDate: '2023-05-10',
      sessions: 1,
      placeIds: [],
      grantIds,
      participants: null,
    });

    it('is not held up by writes the report does not count', async () => {
      const { result, writes } = await during(
        me.report.submit({ grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' }),
        (i) =>
          i % 2 === 0
            ? // an incident of a programme PROSMED does not fund
              me.incident.create({
                date: '2023-05-15',
                category: 'democracy-governance',
                deaths: 0,
                injuries: 0,
                programmeId: news,
              })
            : // an activity of another grant
              me.activity.create(activity(i, news, [justFuture])),
      );
      expect(writes).toBeGreaterThan(0);
      expect(result).toMatchObject({ ok: true, value: { period: { code: '2023-Q2' } } });
    });

    it('is a conflict when a fact it counts changes while its model is built, and nothing is locked', async () => {
      const { result, writes } = await during(
        me.report.submit({ grant: 'PROSMED-CCSC', period: '2023-Q1', template: 'undp-quarterly' }),
        // an incident of CCS-C, the programme PROSMED funds, in the quarter reported
        (i) =>
          me.incident
            .create({
              date: '2023-02-15',
              category: 'democracy-governance',
              deaths: i % 3,
              injuries: 0,
              programmeId: ccsc,
            })
            // once the period is locked (the submission won the race), writes are refused
            .catch(() => null),
      );
      expect(writes).toBeGreaterThan(0);
      expect(result.ok).toBe(false);
      expect(result.ok ? null : result.error).toMatchObject({ code: 'CONFLICT' });
      const snapshot = await me.report.snapshot({ grant: 'PROSMED-CCSC', period: '2023-Q1' });
      expect(snapshot).toBeNull();
    });
  },
);
