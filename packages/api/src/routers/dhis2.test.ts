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
  OUTSIDE_REGIONS,
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

/** The facts outside every region: activities with no place within any (and their attendance), incidents likewise. */
function factsOutside(facts: Facts, regions: readonly string[]): Facts {
  const inAny = (place: string) => regions.some((r) => placeWithin(place, r));
  const activities = (facts.activities ?? []).filter((a) => !a.places.some(inAny));
  const ids = new Set(activities.map((a) => a.id));
  return {
    activities,
    attendance: (facts.attendance ?? []).filter((a) => ids.has(a.activityId)),
    incidents: (facts.incidents ?? []).filter((i) => !inAny(i.place)),
  };
}

/** The facts of activities and incidents in at least one of the regions: {@link factsOutside}'s complement. */
function factsInRegions(facts: Facts, regions: readonly string[]): Facts {
  const outside = factsOutside(facts, regions);
  const gone = new Set((outside.activities ?? []).map((a) => a.id));
  const goneIncidents = new Set((outside.incidents ?? []).map((i) => i.id));
  return {
    activities: (facts.activities ?? []).filter((a) => !gone.has(a.id)),
    attendance: (facts.attendance ?? []).filter((a) => !gone.has(a.activityId)),
    incidents: (facts.incidents ?? []).filter((i) => !goneIncidents.has(i.id)),
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

  it('sends what lies outside every region to the mapping’s outside org unit; without one, says how many activities it leaves out', async () => {
    // A session of the grant's programme held in no region (no place recorded).
    const programmeId = must(
      (await me.programme.list()).items.find((p) => p.code === 'CCS-C'),
      'CCS-C',
    ).id;
    const grant = must(
      (await me.grant.list()).items.find((g) => g.code === where.grant),
      where.grant,
    );
    await me.activity.create({
      programmeId,
      title: 'Session CCS-C sans lieu',
      type: 'training',
      startDate: '2023-05-15',
      endDate: '2023-05-15',
      grantIds: [grant.id],
      participants: { total: { value: 20, qualifier: 'exact' }, cells: [] },
    });
    const withOutside = {
      ...mapping,
      dhis2: { ...must(mapping.dhis2, 'dhis2'), outside: 'OU_OUTSIDE' },
    };
    expect(
      await me.adx.setMapping({
        grant: where.grant,
        version: await versionOf(),
        mapping: withOutside,
      }),
    ).toMatchObject({ stored: true });
    const out = await me.adx.dhis2(where);
    expect(out.outside).toBe(true);
    expect(out.notes).toEqual([]);
    const back = figuresOfDhis2(
      JSON.parse(JSON.stringify(out.json)),
      adxMappingSchema.parse(withOutside),
    );
    if (!back.ok) throw new Error(back.error.message);
    const sent = (region: string | null) =>
      new Map(
        back.value
          .filter((f) => f.region === region && !f.target && Object.keys(f.key).length === 0)
          .map((f) => [f.indicator, f]),
      );
    const outside = sent(OUTSIDE_REGIONS);
    expect([...outside.values()].some((f) => f.value > 0)).toBe(true);

    // The reference: the domain over the facts outside every region (not the SQL filter).
    const definitions = (await listIndicators(handle.db, org)).map(toDefinition);
    const rows = (await listIndicators(handle.db, org)).filter(
      (r) => r.grant?.code === where.grant && r.node && countableByPlace(r.code, definitions),
    );
    const facts = await loadFacts(handle.db, org);
    const period = parsePeriod(where.period, {});
    if (!period.ok) throw new Error('period');
    const valueIn = (code: string, f: Facts) => {
      const row = must(
        rows.find((r) => r.code === code),
        code,
      );
      const def = must(
        definitions.find((d) => d.code === code),
        code,
      );
      return computeIndicator(def, f, period.value, {
        grantStart: row.grant?.startDate,
        definitions,
      });
    };
    const national = new Map(
      (
        await me.indicator.values({ indicatorIds: rows.map((r) => r.id), period: where.period })
      ).items.map((v) => [v.indicator.code, v.value]),
    );
    let added = 0;
    for (const row of rows) {
      const expected = valueIn(row.code, factsOutside(facts, regions));
      const got = outside.get(row.code);
      if (expected.ok && expected.value.qualifier === 'exact' && !expected.value.uncounted)
        expect(got?.value ?? 0, row.code).toBe(expected.value.value);
      // What adds up: the outside and what lies in some region (the domain over the other facts)
      // give back the organisation's exact figure. (The regions alone may count an activity held
      // in several regions once in each: they are not summed.)
      const def = must(
        definitions.find((d) => d.code === row.code),
        row.code,
      );
      const additive =
        (def.source.kind === 'activities' || def.source.kind === 'incidents') &&
        def.timeRule === 'sum';
      const whole = national.get(row.code);
      const inRegions = valueIn(row.code, factsInRegions(facts, regions));
      if (!additive || !whole || whole.qualifier !== 'exact' || !inRegions.ok) continue;
      expect(inRegions.value.value + (got?.value ?? 0), row.code).toBe(whole.value);
      added++;
    }
    expect(added).toBeGreaterThan(0);

    // Without the outside org unit: the activities left out are counted, in the reader's words.
    expect(
      await me.adx.setMapping({ grant: where.grant, version: await versionOf(), mapping }),
    ).toMatchObject({ stored: true });
    const leftOut = must(
      (facts.activities ?? []).filter(
        (a) =>
          a.grants.includes(where.grant) &&
          a.date >= period.value.start &&
          a.date <= period.value.end &&
          !a.places.some((p) => regions.some((r) => placeWithin(p, r))),
      ),
      'activities',
    ).length;
    const fr = await me.adx.dhis2(where);
    const en = await meEn.adx.dhis2(where);
    expect(fr.outside).toBe(false);
    if (leftOut === 0) expect(fr.notes).toEqual([]);
    else {
      expect(fr.notes).toEqual([expect.stringContaining(`${leftOut} activit`)]);
      expect(fr.notes[0]).toContain('aucune région\u202f:');
      expect(en.notes).toEqual([expect.stringContaining('in no region')]);
    }
    expect(leftOut).toBeGreaterThan(0);
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
