import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, toDayNumber } from '../period/calendar-date';
import { rangePeriod } from '../period/parse-period';
import { indicator } from '../test-support/definitions';
import { period, unwrap } from '../test-support/must';
import { targetFor, targetForWindow, type Target } from './targets';

const weekly = indicator('news-weekly', { kind: 'deliverables' });
const q = (code: string, value: number): Target => {
  const p = period(code);
  return { indicator: 'news-weekly', period: { code, start: p.start, end: p.end }, value };
};

describe('targetForWindow', () => {
  it('pro-rates the quarter’s 12 weekly reports to 8.04 for 1 April–31 May, and says so', () => {
    const r = unwrap(
      targetForWindow([q('2023-Q2', 12)], weekly, unwrap(rangePeriod('2023-04-01', '2023-05-31'))),
    );
    expect(r.value).toBe(8.04);
    expect(r.basis).toMatchObject({
      kind: 'pro-rated',
      days: 61,
      of: 91,
      from: { code: '2023-Q2' },
    });
  });

  it('prefers the window’s own target or targets that tile it, never pro-rates a level or a running total, and takes a running total’s target on its last day', () => {
    const targets = [q('2023-Q1', 6), q('2023-Q2', 12), q('2023', 30)];
    const h1 = unwrap(rangePeriod('2023-01-01', '2023-06-30'));
    expect(unwrap(targetForWindow(targets, weekly, h1))).toEqual({
      value: 18,
      basis: { kind: 'period' },
    });
    const may = unwrap(rangePeriod('2023-04-01', '2023-05-31'));
    expect(targetForWindow(targets, { ...weekly, timeRule: 'latest' }, may).ok).toBe(false);
    expect(targetForWindow(targets, { ...weekly, cumulative: true }, may).ok).toBe(false);
    // A running total on 30 June compares with the target of the running total on 30 June.
    expect(unwrap(targetForWindow(targets, { ...weekly, cumulative: true }, h1))).toEqual({
      value: 12,
      basis: {
        kind: 'running-total',
        from: { code: '2023-Q2', start: '2023-04-01', end: '2023-06-30' },
      },
    });
    // The shortest period holding the window is the quarter, not the year.
    expect(unwrap(targetForWindow(targets, weekly, may)).basis).toMatchObject({
      from: { code: '2023-Q2' },
    });
  });

  it('is targetFor when targetFor answers, and otherwise the holding target × days / its days (fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, b, value) => {
          const start = addDays('2023-01-01', Math.min(a, b));
          const end = addDays('2023-01-01', Math.max(a, b));
          const window = unwrap(rangePeriod(start, end));
          const targets = [q('2023', value)];
          const got = unwrap(targetForWindow(targets, weekly, window));
          const direct = targetFor(targets, weekly, window);
          if (direct.ok) return got.value === direct.value && got.basis.kind === 'period';
          const days = toDayNumber(end) - toDayNumber(start) + 1;
          return (
            got.basis.kind === 'pro-rated' &&
            Math.abs(got.value - (value * days) / 365) <= 0.005 + 1e-9 &&
            got.value <= value
          );
        },
      ),
      { seed: 18, numRuns: 300 },
    );
  });

  it('gives a period and the range of its days one target: the month 2023-08 is pro-rated as 2023-08-01..2023-08-31 is (fixed seed)', () => {
    // The month under the quarter's target: 31 of Q3's 92 days, whichever way it is named.
    const august = unwrap(targetForWindow([q('2023-Q3', 12)], weekly, period('2023-08')));
    expect(august).toEqual(
      unwrap(
        targetForWindow(
          [q('2023-Q3', 12)],
          weekly,
          unwrap(rangePeriod('2023-08-01', '2023-08-31')),
        ),
      ),
    );
    expect(august).toMatchObject({ value: 4.04, basis: { kind: 'pro-rated', days: 31, of: 92 } });

    const code = fc.oneof(
      fc.integer({ min: 1, max: 12 }).map((m) => `2023-${String(m).padStart(2, '0')}`),
      fc.integer({ min: 1, max: 4 }).map((n) => `2023-Q${n}`),
      fc.integer({ min: 1, max: 2 }).map((n) => `2023-S${n}`),
      fc.constantFrom('2023', 'FY2023', 'FY2024'),
    );
    const target = fc.record({
      code: fc.oneof(
        { weight: 4, arbitrary: code },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.integer({ min: 0, max: 364 }), fc.nat(120))
            .map(([d, n]) => `${addDays('2023-01-01', d)}..${addDays('2023-01-01', d + n)}`),
        },
      ),
      value: fc.integer({ min: 0, max: 500 }),
      cell: fc.constantFrom(undefined, { sex: 'female' }),
    });
    const definition = fc.record({
      timeRule: fc.constantFrom('sum' as const, 'sum' as const, 'latest' as const),
      cumulative: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(target, { maxLength: 6 }),
        definition,
        code,
        fc.constantFrom(undefined, { sex: 'female' }),
        (drawn, shape, asked, cell) => {
          const targets: Target[] = drawn.map((t) => {
            const p = t.code.includes('..')
              ? unwrap(rangePeriod(...(t.code.split('..') as [string, string])))
              : period(t.code, 10);
            return {
              indicator: 'news-weekly',
              period: { code: t.code, start: p.start, end: p.end },
              value: t.value,
              ...(t.cell ? { breakdown: t.cell } : {}),
            };
          });
          const named = period(asked, 10);
          const days = unwrap(rangePeriod(named.start, named.end));
          const def = { ...weekly, ...shape };
          const options = cell ? { breakdown: cell } : {};
          expect(targetForWindow(targets, def, days, options)).toEqual(
            targetForWindow(targets, def, named, options),
          );
        },
      ),
      { seed: 1808, numRuns: 400 },
    );
  });
});
