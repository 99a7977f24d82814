import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../test-support/must';
import { indicator } from '../test-support/definitions';
import { addDays, fromDayNumber, toDayNumber } from '../period/calendar-date';
import { subPeriods } from '../period/sub-periods';
import { quarterPeriod, yearPeriod } from '../period/calendar-periods';
import type { Period } from '../period/period';
import type { ActivityFact, AttendanceFact, Facts, IncidentFact } from '../facts/facts';
import { computeIndicator } from './compute-indicator';
import { checkConsistency } from '../disaggregation/consistency';
import { isOpen } from '../disaggregation/count';
import { isCounted } from '../disaggregation/count-record';
import { enteredRecord } from '../test-support/entered-records';

const Y0 = toDayNumber('2023-01-01');
const day = fc.integer({ min: 0, max: 364 }).map((n) => fromDayNumber(Y0 + n));

const incident = fc.record({
  date: day,
  deaths: fc.nat({ max: 20 }),
  injuries: fc.nat({ max: 20 }),
  verified: fc.boolean(),
  place: fc.constantFrom('mopti', 'segou/san', 'gao'),
});
const incidents = fc
  .array(incident, { maxLength: 60 })
  .map((xs): IncidentFact[] => xs.map((x, i) => ({ id: `i${i}`, category: 'c', ...x })));

const activity = fc.record({
  date: day,
  total: fc.nat({ max: 100 }),
  women: fc.nat({ max: 100 }),
  programme: fc.constantFrom('wps', 'yps'),
});
const activities = fc.array(activity, { maxLength: 30 }).map((xs): ActivityFact[] =>
  xs.map((x, i) => ({
    id: `a${i}`,
    date: x.date,
    endDate: x.date,
    programme: x.programme,
    grants: [],
    type: 'training',
    places: ['mopti'],
    sessions: 1,
    participation: {
      total: { value: Math.max(x.total, x.women), qualifier: 'exact' },
      cells: [{ key: { sex: 'female' }, value: Math.min(x.total, x.women), qualifier: 'exact' }],
    },
  })),
);

/** Splits 2023 at one to three random days into disjoint ranges that cover it. */
const split = fc
  .uniqueArray(fc.integer({ min: 1, max: 364 }), { minLength: 1, maxLength: 3 })
  .map((cuts): Period[] => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const bounds = [0, ...sorted, 365];
    const out: Period[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const start = fromDayNumber(Y0 + (bounds[i] ?? 0));
      const end = addDays(fromDayNumber(Y0 + (bounds[i + 1] ?? 0)), -1);
      out.push({ kind: 'range', code: `${start}..${end}`, start, end });
    }
    return out;
  });

const year = yearPeriod(2023);

describe('indicator engine (properties)', () => {
  it('sum indicators: the parts of a split period add up to the whole', () => {
    const defs = [
      indicator('deaths', { kind: 'incidents', measure: 'deaths' }),
      indicator('count', { kind: 'incidents', measure: 'count', filter: { verifiedOnly: true } }),
      indicator('acts', { kind: 'activities', measure: 'count', filter: { programmes: ['wps'] } }),
      indicator('parts', { kind: 'participation', measure: 'participations' }),
      indicator('women', {
        kind: 'participation',
        measure: 'participations',
        where: { sex: 'female' },
      }),
    ];
    fc.assert(
      fc.property(incidents, activities, split, (inc, acts, parts) => {
        const facts: Facts = { incidents: inc, activities: acts };
        for (const def of defs) {
          const whole = unwrap(computeIndicator(def, facts, year)).value;
          const sum = parts.reduce((s, p) => s + unwrap(computeIndicator(def, facts, p)).value, 0);
          expect(sum).toBe(whole);
        }
      }),
    );
  });

  it('unique people over a union: at most the sum of the parts, at least the largest part', () => {
    const person = fc.record({
      personId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      date: day,
      sex: fc.constantFrom('female', 'male'),
    });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 40 }), split, (rows, parts) => {
        const attendance: AttendanceFact[] = rows.map((r) => ({
          personId: r.personId,
          activityId: 'x',
          date: r.date,
          attributes: { sex: r.sex },
        }));
        const facts: Facts = {
          attendance,
          activities: [
            {
              id: 'x',
              date: '2023-01-01',
              endDate: '2023-12-31',
              programme: 'p',
              grants: [],
              type: 't',
              places: [],
              sessions: 1,
              participation: null,
            },
          ],
        };
        for (const measure of ['unique-people', 'new-people'] as const) {
          const def = indicator('u', { kind: 'participation', measure });
          const whole = unwrap(computeIndicator(def, facts, year)).value;
          const values = parts.map((p) => unwrap(computeIndicator(def, facts, p)).value);
          expect(whole).toBeLessThanOrEqual(values.reduce((s, v) => s + v, 0));
          expect(whole).toBeGreaterThanOrEqual(Math.max(...values));
          if (measure === 'new-people') expect(values.reduce((s, v) => s + v, 0)).toBe(whole);
        }
        const participations = indicator('p', { kind: 'participation', measure: 'participations' });
        expect(unwrap(computeIndicator(participations, facts, year)).value).toBe(rows.length);
      }),
    );
  });

  it('ratio indicators equal Σ numerator / Σ denominator, never an average of ratios', () => {
    const deaths = indicator('deaths', { kind: 'incidents', measure: 'deaths' });
    const count = indicator('incidents', { kind: 'incidents', measure: 'count' });
    const perIncident = indicator(
      'per',
      { kind: 'formula', expression: 'deaths / incidents' },
      { timeRule: 'ratio' },
    );
    const definitions = [deaths, count, perIncident];
    fc.assert(
      fc.property(incidents, (inc) => {
        const facts: Facts = { incidents: inc };
        const months = subPeriods(year, 'month');
        const num = months.reduce(
          (s, m) => s + unwrap(computeIndicator(deaths, facts, m)).value,
          0,
        );
        const den = months.reduce((s, m) => s + unwrap(computeIndicator(count, facts, m)).value, 0);
        const r = computeIndicator(perIncident, facts, year, { definitions });
        if (den === 0) {
          expect(r).toMatchObject({ ok: false, error: { reason: 'division-by-zero' } });
        } else {
          expect(unwrap(r).value).toBe(num / den);
          expect(unwrap(r).ratio).toEqual({ numerator: num, denominator: den });
        }
      }),
    );
  });

  it('cumulative values never go down', () => {
    const def = indicator('c', { kind: 'incidents', measure: 'injuries' }, { cumulative: true });
    fc.assert(
      fc.property(incidents, (inc) => {
        const facts: Facts = { incidents: inc };
        const values = subPeriods(year, 'month').map(
          (m) => unwrap(computeIndicator(def, facts, m, { grantStart: '2023-01-01' })).value,
        );
        for (let i = 1; i < values.length; i++)
          expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] ?? 0);
        expect(values.at(-1)).toBe(inc.reduce((s, x) => s + x.injuries, 0));
      }),
    );
  });

  it('every period computes over any record the entry accepts; an uncounted activity leaves it open', () => {
    const entered = fc.record({
      date: day,
      programme: fc.constantFrom('wps', 'yps'),
      record: fc.option(enteredRecord, { freq: 3 }),
    });
    const parts = (where?: Record<string, string>, filter = {}) =>
      indicator('p', {
        kind: 'participation',
        measure: 'participations',
        filter,
        ...(where ? { where } : {}),
      });
    // Each with whether it reads every activity (so every uncounted one of the period).
    const defs = [
      { def: parts(), all: true },
      { def: parts({ sex: 'female' }), all: true },
      { def: parts({ age: 'youth' }), all: true },
      { def: parts({ sex: 'female', age: 'youth' }), all: true },
      { def: parts({ sex: 'female' }, { programmes: ['wps'] }), all: false },
    ];
    const periods = [year, ...[1, 2, 3, 4].map((q) => quarterPeriod(2023, q as 1 | 2 | 3 | 4))];
    fc.assert(
      fc.property(fc.array(entered, { maxLength: 12 }), (rows) => {
        // Only what `activity.create` would save: the consistency check finds no error.
        const accepted = rows.filter(
          (r) => !r.record || !checkConsistency(r.record).some((i) => i.severity === 'error'),
        );
        const acts: ActivityFact[] = accepted.map((r, i) => ({
          id: `a${i}`,
          date: r.date,
          endDate: r.date,
          programme: r.programme,
          grants: [],
          type: 'training',
          places: [],
          sessions: 1,
          participation: r.record,
        }));
        for (const p of periods) {
          const uncounted = acts.filter(
            (a) => !isCounted(a.participation) && p.start <= a.date && a.date <= p.end,
          ).length;
          for (const { def, all } of defs) {
            for (const breakdown of [[], ['sex', 'age']]) {
              const r = computeIndicator(def, { activities: acts }, p, { breakdown });
              if (!r.ok) throw new Error(`${p.code} ${def.code}: ${r.error.message.en}`);
              if (all) {
                expect(r.value.uncounted ?? 0).toBe(uncounted);
                if (uncounted > 0) {
                  expect(isOpen(r.value)).toBe(true);
                  for (const c of r.value.breakdown?.cells ?? []) expect(c.bounds.upper).toBeNull();
                }
              }
              if (all && uncounted > 0 && r.value.bounds) expect(r.value.bounds.upper).toBeNull();
            }
          }
        }
      }),
      { seed: 2023, numRuns: 150 },
    );
  });
});
