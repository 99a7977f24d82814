import {
  addDays,
  matchesActivity,
  must,
  parsePeriod,
  planPivot,
  pivotInMemory,
  subPeriods,
  PIVOT_DIMENSIONS_OF,
  PIVOT_MEASURES,
  type ActivityFact,
  type AttendanceFact,
  type CountRecord,
  type Facts,
  type PivotDimension,
  type PivotMembers,
} from '@jalon/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { insertFacts } from '../facts/insert-facts';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { pivotInDatabase } from './pivot-in-database';

/*
 * Issue 16, the pivot table: SQL equals the domain's reference. Generated activities (counts
 * exact, approximate, « plus de », or missing), named attendances and incidents are written into
 * a new organisation; every cell of a generated pivot, totals included, computed in the database
 * equals the engine's in memory — qualifiers, bounds and uncounted activities alike.
 */

const kinds = await testDatabaseKinds();

const PROGRAMMES = ['P1', 'P2'];
const TYPES = ['training', 'webinar'];
const GRANTS = ['G1', 'G2'];
const PLACES = ['ml/mopti', 'ml/mopti/bandiagara', 'ml/segou'];
const CATEGORIES = ['democracy-governance', 'women-peace-security'];
const PERIOD = parsePeriod('2023-Q2', {});
if (!PERIOD.ok) throw new Error('2023-Q2');
const day = fc.integer({ min: -10, max: 100 }).map((n) => addDays('2023-04-01', n));
const qualifier = fc.constantFrom('exact', 'exact', 'approximate', 'at-least') as fc.Arbitrary<
  'exact' | 'approximate' | 'at-least'
>;

/** A consistent record drawn from a sex × age table, partly hidden. */
const countRecord: fc.Arbitrary<CountRecord> = fc
  .record({
    fy: fc.nat(20),
    fa: fc.nat(20),
    my: fc.nat(20),
    ma: fc.nat(20),
    q: qualifier,
    shown: fc.subarray(['f', 'y', 'fy'] as const),
  })
  .map(({ fy, fa, my, ma, q, shown }) => {
    const cells: CountRecord['cells'] = [];
    if (shown.includes('f'))
      cells.push({ key: { sex: 'female' }, value: fy + fa, qualifier: 'exact' });
    if (shown.includes('y'))
      cells.push({ key: { age: 'youth' }, value: fy + my, qualifier: 'exact' });
    if (shown.includes('fy'))
      cells.push({ key: { sex: 'female', age: 'youth' }, value: fy, qualifier: 'exact' });
    return { total: { value: fy + fa + my + ma, qualifier: q }, cells } as CountRecord;
  });

const activity: fc.Arbitrary<ActivityFact> = fc
  .record({
    id: fc.uuid({ version: 4 }),
    date: day,
    length: fc.nat(2),
    programme: fc.constantFrom(...PROGRAMMES),
    grants: fc.subarray(GRANTS),
    type: fc.constantFrom(...TYPES),
    places: fc.subarray(PLACES, { maxLength: 2 }),
    participation: fc.option(countRecord, { freq: 3 }),
  })
  .map(({ length, ...a }) => ({ ...a, sessions: 1, endDate: addDays(a.date, length) }));

const facts: fc.Arbitrary<Facts> = fc
  .record({
    activities: fc.uniqueArray(activity, { maxLength: 10, selector: (a) => a.id }),
    people: fc.uniqueArray(fc.uuid({ version: 4 }), { minLength: 1, maxLength: 6 }),
    attendance: fc.array(
      fc.record({
        activity: fc.nat(),
        person: fc.nat(),
        attributes: fc.record(
          { sex: fc.constantFrom('female', 'male'), age: fc.constantFrom('youth', 'adult') },
          { requiredKeys: [] },
        ),
      }),
      { maxLength: 20 },
    ),
    incidents: fc.array(
      fc.record({
        id: fc.uuid({ version: 4 }),
        date: day,
        place: fc.constantFrom('', ...PLACES),
        category: fc.constantFrom(...CATEGORIES),
        deaths: fc.nat(3),
        injuries: fc.nat(3),
        verified: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ activities, people, attendance, incidents }) => {
    const seen = new Set<string>();
    const rows: AttendanceFact[] = [];
    for (const r of activities.length > 0 ? attendance : []) {
      const a = must(activities[r.activity % activities.length], 'an activity');
      const personId = must(people[r.person % people.length], 'a person');
      if (seen.has(`${a.id}/${personId}`)) continue;
      seen.add(`${a.id}/${personId}`);
      rows.push({ activityId: a.id, personId, date: a.date, attributes: r.attributes });
    }
    return { activities, attendance: rows, incidents };
  });

const members: PivotMembers = {
  period: subPeriods(PERIOD.value, 'month'),
  programme: PROGRAMMES,
  grant: GRANTS,
  'activity-type': TYPES,
  region: ['ml/mopti', 'ml/segou'],
  sex: ['female', 'male'],
  age: ['youth', 'adult'],
  disability: ['yes', 'no'],
  'incident-category': CATEGORIES,
};

const spec = fc.constantFrom(...PIVOT_MEASURES).chain((measure) => {
  const dims = PIVOT_DIMENSIONS_OF[measure];
  return fc
    .tuple(fc.constantFrom(...dims), fc.option(fc.constantFrom(...dims), { freq: 3 }))
    .filter(([r, c]) => r !== c)
    .map(([rows, columns]) => ({
      measure,
      rows: rows as PivotDimension,
      columns: (columns ?? null) as PivotDimension | null,
    }));
});

describe.each(kinds)('pivotInDatabase on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => handle?.close());

  it('equals the domain’s reference, cell by cell and in its totals (property, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(facts, spec, async (f, s) => {
        const plan = planPivot({ period: PERIOD.value, ...s }, members);
        if (!plan.ok) throw new Error(plan.error.message.en);
        const organisationId = await insertFacts(handle.db, f);
        const inDatabase = await pivotInDatabase(handle.db, organisationId, plan.value);
        expect(inDatabase).toEqual(pivotInMemory(f, plan.value));
      }),
      { seed: 1620, numRuns: kind === 'pglite' ? 15 : 30 },
    );
  }, 240_000);

  /*
   * A programme officer's or a donor's pivot: the same table over only the activities within her
   * programmes or grants. Held equal, in SQL, to the unscoped pivot of the facts cut down to
   * those activities, computed in memory (a total over the scope is the scope's, never the
   * organisation's).
   */
  it('scoped to programmes or grants, equals the pivot of the facts within the scope (property, fixed seed)', async () => {
    const scopeArb = fc.record(
      {
        programmes: fc.subarray(PROGRAMMES, { minLength: 1 }),
        grants: fc.subarray(GRANTS, { minLength: 1 }),
      },
      { requiredKeys: [] },
    );
    const scopedSpec = spec.filter((s) => s.measure !== 'incidents');
    await fc.assert(
      fc.asyncProperty(facts, scopedSpec, scopeArb, async (f, s, scope) => {
        const within: PivotMembers = {
          ...members,
          programme: scope.programmes ?? PROGRAMMES,
          grant: scope.grants ?? GRANTS,
        };
        const plan = planPivot({ period: PERIOD.value, ...s, scope }, within);
        if (!plan.ok) throw new Error(plan.error.message.en);
        const kept = (f.activities ?? []).filter((a) => matchesActivity(a, scope));
        const ids = new Set(kept.map((a) => a.id));
        const cut: Facts = {
          ...f,
          activities: kept,
          attendance: (f.attendance ?? []).filter((r) => ids.has(r.activityId)),
        };
        const reference = planPivot({ period: PERIOD.value, ...s }, within);
        if (!reference.ok) throw new Error(reference.error.message.en);
        const organisationId = await insertFacts(handle.db, f);
        expect(await pivotInDatabase(handle.db, organisationId, plan.value)).toEqual(
          pivotInMemory(cut, reference.value),
        );
      }),
      { seed: 1621, numRuns: kind === 'pglite' ? 12 : 25 },
    );
  }, 240_000);

  it('refuses a scoped pivot of incidents, a member outside the scope, or a scope that reaches nothing', () => {
    const at = (over: Partial<Parameters<typeof planPivot>[0]>, m: PivotMembers = members) =>
      planPivot(
        { period: PERIOD.value, measure: 'activities', rows: 'programme', columns: null, ...over },
        m,
      );
    const refused = (r: ReturnType<typeof planPivot>) => (r.ok ? null : r.error.message);
    expect(
      refused(at({ measure: 'incidents', rows: 'region', scope: { grants: ['G1'] } })),
    ).toEqual({
      fr: 'Les incidents ne relèvent d’aucun programme ni d’aucune subvention\u202f: ils ne sont comptés que pour toute l’organisation.',
      en: 'Incidents belong to no programme or grant: they are counted for the whole organisation only.',
    });
    expect(refused(at({ scope: { programmes: ['P1'] } }))?.en).toBe(
      'Outside your reach: programme P2.',
    );
    expect(refused(at({ scope: { programmes: [] } }, { ...members, programme: [] }))?.fr).toBe(
      'Aucun programme ne vous est attribué\u202f: il n’y a rien à compter.',
    );
    expect(at({ scope: { programmes: ['P1'] } }, { ...members, programme: ['P1'] }).ok).toBe(true);
  });

  it('refuses a measure split by a dimension it has not, in French and English', () => {
    const r = planPivot(
      { period: PERIOD.value, measure: 'incidents', rows: 'sex', columns: null },
      members,
    );
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'invalid-pivot',
        message: {
          fr: 'On ne peut pas répartir les incidents par sexe.',
          en: 'Incidents cannot be split by sex.',
        },
      },
    });
  });
});
