import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cellKeyToString,
  computeIndicator,
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
  figuresOfAdx,
  figuresOfDhis2,
  OUTSIDE_REGIONS,
  readAdx,
  type AdxMappingInput,
} from '@jalon/reports';
import { ADX_XSD, XMLLINT, iatiValidationAvailable } from '@jalon/reports/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { countableByPlace } from '../services/regional-figures';
import { toDefinition } from '../services/indicator-values';
import { demoActor } from './test-actors';

/*
 * ADX per region: one group per org unit (each mapped region's, the outside one), from the same
 * per-region figures as DHIS2's dataValueSet — read back equal to DHIS2's file, place by place,
 * valid against the ADX schema, and adding up to the organisation's whole — on PGlite and PostgreSQL.
 */

const kinds = await testDatabaseKinds();
const haveTools = iatiValidationAvailable(process.env, [XMLLINT, ADX_XSD]);

function validate(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-adx-regions-'));
  writeFileSync(join(dir, 'm.xml'), xml);
  try {
    execFileSync(XMLLINT, ['--noout', '--schema', ADX_XSD, join(dir, 'm.xml')], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

function unwrap<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

type Row = { indicator: string; region: string | null; key: string; value: number };
const line = (r: Row) => `${r.indicator}|${r.region ?? ''}|${r.key}|${Math.round(r.value * 100)}`;

describe.each(kinds)('ADX per region on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let me: ReturnType<typeof createCaller>;
  let meEn: ReturnType<typeof createCaller>;
  let mapping: AdxMappingInput;
  let regions: string[];
  const where = { grant: 'PROSMED-CCSC', period: '2023-Q2' };
  const versionOf = async () => (await me.adx.mapping({ grant: where.grant })).version;
  const store = async (m: AdxMappingInput) =>
    expect(
      await me.adx.setMapping({ grant: where.grant, version: await versionOf(), mapping: m }),
    ).toMatchObject({ stored: true });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const as = async (locale: 'fr' | 'en') =>
      createCaller(
        createContext({
          db: handle.db,
          actor: await demoActor(handle.db, org, 'suivi@wanep-mali.demo'),
          locale,
        }),
      );
    me = await as('fr');
    meEn = await as('en');
    const adx = (await me.adx.export(where)).mapping;
    regions = (await listRegions(handle.db, org)).map((r) => r.path);
    const combos: Record<string, Record<string, string>> = {};
    for (const im of Object.values(adx.indicators))
      for (const b of im.breakdowns) {
        const dim = must(b.by[0], 'a dimension');
        combos[b.dataElement] = Object.fromEntries(
          Object.keys(adx.categories[dim]?.options ?? {}).map((c) => [
            cellKeyToString({ [dim]: c }),
            `COC_${b.dataElement}_${c}`,
          ]),
        );
      }
    mapping = {
      ...adx,
      dhis2: {
        idScheme: 'CODE',
        orgUnit: 'OU_MALI',
        combos,
        regions: Object.fromEntries(regions.map((r) => [r, `OU_${r}`])),
      },
    };
    // A session of the grant's programme held in no region: what lies outside every region.
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
  }, 120_000);
  afterAll(async () => handle?.close());

  /** Both files of the stored mapping, read back in Jalon's terms (DHIS2's targets aside). */
  async function bothFiles(m: AdxMappingInput) {
    const out = await me.adx.export(where);
    const parsed = adxMappingSchema.parse(m);
    const adx: Row[] = unwrap(figuresOfAdx(unwrap(readAdx(out.xml)).values, parsed)).map((f) => ({
      indicator: f.indicator,
      region: f.region,
      key: cellKeyToString(f.key),
      value: f.value,
    }));
    const dhis2: Row[] = unwrap(
      figuresOfDhis2(JSON.parse(JSON.stringify((await me.adx.dhis2(where)).json)), parsed),
    )
      .filter((f) => !f.target)
      .map((f) => ({
        indicator: f.indicator,
        region: f.region,
        key: cellKeyToString(f.key),
        value: f.value,
      }));
    return { out, adx, dhis2 };
  }

  it('writes one group per region’s org unit and the outside one: valid ADX, read back to DHIS2’s figures place by place', async () => {
    const withOutside = {
      ...mapping,
      dhis2: { ...must(mapping.dhis2, 'dhis2'), outside: 'OU_OUTSIDE' },
    };
    await store(withOutside);
    const { out, adx, dhis2 } = await bothFiles(withOutside);
    if (haveTools) expect(validate(out.xml)).toBe('');
    expect(out.notes).toEqual([]);
    const units = new Set(unwrap(readAdx(out.xml)).values.map((v) => v.orgUnit));
    expect(units.has('OU_OUTSIDE')).toBe(true);
    expect([...units].some((u) => u.startsWith('OU_ml/'))).toBe(true);
    expect(adx.some((r) => r.region === OUTSIDE_REGIONS)).toBe(true);
    // The same figures, under the same places, as the DHIS2 file (whose figures the dhis2 suite
    // holds equal to the engine's).
    expect(adx.map(line).sort()).toEqual(dhis2.map(line).sort());
  });

  it('regions and the outside add up to the whole for additive counts', async () => {
    const withOutside = {
      ...mapping,
      dhis2: { ...must(mapping.dhis2, 'dhis2'), outside: 'OU_OUTSIDE' },
    };
    await store(withOutside);
    const { adx } = await bothFiles(withOutside);
    const definitions = (await listIndicators(handle.db, org)).map(toDefinition);
    const rows = (await listIndicators(handle.db, org)).filter(
      (r) => r.grant?.code === where.grant && r.node && countableByPlace(r.code, definitions),
    );
    const facts = await loadFacts(handle.db, org);
    const period = unwrap(parsePeriod(where.period, {}));
    // An activity held in several regions counts once in each: the regions then exceed the whole
    // by as much. The domain says by how much, over the facts.
    const regionsOf = (a: NonNullable<Facts['activities']>[number]) =>
      regions.filter((r) => a.places.some((p) => placeWithin(p, r))).length;
    const whole = new Map(
      (
        await me.indicator.values({ indicatorIds: rows.map((r) => r.id), period: where.period })
      ).items.map((v) => [v.indicator.code, v.value]),
    );
    let checked = 0;
    for (const row of rows) {
      const def = must(
        definitions.find((d) => d.code === row.code),
        row.code,
      );
      if (!(def.source.kind === 'activities' || def.source.kind === 'incidents')) continue;
      if (def.timeRule !== 'sum') continue;
      const w = whole.get(row.code);
      if (!w || w.qualifier !== 'exact') continue;
      const parts = adx.filter(
        (r) => r.indicator === row.code && r.key === '' && r.region !== null,
      );
      if (parts.some((p) => !Number.isFinite(p.value))) continue;
      // Each multi-region activity's surplus: its value counted once per extra region.
      let surplus = 0;
      for (const a of facts.activities ?? []) {
        const n = regionsOf(a);
        if (n < 2) continue;
        const alone = computeIndicator(
          def,
          {
            activities: [a],
            attendance: (facts.attendance ?? []).filter((x) => x.activityId === a.id),
            incidents: [],
          },
          period,
          { grantStart: row.grant?.startDate, definitions },
        );
        if (alone.ok) surplus += alone.value.value * (n - 1);
      }
      const sum = parts.reduce((s, p) => s + p.value, 0);
      expect(sum, row.code).toBe(w.value + surplus);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('without an outside org unit, says how many activities it leaves out, in the reader’s language', async () => {
    await store(mapping);
    const fr = await me.adx.export(where);
    const en = await meEn.adx.export(where);
    const dhis2 = await me.adx.dhis2(where);
    expect(fr.notes.length).toBe(1);
    expect(fr.notes).toEqual(dhis2.notes);
    expect(fr.notes[0]).toContain('aucune région\u202f:');
    expect(en.notes).toEqual([expect.stringContaining('in no region')]);
    expect(unwrap(readAdx(fr.xml)).values.some((v) => v.orgUnit === 'OU_OUTSIDE')).toBe(false);
  });

  it('names every region with figures and no org unit, as DHIS2 does (property)', async () => {
    await store(mapping);
    const withFigures = [
      ...new Set(
        unwrap(
          figuresOfAdx(
            unwrap(readAdx((await me.adx.export(where)).xml)).values,
            adxMappingSchema.parse(mapping),
          ),
        )
          .map((f) => f.region)
          .filter((r): r is string => r !== null && r !== OUTSIDE_REGIONS),
      ),
    ];
    expect(withFigures.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.subarray(regions, { minLength: 1 }), async (kept) => {
        await store({
          ...mapping,
          dhis2: {
            ...must(mapping.dhis2, 'dhis2'),
            regions: Object.fromEntries(kept.map((r) => [r, `OU_${r}`])),
          },
        });
        const missing = withFigures.filter((r) => !kept.includes(r));
        const refused = await me.adx.export(where).then(
          () => null,
          (e: unknown) => e as { code: string; message: string },
        );
        if (missing.length === 0) return expect(refused).toBeNull();
        expect(refused?.code).toBe('BAD_REQUEST');
        for (const r of missing)
          expect(refused?.message).toContain(`La région ${r} n’a pas d’org unit DHIS2`);
      }),
      { seed: 1616, numRuns: 3 },
    );
    await store(mapping);
  }, 240_000);
});
