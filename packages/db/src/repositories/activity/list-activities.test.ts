import { must } from '@jalon/domain';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { seedDemo } from '../../seed/seed-demo';
import { seedSynthetic } from '../../synthetic/synthetic';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { findOrganisationByCode } from '../organisation/queries';
import { activitySorts, findActivity, listActivities, type ActivityFilter } from './queries';

/*
 * `listActivities` reads a page with its details (places, grants, counts as JSON beside each row)
 * and its count in two queries. Held equal, on generated filters over the demo and synthetic
 * organisations, to the path it replaced: each row as `findActivity` reads it (the row, then its
 * places, grants, total and cells in four queries), the total as the rows listed without a page.
 */
const kinds = await testDatabaseKinds();

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

describe.each(kinds)('the activity list read in one page query on %s', (kind) => {
  let handle: DatabaseHandle;
  const orgs: { id: string; programmes: string[]; grants: string[]; years: string[] }[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const synthetic = await seedSynthetic(handle, {
      participations: 6_000,
      seed: 14,
      organisations: 1,
    });
    for (const code of ['WANEP-ML', ...synthetic.organisations]) {
      const id = must(await findOrganisationByCode(handle.db, code), code).id;
      const programmes = rowsOf<{ id: string }>(
        await handle.db.execute(sql`select id from programme where organisation_id = ${id}`),
      ).map((r) => r.id);
      const grants = rowsOf<{ id: string }>(
        await handle.db.execute(sql`select id from grant_agreement where organisation_id = ${id}`),
      ).map((r) => r.id);
      const years = rowsOf<{ y: string }>(
        await handle.db.execute(
          sql`select distinct extract(year from start_date)::text as y from activity where organisation_id = ${id}`,
        ),
      ).map((r) => r.y);
      // Some activities report to several grants and are held at several places, so that the
      // order of each list is put to the test.
      await handle.db.execute(
        sql`insert into activity_grant (organisation_id, activity_id, grant_id)
              select a.organisation_id, a.id, g.id
                from (select * from activity where organisation_id = ${id} order by code limit 12) a
                join grant_agreement g on g.organisation_id = a.organisation_id
              on conflict do nothing`,
      );
      await handle.db.execute(
        sql`insert into activity_place (organisation_id, activity_id, place_id)
              select a.organisation_id, a.id, p.id
                from (select * from activity where organisation_id = ${id} order by code desc limit 12) a
                join (select * from place where organisation_id = ${id} order by code limit 6) p
                  on p.organisation_id = a.organisation_id
              on conflict do nothing`,
      );
      orgs.push({ id, programmes, grants, years });
    }
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('lists each page as the old per-detail reads did, with the same total', async () => {
    const filter = fc.record(
      {
        org: fc.nat(1),
        sort: fc.constantFrom(...activitySorts),
        status: fc.constantFrom('draft', 'submitted', 'validated' as const),
        type: fc.constantFrom('workshop', 'training', 'dialogue' as const),
        search: fc.constantFrom('atelier', 'dialogue mopti', 'e', 'activite 1', 'zzz'),
        year: fc.nat(10),
        programme: fc.nat(5),
        grant: fc.nat(10),
        reach: fc.boolean(),
        limit: fc.integer({ min: 1, max: 60 }),
        offset: fc.nat(80),
      },
      { requiredKeys: ['org', 'sort', 'limit', 'offset'] },
    );
    await fc.assert(
      fc.asyncProperty(filter, async (f) => {
        const org = must(orgs[f.org], 'an organisation');
        const year = f.year === undefined ? undefined : org.years[f.year % org.years.length];
        const asked: ActivityFilter = {
          sort: f.sort,
          status: f.status,
          type: f.type,
          search: f.search,
          from: year && `${year}-01-01`,
          to: year && `${year}-12-31`,
          programmeIds:
            f.programme === undefined ? undefined : org.programmes.slice(0, f.programme),
          grantId:
            f.grant === undefined || !org.grants.length
              ? undefined
              : org.grants[f.grant % org.grants.length],
          grantIds: f.reach ? org.grants.slice(0, 2) : undefined,
        };
        const page = await listActivities(handle.db, org.id, {
          ...asked,
          limit: f.limit,
          offset: f.offset,
        });
        const everything = await listActivities(handle.db, org.id, { ...asked, limit: 100_000 });
        expect(page.total).toBe(everything.items.length);
        expect(everything.total).toBe(everything.items.length);
        expect(page.items.map((a) => a.id)).toEqual(
          everything.items.slice(f.offset, f.offset + f.limit).map((a) => a.id),
        );
        for (const item of page.items)
          expect(item).toEqual(await findActivity(handle.db, org.id, item.id));
      }),
      { numRuns: 60, seed: 1402 },
    );
  }, 300_000);

  it('reads places, grants, totals and cells the old way for every activity', async () => {
    // Every activity of both organisations, not only those a generated filter happened to page.
    for (const org of orgs) {
      const all = await listActivities(handle.db, org.id, { limit: 100_000 });
      // The data has what the details are made of: grants, places, totals and cells.
      expect(all.items.some((a) => a.grants.length > 1)).toBe(true);
      expect(all.items.some((a) => a.places.length > 1)).toBe(true);
      expect(all.items.some((a) => (a.participants?.cells.length ?? 0) > 0)).toBe(true);
      for (const item of all.items)
        expect(item).toEqual(await findActivity(handle.db, org.id, item.id));
    }
  }, 300_000);
});
