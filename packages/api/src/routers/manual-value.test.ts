import { findOrganisationByCode, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import {
  must,
  computeIndicator,
  parseCellKey,
  parsePeriod,
  type IndicatorDefinition,
  type ManualValue,
} from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, systemActor } from '../context';
import { createCaller } from '../router';
import { buildReportModel } from '../services/report-model';

const kinds = await testDatabaseKinds();

type Caller = ReturnType<typeof createCaller>;

describe.each(kinds)('values entered by hand reach indicator values and reports on %s', (kind) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let caller: Caller;
  let node: string;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    organisationId = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    ).id;
    caller = createCaller(createContext({ db: handle.db, actor: systemActor(organisationId) }));
    const prosmed = must(
      (await caller.grant.list()).items.find((g) => g.code === 'PROSMED-CCSC'),
      "(await caller.grant.list()).items.find((g) => g.code === 'PROSMED-C...",
    );
    node = must(
      (await caller.grant.byId({ id: prosmed.id })).framework.find((n) => n.code === 'P1.1'),
      '(await caller.grant.byId({ id: prosmed.id })).framework.find( (n) =...',
    ).id;
  });
  afterAll(async () => handle?.close());

  /** The engine's answer over the values the router lists for an indicator: the reference. */
  const reference = async (
    id: string,
    definition: IndicatorDefinition,
    period: string,
    breakdown: string[] = [],
  ) => {
    const { items } = await caller.manualValue.list({ indicatorId: id });
    const manualValues = items.map((v): ManualValue => {
      const key = parseCellKey(v.cellKey);
      return {
        indicator: v.indicator.code,
        period: { code: v.periodCode, start: v.periodStart, end: v.periodEnd },
        value: v.value,
        qualifier: v.qualifier,
        ...(key.ok && Object.keys(key.value).length > 0 ? { breakdown: key.value } : {}),
        ...(v.numerator !== null ? { numerator: v.numerator } : {}),
        ...(v.denominator !== null ? { denominator: v.denominator } : {}),
      };
    });
    const p = parsePeriod(period);
    if (!p.ok) throw new Error(period);
    return computeIndicator(definition, { manualValues }, p.value, { breakdown });
  };

  const valueOf = async (id: string, period: string, breakdown?: ('sex' | 'age')[]) => {
    const { items } = await caller.indicator.values({ indicatorIds: [id], period, breakdown });
    expect(items).toHaveLength(1);
    return must(items[0], 'items[0]');
  };

  it('counts a value entered for a quarter, with its cells, whatever its approval status', async () => {
    const created = await caller.indicator.create({
      code: 'CCSC-PLAIDOYERS',
      title: 'Notes de plaidoyer diffusées',
      titleEn: 'Advocacy notes shared',
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      cumulative: false,
      nodeId: node,
      dimensions: ['sex'],
      source: { kind: 'manual' },
    });
    const definition: IndicatorDefinition = {
      code: 'CCSC-PLAIDOYERS',
      title: { fr: 'Notes de plaidoyer diffusées', en: 'Advocacy notes shared' },
      unit: 'number',
      direction: 'higher-is-better',
      source: { kind: 'manual' },
      timeRule: 'sum',
      cumulative: false,
    };
    // Nothing entered yet: no data, not a zero.
    expect((await valueOf(created.id, '2023-Q2')).notComputable).toMatchObject({
      reason: 'no-data',
    });

    const total = await caller.manualValue.set({
      indicatorId: created.id,
      period: '2023-Q2',
      value: 40,
    });
    await caller.manualValue.set({
      indicatorId: created.id,
      period: '2023-Q2',
      breakdown: { sex: 'female' },
      value: 25,
      qualifier: 'approximate',
    });
    expect(total.status).toBe('draft');
    // A cell the indicator is not broken down by (age), or a category sex does not have: refused
    // in words, nothing kept.
    for (const breakdown of [{ age: 'youth' }, { sex: 'other' }])
      await expect(
        caller.manualValue.set({ indicatorId: created.id, period: '2023-Q2', breakdown, value: 3 }),
      ).rejects.toThrow(/n’est pas une ventilation de l’indicateur CCSC-PLAIDOYERS/);

    const q2 = await valueOf(created.id, '2023-Q2');
    expect(q2.notComputable).toBeNull();
    expect(q2.value).toMatchObject({ value: 40, qualifier: 'exact' });
    const expected = await reference(created.id, definition, '2023-Q2');
    expect(expected.ok && expected.value.value).toBe(40);
    expect(must(q2.value, 'q2.value').value).toBe(expected.ok ? expected.value.value : NaN);

    // Broken down by sex: the women's cell as entered, the men's as what is left (15, about).
    const bySex = await valueOf(created.id, '2023-Q2', ['sex']);
    const cell = (sex: string) =>
      must(must(bySex.value, 'bySex.value').breakdown, 'bySex.value!.breakdown').cells.find(
        (c) => c.key.sex === sex && Object.keys(c.key).length,
      );
    expect(must(cell('female'), "cell('female')").value).toEqual({
      value: 25,
      qualifier: 'approximate',
    });
    const withCells = await reference(created.id, definition, '2023-Q2', ['sex']);
    if (!withCells.ok) throw new Error(withCells.error.message.en);
    expect(must(bySex.value, 'bySex.value').breakdown).toEqual(withCells.value.breakdown);

    // The year is read from the quarter entered: a lower bound, the other quarters being unknown.
    const year = await valueOf(created.id, '2023');
    expect(year.value).toMatchObject({ value: 40, qualifier: 'at-least' });
    const yearReference = await reference(created.id, definition, '2023');
    expect(yearReference.ok && yearReference.value.qualifier).toBe('at-least');

    // Submitted, then validated: the figure stays the same (every status counts).
    const submitted = await caller.manualValue.submit({ id: total.id, version: total.version });
    expect((await valueOf(created.id, '2023-Q2')).value?.value).toBe(40);
    await caller.manualValue.validate({ id: total.id, version: submitted.version });
    expect((await valueOf(created.id, '2023-Q2')).value?.value).toBe(40);

    // A correction shows at once (and goes back to draft).
    const [listed] = (await caller.manualValue.list({ indicatorId: created.id })).items.filter(
      (v) => v.cellKey === '',
    );
    await caller.manualValue.set({
      indicatorId: created.id,
      period: '2023-Q2',
      value: 42,
      version: must(listed, 'listed').version,
    });
    expect((await valueOf(created.id, '2023-Q2')).value).toMatchObject({
      value: 42,
      qualifier: 'exact',
    });
  });

  it('combines ratios entered per month as a ratio of sums, in indicator.values and in the report model', async () => {
    const created = await caller.indicator.create({
      code: 'CCSC-TAUX-RECOMMANDATIONS',
      title: 'Recommandations suivies',
      titleEn: 'Recommendations followed up',
      unit: 'percent',
      direction: 'higher-is-better',
      timeRule: 'ratio',
      cumulative: false,
      nodeId: node,
      source: { kind: 'manual' },
    });
    const definition: IndicatorDefinition = {
      code: 'CCSC-TAUX-RECOMMANDATIONS',
      title: { fr: 'Recommandations suivies', en: 'Recommendations followed up' },
      unit: 'percent',
      direction: 'higher-is-better',
      source: { kind: 'manual' },
      timeRule: 'ratio',
      cumulative: false,
    };
    for (const [period, numerator, denominator] of [
      ['2023-04', 3, 4],
      ['2023-05', 1, 6],
    ] as const)
      await caller.manualValue.set({
        indicatorId: created.id,
        period,
        value: (numerator / denominator) * 100,
        numerator,
        denominator,
      });
    const q2 = await valueOf(created.id, '2023-Q2');
    // (3 + 1) / (4 + 6), not the mean of 75 % and 16.7 %.
    expect(q2.value).toMatchObject({
      value: 40,
      qualifier: 'exact',
      ratio: { numerator: 4, denominator: 10 },
    });
    const expected = await reference(created.id, definition, '2023-Q2');
    if (!expected.ok) throw new Error(expected.error.message.en);
    expect(must(q2.value, 'q2.value').value).toBe(expected.value.value);

    const report = await buildReportModel(handle.db, organisationId, {
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
      generatedAt: '2023-07-14T09:30:00.000Z',
    });
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    const byCode = new Map(report.value.model.indicators.map((i) => [i.code, i]));
    const inReport = (code: string) =>
      must(
        must(byCode.get(code), 'byCode.get(code)').values.find((v) => v.period === '2023-Q2'),
        "byCode.get(code)!.values.find((v) => v.period === '2023-Q2')",
      );
    expect(inReport('CCSC-TAUX-RECOMMANDATIONS').actual).toEqual({
      value: expected.value.value,
      qualifier: 'exact',
    });
    // The count entered in the other test is there too, as indicator.values gives it.
    const plaidoyers = must(
      (await caller.indicator.list()).items.find((i) => i.code === 'CCSC-PLAIDOYERS'),
      "(await caller.indicator.list()).items.find( (i) => i.code === 'CCSC...",
    );
    const values = await valueOf(plaidoyers.id, '2023-Q2');
    expect(inReport('CCSC-PLAIDOYERS').actual).toEqual({
      value: must(values.value, 'values.value').value,
      qualifier: must(values.value, 'values.value').qualifier,
    });
    expect(inReport('CCSC-PLAIDOYERS').actual?.value).toBe(42);
  });
});
