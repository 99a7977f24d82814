import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../test-support/must';
import { formatPercent } from '../format/format-number';
import type { Assessment, Framework } from './framework';
import { compareCycles, rankAssessments, weakestCriteria } from './rank';
import { scoreAssessment } from './score-assessment';

const label = (s: string) => ({ fr: s, en: s });
const SECTIONS: [string, number][] = [
  ['governance', 20],
  ['finance', 15],
  ['administration', 15],
  ['human-resources', 14],
  ['programme', 12],
  ['performance', 12],
  ['sustainability', 12],
];

/** An OCA-shaped framework: seven weighted sections of five criteria scored 1–4. */
const OCA: Framework = {
  code: 'wodi',
  label: label('WODI'),
  scale: { min: 1, max: 4 },
  missing: 'exclude',
  domains: SECTIONS.map(([code, weight]) => ({
    code,
    label: label(code),
    weight,
    criteria: [1, 2, 3, 4, 5].map((i) => ({
      code: `${code}-${i}`,
      label: label(`${code} ${i}`),
      weight: 1,
    })),
  })),
};

function scores(perSection: number[][]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  SECTIONS.forEach(([code], s) => perSection[s]?.forEach((v, i) => (out[`${code}-${i + 1}`] = v)));
  return out;
}

const WANEP_MALI_2022: Assessment = {
  organisation: 'wanep-mali',
  framework: 'wodi',
  cycle: '2022',
  scores: scores([
    [3, 3, 3, 3, 2],
    [3, 3, 3, 3, 2],
    [4, 4, 4, 4, 3],
    [4, 4, 4, 4, 3],
    [4, 4, 4, 3, 3],
    [4, 4, 4, 4, 4],
    [4, 4, 4, 4, 4],
  ]),
};

describe('scoreAssessment', () => {
  it('gives WANEP-Mali its 2022 WODI index of 86,85 %', () => {
    const s = unwrap(scoreAssessment(OCA, WANEP_MALI_2022));
    expect(s.index).toBeCloseTo(86.85, 10);
    expect(formatPercent(s.index / 100, 'fr')).toBe('86,85\u202f%');
    expect(s.domains.map((d) => d.score)).toEqual(
      [70, 70, 95, 95, 90, 100, 100].map((x) => expect.closeTo(x, 10)),
    );
    expect(s.missing).toEqual([]);
  });

  it('is the flat weighted mean when domains carry no weight of their own', () => {
    const flat: Framework = { ...OCA, domains: OCA.domains.map(({ weight: _w, ...d }) => d) };
    const s = unwrap(scoreAssessment(flat, WANEP_MALI_2022));
    const all = Object.values(WANEP_MALI_2022.scores) as number[];
    expect(s.index).toBeCloseTo((all.reduce((a, b) => a + b, 0) / (4 * all.length)) * 100, 10);
  });

  it('normalises min–max when the framework says so', () => {
    const s = unwrap(
      scoreAssessment(
        { ...OCA, normalisation: 'min-max' },
        { ...WANEP_MALI_2022, scores: scores(SECTIONS.map(() => [1, 2, 3, 4, 4])) },
      ),
    );
    expect(s.index).toBeCloseTo(((0 + 1 / 3 + 2 / 3 + 1 + 1) / 5) * 100, 10);
  });

  it('handles missing scores by the explicit rule', () => {
    const partial = {
      ...WANEP_MALI_2022,
      scores: { ...WANEP_MALI_2022.scores, 'governance-5': null },
    };
    delete (partial.scores as Record<string, number | null>)['finance-5'];
    const excluded = unwrap(scoreAssessment(OCA, partial));
    expect(excluded.missing).toEqual(['governance-5', 'finance-5']);
    expect(excluded.domains[0]?.score).toBe(75);
    expect(excluded.criteria.find((c) => c.code === 'governance-5')).toMatchObject({
      share: null,
      effectiveWeight: 0,
    });
    const lowest = unwrap(scoreAssessment({ ...OCA, missing: 'lowest' }, partial));
    expect(lowest.domains[0]?.score).toBeCloseTo(65, 10);
    expect(scoreAssessment({ ...OCA, missing: 'fail' }, partial)).toMatchObject({
      ok: false,
      error: { code: 'missing-score' },
    });
    const empty = unwrap(
      scoreAssessment(OCA, { ...WANEP_MALI_2022, scores: { 'governance-1': 4 } }),
    );
    expect(empty.index).toBe(100);
    expect(empty.domains[1]?.score).toBeNull();
    expect(scoreAssessment(OCA, { ...WANEP_MALI_2022, scores: {} })).toMatchObject({
      ok: false,
      error: { code: 'no-scores' },
    });
  });

  it('refuses scores off the scale, unknown criteria and broken scales', () => {
    expect(
      scoreAssessment(OCA, { ...WANEP_MALI_2022, scores: { 'governance-1': 5 } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-score' } });
    expect(
      scoreAssessment(OCA, { ...WANEP_MALI_2022, scores: { 'governance-1': Number.NaN } }).ok,
    ).toBe(false);
    expect(scoreAssessment(OCA, { ...WANEP_MALI_2022, scores: { nope: 2 } })).toMatchObject({
      ok: false,
      error: { code: 'unknown-criterion' },
    });
    expect(scoreAssessment({ ...OCA, scale: { min: 4, max: 1 } }, WANEP_MALI_2022)).toMatchObject({
      ok: false,
      error: { code: 'invalid-framework' },
    });
    expect(scoreAssessment({ ...OCA, scale: { min: -4, max: 0 } }, WANEP_MALI_2022).ok).toBe(false);
  });
});

describe('ranking, trend, weakest criteria', () => {
  it('puts WANEP-Mali on the podium, ties sharing a rank', () => {
    const ranked = rankAssessments([
      { organisation: 'wanep-ghana', index: 88.1 },
      { organisation: 'wanep-mali', index: 86.85 },
      { organisation: 'wanep-niger', index: 79.4 },
      { organisation: 'wanep-nigeria', index: 88.1 },
      { organisation: 'wanep-togo', index: 70 },
    ]);
    expect(ranked.map((r) => [r.organisation, r.rank])).toEqual([
      ['wanep-ghana', 1],
      ['wanep-nigeria', 1],
      ['wanep-mali', 3],
      ['wanep-niger', 4],
      ['wanep-togo', 5],
    ]);
    expect(
      rankAssessments([
        { organisation: 'a', index: 0.1 + 0.2 },
        { organisation: 'b', index: 0.3 },
      ]).map((r) => r.rank),
    ).toEqual([1, 1]);
  });

  it('gives the change since the last cycle and the weakest criteria', () => {
    const now = unwrap(scoreAssessment(OCA, WANEP_MALI_2022));
    const before = unwrap(
      scoreAssessment(OCA, {
        ...WANEP_MALI_2022,
        cycle: '2021',
        scores: { ...WANEP_MALI_2022.scores, 'finance-1': 2, 'governance-1': null },
      }),
    );
    const trend = compareCycles(now, before);
    expect(trend.index).toBeCloseTo(now.index - before.index, 12);
    expect(trend.domains[1]?.change).toBeCloseTo(5, 10);
    const noDomain = {
      ...before,
      domains: before.domains.map((d) => (d.code === 'programme' ? { ...d, score: null } : d)),
    };
    expect(compareCycles(now, noDomain).domains[4]?.change).toBeNull();
    // the 2s of governance and finance: governance weighs more in the index
    expect(weakestCriteria(now, 2).map((c) => c.code)).toEqual(['governance-5', 'finance-5']);
    expect(weakestCriteria(now)).toHaveLength(3);
  });

  it('ranks as a permutation consistent with the scores (property)', () => {
    const entry = fc.record({
      organisation: fc.string({ minLength: 1, maxLength: 6 }),
      index: fc.integer({ min: 0, max: 20 }).map((x) => x * 5),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => e.organisation, maxLength: 25 }),
        (entries) => {
          const ranked = rankAssessments(entries);
          expect([...ranked.map((r) => r.organisation)].sort()).toEqual(
            [...entries.map((e) => e.organisation)].sort(),
          );
          for (const a of ranked) {
            expect(a.rank).toBe(1 + ranked.filter((b) => b.index > a.index).length);
            for (const b of ranked) if (a.index > b.index) expect(a.rank).toBeLessThan(b.rank);
          }
        },
      ),
    );
  });
});
