import {
  cellKeyToString,
  computeIndicator,
  figureOf,
  must,
  parsePeriod,
  placeWithin,
  type Facts,
} from '@jalon/domain';
import {
  findOrganisationByCode,
  listIndicators,
  listRegions,
  loadFacts,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import {
  adxMappingSchema,
  dhis2DataValueSetSchema,
  figureAnnotation,
  figuresOfDhis2,
  whyNotSent,
  type AdxMappingInput,
} from '@jalon/reports';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { countableByPlace } from '../services/regional-figures';
import { toDefinition } from '../services/indicator-values';
import { demoActor } from './test-actors';

/*
 * DHIS2: the grant's dataValueSet read back equals the engine's figures — the
 * organisation's from `indicator.values`, each region's from the domain computing the same
 * indicator in memory over the facts that lie in the region (an implementation of « within a
 * region » independent of the SQL filter the export uses) — on PGlite and PostgreSQL.
 */

const kinds = await testDatabaseKinds();

const key = (x: { indicator: string; region: string | null; key: string }) =>
  `${x.indicator}|${x.region ?? ''}|${x.key}`;
type Row = {
  indicator: string;
  region: string | null;
  key: string;
  value: number;
  commented: boolean;
};
const sorted = (rows: Row[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
const round = (n: number) => Math.round(n * 100) / 100;

/** The facts of one region: its activities (and their attendance) and incidents; nothing else. */
function factsWithin(facts: Facts, region: string): Facts {
  const activities = (facts.activities ?? []).filter((a) =>
    a.places.some((p) => placeWithin(p, region)),
  );
  const ids = new Set(activities.map((a) => a.id));
  return {
    activities,
    attendance: (facts.attendance ?? []).filter((a) => ids.has(a.activityId)),
    incidents: (facts.incidents ?? []).filter((i) => placeWithin(i.place, region)),
  };
}

describe.each(kinds)('DHIS2 dataValueSet on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let me: ReturnType<typeof createCaller>;
  let meEn: ReturnType<typeof createCaller>;
  let donor: ReturnType<typeof createCaller>;
  let programmeOfficer: ReturnType<typeof createCaller>;
  let mapping: AdxMappingInput;
  let regions: string[];
  const where = { grant: 'PROSMED-CCSC', period: '2023-Q2' };
  /** The stored mapping's version, which a save names. */
  const versionOf = async () => (await me.adx.mapping({ grant: where.grant })).version;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const as = async (email: string, locale: 'fr' | 'en' = 'fr') =>
      createCaller(
        createContext({ db: handle.db, actor: await demoActor(handle.db, org, email), locale }),
      );
    me = await as('suivi@wanep-mali.demo');
    meEn = await as('suivi@wanep-mali.demo', 'en');
    donor = await as('pnud@wanep-mali.demo');
    programmeOfficer = await as('programme@wanep-mali.demo');
    // ADX's own mapping of the grant, with the DHIS2 part: a combination for every cell of every
    // breakdown, an org unit for every region of the organisation.
    const adx = (await me.adx.export(where)).mapping;
    regions = (await listRegions(handle.db, org)).map((r) => r.path);
    const combos: Record<string, Record<string, string>> = {};
    for (const im of Object.values(adx.indicators))
      for (const b of im.breakdowns) {
        const [dim] = b.by;
        const options = adx.categories[must(dim, 'a dimension')]?.options ?? {};
        combos[b.dataElement] = Object.fromEntries(
          Object.keys(options).map((c) => [
            cellKeyToString({ [dim as string]: c }),
            `COC_${b.dataElement}_${c}`,
          ]),
        );
      }
    mapping = {
      ...adx,
      dhis2: {
        idScheme: 'CODE',
        orgUnit: 'OU_MALI',
        attributeOptionCombo: 'AOC_PROSMED',
        combos,
        regions: Object.fromEntries(regions.map((r) => [r, `OU_${r}`])),
      },
    };
  }, 120_000);
  afterAll(async () => handle?.close());

  it('without a DHIS2 part, the export says what to add, in the caller’s language', async () => {
    await expect(me.adx.dhis2(where)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('n’a pas de partie DHIS2'),
    });
    await expect(meEn.adx.dhis2(where)).rejects.toMatchObject({
      message: expect.stringContaining('has no DHIS2 part'),
    });
  });

  it('reads back to the engine’s figures: the organisation’s and each region’s', async () => {
    expect(
      await me.adx.setMapping({ grant: where.grant, version: await versionOf(), mapping }),
    ).toMatchObject({ stored: true });
    const stored = adxMappingSchema.parse(mapping);
    const out = await me.adx.dhis2(where);
    expect(out.fileName).toBe('PROSMED-CCSC_2023-Q2_dhis2.json');
    expect(out.idScheme).toBe('CODE');
    // The documented shape, from the text a DHIS2 server would receive.
    const text = JSON.stringify(out.json);
    const json = dhis2DataValueSetSchema.parse(JSON.parse(text));
    expect(new Set(json.dataValues.map((v) => v.period))).toEqual(new Set(['2023Q2']));
    expect(json.dataValues.every((v) => v.attributeOptionCombo === 'AOC_PROSMED')).toBe(true);
    const back = figuresOfDhis2(JSON.parse(text), stored);
    if (!back.ok) throw new Error(back.error.message);
    const got: Row[] = back.value.map((f) => ({
      indicator: f.indicator,
      region: f.region,
      key: cellKeyToString(f.key),
      value: f.value,
      commented: f.commented,
    }));
    expect(out.regions.length).toBeGreaterThan(0);
    expect(got.some((g) => g.region !== null)).toBe(true);

    // The reference: the organisation's figures from indicator.values, the regions' from the
    // domain over the facts in each region.
    const rows = (await listIndicators(handle.db, org)).filter(
      (r) => r.grant?.code === where.grant && r.node,
    );
    const definitions = (await listIndicators(handle.db, org)).map(toDefinition);
    const facts = await loadFacts(handle.db, org);
    const period = parsePeriod(where.period, {});
    if (!period.ok) throw new Error('period');
    const want: Row[] = [];
    const push = (
      indicator: string,
      region: string | null,
      v: {
        value: number;
        qualifier: 'exact' | 'approximate' | 'at-least';
        atLeast?: boolean;
        bounds?: { lower: number; upper: number | null } | null;
        uncounted?: number;
        breakdown?: {
          cells: {
            key: Record<string, string>;
            value: { value: number; qualifier: 'exact' | 'approximate' | 'at-least' } | null;
            bounds: { lower: number; upper: number | null };
          }[];
        } | null;
      },
    ) => {
      const total = figureOf({ ...v, uncounted: v.uncounted ?? 0 });
      if (!whyNotSent(total))
        want.push({
          indicator,
          region,
          key: '',
          value: round(total.value),
          commented: figureAnnotation(total, 'fr') !== null,
        });
      for (const c of v.breakdown?.cells ?? []) {
        if (Object.keys(c.key).length !== 1 || !c.value) continue;
        const f = figureOf({ ...c.value, bounds: c.bounds });
        if (!whyNotSent(f))
          want.push({
            indicator,
            region,
            key: cellKeyToString(c.key),
            value: round(f.value),
            commented: figureAnnotation(f, 'fr') !== null,
          });
      }
    };
    for (const row of rows) {
      const byPlace = countableByPlace(row.code, definitions);
      const dims = row.dimensions as ('sex' | 'age' | 'disability' | 'category')[];
      if (!byPlace) {
        const [v] = (
          await me.indicator.values({
            indicatorIds: [row.id],
            period: where.period,
            ...(dims.length ? { breakdown: dims } : {}),
          })
        ).items;
        if (v?.value) push(row.code, null, v.value);
        continue;
      }
      for (const region of regions) {
        const def = must(
          definitions.find((d) => d.code === row.code),
          row.code,
        );
        const r = computeIndicator(def, factsWithin(facts, region), period.value, {
          grantStart: row.grant?.startDate,
          breakdown: row.dimensions,
          definitions,
        });
        if (r.ok && (r.value.value > 0 || r.value.qualifier !== 'exact' || r.value.uncounted))
          push(row.code, region, r.value);
      }
    }
    const rounded = got.map((g) => ({ ...g, value: round(g.value) }));
    // A region where the engine counts an exact nothing may send its zero: both sides drop zeros.
    const nonZero = (rs: Row[]) =>
      rs.filter((r) => r.region === null || r.value !== 0 || r.commented);
    expect(sorted(nonZero(rounded))).toEqual(sorted(nonZero(want)));
  });

  it('names every region with figures and no org unit, whatever regions the mapping holds (property)', async () => {
    const full = adxMappingSchema.parse(mapping);
    const allOut = await me.adx.dhis2(where);
    const withFigures = allOut.regions;
    await fc.assert(
      fc.asyncProperty(fc.subarray(regions, { minLength: 1 }), async (kept) => {
        const partial = {
          ...mapping,
          dhis2: {
            ...must(full.dhis2, 'dhis2'),
            regions: Object.fromEntries(kept.map((r) => [r, `OU_${r}`])),
          },
        };
        await me.adx.setMapping({
          grant: where.grant,
          version: await versionOf(),
          mapping: partial,
        });
        const missing = withFigures.filter((r) => !kept.includes(r));
        if (missing.length === 0) {
          const out = await me.adx.dhis2(where);
          expect(out.regions.every((r) => kept.includes(r))).toBe(true);
          return;
        }
        const refused = await me.adx.dhis2(where).then(
          () => null,
          (e: unknown) => e as { code: string; message: string },
        );
        expect(refused?.code).toBe('BAD_REQUEST');
        for (const r of missing)
          expect(refused?.message).toContain(`La région ${r} n’a pas d’org unit DHIS2`);
        for (const r of kept) expect(refused?.message).not.toContain(`région ${r} `);
      }),
      { seed: 1616, numRuns: 4 },
    );
    await me.adx.setMapping({ grant: where.grant, version: await versionOf(), mapping });
  }, 240_000);

  it('sends the targets of the period under each mapped target data element: read back, the grant’s', async () => {
    const base = adxMappingSchema.parse(mapping);
    const withTargets = {
      ...mapping,
      indicators: Object.fromEntries(
        Object.entries(base.indicators).map(([code, im]) => [
          code,
          { ...im, target: `${code}.CIBLE` },
        ]),
      ),
    };
    await me.adx.setMapping({
      grant: where.grant,
      version: await versionOf(),
      mapping: withTargets,
    });
    const out = await me.adx.dhis2(where);
    const back = figuresOfDhis2(
      JSON.parse(JSON.stringify(out.json)),
      adxMappingSchema.parse(withTargets),
    );
    if (!back.ok) throw new Error(back.error.message);
    const got = back.value
      .filter((f) => f.target)
      .map((f) => ({ indicator: f.indicator, region: f.region, period: f.period, value: f.value }));
    // The reference: each mapped indicator's target for the period, as indicator.values states it.
    const grant = must(
      (await me.grant.list()).items.find((g) => g.code === where.grant),
      'the grant',
    );
    const indicators = (await me.indicator.list({ grantId: grant.id })).items.filter(
      (i) => i.unit !== 'qualitative' && base.indicators[i.code],
    );
    const values = (
      await me.indicator.values({ indicatorIds: indicators.map((i) => i.id), period: where.period })
    ).items;
    const want = indicators.flatMap((i) => {
      const target = values.find((v) => v.indicator.id === i.id)?.target;
      return target === null || target === undefined
        ? []
        : [{ indicator: i.code, region: null, period: '2023Q2', value: round(target) }];
    });
    expect(want.length).toBeGreaterThan(0);
    const byCode = (a: { indicator: string }, b: { indicator: string }) =>
      a.indicator.localeCompare(b.indicator);
    expect([...got].sort(byCode)).toEqual([...want].sort(byCode));
    // The actuals are unchanged by the targets beside them.
    await me.adx.setMapping({ grant: where.grant, version: await versionOf(), mapping });
    const plain = await me.adx.dhis2(where);
    expect(plain.json.dataValues.length).toBe(out.json.dataValues.length - want.length);
  });

  it('a cell without its combination is named; donors read, only the M&E team maps', async () => {
    const full = adxMappingSchema.parse(mapping);
    const combos = structuredClone(must(full.dhis2, 'dhis2').combos);
    const [element, cells] = must(
      Object.entries(combos).find(([, c]) => Object.keys(c).includes('sex=female')),
      'a sex breakdown',
    );
    delete cells['sex=female'];
    await me.adx.setMapping({
      grant: where.grant,
      version: await versionOf(),
      mapping: {
        ...mapping,
        dhis2: { ...must(full.dhis2, 'dhis2'), combos: { ...combos, [element]: cells } },
      },
    });
    await expect(meEn.adx.dhis2(where)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(
        `Data element ${element} has no category option combo for the cell sex=female.`,
      ),
    });
    await me.adx.setMapping({ grant: where.grant, version: await versionOf(), mapping });
    expect((await donor.adx.dhis2(where)).json.dataValues.length).toBeGreaterThan(0);
    await expect(
      programmeOfficer.adx.setMapping({ grant: where.grant, version: 0, mapping }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
