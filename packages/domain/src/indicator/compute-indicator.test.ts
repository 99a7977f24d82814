import { describe, expect, it } from 'vitest';
import { present, unwrap, period } from '../test-support/must';
import { BULLETIN_FACTS, LOBBYING_ATTENDANCE } from '../test-support/bulletin';
import { indicator } from '../test-support/definitions';
import { AWARENESS_SESSION, CCSC_TRAININGS, GENDER_TALK, count } from '../test-support/records';
import { breakdownCell } from '../disaggregation/aggregate';
import { figureOf, formatFigure } from '../format/figure';
import type { AttendanceFact, Facts, ManualValue } from '../facts/facts';
import type { CountRecord } from '../disaggregation/count-record';
import {
  combineSeries,
  computeIndicator,
  computeIndicators,
  manualIndicatorValue,
  participationValue,
  stepWindows,
} from './compute-indicator';

const q2 = period('2023-Q2');
const value = (r: ReturnType<typeof computeIndicator>) => unwrap(r).value;

describe('computeIndicator — the bulletin’s Q2 2023 figures', () => {
  it('counts early-warning incidents, deaths and injuries (NEWS)', () => {
    const incidents = indicator('news-incidents', { kind: 'incidents', measure: 'count' });
    const deaths = indicator('news-deaths', { kind: 'incidents', measure: 'deaths' });
    const injuries = indicator('news-injuries', { kind: 'incidents', measure: 'injuries' });
    expect(value(computeIndicator(incidents, BULLETIN_FACTS, q2))).toBe(116);
    expect(value(computeIndicator(deaths, BULLETIN_FACTS, q2))).toBe(153);
    expect(value(computeIndicator(injuries, BULLETIN_FACTS, q2))).toBe(236);
    expect(value(computeIndicator(incidents, BULLETIN_FACTS, period('2023-Q1')))).toBe(0);
    // USAID's FY2023 is computed from the facts, not added up from quarters
    expect(value(computeIndicator(deaths, BULLETIN_FACTS, period('FY2023', 10)))).toBe(153);
    expect(value(computeIndicator(deaths, BULLETIN_FACTS, period('FY2023-Q3', 10)))).toBe(153);
    const verified = indicator('v', {
      kind: 'incidents',
      measure: 'count',
      filter: { verifiedOnly: true, places: ['mopti'] },
    });
    expect(value(computeIndicator(verified, BULLETIN_FACTS, q2))).toBe(29 - 6);
  });

  it('counts deliverables: 12 weekly reports, 3 monthly bulletins', () => {
    const weekly = indicator('weekly', {
      kind: 'deliverables',
      filter: { types: ['weekly-report'] },
    });
    const bulletins = indicator('bulletins', {
      kind: 'deliverables',
      filter: { types: ['monthly-bulletin'], programmes: ['news'] },
    });
    const interpeace = indicator('interpeace', {
      kind: 'deliverables',
      filter: { grants: ['interpeace-borders'] },
    });
    expect(value(computeIndicator(weekly, BULLETIN_FACTS, q2))).toBe(12);
    expect(value(computeIndicator(bulletins, BULLETIN_FACTS, q2))).toBe(3);
    expect(value(computeIndicator(interpeace, BULLETIN_FACTS, q2))).toBe(4);
    expect(value(computeIndicator(weekly, BULLETIN_FACTS, period('2023-04')))).toBe(4);
  });

  it('counts activities and sessions with filters on programme, grant, type and place', () => {
    const all = indicator('all', { kind: 'activities', measure: 'count' });
    const ccsc = indicator('ccsc', {
      kind: 'activities',
      measure: 'sessions',
      filter: { grants: ['undp-prosmed'] },
    });
    const jf = indicator('jf', {
      kind: 'activities',
      measure: 'count',
      filter: { programmes: ['just-future'] },
    });
    const bamako = indicator('bko', {
      kind: 'activities',
      measure: 'count',
      filter: { places: ['bamako'], types: ['awareness', 'restitution'] },
    });
    expect(value(computeIndicator(all, BULLETIN_FACTS, q2))).toBe(11);
    expect(value(computeIndicator(ccsc, BULLETIN_FACTS, q2))).toBe(13);
    expect(value(computeIndicator(jf, BULLETIN_FACTS, q2))).toBe(3);
    expect(value(computeIndicator(bamako, BULLETIN_FACTS, q2))).toBe(2);
  });

  it('adds participations honestly: approximate and lower-bound counts qualify the sum', () => {
    const wps = indicator('wps', {
      kind: 'participation',
      measure: 'participations',
      filter: { programmes: ['wps'] },
    });
    const r = unwrap(computeIndicator(wps, BULLETIN_FACTS, q2));
    // ~15 + 150 + ~50, and two WPS meetings without any count
    expect(r.value).toBe(215);
    expect(r.qualifier).toBe('approximate');
    const ccsc = indicator('ccsc', {
      kind: 'participation',
      measure: 'participations',
      filter: { grants: ['undp-prosmed'] },
    });
    expect(unwrap(computeIndicator(ccsc, BULLETIN_FACTS, q2))).toMatchObject({
      value: 325,
      qualifier: 'at-least',
    });
    const lobbying = indicator('cnt', {
      kind: 'participation',
      measure: 'participations',
      filter: { types: ['lobbying'] },
    });
    expect(unwrap(computeIndicator(lobbying, BULLETIN_FACTS, q2))).toMatchObject({
      value: 17,
      qualifier: 'exact',
    });
    const jf = indicator('jf', {
      kind: 'participation',
      measure: 'participations',
      filter: { programmes: ['just-future'] },
    });
    expect(unwrap(computeIndicator(jf, BULLETIN_FACTS, q2))).toMatchObject({
      value: 17,
      qualifier: 'at-least',
    });
  });

  it('breaks participation down with known cells, remainder, coverage and bounds', () => {
    const trained = indicator('trained', {
      kind: 'participation',
      measure: 'participations',
      filter: { types: ['awareness', 'training', 'lobbying'] },
    });
    const r = unwrap(computeIndicator(trained, BULLETIN_FACTS, q2, { breakdown: ['sex', 'age'] }));
    expect(r.value).toBe(150 + 325 + 17);
    expect(r.qualifier).toBe('at-least');
    const b = present(r.breakdown, 'a breakdown');
    expect(breakdownCell(b, { sex: 'female' })?.value).toEqual(count(97 + 78 + 4));
    expect(breakdownCell(b, { sex: 'female', age: 'youth' })?.bounds).toEqual({
      lower: 56,
      upper: 97 + 78 + 4,
    });
    expect(b.coverage.find((c) => c.dimensions.join() === 'sex')?.share).toBe(1);
    expect(b.coverage.find((c) => c.dimensions.join() === 'age')?.known).toBe(109 + 117);
  });

  it('reports an unrecorded cell as a lower bound with its bounds', () => {
    const youngWomen = indicator('yw', {
      kind: 'participation',
      measure: 'participations',
      filter: { types: ['awareness'] },
      where: { sex: 'female', age: 'youth' },
    });
    expect(unwrap(computeIndicator(youngWomen, BULLETIN_FACTS, q2))).toMatchObject({
      value: 56,
      qualifier: 'at-least',
      bounds: { lower: 56, upper: 97 },
    });
    const women = indicator('w', {
      kind: 'participation',
      measure: 'participations',
      filter: { types: ['awareness'] },
      where: { sex: 'female' },
    });
    expect(unwrap(computeIndicator(women, BULLETIN_FACTS, q2))).toMatchObject({
      value: 97,
      qualifier: 'exact',
    });
  });

  it('leaves the upper bound open for activities nobody counted, and says how many', () => {
    // Two activities of unknown size beside the awareness session: young women are at least 56,
    // with no upper limit (not 56–97).
    const yw = unwrap(
      participationValue(
        { measure: 'participations', records: [AWARENESS_SESSION], unknownActivities: 2 },
        { sex: 'female', age: 'youth' },
        { breakdown: [] },
        'YW',
      ),
    );
    expect(yw).toEqual({
      value: 56,
      qualifier: 'at-least',
      bounds: { lower: 56, upper: null },
      uncounted: 2,
    });
    const counted = unwrap(
      participationValue(
        { measure: 'participations', records: [AWARENESS_SESSION], unknownActivities: 0 },
        { sex: 'female', age: 'youth' },
        { breakdown: [] },
        'YW',
      ),
    );
    expect(counted).toEqual({ value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } });
    // A total of exact, approximate and lower-bound parts, with an uncounted activity, carries
    // both qualifiers.
    const total = unwrap(
      participationValue(
        {
          measure: 'participations',
          records: [AWARENESS_SESSION, CCSC_TRAININGS, GENDER_TALK],
          unknownActivities: 1,
        },
        undefined,
        { breakdown: ['sex'] },
        'P',
      ),
    );
    expect(total).toMatchObject({
      value: 525,
      qualifier: 'approximate',
      atLeast: true,
      uncounted: 1,
    });
    expect(
      breakdownCell(present(total.breakdown, 'the breakdown'), { sex: 'female' })?.bounds,
    ).toEqual({
      lower: 97 + 78,
      upper: null,
    });
    // Over the bulletin's facts: the WPS meetings without a count leave the women open above.
    const wpsWomen = indicator('wps-women', {
      kind: 'participation',
      measure: 'participations',
      filter: { programmes: ['wps'] },
      where: { sex: 'female' },
    });
    const r = unwrap(computeIndicator(wpsWomen, BULLETIN_FACTS, q2));
    expect(r.qualifier).toBe('at-least');
    expect(r.bounds?.upper).toBeNull();
    expect(r.uncounted).toBeGreaterThan(0);
  });

  it('refuses breakdowns it cannot honour', () => {
    const incidents = indicator('i', { kind: 'incidents', measure: 'count' });
    expect(computeIndicator(incidents, BULLETIN_FACTS, q2, { breakdown: ['sex'] })).toMatchObject({
      ok: false,
      error: { reason: 'breakdown-not-supported', indicator: 'i' },
    });
    const p = indicator('p', { kind: 'participation', measure: 'participations' });
    expect(computeIndicator(p, BULLETIN_FACTS, q2, { breakdown: ['colour'] })).toMatchObject({
      ok: false,
      error: { reason: 'inconsistent-data' },
    });
    const avg = indicator(
      'a',
      { kind: 'participation', measure: 'participations' },
      { timeRule: 'average' },
    );
    expect(computeIndicator(avg, BULLETIN_FACTS, q2, { breakdown: ['sex'] })).toMatchObject({
      ok: false,
      error: { reason: 'breakdown-not-supported' },
    });
  });

  it('reads the WODI index as a level (latest, max, average)', () => {
    const wodi = indicator(
      'wodi',
      { kind: 'assessment', framework: 'wodi', organisation: 'wanep-mali' },
      { unit: 'percent', timeRule: 'latest' },
    );
    const span = period('2021-01-01..2023-06-30');
    expect(value(computeIndicator(wodi, BULLETIN_FACTS, span))).toBe(86.85);
    expect(value(computeIndicator({ ...wodi, timeRule: 'max' }, BULLETIN_FACTS, span))).toBe(86.85);
    expect(
      value(computeIndicator({ ...wodi, timeRule: 'average' }, BULLETIN_FACTS, span)),
    ).toBeCloseTo(84.025, 10);
    expect(
      value(computeIndicator({ ...wodi, timeRule: 'sum' }, BULLETIN_FACTS, period('2022'))),
    ).toBe(86.85);
    expect(computeIndicator(wodi, BULLETIN_FACTS, q2)).toMatchObject({
      ok: false,
      error: { reason: 'no-data' },
    });
    expect(computeIndicator({ ...wodi, timeRule: 'sum' }, BULLETIN_FACTS, q2)).toMatchObject({
      ok: false,
      error: { reason: 'no-data' },
    });
    const other = indicator('x', { kind: 'assessment' }, { timeRule: 'latest' });
    expect(value(computeIndicator(other, BULLETIN_FACTS, span))).toBe(86.85);
  });

  it('computes levels over facts step by step (monthly incidents)', () => {
    const monthly = indicator('m', { kind: 'incidents', measure: 'count' }, { timeRule: 'max' });
    expect(value(computeIndicator(monthly, BULLETIN_FACTS, q2))).toBe(40);
    expect(value(computeIndicator({ ...monthly, timeRule: 'latest' }, BULLETIN_FACTS, q2))).toBe(
      36,
    );
    expect(
      value(computeIndicator({ ...monthly, timeRule: 'average' }, BULLETIN_FACTS, q2)),
    ).toBeCloseTo(116 / 3, 10);
    expect(
      value(
        computeIndicator(
          { ...monthly, timeRule: 'average', subPeriod: 'quarter' },
          BULLETIN_FACTS,
          period('2023'),
        ),
      ),
    ).toBe(29);
    // a window that cuts a month: the step is clipped, not extended
    expect(
      value(
        computeIndicator(
          { ...monthly, timeRule: 'latest' },
          BULLETIN_FACTS,
          period('2023-04-01..2023-06-05'),
        ),
      ),
    ).toBe(9);
  });
});

describe('cumulative indicators', () => {
  const deaths = indicator(
    'deaths',
    { kind: 'incidents', measure: 'deaths' },
    { cumulative: true },
  );

  it('need the grant start and read from it to the period end', () => {
    expect(computeIndicator(deaths, BULLETIN_FACTS, q2)).toMatchObject({
      ok: false,
      error: { reason: 'grant-start-missing' },
    });
    const r = unwrap(
      computeIndicator(deaths, BULLETIN_FACTS, period('2023-05'), { grantStart: '2023-01-01' }),
    );
    expect(r.window).toEqual({ start: '2023-01-01', end: '2023-05-31' });
    expect(r.value).toBe(computeUpTo('2023-05-31'));
    expect(
      computeIndicator(deaths, BULLETIN_FACTS, period('2022'), { grantStart: '2023-01-01' }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'no-data' },
    });
  });

  it('never go down and never count a person twice', () => {
    const attendance: AttendanceFact[] = [
      ...LOBBYING_ATTENDANCE,
      {
        personId: 'p1',
        activityId: 'jf-advocacy-update',
        date: '2023-05-15',
        attributes: { sex: 'female' },
      },
      {
        personId: 'p99',
        activityId: 'jf-advocacy-update',
        date: '2023-07-15',
        attributes: { sex: 'male' },
      },
      {
        personId: 'p2',
        activityId: 'jf-advocacy-update',
        date: '2023-08-15',
        attributes: { sex: 'female' },
      },
    ];
    const facts: Facts = { ...BULLETIN_FACTS, attendance };
    const reached = indicator(
      'reached',
      { kind: 'participation', measure: 'unique-people', filter: { programmes: ['just-future'] } },
      { cumulative: true },
    );
    const months = ['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09'];
    const values = months.map((m) =>
      value(computeIndicator(reached, facts, period(m), { grantStart: '2021-01-01' })),
    );
    expect(values).toEqual([0, 17, 17, 18, 18, 18]);
  });
});

function computeUpTo(end: string): number {
  return (BULLETIN_FACTS.incidents ?? [])
    .filter((i) => i.date <= end)
    .reduce((s, i) => s + i.deaths, 0);
}

describe('unique people and participations from attendance', () => {
  const attendance: AttendanceFact[] = [
    {
      personId: 'a',
      activityId: 'x1',
      date: '2023-04-03',
      attributes: { sex: 'female', age: 'youth' },
    },
    {
      personId: 'a',
      activityId: 'x2',
      date: '2023-05-03',
      attributes: { sex: 'female', age: 'adult' },
    },
    {
      personId: 'a',
      activityId: 'x3',
      date: '2023-05-20',
      attributes: { sex: 'female', age: 'adult' },
    },
    { personId: 'b', activityId: 'x2', date: '2023-05-03', attributes: { sex: 'male' } },
    {
      personId: 'c',
      activityId: 'x3',
      date: '2023-07-01',
      attributes: { sex: 'female', age: 'youth' },
    },
    { personId: 'd', activityId: 'x1', date: '2023-02-01', attributes: {} },
    { personId: 'd', activityId: 'x3', date: '2023-05-20', attributes: {} },
  ];
  const activity = (id: string, date: string) => ({
    id,
    date,
    endDate: date,
    programme: 'yps',
    grants: [],
    type: 'training',
    places: ['segou'],
    sessions: 1,
    participation: null,
  });
  const facts: Facts = {
    activities: [
      activity('x1', '2023-02-01'),
      activity('x2', '2023-05-03'),
      activity('x3', '2023-05-20'),
    ],
    attendance,
  };

  it('counts a person once per period however many activities', () => {
    const unique = indicator('u', { kind: 'participation', measure: 'unique-people' });
    const r = unwrap(computeIndicator(unique, facts, q2, { breakdown: ['sex'] }));
    expect(r.value).toBe(3); // a, b, d
    expect(breakdownCell(present(r.breakdown, 'a breakdown'), { sex: 'female' })?.bounds).toEqual({
      lower: 1,
      upper: 2,
    });
    expect(r.breakdown?.coverage[0]).toMatchObject({ known: 2, remainder: count(1), share: 2 / 3 });
    const news = indicator('n', { kind: 'participation', measure: 'new-people' });
    expect(value(computeIndicator(news, facts, q2))).toBe(2); // a and b; d first came in February
    expect(value(computeIndicator(news, facts, period('2023-Q3')))).toBe(1);
  });

  it('uses the latest attributes of the period (a turned 36 in May)', () => {
    const adults = indicator('adults', {
      kind: 'participation',
      measure: 'unique-people',
      where: { age: 'adult' },
    });
    expect(unwrap(computeIndicator(adults, facts, q2))).toMatchObject({
      value: 1,
      qualifier: 'at-least',
    });
    expect(unwrap(computeIndicator(adults, facts, period('2023-04')))).toMatchObject({
      value: 0,
      qualifier: 'exact',
    });
  });

  it('counts participations from attendance when no counts were recorded', () => {
    const participations = indicator('p', { kind: 'participation', measure: 'participations' });
    const r = unwrap(computeIndicator(participations, facts, q2, { breakdown: ['sex'] }));
    // activities x2 (2 rows) and x3 (3 rows) start in Q2; x1 started in February
    expect(r.value).toBe(5);
    expect(breakdownCell(present(r.breakdown, 'a breakdown'), { sex: 'female' })?.bounds).toEqual({
      lower: 3,
      upper: 4,
    });
  });

  it('leaves unique people open above for an activity with participants but no list, and says how many', () => {
    const counted = {
      ...activity('x4', '2023-06-10'),
      participation: { total: count(2), cells: [] },
    };
    const withCounted: Facts = { ...facts, activities: [...(facts.activities ?? []), counted] };
    const unique = indicator('u', { kind: 'participation', measure: 'unique-people' });
    const r = unwrap(computeIndicator(unique, withCounted, q2, { breakdown: ['sex'] }));
    // a, b, d named; the two people of x4 may be among them or not.
    expect(r).toMatchObject({
      value: 3,
      qualifier: 'at-least',
      bounds: { lower: 3, upper: null },
      uncounted: 1,
    });
    // The women are 1–2 among the named, and x4's people may be women too.
    expect(breakdownCell(present(r.breakdown, 'a breakdown'), { sex: 'female' })?.bounds).toEqual({
      lower: 1,
      upper: null,
    });
    expect(formatFigure(figureOf(r), 'fr')).toBe('au moins 3 (1 activité sans décompte)');
    const news = indicator('n', { kind: 'participation', measure: 'new-people' });
    expect(unwrap(computeIndicator(news, withCounted, q2))).toMatchObject({
      value: 2,
      bounds: { lower: 2, upper: null },
      uncounted: 1,
    });
    // Fully named activities leave it closed.
    expect(unwrap(computeIndicator(unique, facts, q2)).bounds).toBeUndefined();
  });

  it('makes unique people a lower bound when some activities were only counted', () => {
    const reached = indicator('r', {
      kind: 'participation',
      measure: 'unique-people',
      filter: { programmes: ['just-future'] },
    });
    const withNames: Facts = { ...BULLETIN_FACTS, attendance: LOBBYING_ATTENDANCE.slice(0, 5) };
    expect(unwrap(computeIndicator(reached, withNames, q2))).toMatchObject({
      value: 17,
      qualifier: 'at-least',
    });
    const wps = indicator('w', {
      kind: 'participation',
      measure: 'new-people',
      filter: { programmes: ['wps'] },
    });
    expect(unwrap(computeIndicator(wps, BULLETIN_FACTS, q2))).toMatchObject({
      value: 0,
      qualifier: 'at-least',
    });
    const women = indicator('ww', {
      kind: 'participation',
      measure: 'unique-people',
      filter: { programmes: ['wps'] },
      where: { sex: 'female' },
    });
    expect(unwrap(computeIndicator(women, BULLETIN_FACTS, q2))).toMatchObject({
      value: 0,
      qualifier: 'at-least',
    });
  });
});

describe('manual values', () => {
  const mv = (
    start: string,
    end: string,
    v: number,
    more: Partial<ManualValue> = {},
  ): ManualValue => ({
    indicator: 'policy-briefs',
    period: { start, end },
    value: v,
    ...more,
  });
  const briefs = indicator('policy-briefs', { kind: 'manual' });

  it('sums the values inside the period, prefers an exact match, flags gaps as lower bounds', () => {
    const facts: Facts = {
      manualValues: [
        mv('2023-01-01', '2023-03-31', 2),
        mv('2023-04-01', '2023-06-30', 3),
        mv('2023-07-01', '2023-09-30', 1),
      ],
    };
    expect(unwrap(computeIndicator(briefs, facts, q2))).toMatchObject({
      value: 3,
      qualifier: 'exact',
    });
    expect(unwrap(computeIndicator(briefs, facts, period('2023-S1')))).toMatchObject({
      value: 5,
      qualifier: 'exact',
    });
    expect(unwrap(computeIndicator(briefs, facts, period('2023')))).toMatchObject({
      value: 6,
      qualifier: 'at-least',
    });
    expect(computeIndicator(briefs, facts, period('2022'))).toMatchObject({
      ok: false,
      error: { reason: 'no-data' },
    });
    const withYear: Facts = {
      manualValues: [...(facts.manualValues ?? []), mv('2023-01-01', '2023-12-31', 7)],
    };
    expect(unwrap(computeIndicator(briefs, withYear, period('2023')))).toMatchObject({
      value: 7,
      qualifier: 'exact',
    });
    const gap: Facts = {
      manualValues: [
        mv('2023-01-01', '2023-03-31', 2),
        mv('2023-07-01', '2023-09-30', 1),
        mv('2023-10-01', '2023-12-31', 1),
      ],
    };
    expect(unwrap(computeIndicator(briefs, gap, period('2023')))).toMatchObject({
      value: 4,
      qualifier: 'at-least',
    });
  });

  it('refuses overlapping values rather than count them twice', () => {
    const facts: Facts = {
      manualValues: [mv('2023-01-01', '2023-06-30', 2), mv('2023-04-01', '2023-06-30', 3)],
    };
    expect(computeIndicator(briefs, facts, period('2023'))).toMatchObject({
      ok: false,
      error: { reason: 'overlapping-values' },
    });
    const same: Facts = {
      manualValues: [
        mv('2023-04-01', '2023-06-30', 2, {
          period: { code: 'x', start: '2023-04-01', end: '2023-06-30' },
        }),
        mv('2023-04-01', '2023-06-30', 3),
      ],
    };
    expect(unwrap(computeIndicator(briefs, same, period('2023-S1'))).value).toBe(3);
  });

  it('keeps levels as levels', () => {
    const facts: Facts = {
      manualValues: [
        mv('2023-01-01', '2023-03-31', 40),
        mv('2023-04-01', '2023-06-30', 55, { qualifier: 'approximate' }),
      ],
    };
    expect(
      unwrap(computeIndicator({ ...briefs, timeRule: 'latest' }, facts, period('2023'))),
    ).toMatchObject({ value: 55, qualifier: 'approximate' });
    expect(
      unwrap(computeIndicator({ ...briefs, timeRule: 'max' }, facts, period('2023'))),
    ).toMatchObject({ value: 55, qualifier: 'approximate' });
    expect(
      unwrap(computeIndicator({ ...briefs, timeRule: 'average' }, facts, period('2023'))).value,
    ).toBe(47.5);
    expect(
      unwrap(
        computeIndicator(
          { ...briefs, timeRule: 'max' },
          { manualValues: [mv('2023-01-01', '2023-03-31', 40)] },
          period('2023'),
        ),
      ),
    ).toMatchObject({
      qualifier: 'exact',
    });
  });

  it('combines ratios as a ratio of sums, not an average of ratios', () => {
    const share = indicator(
      'policy-briefs',
      { kind: 'manual' },
      { timeRule: 'ratio', unit: 'percent' },
    );
    const facts: Facts = {
      manualValues: [
        mv('2023-01-01', '2023-03-31', 50, { numerator: 1, denominator: 2 }),
        mv('2023-04-01', '2023-06-30', 10, { numerator: 1, denominator: 10 }),
      ],
    };
    const r = unwrap(computeIndicator(share, facts, period('2023-S1')));
    expect(r.value).toBeCloseTo((2 / 12) * 100, 10);
    expect(r.ratio).toEqual({ numerator: 2, denominator: 12 });
    expect(
      computeIndicator(
        share,
        { manualValues: [mv('2023-01-01', '2023-03-31', 0, { numerator: 0, denominator: 0 })] },
        period('2023-Q1'),
      ),
    ).toMatchObject({
      ok: false,
      error: { reason: 'division-by-zero' },
    });
    expect(
      computeIndicator(
        share,
        { manualValues: [mv('2023-01-01', '2023-03-31', 3)] },
        period('2023-Q1'),
      ),
    ).toMatchObject({
      ok: false,
      error: { reason: 'invalid-definition' },
    });
  });

  it('breaks manual values down by their recorded cells', () => {
    const facts: Facts = {
      manualValues: [
        mv('2023-04-01', '2023-06-30', 20),
        mv('2023-04-01', '2023-06-30', 8, { breakdown: { sex: 'female' } }),
        mv('2023-01-01', '2023-03-31', 10),
      ],
    };
    const r = unwrap(computeIndicator(briefs, facts, period('2023-S1'), { breakdown: ['sex'] }));
    expect(r.value).toBe(30);
    expect(breakdownCell(present(r.breakdown, 'a breakdown'), { sex: 'female' })?.bounds).toEqual({
      lower: 8,
      upper: 18,
    });
    const bad: Facts = {
      manualValues: [
        mv('2023-04-01', '2023-06-30', 5),
        mv('2023-04-01', '2023-06-30', 8, { breakdown: { sex: 'female' } }),
      ],
    };
    // 5 in all but 8 women: read as doubtful, about 8, never a failure.
    expect(unwrap(computeIndicator(briefs, bad, q2, { breakdown: ['sex'] }))).toMatchObject({
      value: 8,
      qualifier: 'approximate',
      breakdown: { doubtful: 1 },
    });
  });
});

describe('formula indicators', () => {
  const women = indicator('women', {
    kind: 'participation',
    measure: 'participations',
    filter: { types: ['awareness', 'lobbying'] },
    where: { sex: 'female' },
  });
  const total = indicator('total', {
    kind: 'participation',
    measure: 'participations',
    filter: { types: ['awareness', 'lobbying'] },
  });
  const share = indicator(
    'share',
    { kind: 'formula', expression: 'women / total * 100' },
    { unit: 'percent', timeRule: 'ratio' },
  );
  const ratio = indicator(
    'ratio',
    { kind: 'formula', expression: 'women / total' },
    { timeRule: 'ratio' },
  );
  const definitions = [women, total, share, ratio];

  it('computes the share of women as a ratio of sums', () => {
    expect(value(computeIndicator(share, BULLETIN_FACTS, q2, { definitions }))).toBeCloseTo(
      ((97 + 4) / 167) * 100,
      10,
    );
    expect(unwrap(computeIndicator(ratio, BULLETIN_FACTS, q2, { definitions })).ratio).toEqual({
      numerator: 101,
      denominator: 167,
    });
    const all = computeIndicators(definitions, BULLETIN_FACTS, q2);
    expect([...all.keys()]).toEqual(['women', 'total', 'share', 'ratio']);
    expect(all.get('share')?.ok).toBe(true);
  });

  it('keeps the « au moins », the bounds and the uncounted activities of its references', () => {
    const wpsWomen = indicator('wpsWomen', {
      kind: 'participation',
      measure: 'participations',
      filter: { programmes: ['wps'] },
      where: { sex: 'female' },
    });
    const plusTen = indicator('plusTen', { kind: 'formula', expression: 'wpsWomen + 10' });
    const direct = unwrap(computeIndicator(wpsWomen, BULLETIN_FACTS, q2));
    const formula = unwrap(
      computeIndicator(plusTen, BULLETIN_FACTS, q2, { definitions: [wpsWomen, plusTen] }),
    );
    expect(direct.bounds?.upper).toBeNull();
    expect(formula).toMatchObject({
      value: direct.value + 10,
      qualifier: 'at-least',
      bounds: { lower: direct.value + 10, upper: null },
      uncounted: direct.uncounted,
    });
  });

  it('is not computable on a zero denominator, a missing reference, a cycle or bad syntax', () => {
    expect(computeIndicator(share, BULLETIN_FACTS, period('2022'), { definitions })).toMatchObject({
      ok: false,
      error: { reason: 'division-by-zero', indicator: 'share' },
    });
    expect(computeIndicator(share, BULLETIN_FACTS, q2)).toMatchObject({
      ok: false,
      error: { reason: 'missing-reference', indicator: 'share' },
    });
    const a = indicator('a', { kind: 'formula', expression: 'b + 1' });
    const b = indicator('b', { kind: 'formula', expression: 'a * 2' });
    expect(computeIndicator(a, BULLETIN_FACTS, q2, { definitions: [a, b] })).toMatchObject({
      ok: false,
      error: {
        reason: 'dependency-cycle',
        message: { en: 'The formulas refer to each other in a loop: a → b → a' },
      },
    });
    const bad = indicator('bad', { kind: 'formula', expression: 'women / ' });
    expect(computeIndicator(bad, BULLETIN_FACTS, q2, { definitions })).toMatchObject({
      ok: false,
      error: { reason: 'formula-syntax' },
    });
  });

  it('can average monthly ratios when the definition says so explicitly', () => {
    const monthly = indicator(
      'm',
      { kind: 'formula', expression: 'deaths / incidents' },
      { timeRule: 'average' },
    );
    const deaths = indicator('deaths', { kind: 'incidents', measure: 'deaths' });
    const incidents = indicator('incidents', { kind: 'incidents', measure: 'count' });
    const r = unwrap(
      computeIndicator(monthly, BULLETIN_FACTS, q2, { definitions: [monthly, deaths, incidents] }),
    );
    expect(r.value).toBeCloseTo((77 / 40 + 40 / 40 + 36 / 36) / 3, 10);
    expect(
      computeIndicator(monthly, BULLETIN_FACTS, period('2023-S1'), {
        definitions: [monthly, deaths, incidents],
      }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'division-by-zero' },
    });
  });
});

describe('the rules a database applies to the rows it reads', () => {
  it('steps a level over facts by its sub-period, clipped to the window; not entered series', () => {
    const monthly = indicator('m', { kind: 'incidents', measure: 'count' }, { timeRule: 'max' });
    expect(stepWindows(monthly, { start: '2023-04-15', end: '2023-06-10' }, [])).toEqual({
      ok: true,
      value: [
        { start: '2023-04-15', end: '2023-04-30' },
        { start: '2023-05-01', end: '2023-05-31' },
        { start: '2023-06-01', end: '2023-06-10' },
      ],
    });
    const quarterly = { ...monthly, subPeriod: 'quarter' as const };
    expect(
      unwrap(stepWindows(quarterly, { start: '2023-01-01', end: '2023-12-31' }, [])),
    ).toHaveLength(4);
    expect(
      stepWindows({ ...monthly, timeRule: 'sum' }, { start: '2023-01-01', end: '2023-12-31' }, []),
    ).toEqual({ ok: true, value: null });
    const score = indicator('s', { kind: 'manual' }, { timeRule: 'latest' });
    expect(stepWindows(score, { start: '2023-01-01', end: '2023-12-31' }, ['sex'])).toEqual({
      ok: true,
      value: null,
    });
    expect(stepWindows(monthly, { start: '2023-01-01', end: '2023-12-31' }, ['sex'])).toMatchObject(
      {
        ok: false,
        error: { reason: 'breakdown-not-supported', indicator: 'm' },
      },
    );
  });

  it('combines a series by the time rule, no value being no data', () => {
    const series = [
      { value: 4, qualifier: 'exact' as const },
      { value: 9, qualifier: 'approximate' as const },
      { value: 2, qualifier: 'exact' as const },
    ];
    const level = (timeRule: 'latest' | 'max' | 'average') =>
      combineSeries(indicator('l', { kind: 'manual' }, { timeRule }), series);
    expect(unwrap(level('latest'))).toEqual({ value: 2, qualifier: 'exact' });
    expect(unwrap(level('max'))).toEqual({ value: 9, qualifier: 'approximate' });
    expect(unwrap(level('average'))).toEqual({ value: 5, qualifier: 'approximate' });
    expect(combineSeries(indicator('l', { kind: 'manual' }), [])).toMatchObject({
      ok: false,
      error: { reason: 'no-data' },
    });
  });

  it('reads only the manual values of its own indicator', () => {
    const briefs = indicator('briefs', { kind: 'manual' });
    const q = { start: '2023-04-01', end: '2023-06-30' };
    const values: ManualValue[] = [
      { indicator: 'briefs', period: q, value: 3 },
      { indicator: 'other', period: q, value: 40 },
    ];
    expect(unwrap(manualIndicatorValue(briefs, values, q))).toEqual({
      value: 3,
      qualifier: 'exact',
    });
    expect(manualIndicatorValue(briefs, values.slice(1), q)).toMatchObject({
      ok: false,
      error: { reason: 'no-data' },
    });
  });
});

describe('an empty count', () => {
  it('is an activity nobody counted: open above and said « sans décompte »', () => {
    const at = (id: string, participation: CountRecord | null) => ({
      id,
      date: '2023-05-10',
      endDate: '2023-05-10',
      programme: 'yps',
      grants: [],
      type: 'training',
      places: [],
      sessions: 1,
      participation,
    });
    const facts: Facts = {
      activities: [
        at('counted', { total: { value: 40, qualifier: 'exact' }, cells: [] }),
        at('empty', { total: null, cells: [] }),
        at('none', null),
      ],
    };
    const women = indicator('w', {
      kind: 'participation',
      measure: 'participations',
      where: { sex: 'female' },
    });
    const r = unwrap(computeIndicator(women, facts, q2));
    expect(r).toMatchObject({ value: 0, uncounted: 2, bounds: { lower: 0, upper: null } });
    expect(formatFigure(figureOf(r), 'fr')).toBe('nombre inconnu (2 activités sans décompte)');
  });
});
