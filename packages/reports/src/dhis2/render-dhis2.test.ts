import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKeyToString,
  checkConsistency,
  figureOf,
  must,
  participationValue,
  type CountRecord,
  type Locale,
} from '@jalon/domain';
import { enteredRecord } from '@jalon/domain/test-support';
import { adxMappingSchema, defaultAdxMapping, type AdxMapping } from '../adx/adx-mapping';
import { figuresOfAdx, readAdx } from '../adx/read-adx';
import { figureAnnotation, renderAdx, whyNotSent } from '../adx/render-adx';
import { buildFixtureModel } from '../fixture/fixture-model';
import type { ReportModel } from '../model/report-model';
import type { Indicator } from '../model/results';
import { getTemplate } from '../template/built-in-templates';
import type { ReportTemplate } from '../template/template-schema';
import { ADX_XSD, XMLLINT, iatiValidationAvailable } from '../test-support/iati-schema';
import { figuresOfDhis2 } from './dhis2-data-value-set';
import { dhis2MappingSchema, OUTSIDE_REGIONS } from './dhis2-mapping';
import { dhis2Period } from './dhis2-period';
import { type Dhis2RegionFigures } from './regional-parts';
import { dhis2GapText, renderDhis2 } from './render-dhis2';

const template = getTemplate('generic') as ReportTemplate;
const base = buildFixtureModel({ grant: 'prosmed', template });
const broken = base.indicators.find((i) => i.code === 'OP1.2') as Indicator;
const REGIONS = ['ml/mopti', 'ml/segou', 'ml/tombouctou'];

/** Every single-dimension cell of the model's dimensions, each with a combination of its own. */
function fullMapping(model: ReportModel, regions = REGIONS): AdxMapping {
  const adx = defaultAdxMapping(model);
  const combos: Record<string, Record<string, string>> = {};
  for (const im of Object.values(adx.indicators))
    for (const b of im.breakdowns) {
      const dim = model.dimensions.find((d) => d.code === b.by[0]);
      combos[b.dataElement] = Object.fromEntries(
        (dim?.categories ?? []).map((c) => [
          cellKeyToString({ [dim?.code ?? '']: c.code }),
          `COC_${b.dataElement}_${c.code}`,
        ]),
      );
    }
  return adxMappingSchema.parse({
    ...adx,
    dhis2: {
      idScheme: 'CODE',
      dataSet: 'DS_PROSMED',
      orgUnit: 'OU_MALI',
      attributeOptionCombo: 'AOC_PROSMED',
      combos,
      regions: Object.fromEntries(regions.map((r) => [r, `OU_${r.split('/')[1]}`])),
    },
  });
}

/** OP1.2 with the engine's value (and breakdown by sex and age) of some records, in the reporting period. */
function op12Of(records: CountRecord[], uncounted: number): Indicator | null {
  const part = participationValue(
    { measure: 'participations', records, unknownActivities: uncounted },
    undefined,
    { breakdown: ['sex', 'age'], dimensions: base.dimensions },
    'OP1.2',
  );
  if (!part.ok) return null;
  const copy = structuredClone(broken);
  copy.values = copy.values.map((v) =>
    v.period !== base.reportingPeriod
      ? v
      : {
          ...v,
          actual: {
            value: part.value.value,
            qualifier: part.value.qualifier,
            ...(part.value.atLeast ? { atLeast: true } : {}),
            ...(part.value.bounds ? { bounds: part.value.bounds } : {}),
          },
          ...(part.value.uncounted ? { uncounted: part.value.uncounted } : {}),
          breakdown: part.value.breakdown ?? null,
        },
  );
  return copy;
}

const accepted = fc
  .array(enteredRecord, { minLength: 1, maxLength: 4 })
  .map((rs) => rs.filter((r) => !checkConsistency(r).some((i) => i.severity === 'error')));

type Expected = {
  indicator: string;
  region: string | null;
  key: string;
  value: number;
  commented: boolean;
};

/** What the file must hold: every total and single-dimension cell the engine states as a number. */
function expected(
  indicators: Indicator[],
  region: string | null,
  mapping: AdxMapping,
  locale: Locale,
): Expected[] {
  const out: Expected[] = [];
  for (const ind of indicators) {
    const im = mapping.indicators[ind.code];
    const v = ind.values.find((x) => x.period === base.reportingPeriod);
    if (!im || !v || ind.unit === 'qualitative') continue;
    if (v.actual) {
      const f = figureOf({ ...v.actual, uncounted: v.uncounted ?? 0 });
      if (!whyNotSent(f))
        out.push({
          indicator: ind.code,
          region,
          key: '',
          value: f.value,
          commented: figureAnnotation(f, locale) !== null,
        });
    }
    for (const c of v.breakdown?.cells ?? []) {
      if (Object.keys(c.key).length !== 1 || !c.value) continue;
      const f = figureOf({ ...c.value, bounds: c.bounds });
      if (!whyNotSent(f))
        out.push({
          indicator: ind.code,
          region,
          key: cellKeyToString(c.key),
          value: f.value,
          commented: figureAnnotation(f, locale) !== null,
        });
    }
  }
  return out;
}

function unwrapOk<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

const haveTools = iatiValidationAvailable(process.env, [XMLLINT, ADX_XSD]);

/** xmllint's complaints against the vendored ADX schema, or '' when the document is valid. */
function validate(xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'jalon-adx-regions-')), 'message.xml');
  writeFileSync(file, xml);
  try {
    execFileSync(XMLLINT, ['--noout', '--schema', ADX_XSD, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

const order = <T>(xs: T[]) =>
  [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('DHIS2 periods', () => {
  it.each([
    ['2023-04-01', '2023-06-30', '2023Q2'],
    ['2023-04-01', '2023-04-30', '202304'],
    ['2023-04-15', '2023-04-15', '20230415'],
    ['2023-01-01', '2023-12-31', '2023'],
    ['2023-01-01', '2023-06-30', '2023S1'],
    ['2023-07-01', '2023-12-31', '2023S2'],
    ['2023-04-01', '2023-09-30', '2023AprilS1'],
    ['2023-10-01', '2024-03-31', '2023AprilS2'],
    ['2023-10-01', '2024-09-30', '2023Oct'],
    ['2023-04-01', '2024-03-31', '2023April'],
    ['2023-07-01', '2024-06-30', '2023July'],
    ['2023-11-01', '2024-10-31', '2023Nov'],
    ['2023-02-01', '2023-04-30', null],
    ['2023-02-01', '2024-01-31', null],
    ['2023-04-03', '2023-04-09', null],
    ['2022-06-01', '2024-05-31', null],
  ])('%s to %s is %s', (start, end, code) => {
    expect(dhis2Period(start, end)).toBe(code);
  });
});

describe('DHIS2 dataValueSet (property)', () => {
  it('reads back to the model’s figures: every value, per region and per cell, nothing else', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        accepted,
        fc.nat(2),
        fc.array(fc.tuple(fc.constantFrom(...REGIONS), accepted, fc.nat(1)), { maxLength: 3 }),
        fc.constantFrom<Locale>('fr', 'en'),
        (records, uncounted, split, locale) => {
          const national = op12Of(records, uncounted);
          if (!national) return;
          const model: ReportModel = {
            ...base,
            indicators: base.indicators.map((i) => (i.code === 'OP1.2' ? national : i)),
          };
          const regions: Dhis2RegionFigures[] = [];
          for (const [region, rs, u] of split) {
            const ind = op12Of(rs, u);
            if (ind && !regions.some((r) => r.region === region))
              regions.push({ region, indicators: [ind] });
          }
          const mapping = fullMapping(model);
          const r = renderDhis2(model, mapping, { regions, locale });
          const want = [
            ...expected(
              model.indicators.filter((i) => regions.length === 0 || i.code !== 'OP1.2'),
              null,
              mapping,
              locale,
            ),
            ...regions.flatMap((g) => expected(g.indicators, g.region, mapping, locale)),
          ];
          if (!r.ok) {
            expect(r.error.code).toBe('empty');
            expect(want).toEqual([]);
            return;
          }
          // Read back from the text, as DHIS2 would receive it.
          const back = figuresOfDhis2(JSON.parse(JSON.stringify(r.value.json)), mapping);
          if (!back.ok) throw new Error(back.error.message);
          const got = back.value.map((f) => ({
            indicator: f.indicator,
            region: f.region,
            key: cellKeyToString(f.key),
            value: f.value,
            commented: f.commented,
          }));
          expect(order(got)).toEqual(order(want));
          for (const v of r.value.json.dataValues) {
            expect(v.period).toBe('2023Q2');
            expect(v.attributeOptionCombo).toBe('AOC_PROSMED');
            if (v.comment) seen.add('comment');
          }
          if (regions.length > 0) seen.add('regions');
          if (r.value.omitted.length > 0) seen.add('omitted');
        },
      ),
      { seed: 1916, numRuns: 150 },
    );
    // The generator reaches regional files, commented values and figures left out.
    expect([...seen].sort()).toEqual(['comment', 'omitted', 'regions']);
  });
});

describe('ADX per region: the same parts as DHIS2 (property)', () => {
  /** What a file read back holds, in Jalon's terms, without DHIS2's targets and comments. */
  const plain = (
    fs: { indicator: string; region: string | null; key: Record<string, string>; value: number }[],
  ) =>
    order(
      fs.map((f) => ({
        indicator: f.indicator,
        region: f.region,
        key: cellKeyToString(f.key),
        value: f.value,
      })),
    );

  // Entered records (any qualifier, any breakdown) or plain exact totals, whose sums must add up.
  const someRecords = fc.oneof(
    accepted,
    fc.array(
      fc.nat(60).map((n): CountRecord => ({ total: { value: n, qualifier: 'exact' }, cells: [] })),
      { minLength: 1, maxLength: 3 },
    ),
  );

  it('one group per org unit; read back, the figures of each place are DHIS2’s, and regions + outside make the whole', () => {
    const seen = new Set<string>();
    let xml = '';
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...REGIONS), someRecords), { maxLength: 3 }),
        someRecords,
        fc.constantFrom<Locale>('fr', 'en'),
        (split, outsideRecords, locale) => {
          // Each region's records are its own (first drawn wins); the whole is all of them.
          const parts = new Map<string, CountRecord[]>();
          for (const [region, rs] of split) if (!parts.has(region)) parts.set(region, rs);
          const all = [...[...parts.values()].flat(), ...outsideRecords];
          const national = all.length > 0 ? op12Of(all, 0) : null;
          const outsideInd = op12Of(outsideRecords, 0);
          if (!national || !outsideInd) return;
          const model: ReportModel = {
            ...base,
            indicators: base.indicators.map((i) => (i.code === 'OP1.2' ? national : i)),
          };
          const regions: Dhis2RegionFigures[] = [];
          for (const [region, rs] of parts) {
            const ind = op12Of(rs, 0);
            if (ind) regions.push({ region, indicators: [ind] });
          }
          const full = fullMapping(model);
          const mapping = adxMappingSchema.parse({
            ...full,
            dhis2: { ...full.dhis2, outside: 'OU_HORS' },
          });
          const options = { regions, outside: [outsideInd], locale };
          const adx = renderAdx(model, mapping, options);
          const dhis2 = renderDhis2(model, mapping, options);
          if (!adx.ok || !dhis2.ok) {
            expect(adx.ok).toBe(dhis2.ok);
            return;
          }
          const back = unwrapOk(figuresOfAdx(unwrapOk(readAdx(adx.value.xml)).values, mapping));
          const fromDhis2 = unwrapOk(
            figuresOfDhis2(JSON.parse(JSON.stringify(dhis2.value.json)), mapping),
          );
          expect(plain(back)).toEqual(plain(fromDhis2.filter((f) => !f.target)));
          // One group per org unit: as many as the distinct org units of the values.
          const groups = adx.value.xml.match(/<group /g)?.length ?? 0;
          expect(groups).toBe(
            new Set(unwrapOk(readAdx(adx.value.xml)).values.map((v) => v.orgUnit)).size,
          );
          // Additive counts: with every part's total and the whole stated exactly, the regions'
          // totals and the outside's add up to the organisation's.
          const totals = back.filter(
            (f) => f.indicator === 'OP1.2' && Object.keys(f.key).length === 0,
          );
          const exact = (i: Indicator) => {
            const v = i.values.find((x) => x.period === base.reportingPeriod);
            return v?.actual?.qualifier === 'exact' && !v.actual.atLeast && !v.uncounted;
          };
          const placed = [...regions.map((r) => r.indicators[0] as Indicator), outsideInd];
          if (exact(national) && placed.every(exact)) {
            const whole =
              national.values.find((x) => x.period === base.reportingPeriod)?.actual?.value ?? 0;
            const sum = totals.reduce((s, f) => s + f.value, 0);
            expect(sum).toBe(whole);
            if (regions.length > 0 && whole > 0) seen.add('added');
          }
          if (back.some((f) => f.region === OUTSIDE_REGIONS)) seen.add('outside');
          if (regions.length > 1) {
            seen.add('regions');
            xml = adx.value.xml;
          }
        },
      ),
      { seed: 1616, numRuns: 120 },
    );
    expect([...seen].sort()).toEqual(['added', 'outside', 'regions']);
    // One of the generated per-region files, valid ADX.
    if (haveTools) expect(validate(xml)).toBe('');
  });

  it('a region with figures and no org unit is named, as DHIS2 names it', () => {
    const mapping = fullMapping(base, ['ml/mopti']);
    const r = renderAdx(base, mapping, { regions: [{ region: 'ml/gao', indicators: [broken] }] });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'mapping') throw new Error('not refused for the mapping');
    expect(r.error.gaps).toEqual([{ kind: 'org-unit', region: 'ml/gao' }]);
  });
});

describe('DHIS2 targets', () => {
  it('the targets of the period go out under each mapped target data element, read back equal', () => {
    const plain = fullMapping(base);
    const codes = base.indicators
      .filter((i) => i.unit !== 'qualitative' && plain.indicators[i.code])
      .map((i) => i.code);
    const mapping = adxMappingSchema.parse({
      ...plain,
      indicators: Object.fromEntries(
        Object.entries(plain.indicators).map(([code, im]) => [
          code,
          codes.includes(code) ? { ...im, target: `${code}.TARGET` } : im,
        ]),
      ),
    });
    const regions: Dhis2RegionFigures[] = [
      { region: must(REGIONS[0], 'a region'), indicators: base.indicators.slice(0, 1) },
    ];
    const r = renderDhis2(base, mapping, { regions });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const back = figuresOfDhis2(JSON.parse(JSON.stringify(r.value.json)), mapping);
    if (!back.ok) throw new Error(back.error.message);
    const targets: { indicator: string; region: string | null; value: number }[] = back.value
      .filter((f) => f.target)
      .map((f) => ({ indicator: f.indicator, region: f.region, value: f.value }));
    const want = base.indicators
      .filter((i) => codes.includes(i.code))
      .flatMap((i) => {
        const t = i.values.find((v) => v.period === base.reportingPeriod)?.target;
        return t === null || t === undefined ? [] : [{ indicator: i.code, region: null, value: t }];
      });
    expect(want.length).toBeGreaterThan(0);
    expect(order(targets)).toEqual(order(want));
    // Without a target data element, no target goes out: the file is the actuals only.
    const without = renderDhis2(base, plain, { regions });
    if (!without.ok) throw new Error('refused');
    expect(without.value.json.dataValues.length).toBe(r.value.json.dataValues.length - want.length);
  });
});

describe('DHIS2 mapping: what is missing is named, in French and English', () => {
  const model = base;

  it('a cell without its category option combination', () => {
    const mapping = fullMapping(model);
    const combos = structuredClone(mapping.dhis2?.combos ?? {});
    delete combos['OP1.2.SEX']?.['sex=female'];
    const r = renderDhis2(model, {
      ...mapping,
      dhis2: { ...must(mapping.dhis2, 'dhis2'), combos },
    });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'mapping') throw new Error('expected a mapping gap');
    expect(r.error.gaps).toEqual([{ kind: 'combo', dataElement: 'OP1.2.SEX', cell: 'sex=female' }]);
    const text = dhis2GapText(must(r.error.gaps[0], 'gap'));
    expect(text.fr).toContain('OP1.2.SEX');
    expect(text.fr).toContain('sex=female');
    expect(text.en).toBe(
      'Data element OP1.2.SEX has no category option combo for the cell sex=female.',
    );
  });

  it('a region without an org unit, a period DHIS2 cannot name, no DHIS2 part at all', () => {
    const mapping = fullMapping(model, ['ml/mopti']);
    const regions = [{ region: 'ml/gao', indicators: [broken] }];
    const r = renderDhis2(model, mapping, { regions });
    if (r.ok || r.error.code !== 'mapping') throw new Error('expected a mapping gap');
    expect(r.error.gaps).toEqual([{ kind: 'org-unit', region: 'ml/gao' }]);
    expect(dhis2GapText(must(r.error.gaps[0], 'gap')).fr).toBe(
      'La région ml/gao n’a pas d’org unit DHIS2 dans la correspondance.',
    );

    const half = renderDhis2(model, fullMapping(model), {
      periodCodes: ['2023-01-01..2023-06-30'],
    });
    expect(half.ok).toBe(true);
    const odd = renderDhis2(
      {
        ...model,
        periods: model.periods.map((p) =>
          p.code === '2023-Q2' ? { ...p, start: '2023-03-01' } : p,
        ),
      },
      fullMapping(model),
    );
    if (odd.ok || odd.error.code !== 'mapping') throw new Error('expected a period gap');
    expect(odd.error.gaps).toEqual([{ kind: 'period', period: '2023-Q2' }]);

    const none = renderDhis2(model, defaultAdxMapping(model));
    if (none.ok || none.error.code !== 'mapping') throw new Error('expected no DHIS2 part');
    expect(dhis2GapText(must(none.error.gaps[0], 'gap')).en).toContain('no DHIS2 part');
  });

  it('UIDs: a code where a UID belongs is refused by the schema, or named at export', () => {
    const bad = dhis2MappingSchema.safeParse({ orgUnit: 'Mali', regions: { 'ml/mopti': 'OU1' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['orgUnit', 'regions.ml/mopti']);
    expect(
      dhis2MappingSchema.safeParse({
        orgUnit: 'ImspTQPwCqd',
        regions: { 'ml/mopti': 'ImspTQPwCqd' },
      }).success,
    ).toBe(false);
    const adx = defaultAdxMapping(model);
    const uid = adxMappingSchema.parse({
      ...adx,
      dhis2: { orgUnit: 'ImspTQPwCqd', dataElements: { 'IMP.1': 'fbfJHSPpUQD' } },
    });
    const r = renderDhis2(model, {
      ...uid,
      indicators: {
        'IMP.1': { total: 'IMP.1', breakdowns: [] },
        'OP1.1': { total: 'OP1.1', breakdowns: [] },
      },
    });
    if (r.ok || r.error.code !== 'mapping') throw new Error('expected a data-element gap');
    expect(r.error.gaps).toEqual([{ kind: 'data-element', dataElement: 'OP1.1' }]);
    const fixed = renderDhis2(model, {
      ...uid,
      indicators: { 'IMP.1': { total: 'IMP.1', breakdowns: [] } },
    });
    expect(fixed.ok && fixed.value.json.dataValues).toEqual([
      {
        dataElement: 'fbfJHSPpUQD',
        period: '2023Q2',
        orgUnit: 'ImspTQPwCqd',
        categoryOptionCombo: 'HllvX50cXC0',
        value: '116',
      },
    ]);
  });

  it('sends the figures outside every region to the outside org unit, for the regional indicators only', () => {
    const op12 = broken;
    const other = must(
      base.indicators.find((i) => i.code !== op12.code && i.unit !== 'qualitative'),
      'another indicator',
    );
    const plain = fullMapping(base);
    const mapping = adxMappingSchema.parse({
      ...plain,
      dhis2: { ...plain.dhis2, outside: 'OU_HORS' },
    });
    const regions: Dhis2RegionFigures[] = [{ region: 'ml/mopti', indicators: [op12] }];
    // `other` goes out for the organisation: computed outside the regions too, it is not sent twice.
    const r = renderDhis2(base, mapping, { regions, outside: [op12, other] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const units = r.value.json.dataValues.map((v) => v.orgUnit);
    expect(units).toContain('OU_HORS');
    const back = figuresOfDhis2(r.value.json, mapping);
    if (!back.ok) throw new Error(back.error.message);
    const outside = back.value.filter((f) => f.region === OUTSIDE_REGIONS);
    expect(new Set(outside.map((f) => f.indicator))).toEqual(new Set([op12.code]));
    // The same figures as the region's (the same indicator given), under the outside unit.
    const mopti = back.value.filter((f) => f.region === 'ml/mopti');
    expect(outside.map((f) => [f.key, f.value])).toEqual(mopti.map((f) => [f.key, f.value]));
    // Without an outside org unit, the outside figures are not sent.
    const without = renderDhis2(base, plain, { regions, outside: [op12] });
    if (!without.ok) throw new Error('expected a file');
    expect(without.value.json.dataValues.some((v) => v.orgUnit === 'OU_HORS')).toBe(false);
    expect(without.value.json.dataValues.length).toBe(
      r.value.json.dataValues.length - outside.length,
    );
  });

  it('refuses an outside org unit that is a region’s; the organisation’s own is allowed', () => {
    const at = (outside: string) =>
      dhis2MappingSchema.safeParse({
        idScheme: 'CODE',
        orgUnit: 'OU_MALI',
        regions: { 'ml/mopti': 'OU_MOPTI' },
        outside,
      }).success;
    expect(at('OU_MOPTI')).toBe(false);
    expect(at('OU_MALI')).toBe(true);
    expect(at('OU_HORS')).toBe(true);
  });
});
