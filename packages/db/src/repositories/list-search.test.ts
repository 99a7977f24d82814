import { must } from '@jalon/domain';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { person } from '../schema/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { seedDemo } from '../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { listActivities } from './activity/queries';
import { listIncidents } from './incident/queries';
import { findOrganisationByCode } from './organisation/queries';
import { listPersons } from './person/queries';
import { listPlaces } from './place/queries';
import { listGrants } from './grant/queries';
import { compareFolded, foldForSearch, foldedSql } from './search';

const kinds = await testDatabaseKinds();

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

describe.each(kinds)('lists that search, filter and sort on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "findOrganisationByCode(handle.db, 'WANEP-ML')",
    ).id;
    // The demo names nobody: a few people, named in French and Bambara, and one by code only.
    await handle.db
      .insert(person)
      .values(
        ['Aïssata Traoré', 'Ɲɛlɛ Kɔnɛ', 'AMADOU SIDIBÉ', 'Fatoumata Diarra', null].map(
          (displayName, i) => ({ organisationId: org, code: `LS-${i + 1}`, displayName }),
        ),
      );
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  const all = () => listActivities(handle.db, org, { limit: 500 });

  // French and Bambara letters, capitals the table does not name (kept as they are on both
  // sides, whatever the database's locale), the pattern's own characters, and any character.
  const letter = fc.oneof(
    fc.constantFrom(..."aeEzZ éÉèçÇôÖïÎÿŸ’'-_%ɛƐɔƆɲƝŋŊŒœÆЖİẞΣ".split('')),
    fc.constantFrom(...'àâäáãåçéèêëíìîïñóòôöõúùûüÿýÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜŸÝ'.split('')),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  );
  const text = fc.array(letter, { maxLength: 20 }).map((c) => c.join('').replace(/\0/g, ''));

  it('the database folds accents and case as foldForSearch does (the reference)', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (text) => {
        const [row] = rowsOf<{ f: string }>(
          await handle.db.execute(sql`select ${foldedSql(sql`${text}::text`)} as f`),
        );
        expect(must(row, 'the fold').f).toBe(foldForSearch(text));
      }),
      { numRuns: 40, seed: 1403 },
    );
  });

  it('the stored search columns of activity and person are foldForSearch of their text', async () => {
    const first = must((await all()).items[0], 'an activity');
    const [someone] = rowsOf<{ id: string; code: string }>(
      await handle.db.execute(
        sql`select id, code from person where organisation_id = ${org} order by code limit 1`,
      ),
    );
    const who = must(someone, 'a person');
    const rollback = new Error('rolled back');
    await fc.assert(
      fc.asyncProperty(
        text.filter((t) => t.trim().length > 0),
        fc.option(text),
        fc.option(text),
        async (title, summary, name) => {
          // Written and read back in a transaction that is rolled back: the demo data stays.
          await handle.db
            .transaction(async (tx) => {
              const [a] = rowsOf<{ search_text: string }>(
                await tx.execute(
                  sql`update activity set title = ${title}, summary = ${summary} where organisation_id = ${org} and id = ${first.id} returning search_text`,
                ),
              );
              expect(must(a, 'the activity').search_text).toBe(
                foldForSearch(`${title} ${first.code} ${summary ?? ''}`),
              );
              const [p] = rowsOf<{ search_text: string }>(
                await tx.execute(
                  sql`update person set display_name = ${name} where organisation_id = ${org} and id = ${who.id} returning search_text`,
                ),
              );
              expect(must(p, 'the person').search_text).toBe(
                foldForSearch(`${who.code} ${name ?? ''}`),
              );
              throw rollback;
            })
            .catch((e: unknown) => {
              if (e !== rollback) throw e;
            });
        },
      ),
      { numRuns: kind === 'pglite' ? 30 : 40, seed: 1419 },
    );
  });

  it('the register searches code and name with accents and case ignored', async () => {
    const every = rowsOf<{ code: string; display_name: string | null }>(
      await handle.db.execute(
        sql`select code, display_name from person where organisation_id = ${org}`,
      ),
    );
    // Typed without accents, in capitals or not, or with the accents of another word.
    for (const typed of ['TRAORE', 'nele kone', 'sidibe', 'ls-', 'aïssata diarra', 'ɛ']) {
      const found = await listPersons(handle.db, org, { search: typed, limit: 500 });
      const expected = every.filter((p) =>
        typed
          .split(' ')
          .every((w) =>
            foldForSearch(`${p.code} ${p.display_name ?? ''}`).includes(foldForSearch(w)),
          ),
      );
      expect(found.items.map((p) => p.code).sort()).toEqual(expected.map((p) => p.code).sort());
      expect(found.total).toBe(expected.length);
    }
    expect((await listPersons(handle.db, org, { search: 'nele kone' })).total).toBe(1);
  });

  it('free text ignores accents and case, every word must match', async () => {
    const every = (await all()).items;
    const typed = 'CELEBRATION cedeao';
    const found = await listActivities(handle.db, org, { search: typed, limit: 500 });
    const expected = every.filter((a) =>
      typed
        .split(' ')
        .every((w) =>
          foldForSearch(`${a.title} ${a.code} ${a.summary ?? ''}`).includes(foldForSearch(w)),
        ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(found.items.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    expect(found.total).toBe(expected.length);
    // a % typed is a percent sign, not a wildcard
    expect((await listActivities(handle.db, org, { search: '%' })).total).toBe(
      every.filter((a) => `${a.title} ${a.code} ${a.summary ?? ''}`.includes('%')).length,
    );
  });

  it('filters by type, grant and place (a region finds what is held within it)', async () => {
    const every = (await all()).items;
    const type = must(every[0], 'every[0]').type;
    const byType = await listActivities(handle.db, org, { type, limit: 500 });
    expect(byType.items.map((a) => a.id).sort()).toEqual(
      every
        .filter((a) => a.type === type)
        .map((a) => a.id)
        .sort(),
    );

    const grants = await listGrants(handle.db, org);
    const withGrant = must(
      grants.find((g) => every.some((a) => a.grants.some((x) => x.id === g.id))),
      'grants.find((g) => every.some((a) => a.grants.s...',
    );
    const byGrant = await listActivities(handle.db, org, { grantId: withGrant.id, limit: 500 });
    expect(byGrant.items.map((a) => a.id).sort()).toEqual(
      every
        .filter((a) => a.grants.some((g) => g.id === withGrant.id))
        .map((a) => a.id)
        .sort(),
    );

    const places = (await listPlaces(handle.db, org, { limit: 1000 })).items;
    const pathOf = new Map(places.map((p) => [p.id, p.path]));
    const used = every.flatMap((a) =>
      a.places.map((p) => must(pathOf.get(p.id), 'pathOf.get(p.id)')),
    );
    // the region of a place that is used, below the country
    const regionPath = must(
      used.map((p) => p.split('/').slice(0, 2).join('/')).find(Boolean),
      "used.map((p) => p.split('/').slice(0, 2).join...",
    );
    const region = must(
      places.find((p) => p.path === regionPath),
      'places.find((p) => p.path === regionPath)',
    );
    const byPlace = await listActivities(handle.db, org, { placeId: region.id, limit: 500 });
    const expected = every.filter((a) =>
      a.places.some((p) => {
        const path = must(pathOf.get(p.id), 'pathOf.get(p.id)');
        return path === region.path || path.startsWith(`${region.path}/`);
      }),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(byPlace.items.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
  });

  it('sorts by title in the order of its stored key (compareFolded, then code), whatever the titles', async () => {
    const first = (await all()).items.slice(0, 8);
    const rollback = new Error('rolled back');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          text.filter((t) => t.trim().length > 0),
          { minLength: first.length, maxLength: first.length },
        ),
        async (titles) => {
          // Written and read back in a transaction that is rolled back: the demo data stays.
          await handle.db
            .transaction(async (tx) => {
              for (const [i, a] of first.entries())
                await tx.execute(
                  sql`update activity set title = ${titles[i] ?? a.title} where organisation_id = ${org} and id = ${a.id}`,
                );
              const sorted = (await listActivities(tx, org, { sort: 'title', limit: 500 })).items;
              const expected = [...sorted].sort(
                (a, b) => compareFolded(a.title, b.title) || (a.code < b.code ? -1 : 1),
              );
              expect(sorted.map((a) => a.id)).toEqual(expected.map((a) => a.id));
              // A page further on is the same order, cut at the same place.
              const page = await listActivities(tx, org, { sort: 'title', limit: 7, offset: 3 });
              expect(page.items.map((a) => a.id)).toEqual(expected.slice(3, 10).map((a) => a.id));
              throw rollback;
            })
            .catch((e: unknown) => {
              if (e !== rollback) throw e;
            });
        },
      ),
      { numRuns: kind === 'pglite' ? 15 : 25, seed: 1420 },
    );
  });

  it('sorts by type', async () => {
    const byType = (await listActivities(handle.db, org, { sort: 'type', limit: 500 })).items;
    expect(byType.map((a) => a.type)).toEqual(byType.map((a) => a.type).sort());
  });

  it('the incident register filters by place, text and verification and sorts by region and category', async () => {
    const every = (await listIncidents(handle.db, org, { limit: 500 })).items;
    expect(every.length).toBeGreaterThan(100);
    const byCategory = (await listIncidents(handle.db, org, { sort: 'category', limit: 500 }))
      .items;
    expect(byCategory.map((i) => i.category)).toEqual(byCategory.map((i) => i.category).sort());
    const byRegion = (await listIncidents(handle.db, org, { sort: 'region', limit: 500 })).items;
    const regionOf = (i: (typeof every)[number]) => i.place?.path.split('/')[1] ?? '\uffff';
    expect(byRegion.map(regionOf)).toEqual(byRegion.map(regionOf).sort());

    const withPlace = must(
      every.find((i) => i.place),
      'every.find((i) => i.place)',
    );
    const regionPath = must(withPlace.place, 'withPlace.place')
      .path.split('/')
      .slice(0, 2)
      .join('/');
    const region = must(
      (await listPlaces(handle.db, org, { limit: 1000 })).items.find((p) => p.path === regionPath),
      'the region',
    );
    const inRegion = await listIncidents(handle.db, org, { placeId: region.id, limit: 500 });
    expect(inRegion.total).toBe(
      every.filter(
        (i) =>
          i.place && (i.place.path === regionPath || i.place.path.startsWith(`${regionPath}/`)),
      ).length,
    );
    expect(inRegion.total).toBeGreaterThan(0);

    const verified = await listIncidents(handle.db, org, { verified: true, limit: 500 });
    expect(verified.total).toBe(every.filter((i) => i.verified).length);

    const code = must(every[0], 'every[0]').code;
    const byText = await listIncidents(handle.db, org, { search: code.toLowerCase() });
    expect(byText.items.map((i) => i.code)).toContain(code);
  });
});
