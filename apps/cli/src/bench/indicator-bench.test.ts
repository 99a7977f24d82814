import { findOrganisationByCode, openDatabase } from '@jalon/db';
import { seedSynthetic } from '@jalon/db/synthetic';
import { createScratchDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must, parsePeriod } from '@jalon/domain';
import { describe, expect, it } from 'vitest';
import { checkFloor, runIndicatorBench } from './indicator-bench';

const kinds = await testDatabaseKinds();

describe.each(kinds)('the benchmark on %s', (kind) => {
  it('compares the report with a floor that answers the same figures, on several seeds and quarters', async () => {
    const scratch = kind === 'postgres' ? await createScratchDatabase('jalon_floor') : undefined;
    const handle = await openDatabase(scratch ? { url: scratch.url } : { dataDir: 'memory' });
    try {
      for (const seed of [3, 11]) {
        const summary = await seedSynthetic(handle, { participations: 4000, seed });
        const orgs = await Promise.all(
          summary.organisations.map(
            async (c) =>
              must(
                await findOrganisationByCode(handle.db, c),
                '(await findOrganisationByCode(handle.db, c))',
              ).id,
          ),
        );
        for (const code of ['2019-Q1', '2021-Q2', '2023-Q4']) {
          const period = parsePeriod(code);
          if (!period.ok) throw new Error(code);
          const { values, mismatches } = await checkFloor(handle, orgs, period.value);
          expect(mismatches, `seed ${seed}, ${code}`).toEqual([]);
          // Every synthetic indicator was computed, and the figures are not all empty.
          expect(values.filter((v) => v.notComputable)).toEqual([]);
          expect(values.length).toBe(summary.indicators);
          expect(values.some((v) => (v.value?.value ?? 0) > 0)).toBe(true);
        }
      }
    } finally {
      await handle.close();
      await scratch?.drop();
    }
  }, 240_000);

  it('runs end to end and prints both times, their ratio and that the figures agree', async () => {
    const lines: string[] = [];
    const [result] = await runIndicatorBench({
      participations: 3000,
      seed: 5,
      period: '2021-Q2',
      runs: 1,
      engines: [kind],
      log: (s) => lines.push(s),
    });
    expect(must(result, 'result').mismatches).toEqual([]);
    expect(must(result, 'result').reportSeconds).toBeGreaterThan(0);
    expect(must(result, 'result').floorSeconds).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/the floor's figures equal the report's/);
    expect(lines.join('\n')).toMatch(/ratio \d+\.\d\d/);
  }, 240_000);
});
