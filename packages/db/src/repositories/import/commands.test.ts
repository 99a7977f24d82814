import { must } from '@jalon/domain';
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { activity, auditLog, importRecord } from '../../schema/index';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { updateActivity } from '../activity/commands';
import { findActivity } from '../activity/queries';
import { listAttendance } from '../attendance/queries';
import { findGrantByCode } from '../grant/queries';
import { findOrganisationByCode } from '../organisation/queries';
import { lockPeriod } from '../period-lock/commands';
import { listProgrammes } from '../programme/queries';
import {
  activityInputOf,
  commitImport,
  stageImport,
  undoImport,
  type StagedRowInput,
} from './commands';
import { findImportBatch, importedHashes, importReferences, listImportRows } from './queries';

/**
 * The database half of an import: a batch staged (nothing of the organisation's data written),
 * committed all or nothing through the activity repository, idempotent by external id, undone
 * while nothing it wrote has changed. The rows are built here as @jalon/import plans them.
 */
const kinds = await testDatabaseKinds();

const hashOf = (record: object) =>
  createHash('sha256').update(JSON.stringify(record)).digest('hex');

interface Ctx {
  org: string;
  fps: string;
  prosmed: string;
}

function activityRow(
  ctx: Ctx,
  rowNumber: number,
  externalId: string,
  over: Record<string, unknown> = {},
): StagedRowInput {
  const record = {
    externalId,
    programmeId: ctx.fps,
    title: `Atelier importé ${externalId}`,
    summary: null,
    type: 'workshop',
    role: 'organiser',
    startDate: '2024-03-12',
    endDate: '2024-03-12',
    sessions: 1,
    placeIds: [],
    grantIds: [],
    participants: {
      total: { value: 40, qualifier: 'exact' },
      cells: [{ key: { sex: 'female' }, value: 18, qualifier: 'exact' }],
    },
    ...over,
  };
  return { rowNumber, externalId, hash: hashOf(record), action: 'create', record, issues: [] };
}

const rejectedRow = (rowNumber: number): StagedRowInput => ({
  rowNumber,
  externalId: null,
  hash: null,
  action: 'rejected',
  record: null,
  issues: [
    {
      code: 'required',
      field: 'title',
      rowNumber,
      severity: 'error',
      message: { fr: 'Valeur obligatoire manquante', en: 'Required value missing' },
    },
  ],
});

describe.each(kinds)('import batches on %s', (kind) => {
  let handle: DatabaseHandle;
  let ctx: Ctx;
  const stage = (rows: StagedRowInput[], source = 'file') =>
    stageImport(handle.db, ctx.org, {
      kind: 'activities',
      source,
      fileName: 'activites.xlsx',
      sha256: 'f'.repeat(64),
      profile: { format: 1 },
      rows,
    });
  const activityCount = async () =>
    Number(
      must(
        (
          await handle.db
            .select({ n: sql<number>`count(*)::int` })
            .from(activity)
            .where(eq(activity.organisationId, ctx.org))
        )[0],
        '( await handle.db .select({ n: sql<number>`count(*)::int` })',
      ).n,
    );

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      '(await findOrganisationByCode(handle.db, ’WANEP-ML’))',
    ).id;
    const programmes = await listProgrammes(handle.db, org);
    ctx = {
      org,
      fps: must(
        programmes.find((p) => p.code === 'FPS'),
        'programmes.find((p) => p.code === ’FPS’)',
      ).id,
      prosmed: must(
        await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
        '(await findGrantByCode(handle.db, org, ’PROSMED-CCSC’))',
      ).id,
    };
  }, 60_000);
  afterAll(async () => handle?.close(), 60_000);

  it('stages a batch without writing any activity, then commits it all', async () => {
    const before = await activityCount();
    const source = `s1-${randomUUID()}`;
    const rows = [
      activityRow(ctx, 2, 'A-1'),
      activityRow(ctx, 3, 'A-2'),
      activityRow(ctx, 4, 'A-3'),
    ];
    const staged = await stage(rows, source);
    expect(staged.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
    expect(await activityCount()).toBe(before);
    expect(
      must(
        await findImportBatch(handle.db, ctx.org, staged.id),
        '(await findImportBatch(handle.db, ctx.org, staged.id))',
      ).status,
    ).toBe('staged');

    const r = await commitImport(handle.db, ctx.org, staged.id);
    expect(r).toEqual({
      ok: true,
      value: {
        id: staged.id,
        counts: { create: 3, update: 0, unchanged: 0, rejected: 0 },
        validOnly: false,
      },
    });
    expect(await activityCount()).toBe(before + 3);
    const written = await listImportRows(handle.db, ctx.org, staged.id);
    const a = must(
      await findActivity(
        handle.db,
        ctx.org,
        must(must(written[0], 'written[0]').entityId, 'must(written[0], ’written[0]’).entityId'),
      ),
      '(await findActivity(handle.db, ctx.org, must(must(written[0]',
    );
    expect(a.title).toBe('Atelier importé A-1');
    expect(a.participants?.total).toEqual({ value: 40, qualifier: 'exact' });
    // Audited with the batch's id.
    const audit = await handle.db
      .select({ action: auditLog.action, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, ctx.org), eq(auditLog.entityId, a.id)));
    expect(audit).toEqual([{ action: 'create', reason: `import ${staged.id}` }]);
    expect((await importedHashes(handle.db, ctx.org, 'activities', source)).size).toBe(3);
    // The external id now names the activity for the attendance of a later file.
    const refs = await importReferences(handle.db, ctx.org);
    expect(
      must(
        refs.activities.find((x) => x.id === a.id),
        'refs.activities.find((x) => x.id === a.id)',
      ).names,
    ).toContain('A-1');

    // The same batch again: refused, nothing more written.
    const again = await commitImport(handle.db, ctx.org, staged.id);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.kind).toBe('wrong-status');
    expect(await activityCount()).toBe(before + 3);
  });

  it('re-imports the same file as unchanged and a corrected row as an update, never a duplicate', async () => {
    const source = `s2-${randomUUID()}`;
    const first = await stage([activityRow(ctx, 2, 'B-1'), activityRow(ctx, 3, 'B-2')], source);
    expect((await commitImport(handle.db, ctx.org, first.id)).ok).toBe(true);
    const before = await activityCount();

    const same = await stage([activityRow(ctx, 2, 'B-1'), activityRow(ctx, 3, 'B-2')], source);
    const r = await commitImport(handle.db, ctx.org, same.id);
    expect(r.ok && r.value.counts).toEqual({ create: 0, update: 0, unchanged: 2, rejected: 0 });
    expect(await activityCount()).toBe(before);

    const edited = await stage(
      [activityRow(ctx, 2, 'B-1', { title: 'Atelier corrigé B-1' }), activityRow(ctx, 3, 'B-2')],
      source,
    );
    const u = await commitImport(handle.db, ctx.org, edited.id);
    expect(u.ok && u.value.counts).toEqual({ create: 0, update: 1, unchanged: 1, rejected: 0 });
    expect(await activityCount()).toBe(before);
    const [row] = await listImportRows(handle.db, ctx.org, edited.id);
    const a = must(
      await findActivity(
        handle.db,
        ctx.org,
        must(must(row, 'row').entityId, 'must(row, ’row’).entityId'),
      ),
      '(await findActivity(handle.db, ctx.org, must(must(row, ’row’',
    );
    expect(a.title).toBe('Atelier corrigé B-1');
    expect(a.version).toBe(2);

    // Undo of the correction: the activity is written back as it was.
    const undo = await undoImport(handle.db, ctx.org, edited.id);
    expect(undo).toEqual({ ok: true, value: { id: edited.id, deleted: 0, restored: 1 } });
    const back = must(
      await findActivity(handle.db, ctx.org, a.id),
      '(await findActivity(handle.db, ctx.org, a.id))',
    );
    expect(back.title).toBe('Atelier importé B-1');
    expect(
      must(
        await findImportBatch(handle.db, ctx.org, edited.id),
        '(await findImportBatch(handle.db, ctx.org, edited.id))',
      ).status,
    ).toBe('undone');
    // …and the original file is unchanged again.
    const third = await stage([activityRow(ctx, 2, 'B-1'), activityRow(ctx, 3, 'B-2')], source);
    const t = await commitImport(handle.db, ctx.org, third.id);
    expect(t.ok && t.value.counts.unchanged).toBe(2);
  });

  it('refuses a file with a rejected row unless the user asks for the valid rows only', async () => {
    const before = await activityCount();
    const rows = [activityRow(ctx, 2, `C-1`), rejectedRow(3), activityRow(ctx, 4, 'C-3')];
    const staged = await stage(rows, `s3-${randomUUID()}`);
    const r = await commitImport(handle.db, ctx.org, staged.id);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'rows')
      expect(r.error.rows).toEqual([
        {
          rowNumber: 3,
          externalId: null,
          code: 'rejected-row',
          message: { fr: 'Valeur obligatoire manquante', en: 'Required value missing' },
        },
      ]);
    else throw new Error(`expected a refusal by row, got ${JSON.stringify(r)}`);
    expect(await activityCount()).toBe(before);

    const v = await commitImport(handle.db, ctx.org, staged.id, { validOnly: true });
    expect(v.ok && v.value).toEqual({
      id: staged.id,
      counts: { create: 2, update: 0, unchanged: 0, rejected: 1 },
      validOnly: true,
    });
    expect(await activityCount()).toBe(before + 2);
    const [audit] = await handle.db
      .select({ action: auditLog.action, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, ctx.org), eq(auditLog.entityId, staged.id)))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(must(audit, 'audit').action).toBe('commit-valid-only');
    expect(must(audit, 'audit').reason).toMatch(/1 ligne\(s\) rejetée/);
  });

  it('writes nothing when one row breaks the engine’s consistency check, naming it', async () => {
    const before = await activityCount();
    const bad = activityRow(ctx, 5, 'D-2', {
      participants: {
        total: { value: 20, qualifier: 'exact' },
        cells: [{ key: { sex: 'female' }, value: 30, qualifier: 'exact' }],
      },
    });
    const staged = await stage([activityRow(ctx, 4, 'D-1'), bad], `s4-${randomUUID()}`);
    const r = await commitImport(handle.db, ctx.org, staged.id);
    expect(
      !r.ok && r.error.kind === 'rows' && r.error.rows.map((x) => [x.rowNumber, x.code]),
    ).toEqual([[5, 'participation-inconsistent']]);
    if (!r.ok && r.error.kind === 'rows')
      expect(must(r.error.rows[0], 'r.error.rows[0]').message.fr).toMatch(/30/);
    expect(await activityCount()).toBe(before);
    expect(
      must(
        await findImportBatch(handle.db, ctx.org, staged.id),
        '(await findImportBatch(handle.db, ctx.org, staged.id))',
      ).status,
    ).toBe('staged');
  });

  it('refuses rows in a period locked by a submitted report, and writes none of the file', async () => {
    await lockPeriod(
      handle.db,
      ctx.org,
      {
        grantId: ctx.prosmed,
        periodCode: '2022-Q4',
        periodStart: '2022-10-01',
        periodEnd: '2022-12-31',
      },
      null,
    );
    const before = await activityCount();
    const staged = await stage(
      [
        activityRow(ctx, 2, 'E-1'),
        activityRow(ctx, 3, 'E-2', {
          grantIds: [ctx.prosmed],
          startDate: '2022-11-15',
          endDate: '2022-11-15',
        }),
      ],
      `s5-${randomUUID()}`,
    );
    const r = await commitImport(handle.db, ctx.org, staged.id);
    expect(
      !r.ok && r.error.kind === 'rows' && r.error.rows.map((x) => [x.rowNumber, x.code]),
    ).toEqual([[3, 'locked']]);
    if (!r.ok && r.error.kind === 'rows')
      expect(must(r.error.rows[0], 'r.error.rows[0]').message.fr).toMatch(/2022-Q4.*verrouillée/);
    expect(await activityCount()).toBe(before);
  });

  it('never overwrites an edit made in Jalon since the import, nor undoes over it', async () => {
    const source = `s6-${randomUUID()}`;
    const first = await stage([activityRow(ctx, 2, 'F-1')], source);
    expect((await commitImport(handle.db, ctx.org, first.id)).ok).toBe(true);
    const [row] = await listImportRows(handle.db, ctx.org, first.id);
    const a = must(
      await findActivity(
        handle.db,
        ctx.org,
        must(must(row, 'row').entityId, 'must(row, ’row’).entityId'),
      ),
      '(await findActivity(handle.db, ctx.org, must(must(row, ’row’',
    );
    const edited = await updateActivity(handle.db, ctx.org, a.id, a.version, {
      ...activityInputOf(a),
      title: 'Titre corrigé dans Jalon',
    });
    expect(edited.ok).toBe(true);

    const corrected = await stage([activityRow(ctx, 2, 'F-1', { sessions: 2 })], source);
    const r = await commitImport(handle.db, ctx.org, corrected.id);
    expect(!r.ok && r.error.kind === 'rows' && must(r.error.rows[0], 'r.error.rows[0]').code).toBe(
      'changed-since-import',
    );
    expect(
      must(
        await findActivity(handle.db, ctx.org, a.id),
        '(await findActivity(handle.db, ctx.org, a.id))',
      ).title,
    ).toBe('Titre corrigé dans Jalon');

    const undo = await undoImport(handle.db, ctx.org, first.id);
    expect(
      !undo.ok && undo.error.kind === 'rows' && must(undo.error.rows[0], 'undo.error.rows[0]').code,
    ).toBe('changed-since-import');
    if (!undo.ok && undo.error.kind === 'rows')
      expect(must(undo.error.rows[0], 'undo.error.rows[0]').message.fr).toContain(a.code);
    expect(await findActivity(handle.db, ctx.org, a.id)).toBeDefined();
    expect(
      must(
        await findImportBatch(handle.db, ctx.org, first.id),
        '(await findImportBatch(handle.db, ctx.org, first.id))',
      ).status,
    ).toBe('committed');
  });

  it('undoes a batch of creates: its activities and external ids are gone', async () => {
    const source = `s7-${randomUUID()}`;
    const before = await activityCount();
    const staged = await stage([activityRow(ctx, 2, 'G-1'), activityRow(ctx, 3, 'G-2')], source);
    expect((await commitImport(handle.db, ctx.org, staged.id)).ok).toBe(true);
    expect(await activityCount()).toBe(before + 2);
    const undo = await undoImport(handle.db, ctx.org, staged.id);
    expect(undo).toEqual({ ok: true, value: { id: staged.id, deleted: 2, restored: 0 } });
    expect(await activityCount()).toBe(before);
    expect((await importedHashes(handle.db, ctx.org, 'activities', source)).size).toBe(0);
    const again = await undoImport(handle.db, ctx.org, staged.id);
    expect(!again.ok && again.error.kind).toBe('wrong-status');
  });

  it('imports attendance lists into imported activities: merged by code, unchanged again, undone', async () => {
    const source = `s8-${randomUUID()}`;
    const act = await stage([activityRow(ctx, 2, 'H-1')], source);
    expect((await commitImport(handle.db, ctx.org, act.id)).ok).toBe(true);
    const [actRow] = await listImportRows(handle.db, ctx.org, act.id);
    const activityId = must(must(actRow, 'actRow').entityId, 'must(actRow, ’actRow’).entityId');
    const person = (rowNumber: number, code: string, over: Record<string, unknown> = {}) => {
      const record = {
        externalId: `H-1|${code}|2024-03-12`,
        activity: { externalId: 'H-1' },
        code,
        displayName: null,
        sex: 'female',
        ageGroup: 'youth',
        disability: null,
        category: null,
        date: '2024-03-12',
        ...over,
      };
      return {
        rowNumber,
        externalId: record.externalId,
        hash: hashOf(record),
        action: 'create' as const,
        record,
        issues: [],
      };
    };
    const stageList = (rows: StagedRowInput[]) =>
      stageImport(handle.db, ctx.org, {
        kind: 'attendance',
        source,
        fileName: 'presence.xlsx',
        sha256: 'e'.repeat(64),
        profile: {},
        rows,
      });
    const codesOf = async () =>
      (await listAttendance(handle.db, ctx.org, activityId)).map((a) => `${a.code}:${a.sex}`);

    const first = await stageList([person(2, 'P1'), person(3, 'P2'), person(4, 'P3')]);
    const c1 = await commitImport(handle.db, ctx.org, first.id);
    expect(c1.ok && c1.value.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
    expect(await codesOf()).toEqual(['P1:female', 'P2:female', 'P3:female']);

    const same = await stageList([person(2, 'P1'), person(3, 'P2'), person(4, 'P3')]);
    const c2 = await commitImport(handle.db, ctx.org, same.id);
    expect(c2.ok && c2.value.counts).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 0 });

    const edited = await stageList([
      person(2, 'P1'),
      person(3, 'P2', { sex: 'male' }),
      person(4, 'P3'),
      person(5, 'P4'),
    ]);
    const c3 = await commitImport(handle.db, ctx.org, edited.id);
    expect(c3.ok && c3.value.counts).toEqual({ create: 1, update: 1, unchanged: 2, rejected: 0 });
    expect(await codesOf()).toEqual(['P1:female', 'P2:male', 'P3:female', 'P4:female']);

    // A day outside the activity: the activity's rows refused, nothing written.
    const outside = await stageList([person(2, 'P5'), person(3, 'P6', { date: '2024-04-01' })]);
    const c4 = await commitImport(handle.db, ctx.org, outside.id);
    expect(!c4.ok && c4.error.kind === 'rows' && c4.error.rows.map((r) => r.rowNumber)).toEqual([
      2, 3,
    ]);
    if (!c4.ok && c4.error.kind === 'rows')
      expect(must(c4.error.rows[0], 'c4.error.rows[0]').message.fr).toMatch(
        /en dehors de l’activité/,
      );
    expect(await codesOf()).toHaveLength(4);

    const undo = await undoImport(handle.db, ctx.org, edited.id);
    expect(undo.ok).toBe(true);
    expect(await codesOf()).toEqual(['P1:female', 'P2:female', 'P3:female']);
  });
});

// Races need several writers: PostgreSQL (PGlite has a single connection).
describe.each(kinds.filter((k) => k === 'postgres'))('concurrent import commits on %s', (kind) => {
  let handle: DatabaseHandle;
  let ctx: Ctx;
  const ROUNDS = 5;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    const org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      '(await findOrganisationByCode(handle.db, ’WANEP-ML’))',
    ).id;
    const programmes = await listProgrammes(handle.db, org);
    ctx = {
      org,
      fps: must(
        programmes.find((p) => p.code === 'FPS'),
        'programmes.find((p) => p.code === ’FPS’)',
      ).id,
      prosmed: must(
        await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
        '(await findGrantByCode(handle.db, org, ’PROSMED-CCSC’))',
      ).id,
    };
  }, 60_000);
  afterAll(async () => handle?.close(), 60_000);

  const stage = (rows: StagedRowInput[], source: string) =>
    stageImport(handle.db, ctx.org, {
      kind: 'activities',
      source,
      fileName: 'activites.csv',
      sha256: 'a'.repeat(64),
      profile: {},
      rows,
    });
  const importedActivities = async (source: string) =>
    Number(
      must(
        (
          await handle.db
            .select({ n: sql<number>`count(*)::int` })
            .from(activity)
            .innerJoin(
              importRecord,
              and(
                eq(importRecord.organisationId, activity.organisationId),
                eq(importRecord.entityId, activity.id),
              ),
            )
            .where(and(eq(activity.organisationId, ctx.org), eq(importRecord.source, source)))
        )[0],
        '( await handle.db .select({ n: sql<number>`count(*)::int` })',
      ).n,
    );

  it('two commits of the same batch at once: one wins, the other is refused, no duplicates', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const source = `race-${round}-${randomUUID()}`;
      const rows = [1, 2, 3, 4].map((i) => activityRow(ctx, i + 1, `R${round}-${i}`));
      const staged = await stage(rows, source);
      const rs = await Promise.all([
        commitImport(handle.db, ctx.org, staged.id),
        commitImport(handle.db, ctx.org, staged.id),
      ]);
      expect(rs.filter((r) => r.ok)).toHaveLength(1);
      const loser = rs.find((r) => !r.ok);
      expect(loser && !loser.ok && loser.error.kind).toBe('wrong-status');
      expect(await importedActivities(source)).toBe(4);
    }
  });

  it('two batches of the same file committed at once: one wins, the other is refused by row', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const source = `twin-${round}-${randomUUID()}`;
      const rows = [1, 2, 3].map((i) => activityRow(ctx, i + 1, `T${round}-${i}`));
      const [a, b] = [await stage(rows, source), await stage(rows, source)];
      const rs = await Promise.all([
        commitImport(handle.db, ctx.org, a.id),
        commitImport(handle.db, ctx.org, b.id),
      ]);
      const won = rs.filter((r) => r.ok);
      // Either the second waited and found every id taken (refused: run the check again), or it
      // ran after the first had committed and found them all unchanged.
      for (const r of rs)
        if (!r.ok)
          expect(r.error.kind === 'rows' && must(r.error.rows[0], 'r.error.rows[0]').code).toBe(
            'concurrent-import',
          );
      expect(won.length).toBeGreaterThanOrEqual(1);
      expect(await importedActivities(source)).toBe(3);
      const rows2 = await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(activity)
        .where(
          and(
            eq(activity.organisationId, ctx.org),
            sql`${activity.title} like ${`Atelier importé T${round}-%`}`,
          ),
        );
      expect(Number(must(rows2[0], 'rows2[0]').n)).toBe(3);
    }
  });
});
