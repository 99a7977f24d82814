import { performance } from 'node:perf_hooks';
import { createCaller, createContext, systemActor } from '@jalon/api';
import {
  findOrganisationByCode,
  openDatabase,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { seedSynthetic } from '@jalon/db/synthetic';
import { createScratchDatabase } from '@jalon/db/testing';
import { must } from '@jalon/domain';

export interface ListBenchOptions {
  /** Activities to generate, one organisation per size (10k, 100k…). */
  sizes: number[];
  seed: number;
  runs: number;
  engines: ('postgres' | 'pglite')[];
  /**
   * A PostgreSQL database to use and keep (one size): the set is loaded only if it is not there
   * yet, so the same data can be timed again after a change without loading it again.
   */
  databaseUrl?: string | undefined;
  log: (s: string) => void;
}

export interface ListTiming {
  engine: string;
  activities: number;
  list: string;
  apiSeconds: number;
  sqlSeconds: number;
  ratio: number;
}

/** Participations per generated activity (5–44 people, one activity in ten by counts only). */
const PARTICIPATIONS_PER_ACTIVITY = 22;
const PAGE = 50;

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push((performance.now() - s) / 1000);
  }
  times.sort((a, b) => a - b);
  return must(times[Math.floor(times.length / 2)], 'a median');
}

/**
 * A programme officer's register (one programme's people, counted on its activities only), against
 * a recount of that programme's attendance.
 */
function programmePairs(
  api: ReturnType<typeof createCaller>,
  rows: (q: ReturnType<typeof sql>) => Promise<unknown>,
  org: string,
  programmeId: string,
) {
  const ofProgramme = sql`from attendance a join activity ac on ac.organisation_id = a.organisation_id and ac.id = a.activity_id where a.organisation_id = ${org} and ac.programme_id = ${programmeId}`;
  const people = () => rows(sql`select count(distinct a.person_id) ${ofProgramme}`);
  // The floor from the kept counts: the programme's index read in its own order.
  const kept = (column: 'seen_count' | 'last_seen') =>
    Promise.all([
      rows(
        sql`select p.id, p.code, s.seen_count, s.last_seen from person_programme_seen s join person p on p.organisation_id = s.organisation_id and p.id = s.person_id where s.organisation_id = ${org} and s.programme_id = ${programmeId} order by s.${sql.raw(column)} desc nulls last, p.code limit ${PAGE}`,
      ),
      rows(
        sql`select count(*) from person_programme_seen where organisation_id = ${org} and programme_id = ${programmeId}`,
      ),
    ]);
  return [
    [
      'participants of one programme, most seen first, against its index',
      () => api.person.list({ programmeId, sort: '-participations', limit: PAGE, offset: 0 }),
      () => kept('seen_count'),
    ],
    [
      'participants of one programme, last seen first, against its index',
      () => api.person.list({ programmeId, sort: '-last-seen', limit: PAGE, offset: 0 }),
      () => kept('last_seen'),
    ],
    [
      'participants of one programme, most seen first, against a recount',
      () => api.person.list({ programmeId, sort: '-participations', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select a.person_id, count(*) n ${ofProgramme} group by a.person_id order by n desc limit ${PAGE}`,
          ),
          people(),
        ]),
    ],
    [
      'participants of one programme, last seen first, against a recount',
      () => api.person.list({ programmeId, sort: '-last-seen', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select a.person_id, max(a.date) d ${ofProgramme} group by a.person_id order by d desc limit ${PAGE}`,
          ),
          people(),
        ]),
    ],
  ] as const;
}

/**
 * The lists' first page as the web app asks for it (through the API's procedures: validation,
 * reach, DTO), against the hand-written SQL of the same page and its count — the floor. Each pair
 * is `[name, api, floor]`.
 */
function listPairs(handle: DatabaseHandle, org: string, programmeId: string) {
  const api = createCaller(createContext({ db: handle.db, actor: systemActor(org) }));
  const rows = (q: ReturnType<typeof sql>) => queryRows(handle.db, q);
  return [
    [
      'activities, a year by date',
      () => api.activity.list({ period: '2021', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select a.id, a.code, a.title, a.start_date, p.code from activity a join programme p on p.id = a.programme_id where a.organisation_id = ${org} and a.start_date between '2021-01-01' and '2021-12-31' order by a.start_date, a.code limit ${PAGE}`,
          ),
          rows(
            sql`select count(*) from activity where organisation_id = ${org} and start_date between '2021-01-01' and '2021-12-31'`,
          ),
        ]),
    ],
    [
      'activities, a year searched',
      () => api.activity.list({ period: '2021', search: 'activite 12', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select a.id, a.code, a.title from activity a where a.organisation_id = ${org} and a.start_date between '2021-01-01' and '2021-12-31' and lower(a.title) like '%activite 12%' order by a.start_date, a.code limit ${PAGE}`,
          ),
          rows(
            sql`select count(*) from activity where organisation_id = ${org} and start_date between '2021-01-01' and '2021-12-31' and lower(title) like '%activite 12%'`,
          ),
        ]),
    ],
    [
      'activities by title',
      () => api.activity.list({ sort: 'title', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select a.id, a.code, a.title from activity a where a.organisation_id = ${org} order by a.title_sort, a.code limit ${PAGE}`,
          ),
          rows(sql`select count(*) from activity where organisation_id = ${org}`),
        ]),
    ],
    [
      'activities, the last page of five years',
      () => api.activity.list({ period: '2019-01-01..2023-12-31', limit: PAGE, offset: 5_000 }),
      () =>
        Promise.all([
          rows(
            sql`select a.id, a.code from activity a where a.organisation_id = ${org} order by a.start_date, a.code limit ${PAGE} offset 5000`,
          ),
          rows(sql`select count(*) from activity where organisation_id = ${org}`),
        ]),
    ],
    [
      'participants, by code',
      () => api.person.list({ limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select p.id, p.code, (select count(*) from attendance a where a.organisation_id = p.organisation_id and a.person_id = p.id), (select max(date) from attendance a where a.organisation_id = p.organisation_id and a.person_id = p.id) from person p where p.organisation_id = ${org} order by p.code limit ${PAGE}`,
          ),
          rows(sql`select count(*) from person where organisation_id = ${org}`),
        ]),
    ],
    [
      'participants, most seen first',
      () => api.person.list({ sort: '-participations', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select p.id, p.code, p.seen_count, p.last_seen from person p where p.organisation_id = ${org} order by p.seen_count desc nulls last, p.code limit ${PAGE}`,
          ),
          rows(sql`select count(*) from person where organisation_id = ${org}`),
        ]),
    ],
    [
      'participants, last seen first',
      () => api.person.list({ sort: '-last-seen', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select p.id, p.code, p.seen_count, p.last_seen from person p where p.organisation_id = ${org} order by p.last_seen desc nulls last, p.code limit ${PAGE}`,
          ),
          rows(sql`select count(*) from person where organisation_id = ${org}`),
        ]),
    ],
    ...programmePairs(api, rows, org, programmeId),
    // The same pages against a recount of attendance (what the register read before it kept the
    // counts in `person`): below 1, the kept counts beat the grouped pass.
    [
      'participants, most seen first, against a recount',
      () => api.person.list({ sort: '-participations', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select a.person_id, count(*) n from attendance a where a.organisation_id = ${org} group by a.person_id order by n desc limit ${PAGE}`,
          ),
          rows(sql`select count(*) from person where organisation_id = ${org}`),
        ]),
    ],
    [
      'participants, last seen first, against a recount',
      () => api.person.list({ sort: '-last-seen', limit: PAGE, offset: 0 }),
      () =>
        Promise.all([
          rows(
            sql`select a.person_id, max(a.date) d from attendance a where a.organisation_id = ${org} group by a.person_id order by d desc limit ${PAGE}`,
          ),
          rows(sql`select count(*) from person where organisation_id = ${org}`),
        ]),
    ],
  ] as const;
}

async function open(engine: 'postgres' | 'pglite', databaseUrl?: string) {
  if (engine === 'postgres' && databaseUrl)
    return { handle: await openDatabase({ url: databaseUrl }), drop: undefined };
  if (engine === 'pglite')
    return { handle: await openDatabase({ dataDir: 'memory' }), drop: undefined };
  const scratch = await createScratchDatabase('jalon_list_bench');
  return { handle: await openDatabase({ url: scratch.url }), drop: scratch.drop };
}

/** What a set loaded by an earlier run holds. */
async function keptSummary(handle: DatabaseHandle, org: string) {
  const [n] = await queryRows<{ activities: number; people: number; participations: number }>(
    handle.db,
    sql`select (select count(*) from activity where organisation_id = ${org})::int activities, (select count(*) from person where organisation_id = ${org})::int people, (select count(*) from attendance where organisation_id = ${org})::int participations`,
  );
  return must(n, 'the counts');
}

/**
 * List timings on synthetic data: for each size and engine, one organisation of that many
 * activities, and each list's first page through the API against its raw SQL (printed, not
 * asserted: the machine is shared).
 */
export async function runListBench(options: ListBenchOptions): Promise<ListTiming[]> {
  const out: ListTiming[] = [];
  const { log } = options;
  log(`List benchmark: ${options.sizes.join(', ')} activities, median of ${options.runs} runs`);
  for (const engine of options.engines)
    for (const size of options.sizes) {
      const { handle, drop } = await open(engine, options.databaseUrl);
      try {
        const t0 = performance.now();
        const code = `SYN-${options.seed}-1`;
        const kept = await findOrganisationByCode(handle.db, code);
        const summary = kept
          ? await keptSummary(handle, kept.id)
          : await seedSynthetic(handle, {
              participations: size * PARTICIPATIONS_PER_ACTIVITY,
              seed: options.seed,
              organisations: 1,
            });
        log(
          `  ${engine}: ${summary.activities.toLocaleString('en')} activities, ${summary.people.toLocaleString('en')} people, ${summary.participations.toLocaleString('en')} participations ${kept ? 'already there' : `loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`,
        );
        const org = must(
          await findOrganisationByCode(handle.db, code),
          'the synthetic organisation',
        ).id;
        const [programme] = await queryRows<{ id: string }>(
          handle.db,
          sql`select id from programme where organisation_id = ${org} order by code limit 1`,
        );
        for (const [list, api, floor] of listPairs(
          handle,
          org,
          must(programme, 'a programme').id,
        )) {
          const apiSeconds = await median(options.runs, api);
          const sqlSeconds = await median(options.runs, floor);
          const t = {
            engine,
            activities: summary.activities,
            list,
            apiSeconds,
            sqlSeconds,
            ratio: apiSeconds / sqlSeconds,
          };
          out.push(t);
          log(
            `  ${engine} ${summary.activities.toLocaleString('en')}: ${list}: API ${(apiSeconds * 1000).toFixed(1)} ms | SQL ${(sqlSeconds * 1000).toFixed(1)} ms | ratio ${t.ratio.toFixed(2)}`,
          );
        }
      } finally {
        await handle.close();
        await drop?.();
      }
    }
  return out;
}
