import { describe, expect, it } from 'vitest';
import { period, unwrap } from '../test-support/must';
import { indicator } from '../test-support/definitions';
import { achievement, meanAchievement } from './achievement';
import {
  BAND_85_115_STATUS_SCALE,
  STATUS_COLOURS,
  UNDP_STATUS_SCALE,
  statusOf,
  type StatusScale,
} from './status';
import { baselineFor, targetFor, type Target } from './targets';

describe('achievement', () => {
  it('divides actual by target (USAID, UNDP): 13 CCS-C sessions for a target of 12', () => {
    expect(unwrap(achievement({ actual: 13, target: 12 }, 'actual-over-target'))).toBeCloseTo(
      13 / 12,
      12,
    );
  });

  it('divides target by actual when lower is better: 116 incidents against a ceiling of 100', () => {
    expect(unwrap(achievement({ actual: 116, target: 100 }, 'target-over-actual'))).toBeCloseTo(
      100 / 116,
      12,
    );
    expect(achievement({ actual: 0, target: 100 }, 'target-over-actual')).toMatchObject({
      ok: false,
      error: { reason: 'division-by-zero' },
    });
  });

  it('measures progress from the baseline (EU)', () => {
    expect(
      unwrap(achievement({ actual: 60, target: 80, baseline: 40 }, 'progress-from-baseline')),
    ).toBe(0.5);
    // lower is better: from 150 deaths towards 100, now 125: half-way
    expect(
      unwrap(achievement({ actual: 125, target: 100, baseline: 150 }, 'progress-from-baseline')),
    ).toBe(0.5);
    expect(achievement({ actual: 60, target: 80 }, 'progress-from-baseline')).toMatchObject({
      ok: false,
      error: { reason: 'baseline-missing' },
    });
    expect(
      achievement({ actual: 60, target: 40, baseline: 40 }, 'progress-from-baseline'),
    ).toMatchObject({
      ok: false,
      error: { reason: 'division-by-zero' },
    });
  });

  it('is not computable without data or target', () => {
    expect(achievement({ actual: null, target: 1 }, 'actual-over-target')).toMatchObject({
      ok: false,
      error: { reason: 'no-data' },
    });
    expect(achievement({ actual: 1, target: null }, 'actual-over-target')).toMatchObject({
      ok: false,
      error: { reason: 'target-missing' },
    });
    expect(achievement({ actual: 1, target: 0 }, 'actual-over-target')).toMatchObject({
      ok: false,
      error: { reason: 'division-by-zero' },
    });
  });

  it('averages indicator achievements for a UNDP output', () => {
    expect(meanAchievement([1.2, 0.6])).toBeCloseTo(0.9, 12);
    expect(meanAchievement([])).toBeNull();
  });
});

describe('status', () => {
  it('follows the UNDP report card', () => {
    expect(statusOf(1, UNDP_STATUS_SCALE)).toBe('on-track');
    expect(statusOf(0.9999, UNDP_STATUS_SCALE)).toBe('watch');
    expect(statusOf(0.5, UNDP_STATUS_SCALE)).toBe('watch');
    expect(statusOf(0.49, UNDP_STATUS_SCALE)).toBe('off-track');
    expect(statusOf(null, UNDP_STATUS_SCALE)).toBe('no-data');
    expect(
      statusOf(achievement({ actual: 1, target: null }, 'actual-over-target'), UNDP_STATUS_SCALE),
    ).toBe('no-data');
    expect(
      statusOf(achievement({ actual: 13, target: 12 }, 'actual-over-target'), UNDP_STATUS_SCALE),
    ).toBe('on-track');
    expect(STATUS_COLOURS[statusOf(0.7, UNDP_STATUS_SCALE)]).toBe('amber');
  });

  it('supports an 85–115 % on-track band', () => {
    expect(statusOf(0.85, BAND_85_115_STATUS_SCALE)).toBe('on-track');
    expect(statusOf(1.15, BAND_85_115_STATUS_SCALE)).toBe('on-track');
    expect(statusOf(1.16, BAND_85_115_STATUS_SCALE)).toBe('watch');
    expect(statusOf(0.84, BAND_85_115_STATUS_SCALE)).toBe('off-track');
    expect(statusOf(Number.NaN, BAND_85_115_STATUS_SCALE)).toBe('no-data');
  });

  it('gives no-data when no band holds the value', () => {
    const partial: StatusScale = { code: 'x', bands: [{ min: 1, status: 'on-track' }] };
    expect(statusOf(0.2, partial)).toBe('no-data');
  });
});

describe('targets and baselines', () => {
  const sessions = indicator('ccsc-sessions', { kind: 'activities', measure: 'sessions' });
  const q = (code: string, value: number, more: Partial<Target> = {}): Target => {
    const p = period(code);
    return {
      indicator: 'ccsc-sessions',
      period: { code, start: p.start, end: p.end },
      value,
      ...more,
    };
  };
  const targets: Target[] = [
    q('2023-Q1', 5),
    q('2023-Q2', 12),
    q('2023-Q3', 10),
    q('2023-Q4', 8),
    q('2023-Q2', 6, { breakdown: { region: 'mopti' } }),
    q('2022-06-01..2024-05-31', 60, { lifeOfGrant: true }),
  ];

  it('finds the target of a period, and of a breakdown cell', () => {
    expect(targetFor(targets, sessions, period('2023-Q2'))).toEqual({ ok: true, value: 12 });
    expect(
      targetFor(targets, sessions, period('2023-Q2'), { breakdown: { region: 'mopti' } }),
    ).toEqual({ ok: true, value: 6 });
    expect(targetFor(targets, sessions, period('2024-Q1'))).toMatchObject({
      ok: false,
      error: { reason: 'target-missing' },
    });
  });

  it('adds period targets that tile a longer period, for sum indicators only', () => {
    expect(targetFor(targets, sessions, period('2023'))).toEqual({ ok: true, value: 35 });
    expect(targetFor(targets, sessions, period('2023-S1'))).toEqual({ ok: true, value: 17 });
    expect(
      targetFor(
        targets.filter((t) => t.value !== 10),
        sessions,
        period('2023'),
      ).ok,
    ).toBe(false);
    expect(targetFor(targets, { ...sessions, timeRule: 'latest' }, period('2023')).ok).toBe(false);
    expect(targetFor(targets, { ...sessions, cumulative: true }, period('2023')).ok).toBe(false);
  });

  it('keeps the life-of-grant target as its own value unless told to add up', () => {
    const log = period('2022-06-01..2024-05-31');
    expect(targetFor(targets, sessions, log, { lifeOfGrant: true })).toEqual({
      ok: true,
      value: 60,
    });
    expect(
      targetFor(targets, { ...sessions, lifeOfGrantTarget: 'sum-of-periods' }, period('2023'), {
        lifeOfGrant: true,
      }),
    ).toEqual({
      ok: true,
      value: 35,
    });
    expect(
      targetFor(targets, { ...sessions, lifeOfGrantTarget: 'sum-of-periods' }, log, {
        lifeOfGrant: true,
      }).ok,
    ).toBe(false);
    expect(targetFor([], sessions, log, { lifeOfGrant: true }).ok).toBe(false);
  });

  it('finds the latest baseline', () => {
    const baselines = [
      { indicator: 'wodi', date: '2020-12-31', value: 74.5 },
      { indicator: 'wodi', date: '2021-12-31', value: 81.2 },
      { indicator: 'wodi', date: '2021-12-31', value: 3, breakdown: { domain: 'governance' } },
    ];
    expect(baselineFor(baselines, 'wodi')).toEqual({ ok: true, value: 81.2 });
    expect(baselineFor(baselines, 'wodi', { asOf: '2021-06-30' })).toEqual({
      ok: true,
      value: 74.5,
    });
    expect(baselineFor(baselines, 'wodi', { breakdown: { domain: 'governance' } })).toEqual({
      ok: true,
      value: 3,
    });
    expect(baselineFor(baselines, 'other')).toMatchObject({
      ok: false,
      error: { reason: 'baseline-missing', indicator: 'other' },
    });
  });
});
