import {
  addDays,
  computeIndicator,
  parsePeriod,
  type ActivityFact,
  type AttendanceFact,
  type CountRecord,
  type Facts,
  type IndicatorDefinition,
} from '@jalon/domain';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { insertFacts } from '../facts/insert-facts';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { computeIndicatorInDatabase, expectIndicatorInDatabase } from './compute-in-database';
import { WindowCache } from './window-cache';

const kinds = await testDatabaseKinds();

const PROGRAMMES = ['P1', 'P2', 'P3'];
const TYPES = ['training', 'workshop', 'webinar'];
const GRANTS = ['G1', 'G2'];
const PLACES = ['mopti', 'mopti/bandiagara', 'segou', 'segou/san'];
const CATEGORIES = [
  'organised-crime-violent-extremism',
  'democracy-governance',
  'women-peace-security',
  'environmental-security',
];
const GRANT_START = '2022-03-01';

// Mostly spread over three years, sometimes on the same two days, so that ties (two attendances of
// a person on one day) and shared periods happen often enough to matter.
const day = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2022-01-01', n)),
  },
  { weight: 1, arbitrary: fc.constantFrom('2023-05-09', '2023-05-10') },
);
const qualifier = fc.constantFrom(
  'exact',
  'exact',
  'exact',
  'approximate',
  'at-least',
) as fc.Arbitrary<'exact' | 'approximate' | 'at-least'>;

/** A record drawn from a true cross-tab (sex × youth/adult), then partly hidden, so it is consistent. */
const countRecord: fc.Arbitrary<CountRecord> = fc
  .record({
    fy: fc.nat(40),
    fa: fc.nat(40),
    my: fc.nat(40),
    ma: fc.nat(40),
    showTotal: fc.boolean(),
    totalQualifier: qualifier,
    shown: fc.subarray(['f', 'm', 'y', 'a', 'fy', 'fa', 'my', 'ma'] as const),
    cellQualifier: qualifier,
  })
  .map(({ fy, fa, my, ma, showTotal, totalQualifier, shown, cellQualifier }) => {
    const truth = { f: fy + fa, m: my + ma, y: fy + my, a: fa + ma, fy, fa, my, ma };
    const keyOf = {
      f: { sex: 'female' },
      m: { sex: 'male' },
      y: { age: 'youth' },
      a: { age: 'adult' },
      fy: { sex: 'female', age: 'youth' },
      fa: { sex: 'female', age: 'adult' },
      my: { sex: 'male', age: 'youth' },
      ma: { sex: 'male', age: 'adult' },
    } as const;
    return {
      total:
        showTotal || shown.length === 0
          ? { value: fy + fa + my + ma, qualifier: totalQualifier }
          : null,
      cells: shown.map((s) => ({
        key: keyOf[s],
        value: truth[s],
        qualifier: cellQualifier === 'approximate' ? 'approximate' : 'exact',
      })),
    } satisfies CountRecord;
  });

const activityFact: fc.Arbitrary<ActivityFact> = fc
  .record({
    id: fc.uuid({ version: 4 }),
    date: day,
    length: fc.nat(3),
    programme: fc.constantFrom(...PROGRAMMES),
    grants: fc.subarray(GRANTS),
    type: fc.constantFrom(...TYPES),
    places: fc.subarray(PLACES, { maxLength: 2 }),
    sessions: fc.integer({ min: 1, max: 5 }),
    participation: fc.option(countRecord, { freq: 2 }),
  })
  .map(({ length, ...a }) => ({ ...a, endDate: addDays(a.date, length) }));

const facts: fc.Arbitrary<Facts> = fc
  .record({
    activities: fc.uniqueArray(activityFact, { maxLength: 14, selector: (a) => a.id }),
    people: fc.uniqueArray(fc.uuid({ version: 4 }), { minLength: 1, maxLength: 10 }),
    attendance: fc.array(
      fc.record({
        activity: fc.nat(),
        person: fc.nat(),
        lag: fc.nat(2),
        attributes: fc.record(
          {
            sex: fc.constantFrom('female', 'male'),
            age: fc.constantFrom('youth', 'adult', 'child'),
          },
          { requiredKeys: [] },
        ),
      }),
      { maxLength: 40 },
    ),
    incidents: fc.array(
      fc.record({
        id: fc.uuid({ version: 4 }),
        date: day,
        place: fc.constantFrom('', ...PLACES),
        category: fc.constantFrom(...CATEGORIES),
        deaths: fc.nat(6),
        injuries: fc.nat(6),
        verified: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
    deliverables: fc.array(
      fc.record({
        id: fc.uuid({ version: 4 }),
        date: day,
        type: fc.constantFrom('weekly-report', 'monthly-bulletin'),
        programme: fc.constantFrom(...PROGRAMMES),
        grants: fc.subarray(GRANTS, { maxLength: 1 }),
      }),
      { maxLength: 10 },
    ),
  })
  .map(({ activities, people, attendance, incidents, deliverables }) => {
    const seen = new Set<string>();
    const rows: AttendanceFact[] = [];
    if (activities.length > 0) {
      for (const r of attendance) {
        const a = activities[r.activity % activities.length]!;
        const personId = people[r.person % people.length]!;
        if (seen.has(`${a.id}/${personId}`)) continue;
        seen.add(`${a.id}/${personId}`);
        rows.push({
          activityId: a.id,
          personId,
          date: addDays(a.date, Math.min(r.lag, 1)),
          attributes: r.attributes,
        });
      }
    }
    return { activities, attendance: rows, incidents, deliverables };
  });

const activityFilter = fc.record(
  {
    programmes: fc.subarray(PROGRAMMES, { maxLength: 2 }),
    types: fc.subarray(TYPES, { maxLength: 2 }),
    grants: fc.subarray(GRANTS, { maxLength: 1 }),
    places: fc.subarray(['mopti', 'segou/san', 'segou'], { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const definition: fc.Arbitrary<{ def: IndicatorDefinition; breakdown: string[] }> = fc
  .record({
    source: fc.oneof(
      fc.record({
        kind: fc.constant('activities' as const),
        measure: fc.constantFrom('count' as const, 'sessions' as const),
        filter: activityFilter,
      }),
      fc.record({
        kind: fc.constant('incidents' as const),
        measure: fc.constantFrom('count' as const, 'deaths' as const, 'injuries' as const),
        filter: fc.record(
          {
            categories: fc.subarray(CATEGORIES, { maxLength: 2 }),
            places: fc.subarray(['mopti', 'segou'], { maxLength: 1 }),
            verifiedOnly: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record({
        kind: fc.constant('deliverables' as const),
        filter: fc.record(
          {
            types: fc.subarray(['weekly-report', 'monthly-bulletin'], { maxLength: 1 }),
            programmes: fc.subarray(PROGRAMMES, { maxLength: 1 }),
            grants: fc.subarray(GRANTS, { maxLength: 1 }),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record(
        {
          kind: fc.constant('participation' as const),
          measure: fc.constantFrom(
            'participations' as const,
            'unique-people' as const,
            'new-people' as const,
          ),
          filter: activityFilter,
          where: fc.constantFrom<Record<string, string>>(
            { sex: 'female' },
            { age: 'youth' },
            { sex: 'female', age: 'youth' },
          ),
        },
        { requiredKeys: ['kind', 'measure', 'filter'] },
      ),
    ),
    cumulative: fc.boolean(),
    breakdown: fc.constantFrom<string[]>([], ['sex'], ['age'], ['sex', 'age']),
  })
  .map(({ source, cumulative, breakdown }) => ({
    def: {
      code: 'X',
      title: { fr: 'X', en: 'X' },
      unit: 'number',
      direction: 'higher-is-better',
      source,
      timeRule: 'sum',
      cumulative,
    } satisfies IndicatorDefinition,
    breakdown: source.kind === 'participation' ? breakdown : [],
  }));

const periodCode = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2022, max: 2024 }), fc.integer({ min: 1, max: 4 }))
    .map(([y, q]) => `${y}-Q${q}`),
  fc
    .tuple(fc.integer({ min: 2022, max: 2024 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.integer({ min: 2022, max: 2024 }).map(String),
  fc.integer({ min: 2022, max: 2025 }).map((y) => `FY${y}`),
);

/**
 * Gives every id of a run a fresh UUID (ids are primary keys, and shrinking reuses the same ones
 * across runs), preserving their order, which the engine uses to break ties.
 */
function freshIds(f: Facts): Facts {
  const ids = [
    ...new Set([
      ...(f.activities ?? []).map((a) => a.id),
      ...(f.attendance ?? []).map((r) => r.personId),
      ...(f.incidents ?? []).map((i) => i.id),
      ...(f.deliverables ?? []).map((d) => d.id),
    ]),
  ].sort();
  const prefix = randomUUID().slice(0, 8);
  const map = new Map(
    ids.map((id, i) => [id, `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`]),
  );
  const m = (id: string) => map.get(id)!;
  return {
    activities: (f.activities ?? []).map((a) => ({ ...a, id: m(a.id) })),
    attendance: (f.attendance ?? []).map((r) => ({
      ...r,
      activityId: m(r.activityId),
      personId: m(r.personId),
    })),
    incidents: (f.incidents ?? []).map((i) => ({ ...i, id: m(i.id) })),
    deliverables: (f.deliverables ?? []).map((d) => ({ ...d, id: m(d.id) })),
  };
}

describe.each(kinds)('SQL path equals the domain reference on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  it('for generated organisations, facts, definitions and periods', async () => {
    await fc.assert(
      fc.asyncProperty(
        facts,
        fc.array(fc.tuple(definition, periodCode), { minLength: 1, maxLength: 8 }),
        async (generated, cases) => {
          const f = freshIds(generated);
          const organisationId = await insertFacts(handle.db, f);
          const cache = new WindowCache(handle.db, organisationId);
          // A second cache told of every case first: people of a window are read for all the
          // filters announced in it at once.
          const announced = new WindowCache(handle.db, organisationId);
          for (const [{ def, breakdown }, code] of cases) {
            const period = parsePeriod(code, { fiscalYearStartMonth: 10 });
            if (period.ok)
              expectIndicatorInDatabase(def, period.value, {
                grantStart: GRANT_START,
                breakdown,
                cache: announced,
              });
          }
          for (const [{ def, breakdown }, code] of cases) {
            const period = parsePeriod(code, { fiscalYearStartMonth: 10 });
            if (!period.ok) throw new Error(code);
            const options = { grantStart: GRANT_START, breakdown };
            const expected = computeIndicator(def, f, period.value, options);
            const actual = await computeIndicatorInDatabase(
              handle.db,
              organisationId,
              def,
              period.value,
              options,
            );
            expect(actual, JSON.stringify({ def, code, breakdown })).toEqual(expected);
            // The batched path (one reading of each window shared by the request) gives the same.
            expect(
              await computeIndicatorInDatabase(handle.db, organisationId, def, period.value, {
                ...options,
                cache,
              }),
            ).toEqual(expected);
            expect(
              await computeIndicatorInDatabase(handle.db, organisationId, def, period.value, {
                ...options,
                cache: announced,
              }),
            ).toEqual(expected);
          }
        },
      ),
      { seed: 4242, numRuns: kind === 'pglite' ? 40 : 60 },
    );
  }, 240_000);

  it('counts people of several filters in one window at once, as each alone', async () => {
    const people = fc.record({
      measure: fc.constantFrom('unique-people' as const, 'new-people' as const),
      filter: activityFilter,
      cumulative: fc.boolean(),
      breakdown: fc.constantFrom<string[]>([], ['sex'], ['sex', 'age']),
    });
    await fc.assert(
      fc.asyncProperty(
        facts,
        fc.array(people, { minLength: 2, maxLength: 6 }),
        periodCode,
        async (generated, wanted, code) => {
          const f = freshIds(generated);
          const organisationId = await insertFacts(handle.db, f);
          const period = parsePeriod(code, { fiscalYearStartMonth: 10 });
          if (!period.ok) throw new Error(code);
          const defs = wanted.map(({ measure, filter, cumulative, breakdown }, i) => ({
            breakdown,
            def: {
              code: `P${i}`,
              title: { fr: 'P', en: 'P' },
              unit: 'number',
              direction: 'higher-is-better',
              source: { kind: 'participation', measure, filter },
              timeRule: 'sum',
              cumulative,
            } satisfies IndicatorDefinition,
          }));
          const cache = new WindowCache(handle.db, organisationId);
          for (const { def, breakdown } of defs)
            expectIndicatorInDatabase(def, period.value, {
              grantStart: GRANT_START,
              breakdown,
              cache,
            });
          for (const { def, breakdown } of defs) {
            const options = { grantStart: GRANT_START, breakdown };
            expect(
              await computeIndicatorInDatabase(handle.db, organisationId, def, period.value, {
                ...options,
                cache,
              }),
              JSON.stringify({ def, code, breakdown }),
            ).toEqual(computeIndicator(def, f, period.value, options));
          }
        },
      ),
      { seed: 77, numRuns: kind === 'pglite' ? 30 : 40 },
    );
  }, 240_000);

  it('for formulas over generated indicators, division by zero and missing references included', async () => {
    await fc.assert(
      fc.asyncProperty(
        facts,
        definition,
        definition,
        fc.constantFrom(
          'A / B * 100',
          'A + B',
          'max(A, B) - round(B / 3)',
          'A / (B - B)',
          'A / C',
          'F + 1',
          'min(A, 2) * (B + 1)',
        ),
        fc.boolean(),
        periodCode,
        async (generated, a, b, expression, cumulative, code) => {
          const f = freshIds(generated);
          const organisationId = await insertFacts(handle.db, f);
          const definitions: IndicatorDefinition[] = [
            { ...a.def, code: 'A' },
            { ...b.def, code: 'B' },
            {
              ...a.def,
              code: 'F',
              unit: 'percent',
              cumulative,
              source: { kind: 'formula', expression },
            },
          ];
          const period = parsePeriod(code, { fiscalYearStartMonth: 10 });
          if (!period.ok) throw new Error(code);
          const options = { grantStart: GRANT_START, definitions };
          const expected = computeIndicator(definitions[2]!, f, period.value, options);
          const actual = await computeIndicatorInDatabase(
            handle.db,
            organisationId,
            definitions[2]!,
            period.value,
            options,
          );
          expect(actual, JSON.stringify({ expression, code })).toEqual(expected);
          const cache = new WindowCache(handle.db, organisationId);
          expectIndicatorInDatabase(definitions[2]!, period.value, { ...options, cache });
          expect(
            await computeIndicatorInDatabase(
              handle.db,
              organisationId,
              definitions[2]!,
              period.value,
              { ...options, cache },
            ),
          ).toEqual(expected);
        },
      ),
      { seed: 2023, numRuns: 25 },
    );
  }, 240_000);

  it('breaks ties the same way: a person seen twice on one day keeps the attributes of the greater activity id', async () => {
    const [a, b, p] = [
      '11111111-0000-4000-8000-000000000001',
      '11111111-0000-4000-8000-000000000002',
      '11111111-0000-4000-8000-0000000000ff',
    ];
    const base = {
      date: '2023-05-09',
      endDate: '2023-05-09',
      programme: 'P1',
      grants: [],
      type: 'training',
      places: [],
      sessions: 1,
      participation: null,
    };
    const f = freshIds({
      activities: [
        { ...base, id: a },
        { ...base, id: b },
      ],
      attendance: [
        { activityId: a, personId: p, date: '2023-05-09', attributes: { sex: 'male' } },
        { activityId: b, personId: p, date: '2023-05-09', attributes: { sex: 'female' } },
      ],
    });
    const organisationId = await insertFacts(handle.db, f);
    const def: IndicatorDefinition = {
      code: 'W',
      title: { fr: 'W', en: 'W' },
      unit: 'number',
      direction: 'higher-is-better',
      source: { kind: 'participation', measure: 'unique-people', where: { sex: 'female' } },
      timeRule: 'sum',
      cumulative: false,
    };
    const q2 = parsePeriod('2023-Q2');
    if (!q2.ok) throw new Error('period');
    const expected = computeIndicator(def, f, q2.value);
    expect(expected).toMatchObject({ ok: true, value: { value: 1, qualifier: 'exact' } });
    expect(await computeIndicatorInDatabase(handle.db, organisationId, def, q2.value)).toEqual(
      expected,
    );
    const cache = new WindowCache(handle.db, organisationId);
    expect(
      await computeIndicatorInDatabase(handle.db, organisationId, def, q2.value, { cache }),
    ).toEqual(expected);
    // Participations of named people, with and without a breakdown: 2 attendances, whatever the path.
    const participations: IndicatorDefinition = {
      ...def,
      source: { kind: 'participation', measure: 'participations' },
    };
    for (const breakdown of [[], ['sex']]) {
      const reference = computeIndicator(participations, f, q2.value, { breakdown });
      expect(reference).toMatchObject({ ok: true, value: { value: 2, qualifier: 'exact' } });
      expect(
        await computeIndicatorInDatabase(handle.db, organisationId, participations, q2.value, {
          breakdown,
        }),
      ).toEqual(reference);
      expect(
        await computeIndicatorInDatabase(handle.db, organisationId, participations, q2.value, {
          breakdown,
          cache,
        }),
      ).toEqual(reference);
    }
  });
});
