import { must } from '@jalon/domain';
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { auditLog, baseline, target } from '../../schema/index';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { findGrantByCode } from '../grant/queries';
import { findOrganisationByCode } from '../organisation/queries';
import { lockPeriod } from '../period-lock/commands';
import { setTarget } from '../target/commands';
import { commitImport, stageImport, undoImport, type StagedRowInput } from './commands';
import { importReferences } from './queries';

/**
 * Targets and baselines through an import: staged, committed all or nothing through the target
 * commands (audited), a locked period's target never changed, an unchanged value never
 * rewritten, undone while nobody changed what it wrote. Rows are built as @jalon/import plans them.
 */
const kinds = await testDatabaseKinds();

const hashOf = (record: object) =>
  createHash('sha256').update(JSON.stringify(record)).digest('hex');

interface Ctx {
  org: string;
  indicator: string;
  code: string;
}

const quarter = (q: number) => ({
  periodCode: `2023-Q${q}`,
  periodStart: `2023-${String(q * 3 - 2).padStart(2, '0')}-01`,
  periodEnd: ['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31'][q - 1] ?? '',
});

function targetRow(
  ctx: Ctx,
  rowNumber: number,
  q: number,
  value: number,
  breakdown: Record<string, string> = {},
): StagedRowInput {
  const cell = Object.keys(breakdown)
    .sort()
    .map((k) => `${k}=${breakdown[k] ?? ''}`)
    .join(';');
  const span = quarter(q);
  const record = {
    externalId: `${ctx.code}|${span.periodCode}|${cell}`,
    indicatorId: ctx.indicator,
    breakdown,
    value,
    nature: 'target',
    period: span.periodCode,
    ...span,
    lifeOfGrant: false,
  };
  return {
    rowNumber,
    externalId: record.externalId,
    hash: hashOf(record),
    action: 'create',
    record,
    issues: [],
  };
}

function baselineRow(
  ctx: Ctx,
  rowNumber: number,
  value: number,
  year: number,
  date?: string,
): StagedRowInput {
  const record = {
    externalId: `${ctx.code}|reference|`,
    indicatorId: ctx.indicator,
    breakdown: {},
    value,
    nature: 'baseline',
    year,
    ...(date ? { date } : {}),
  };
  return {
    rowNumber,
    externalId: record.externalId,
    hash: hashOf(record),
    action: 'create',
    record,
    issues: [],
  };
}

async function setUp(kind: Awaited<typeof kinds>[number]) {
  const handle = await openTestDatabase(kind);
  await seedDemo(handle.db);
  const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
  const grant = must(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'), 'PROSMED-CCSC').id;
  const refs = await importReferences(handle.db, org);
  const ind = must(
    refs.indicators
      .filter((i) => i.grant?.id === grant)
      .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? ''))[0],
    'an indicator of PROSMED-CCSC',
  );
  return { handle, grant, ctx: { org, indicator: ind.id, code: must(ind.names[0], 'code') } };
}

const LOCK_CELL = { category: 'lock-test' };

describe.each(kinds)('targets imports on %s', (kind) => {
  let handle: DatabaseHandle;
  let ctx: Ctx;
  let grant: string;
  const stage = (rows: StagedRowInput[]) =>
    stageImport(handle.db, ctx.org, {
      kind: 'targets',
      source: 'file',
      fileName: 'cibles.xlsx',
      sha256: 'c'.repeat(64),
      profile: { format: 1 },
      rows,
    });
  const targetsOf = async (periodCode: string) =>
    handle.db
      .select({ value: target.value, cellKey: target.cellKey, id: target.id })
      .from(target)
      .where(
        and(
          eq(target.organisationId, ctx.org),
          eq(target.indicatorId, ctx.indicator),
          eq(target.periodCode, periodCode),
        ),
      )
      .orderBy(target.cellKey);
  const baselineOf = async () =>
    handle.db
      .select({ value: baseline.value, year: baseline.year })
      .from(baseline)
      .where(
        and(
          eq(baseline.organisationId, ctx.org),
          eq(baseline.indicatorId, ctx.indicator),
          eq(baseline.cellKey, ''),
        ),
      );

  beforeAll(async () => {
    ({ handle, ctx, grant } = await setUp(kind));
  }, 60_000);
  afterAll(async () => handle?.close(), 60_000);

  it('commits targets and a baseline through the target commands, audited; again unchanged; undone', async () => {
    const before = await baselineOf();
    const staged = await stage([
      targetRow(ctx, 2, 3, 120),
      targetRow(ctx, 3, 3, 50, { sex: 'female' }),
      baselineRow(ctx, 4, 35, 2021),
    ]);
    const r = await commitImport(handle.db, ctx.org, staged.id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.counts.create + r.value.counts.update).toBe(3);
    expect((await targetsOf('2023-Q3')).map((t) => [t.cellKey, t.value])).toEqual([
      ['', 120],
      ['sex=female', 50],
    ]);
    expect(await baselineOf()).toEqual([{ value: 35, year: 2021 }]);
    const audited = await handle.db
      .select({ entity: auditLog.entity, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, ctx.org), eq(auditLog.reason, `import ${staged.id}`)));
    expect(audited.map((a) => a.entity).sort()).toEqual(['baseline', 'target', 'target']);

    // The same file again: every value already stands, nothing is rewritten.
    const again = await commitImport(
      handle.db,
      ctx.org,
      (await stage([targetRow(ctx, 2, 3, 120), targetRow(ctx, 3, 3, 50, { sex: 'female' })])).id,
    );
    expect(again.ok && again.value.counts).toEqual({
      create: 0,
      update: 0,
      unchanged: 2,
      rejected: 0,
    });

    const undone = await undoImport(handle.db, ctx.org, staged.id);
    if (!undone.ok) throw new Error(JSON.stringify(undone.error));
    expect(await targetsOf('2023-Q3')).toEqual([]);
    expect((await baselineOf()).map((b) => [b.value, b.year])).toEqual(
      before.map((b) => [b.value, b.year]),
    );
  });

  it('writes a baseline’s date; a new date alone is an update, a row without one keeps it; undone', async () => {
    const dateOf = async () =>
      (
        await handle.db
          .select({ date: baseline.date, value: baseline.value })
          .from(baseline)
          .where(
            and(
              eq(baseline.organisationId, ctx.org),
              eq(baseline.indicatorId, ctx.indicator),
              eq(baseline.cellKey, ''),
            ),
          )
      )[0];
    const commit = async (row: StagedRowInput) => {
      const staged = await stage([row]);
      const r = await commitImport(handle.db, ctx.org, staged.id);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return { id: staged.id, counts: r.value.counts };
    };
    await commit(baselineRow(ctx, 2, 41, 2020, '2020-03-15'));
    expect(await dateOf()).toEqual({ date: '2020-03-15', value: 41 });
    const moved = await commit(baselineRow(ctx, 2, 41, 2020, '2020-11-02'));
    expect(moved.counts.update).toBe(1);
    expect(await dateOf()).toEqual({ date: '2020-11-02', value: 41 });
    const kept = await commit(baselineRow(ctx, 2, 41, 2020));
    expect(kept.counts.unchanged).toBe(1);
    expect((await dateOf())?.date).toBe('2020-11-02');
    const undone = await undoImport(handle.db, ctx.org, moved.id);
    if (!undone.ok) throw new Error(JSON.stringify(undone.error));
    expect(await dateOf()).toEqual({ date: '2020-03-15', value: 41 });
  });

  it('an update is undone back to the value set by hand before it', async () => {
    const span = quarter(4);
    await setTarget(handle.db, ctx.org, {
      indicatorId: ctx.indicator,
      ...span,
      lifeOfGrant: false,
      cellKey: '',
      value: 10,
    });
    const staged = await stage([targetRow(ctx, 2, 4, 15)]);
    const r = await commitImport(handle.db, ctx.org, staged.id);
    expect(r.ok && r.value.counts.update).toBe(1);
    expect((await targetsOf('2023-Q4')).map((t) => t.value)).toEqual([15]);
    expect((await undoImport(handle.db, ctx.org, staged.id)).ok).toBe(true);
    expect((await targetsOf('2023-Q4')).map((t) => t.value)).toEqual([10]);
  });

  it('never changes a locked period’s target: the row is named and nothing of the file is written', async () => {
    const span = quarter(2);
    await setTarget(handle.db, ctx.org, {
      indicatorId: ctx.indicator,
      ...span,
      lifeOfGrant: false,
      cellKey: 'category=lock-test',
      value: 80,
    });
    await lockPeriod(handle.db, ctx.org, { grantId: grant, ...span }, null);
    const staged = await stage([
      targetRow(ctx, 2, 1, 70, LOCK_CELL),
      targetRow(ctx, 3, 2, 95, LOCK_CELL),
    ]);
    const r = await commitImport(handle.db, ctx.org, staged.id);
    expect(
      !r.ok && r.error.kind === 'rows' && r.error.rows.map((x) => [x.rowNumber, x.code]),
    ).toEqual([[3, 'locked']]);
    if (!r.ok && r.error.kind === 'rows') {
      expect(must(r.error.rows[0], 'refusal').message.fr).toMatch(/2023-Q2.*verrouillée/);
      expect(must(r.error.rows[0], 'refusal').message.en).toMatch(/2023-Q2.*locked/);
    }
    const total = async (periodCode: string) =>
      (await targetsOf(periodCode))
        .filter((t) => t.cellKey === 'category=lock-test')
        .map((t) => t.value);
    expect(await total('2023-Q2')).toEqual([80]);
    expect(await total('2023-Q1')).toEqual([]);
    // A new target in the locked period is a change too; the same value is not.
    const fresh = await commitImport(
      handle.db,
      ctx.org,
      (await stage([targetRow(ctx, 2, 2, 30, { category: 'lock-test', sex: 'male' })])).id,
    );
    expect(!fresh.ok && fresh.error.kind).toBe('rows');
    const same = await commitImport(
      handle.db,
      ctx.org,
      (await stage([targetRow(ctx, 2, 2, 80, LOCK_CELL), targetRow(ctx, 3, 1, 70, LOCK_CELL)])).id,
    );
    expect(same.ok && same.value.counts).toEqual({
      create: 1,
      update: 0,
      unchanged: 1,
      rejected: 0,
    });
  });

  it('refuses to undo over a target changed since the import', async () => {
    const staged = await stage([targetRow(ctx, 2, 3, 7, { age: 'youth' })]);
    expect((await commitImport(handle.db, ctx.org, staged.id)).ok).toBe(true);
    await setTarget(handle.db, ctx.org, {
      indicatorId: ctx.indicator,
      ...quarter(3),
      lifeOfGrant: false,
      cellKey: 'age=youth',
      value: 9,
    });
    const r = await undoImport(handle.db, ctx.org, staged.id);
    expect(!r.ok && r.error.kind === 'rows' && r.error.rows.map((x) => x.code)).toEqual([
      'changed-since-import',
    ]);
    expect(
      (await targetsOf('2023-Q3')).filter((t) => t.cellKey === 'age=youth').map((t) => t.value),
    ).toEqual([9]);
  });
});

describe.each(kinds.filter((k) => k === 'postgres'))('concurrent targets imports on %s', (kind) => {
  let handle: DatabaseHandle;
  let ctx: Ctx;
  beforeAll(async () => {
    ({ handle, ctx } = await setUp(kind));
  }, 60_000);
  afterAll(async () => handle?.close(), 60_000);

  it('two files setting the same target at once: both commit, one target stands with one of their values', async () => {
    for (let round = 0; round < 5; round++) {
      const cell = { category: `c${round}-${randomUUID().slice(0, 8)}` };
      const batches = await Promise.all(
        [11, 22].map((value) =>
          stageImport(handle.db, ctx.org, {
            kind: 'targets',
            source: 'file',
            fileName: `cibles-${value}.xlsx`,
            sha256: 'd'.repeat(64),
            profile: {},
            rows: [targetRow(ctx, 2, 1, value, cell)],
          }),
        ),
      );
      const rs = await Promise.all(batches.map((b) => commitImport(handle.db, ctx.org, b.id)));
      expect(rs.every((r) => r.ok)).toBe(true);
      const rows = await handle.db
        .select({ value: target.value })
        .from(target)
        .where(
          and(
            eq(target.organisationId, ctx.org),
            eq(target.indicatorId, ctx.indicator),
            eq(target.cellKey, `category=${cell.category}`),
          ),
        );
      expect(rows).toHaveLength(1);
      expect([11, 22]).toContain(must(rows[0], 'the target').value);
    }
  });
});
