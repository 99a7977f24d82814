import { must, computeIndicator, parsePeriod, type IndicatorDefinition } from '@jalon/domain';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../client';
import { loadFacts } from '../facts/load-facts';
import { computeIndicatorInDatabase } from '../indicators/compute-in-database';
import { findOrganisationByCode } from '../repositories/organisation/queries';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { seedSynthetic, syntheticIndicators } from './synthetic';

const kinds = await testDatabaseKinds();
const fingerprints = new Map<string, string>();
const N = 3000;

describe.each(kinds)('synthetic data on %s', (kind) => {
  const opened = openTestDatabase(kind);
  afterAll(async () => (await opened).close());

  it('loads exactly N participations, deterministically, and the SQL path equals the engine on it', async () => {
    const handle = await opened;
    const summary = await seedSynthetic(handle, { participations: N, seed: 7 });
    expect(summary.participations).toBe(N);
    const [count] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from attendance`,
    );
    expect(must(count, 'count').n).toBe(N);
    const [fp] = await queryRows<{ md5: string }>(
      handle.db,
      sql`select md5(string_agg(p.code || a.code || t.date::text || coalesce(t.sex, '?') || t.age_group, ',' order by p.code, a.code)) as md5
            from attendance t join person p on p.id = t.person_id join activity a on a.id = t.activity_id`,
    );
    fingerprints.set(kind, must(fp, 'fp').md5);
    if (fingerprints.size === 2)
      expect(fingerprints.get('pglite')).toBe(fingerprints.get('postgres'));

    const organisationId = must(
      await findOrganisationByCode(
        handle.db,
        must(summary.organisations[0], 'summary.organisations[0]'),
      ),
      '(await findOrganisationByCode(handle.db, summary.organisations[0]!))',
    ).id;
    const facts = await loadFacts(handle.db, organisationId);
    const grant = `${summary.organisations[0]}-G-FPS`;
    for (const ind of syntheticIndicators(grant, 'FPS')) {
      const def: IndicatorDefinition = {
        code: ind.code,
        title: { fr: ind.code, en: ind.code },
        unit: 'number',
        direction: 'higher-is-better',
        source: ind.source,
        timeRule: 'sum',
        cumulative: ind.cumulative,
      };
      for (const code of ['2021-Q2', '2023']) {
        const period = parsePeriod(code);
        if (!period.ok) throw new Error(code);
        const options = { grantStart: '2019-01-01', breakdown: ind.dimensions };
        const expected = computeIndicator(def, facts, period.value, options);
        expect(expected.ok).toBe(true);
        expect(
          await computeIndicatorInDatabase(handle.db, organisationId, def, period.value, options),
          `${ind.code} ${code}`,
        ).toEqual(expected);
      }
    }
  }, 120_000);
});
