import { must } from '@jalon/domain';
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { auditLog, manualValue } from '../../schema/index';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { findGrantByCode } from '../grant/queries';
import { setManualValue } from '../manual-value/commands';
import { findOrganisationByCode } from '../organisation/queries';
import { commitImport, stageImport, undoImport, type StagedRowInput } from './commands';
import { importReferences } from './queries';

/**
 * Values entered by hand through an import: written by the page's own write (audited with the
 * batch), an unchanged value never rewritten, a value typed by hand corrected at its version,
 * undone while nobody changed it; on PostgreSQL, two files writing one value at once. Rows are
 * built as @jalon/import plans them.
 */
const kinds = await testDatabaseKinds();

interface Ctx {
  org: string;
  indicator: string;
  code: string;
}

const QUARTERS: Record<number, [string, string]> = {
  1: ['2022-01-01', '2022-03-31'],
  2: ['2022-04-01', '2022-06-30'],
  3: ['2022-07-01', '2022-09-30'],
};

function valueRow(ctx: Ctx, rowNumber: number, q: number, value: number, cellKey = '') {
  const [periodStart, periodEnd] = must(QUARTERS[q], 'quarter');
  const record = {
    externalId: `${ctx.code}|2022-Q${q}|${cellKey}`,
    indicatorId: ctx.indicator,
    periodCode: `2022-Q${q}`,
    periodStart,
    periodEnd,
    cellKey,
    value,
    note: null,
  };
  const row: StagedRowInput = {
    rowNumber,
    externalId: record.externalId,
    hash: createHash('sha256').update(JSON.stringify(record)).digest('hex'),
    action: 'create',
    record,
    issues: [],
  };
  return row;
}

async function setUp(kind: Awaited<typeof kinds>[number]) {
  const handle = await openTestDatabase(kind);
  await seedDemo(handle.db);
  const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
  const grant = must(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'), 'PROSMED-CCSC').id;
  const ind = must(
    (await importReferences(handle.db, org)).indicators
      .filter((i) => i.grant?.id === grant)
      .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? ''))[0],
    'an indicator of PROSMED-CCSC',
  );
  return { handle, ctx: { org, indicator: ind.id, code: must(ind.names[0], 'code') } };
}

const stager = (handle: DatabaseHandle, ctx: Ctx) => (rows: StagedRowInput[]) =>
  stageImport(handle.db, ctx.org, {
    kind: 'values',
    source: 'file',
    fileName: 'valeurs.csv',
    sha256: 'v'.repeat(64),
    profile: { format: 1 },
    rows,
  });

const valuesOf = (handle: DatabaseHandle, ctx: Ctx, cellKey: string) =>
  handle.db
    .select({
      id: manualValue.id,
      period: manualValue.periodCode,
      value: manualValue.value,
      version: manualValue.version,
    })
    .from(manualValue)
    .where(
      and(
        eq(manualValue.organisationId, ctx.org),
        eq(manualValue.indicatorId, ctx.indicator),
        eq(manualValue.cellKey, cellKey),
      ),
    )
    .orderBy(manualValue.periodCode);

describe.each(kinds)('values imports on %s', (kind) => {
  let handle: DatabaseHandle;
  let ctx: Ctx;
  beforeAll(async () => {
    ({ handle, ctx } = await setUp(kind));
  }, 60_000);
  afterAll(async () => handle?.close(), 60_000);

  it('writes through the page’s write (audited), leaves an unchanged value alone, corrects a typed one, undoes', async () => {
    const cell = 'category=import-test';
    const stage = stager(handle, ctx);
    const typed = await setManualValue(
      handle.db,
      ctx.org,
      {
        indicatorId: ctx.indicator,
        periodCode: '2022-Q2',
        periodStart: '2022-04-01',
        periodEnd: '2022-06-30',
        cellKey: cell,
        value: 5,
        qualifier: 'exact',
        numerator: null,
        denominator: null,
        note: null,
      },
      undefined,
    );
    expect(typed.ok).toBe(true);
    const first = await stage([valueRow(ctx, 2, 1, 10, cell), valueRow(ctx, 3, 2, 6, cell)]);
    const r = await commitImport(handle.db, ctx.org, first.id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.counts).toEqual({ create: 1, update: 1, unchanged: 0, rejected: 0 });
    expect((await valuesOf(handle, ctx, cell)).map((v) => [v.period, v.value, v.version])).toEqual([
      ['2022-Q1', 10, 1],
      ['2022-Q2', 6, 2],
    ]);
    const audited = await handle.db
      .select({ entity: auditLog.entity })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, ctx.org), eq(auditLog.reason, `import ${first.id}`)));
    expect(audited.map((a) => a.entity)).toEqual(['manual-value', 'manual-value']);

    const again = await commitImport(
      handle.db,
      ctx.org,
      (await stage([valueRow(ctx, 2, 1, 10, cell)])).id,
    );
    expect(again.ok && again.value.counts.unchanged).toBe(1);
    expect((await valuesOf(handle, ctx, cell))[0]?.version).toBe(1);

    const undone = await undoImport(handle.db, ctx.org, first.id);
    if (!undone.ok) throw new Error(JSON.stringify(undone.error));
    expect(undone.value).toMatchObject({ deleted: 1, restored: 1 });
    expect((await valuesOf(handle, ctx, cell)).map((v) => [v.period, v.value])).toEqual([
      ['2022-Q2', 5],
    ]);
  });

  it('refuses to undo over a value changed by hand since the import', async () => {
    const cell = 'category=undo-test';
    const staged = await stager(handle, ctx)([valueRow(ctx, 2, 3, 7, cell)]);
    expect((await commitImport(handle.db, ctx.org, staged.id)).ok).toBe(true);
    const [now] = await valuesOf(handle, ctx, cell);
    await setManualValue(
      handle.db,
      ctx.org,
      {
        indicatorId: ctx.indicator,
        periodCode: '2022-Q3',
        periodStart: '2022-07-01',
        periodEnd: '2022-09-30',
        cellKey: cell,
        value: 8,
        qualifier: 'exact',
        numerator: null,
        denominator: null,
        note: null,
      },
      must(now, 'the value').version,
    );
    const undone = await undoImport(handle.db, ctx.org, staged.id);
    expect(!undone.ok && undone.error.kind === 'rows' && undone.error.rows[0]?.code).toBe(
      'changed-since-import',
    );
    expect((await valuesOf(handle, ctx, cell)).map((v) => v.value)).toEqual([8]);
  });
});

describe.each(kinds.filter((k) => k === 'postgres'))('concurrent values imports on %s', (kind) => {
  let handle: DatabaseHandle;
  let ctx: Ctx;
  beforeAll(async () => {
    ({ handle, ctx } = await setUp(kind));
  }, 60_000);
  afterAll(async () => handle?.close(), 60_000);

  it('two files writing one value at once: one value stands, never two; a lost race is named', async () => {
    const stage = stager(handle, ctx);
    for (let round = 0; round < 5; round++) {
      const cell = `category=c${round}-${randomUUID().slice(0, 8)}`;
      // A new value (nobody to lock yet), then the same value corrected by both files at once.
      for (const base of [null, 1]) {
        if (base !== null) {
          const seed = await stage([valueRow(ctx, 2, 1, base, cell)]);
          await commitImport(handle.db, ctx.org, seed.id);
        }
        const batches = await Promise.all(
          [11, 22].map((value) => stage([valueRow(ctx, 2, 1, value + (base ?? 0), cell)])),
        );
        const rs = await Promise.all(batches.map((b) => commitImport(handle.db, ctx.org, b.id)));
        const rows = await valuesOf(handle, ctx, cell);
        expect(rows).toHaveLength(1);
        const v = must(rows[0], 'the value').value;
        expect([11, 22].map((x) => x + (base ?? 0))).toContain(v);
        for (const r of rs)
          if (!r.ok)
            expect(r.error.kind === 'rows' && r.error.rows[0]?.code).toBe('changed-since-import');
        expect(rs.some((r) => r.ok)).toBe(true);
        // A correction of a value that stands waits for the other: both are written in turn.
        if (base !== null) expect(rs.every((r) => r.ok)).toBe(true);
      }
    }
  });
});
