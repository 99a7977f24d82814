import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureOf, must } from '@jalon/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFixtureModel } from '../fixture/fixture-model';
import type { ReportModel } from '../model/report-model';
import { getTemplate } from '../template/built-in-templates';
import type { ReportTemplate } from '../template/template-schema';
import { ADX_XSD, XMLLINT, iatiValidationAvailable } from '../test-support/iati-schema';
import { adxDataSetSchema } from './adx-data-set-schema';
import { adxMappingSchema, defaultAdxMapping, type AdxMapping } from './adx-mapping';
import { mappingIssueText } from './mapping-issues';
import { figuresOfAdx, readAdx } from './read-adx';
import { adxPeriod, renderAdx } from './render-adx';

const haveTools = iatiValidationAvailable(process.env, [XMLLINT, ADX_XSD]);

/** xmllint's complaints against a schema file, or '' when the document is valid. */
function validate(xml: string, schema: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-adx-'));
  const file = join(dir, 'message.xml');
  writeFileSync(file, xml);
  try {
    execFileSync(XMLLINT, ['--noout', '--schema', schema, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

function dataSetSchemaFile(mapping: AdxMapping): string {
  const file = join(mkdtempSync(join(tmpdir(), 'jalon-adx-dsd-')), 'data-set.xsd');
  writeFileSync(file, adxDataSetSchema(mapping));
  return file;
}

const prosmed = buildFixtureModel({
  grant: 'prosmed',
  template: getTemplate('undp-quarterly') as ReportTemplate,
});

/** The value of a result, or the test fails saying what was refused. */
function unwrap<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

function render(model: ReportModel, mapping: AdxMapping = defaultAdxMapping(model)) {
  const r = renderAdx(model, mapping);
  if (!r.ok) throw new Error(`nothing to send: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** What the model states as a number for a period: every total and cell ADX may carry. */
function sendableFigures(model: ReportModel, mapping: AdxMapping, period: string) {
  const out: { indicator: string; key: Record<string, string>; value: number }[] = [];
  for (const ind of model.indicators) {
    const im = mapping.indicators[ind.code];
    const v = ind.values.find((x) => x.period === period);
    if (!im || !v?.actual || ind.unit === 'qualitative') continue;
    const f = figureOf({ ...v.actual, uncounted: v.uncounted ?? 0 });
    const interval = f.bounds && f.bounds.upper !== null && f.bounds.upper !== f.bounds.lower;
    if (im.total && !interval && !(f.atLeast && f.value === 0))
      out.push({ indicator: ind.code, key: {}, value: v.actual.value });
    for (const b of im.breakdowns)
      for (const c of v.breakdown?.cells ?? []) {
        if (Object.keys(c.key).sort().join() !== [...b.by].sort().join() || !c.value) continue;
        const cf = figureOf({ ...c.value, bounds: c.bounds });
        if (cf.bounds && cf.bounds.upper !== null && cf.bounds.upper !== cf.bounds.lower) continue;
        if (cf.atLeast && cf.value === 0) continue;
        out.push({ indicator: ind.code, key: c.key, value: c.value.value });
      }
  }
  return out;
}

describe('ADX periods', () => {
  it('writes a start and an ISO 8601 duration, as DHIS2 reads them', () => {
    expect(adxPeriod('2023-04-01', '2023-06-30')).toBe('2023-04-01/P3M');
    expect(adxPeriod('2023-01-01', '2023-12-31')).toBe('2023-01-01/P1Y');
    expect(adxPeriod('2022-10-01', '2023-09-30')).toBe('2022-10-01/P1Y');
    expect(adxPeriod('2023-05-01', '2023-05-31')).toBe('2023-05-01/P1M');
    expect(adxPeriod('2022-06-01', '2023-06-30')).toBe('2022-06-01/P13M');
    expect(adxPeriod('2023-04-10', '2023-04-16')).toBe('2023-04-10/P7D');
  });
});

describe('ADX 1.0 of the fixture model', () => {
  const mapping = defaultAdxMapping(prosmed);
  const { xml, omitted } = render(prosmed, mapping);

  it.skipIf(!haveTools)('validates against the ADX schema and the data set’s own schema', () => {
    expect(validate(xml, ADX_XSD)).toBe('');
    expect(validate(xml, dataSetSchemaFile(mapping))).toBe('');
  });

  it.skipIf(!haveTools)('is refused by the schemas when broken (the checks are real)', () => {
    expect(validate(xml.replace(/ period="[^"]*"/, ' period="2023Q2"'), ADX_XSD)).toMatch(/period/);
    expect(validate(xml.replace(/ exported="[^"]*"/, ''), ADX_XSD)).toMatch(/exported/);
    expect(validate(xml.replace(/value="(\d+)"/, 'value="about $1"'), ADX_XSD)).toMatch(/value/);
    // The generic schema lets any code through; the data set's refuses what its mapping lacks.
    const drifted = xml.replace('SEX="FEMALE"', 'SEX="F"');
    expect(drifted).not.toBe(xml);
    expect(validate(drifted, ADX_XSD)).toBe('');
    expect(validate(drifted, dataSetSchemaFile(mapping))).toMatch(/SEX/);
  });

  it('reads back to the figures the model states, and nothing else', () => {
    const read = readAdx(xml);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.exported).toBe(prosmed.generatedAt);
    expect(new Set(read.value.values.map((v) => v.period))).toEqual(new Set(['2023-04-01/P3M']));
    expect(new Set(read.value.values.map((v) => v.orgUnit))).toEqual(new Set(['WANEP-ML']));
    const figures = figuresOfAdx(read.value.values, mapping);
    expect(figures.ok).toBe(true);
    if (!figures.ok) return;
    const plain = figures.value.map(({ indicator, key, value }) => ({ indicator, key, value }));
    expect(plain).toEqual(sendableFigures(prosmed, mapping, prosmed.reportingPeriod));
    // The bulletin's figures: 116 incidents, 13 sessions, 78 women among at least 325 participants.
    expect(plain).toContainEqual({ indicator: 'IMP.1', key: {}, value: 116 });
    expect(plain).toContainEqual({ indicator: 'OP1.2', key: { sex: 'female' }, value: 78 });
    expect(plain).toContainEqual({ indicator: 'OP1.2', key: {}, value: 325 });
  });

  it('annotates approximate and lower-bound values; leaves bounds and unknowns out, listed', () => {
    const read = unwrap(readAdx(xml)).values;
    const at = read.find(
      (v) => v.dataElement === 'OP1.2' && Object.keys(v.categories).length === 0,
    );
    expect(at?.annotation).toBe(
      'Borne inférieure\u202f: au moins cette valeur. Réalisé\u202f: plus de 325.',
    );
    const approx = read.find((v) => v.dataElement === 'OP1.3');
    expect(approx?.annotation).toMatch(/^Valeur approximative\. Réalisé\u202f: environ 24/);
    const exact = read.find((v) => v.dataElement === 'IMP.1');
    expect(exact?.annotation).toBeNull();
    // « homme » is known only as « au moins 247 »: at-least with a value null in the cell → bounds only.
    expect(omitted).toContainEqual({
      period: '2023-Q2',
      indicator: 'OP1.2',
      key: { sex: 'male' },
      reason: 'interval',
    });
    expect(omitted).toContainEqual({
      period: '2023-Q2',
      indicator: 'OC1.1',
      key: {},
      reason: 'no-value',
    });
    expect(xml).not.toMatch(/SEX="MALE"/);
  });

  it('follows an organisation’s own mapping: codes, attribute options, what is left out', () => {
    const own = adxMappingSchema.parse({
      dataSet: 'WANEP_QRPT',
      orgUnit: 'OU_MALI_BKO',
      groupAttributes: { FUNDING_MECHANISM: 'UNDP_PROSMED' },
      indicators: {
        'OP1.2': { total: 'DE_PART', breakdowns: [{ dataElement: 'DE_PART_SEX', by: ['sex'] }] },
        'IMP.1': { total: 'DE_INC' },
      },
      categories: { sex: { category: 'GENDER', options: { female: 'F', male: 'M' } } },
    });
    const { xml: mine } = render(prosmed, own);
    expect(mine).toContain(
      '<group orgUnit="OU_MALI_BKO" period="2023-04-01/P3M" dataSet="WANEP_QRPT" FUNDING_MECHANISM="UNDP_PROSMED">',
    );
    expect(mine).toContain('<dataValue dataElement="DE_PART_SEX" GENDER="F" value="78"/>');
    expect(mine).toContain('<dataValue dataElement="DE_INC" value="116"/>');
    expect(mine).not.toContain('OP1.3');
    const back = unwrap(figuresOfAdx(unwrap(readAdx(mine)).values, own));
    expect(back.map((f) => [f.indicator, f.key, f.value])).toEqual(
      sendableFigures(prosmed, own, '2023-Q2').map((f) => [f.indicator, f.key, f.value]),
    );
  });

  it('refuses a mapping that names a category twice, uses a reserved name or an unmapped dimension', () => {
    const base = {
      dataSet: 'DS',
      orgUnit: 'OU',
      indicators: { X: { total: 'X', breakdowns: [{ dataElement: 'XA', by: ['age'] }] } },
      categories: {
        sex: { category: 'C', options: {} },
        disability: { category: 'C', options: {} },
      },
    };
    const r = adxMappingSchema.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => mappingIssueText(i).en)).toEqual(
      expect.arrayContaining([
        'no category is mapped for the breakdown age',
        'a category is named twice',
      ]),
    );
    expect(adxMappingSchema.safeParse({ ...base, groupAttributes: { period: 'x' } }).success).toBe(
      false,
    );
  });

  it('has nothing to send when no figure is a number', () => {
    const r = renderAdx(prosmed, {
      ...mapping,
      indicators: { 'OC1.1': { total: 'OC', breakdowns: [] } },
    });
    expect(r.ok).toBe(false);
  });
});

describe('ADX round trip on generated figures (seed 1616)', () => {
  it.skipIf(!haveTools)(
    'every exact or stated figure goes out and comes back; no interval ever',
    () => {
      const ind = must(
        prosmed.indicators.find((i) => i.code === 'OP1.2'),
        'the participants indicator',
      );
      const cell = fc.record({
        value: fc.option(
          fc.record({
            value: fc.integer({ min: 0, max: 5000 }),
            qualifier: fc.constantFrom(
              'exact' as const,
              'approximate' as const,
              'at-least' as const,
            ),
          }),
          { nil: null },
        ),
        lower: fc.integer({ min: 0, max: 5000 }),
        width: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
      });
      fc.assert(
        fc.property(fc.tuple(cell, cell, cell), ([total, female, male]) => {
          const model = structuredClone(prosmed);
          const target = must(
            model.indicators.find((i) => i.code === ind.code),
            'indicator',
          );
          const v = must(
            target.values.find((x) => x.period === model.reportingPeriod),
            'value',
          );
          const asBounds = (c: typeof total) => ({
            lower: c.value?.value ?? c.lower,
            upper:
              c.value?.qualifier === 'exact'
                ? c.value.value
                : c.width === null
                  ? null
                  : (c.value?.value ?? c.lower) + c.width,
          });
          v.actual = total.value
            ? { ...total.value, bounds: asBounds(total) }
            : { value: total.lower, qualifier: 'at-least', bounds: asBounds(total) };
          delete v.uncounted;
          v.breakdown = {
            dimensions: ['sex'],
            total: v.actual,
            coverage: [],
            cells: [
              { key: { sex: 'female' }, value: female.value, bounds: asBounds(female) },
              { key: { sex: 'male' }, value: male.value, bounds: asBounds(male) },
            ],
          };
          const mapping = defaultAdxMapping(model);
          const r = renderAdx(model, mapping);
          const expected = sendableFigures(model, mapping, model.reportingPeriod);
          if (!r.ok) return expected.length === 0;
          const back = unwrap(figuresOfAdx(unwrap(readAdx(r.value.xml)).values, mapping));
          expect(back.map(({ indicator, key, value }) => ({ indicator, key, value }))).toEqual(
            expected,
          );
          return true;
        }),
        { seed: 1616, numRuns: 60 },
      );
      // One of the generated files, validated: the property's files are ADX, not only readable.
      expect(validate(render(prosmed).xml, ADX_XSD)).toBe('');
    },
  );
});
