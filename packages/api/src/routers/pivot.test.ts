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

  it('is refused to a programme officer and a donor viewer, who see part of the organisation only', async () => {
    for (const email of ['programme@wanep-mali.demo', 'pnud@wanep-mali.demo']) {
      const actor = await demoActor(handle.db, organisationId, email);
      const theirs = createCaller(createContext({ db: handle.db, actor }));
      await expect(
        theirs.pivot.query({ period: '2023-Q2', rows: 'programme', measure: 'activities' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
