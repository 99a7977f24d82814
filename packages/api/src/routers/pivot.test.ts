import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

// The server when it answers, PGlite otherwise (the SQL's equality with the domain on generated
// data is packages/db's pivot-in-database.test.ts, on both engines).
const kind = (await testDatabaseKinds()).at(-1) ?? 'pglite';

describe(`pivot.query on the demo data (${kind})`, () => {
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  let organisationId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
  }, 120_000);
  afterAll(async () => handle?.close());

  const cell = <C extends { row: string | null; column: string | null }>(
    cells: C[],
    row: string | null,
    column: string | null,
  ): C | undefined => cells.find((c) => c.row === row && c.column === column);

  it('activities and women by programme equal bulletin.figures, the total included', async () => {
    const figures = await caller.bulletin.figures({ period: '2023-Q2' });
    const activities = await caller.pivot.query({
      period: '2023-Q2',
      rows: 'programme',
      measure: 'activities',
    });
    for (const p of figures.programmes)
      expect(cell(activities.cells, p.code, null)?.figure?.value).toBe(p.activities);
    expect(cell(activities.cells, null, null)?.figure?.value).toBe(figures.totals.activities);

    const women = await caller.pivot.query({
      period: '2023-Q2',
      rows: 'programme',
      columns: 'sex',
      measure: 'participants',
    });
    expect(women.columns.map((c) => c.code)).toEqual(['female', 'male']);
    for (const p of figures.programmes)
      expect(cell(women.cells, p.code, 'female')?.figure).toEqual(p.women);
    // « au moins 179 » women, 13 activities never counted: kept, not a closed number.
    expect(cell(women.cells, null, 'female')?.figure).toEqual(figures.totals.women);
    expect(cell(women.cells, null, 'female')?.figure).toMatchObject({ value: 179, atLeast: true });
    expect(cell(women.cells, null, null)?.figure).toEqual(figures.totals.participants);
  });

  it('incidents by month and by region equal incident.summary', async () => {
    for (const by of ['month', 'region'] as const) {
      const summary = await caller.incident.summary({ period: '2023-Q2', by });
      const pivot = await caller.pivot.query({
        period: '2023-Q2',
        rows: by === 'month' ? 'period' : 'region',
        measure: 'incidents',
      });
      for (const g of summary.groups)
        expect(cell(pivot.cells, g.key, null)?.figure).toMatchObject({
          value: g.incidents,
          qualifier: 'exact',
        });
      expect(cell(pivot.cells, null, null)?.figure?.value).toBe(116);
    }
  });

  it('refuses a measure split by a dimension it has not, in the caller’s words', async () => {
    await expect(
      caller.pivot.query({ period: '2023-Q2', rows: 'sex', measure: 'incidents' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('On ne peut pas répartir les incidents par sexe.'),
    });
    await expect(
      caller.pivot.query({
        period: '2023-Q2',
        rows: 'programme',
        columns: 'programme',
        measure: 'activities',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  /*
   * Scoped readers: a programme officer (FPS) counts her programme's activities, a
   * donor viewer (PNUD: PROSMED-CCSC) her grant's; every figure is the organisation's pivot's own
   * cell for that programme or grant, totals included; incidents, of no programme, are refused.
   */
  it('gives a programme officer her programme and a donor her grant, the same figures as staff see for them', async () => {
    const as = async (email: string) =>
      createCaller(
        createContext({ db: handle.db, actor: await demoActor(handle.db, organisationId, email) }),
      );
    const officer = await as('programme@wanep-mali.demo');
    const donor = await as('pnud@wanep-mali.demo');
    for (const measure of ['activities', 'participants', 'unique-people'] as const) {
      const byProgramme = await caller.pivot.query({
        period: '2023-Q2',
        rows: 'programme',
        measure,
      });
      const byGrant = await caller.pivot.query({ period: '2023-Q2', rows: 'grant', measure });
      const hers = await officer.pivot.query({ period: '2023-Q2', rows: 'programme', measure });
      expect(hers.rows.map((r) => r.code)).toEqual(['FPS']);
      expect(cell(hers.cells, 'FPS', null)?.figure).toEqual(
        cell(byProgramme.cells, 'FPS', null)?.figure,
      );
      expect(cell(hers.cells, null, null)?.figure).toEqual(
        cell(byProgramme.cells, 'FPS', null)?.figure,
      );
      const theirs = await donor.pivot.query({ period: '2023-Q2', rows: 'grant', measure });
      expect(theirs.rows.map((r) => r.code)).toEqual(['PROSMED-CCSC']);
      expect(cell(theirs.cells, null, null)?.figure).toEqual(
        cell(byGrant.cells, 'PROSMED-CCSC', null)?.figure,
      );
      // Staff narrowing to a programme see what its officer sees.
      const narrowed = await caller.pivot.query({
        period: '2023-Q2',
        rows: 'region',
        measure,
        programme: 'FPS',
      });
      expect(cell(narrowed.cells, null, null)?.figure).toEqual(
        cell(hers.cells, null, null)?.figure,
      );
    }
    // The grant's figures are not zero: the comparison above says something.
    const activities = await donor.pivot.query({
      period: '2023-Q2',
      rows: 'grant',
      measure: 'activities',
    });
    expect(cell(activities.cells, null, null)?.figure?.value).toBeGreaterThan(0);
    // A donor's programme rows are those her grant funds; no other programme is named.
    const donorProgrammes = await donor.pivot.query({
      period: '2023-Q2',
      rows: 'programme',
      measure: 'activities',
    });
    const grants = await caller.grant.list();
    const prosmed = must(
      grants.items.find((g) => g.code === 'PROSMED-CCSC'),
      'PROSMED-CCSC',
    );
    expect(donorProgrammes.rows.map((r) => r.code).sort()).toEqual(
      prosmed.programmes.map((p) => p.code).sort(),
    );
  });

  it('refuses a scoped reader what lies outside her reach, and incidents, in words', async () => {
    const officer = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, organisationId, 'programme@wanep-mali.demo'),
      }),
    );
    const donor = createCaller(
      createContext({
        db: handle.db,
        actor: await demoActor(handle.db, organisationId, 'pnud@wanep-mali.demo'),
      }),
    );
    const q = { period: '2023-Q2', rows: 'programme', measure: 'activities' } as const;
    await expect(officer.pivot.query({ ...q, programme: 'NEWS' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(donor.pivot.query({ ...q, grant: 'JUST-FUTURE' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(donor.pivot.query({ ...q, grant: 'NOPE' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      donor.pivot.query({ period: '2023-Q2', rows: 'region', measure: 'incidents' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Les incidents ne relèvent d’aucun programme'),
    });
  });
});
