import { describe, expect, it } from 'vitest';
import { lifeOfGrant, parsePeriod, rangePeriod } from './parse-period';
import type { Period } from './period';

function must(text: string, fiscalYearStartMonth?: number): Period {
  const r = parsePeriod(text, fiscalYearStartMonth === undefined ? {} : { fiscalYearStartMonth });
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

describe('parsePeriod', () => {
  it('reads the calendar kinds', () => {
    expect(must('2023')).toEqual({
      kind: 'year',
      code: '2023',
      start: '2023-01-01',
      end: '2023-12-31',
    });
    expect(must('2023-S1')).toEqual({
      kind: 'semester',
      code: '2023-S1',
      start: '2023-01-01',
      end: '2023-06-30',
    });
    expect(must('2023-s2')).toMatchObject({ start: '2023-07-01', end: '2023-12-31' });
    expect(must('2023-Q2')).toEqual({
      kind: 'quarter',
      code: '2023-Q2',
      start: '2023-04-01',
      end: '2023-06-30',
    });
    expect(must('2023-04')).toEqual({
      kind: 'month',
      code: '2023-04',
      start: '2023-04-01',
      end: '2023-04-30',
    });
    expect(must('2024-02').end).toBe('2024-02-29');
    expect(must(' 2023-W15 ')).toEqual({
      kind: 'week',
      code: '2023-W15',
      start: '2023-04-10',
      end: '2023-04-16',
    });
  });

  it('reads ISO weeks at year edges', () => {
    expect(must('2020-W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-03' });
    expect(must('2023-W01')).toMatchObject({ start: '2023-01-02', end: '2023-01-08' });
    expect(must('2015-W01').start).toBe('2014-12-29');
    expect(parsePeriod('2023-W53').ok).toBe(false);
    expect(parsePeriod('2023-W00').ok).toBe(false);
  });

  it('reads fiscal years named by the year in which they end', () => {
    expect(must('FY2023', 10)).toEqual({
      kind: 'fiscal-year',
      code: 'FY2023',
      start: '2022-10-01',
      end: '2023-09-30',
    });
    expect(must('FY2023', 1)).toEqual({
      kind: 'fiscal-year',
      code: 'FY2023',
      start: '2023-01-01',
      end: '2023-12-31',
    });
    expect(must('FY2023')).toMatchObject({ start: '2023-01-01', end: '2023-12-31' });
    expect(must('AF2024', 7)).toMatchObject({ start: '2023-07-01', end: '2024-06-30' });
    expect(must('FY2024', 3)).toMatchObject({ start: '2023-03-01', end: '2024-02-29' });
  });

  it('reads fiscal quarters (USAID Q1 = October–December)', () => {
    expect(must('FY2023-Q1', 10)).toEqual({
      kind: 'quarter',
      code: 'FY2023-Q1',
      start: '2022-10-01',
      end: '2022-12-31',
    });
    expect(must('FY2023-Q3', 10)).toMatchObject({ start: '2023-04-01', end: '2023-06-30' });
    expect(must('FY2023-Q4', 10)).toMatchObject({ start: '2023-07-01', end: '2023-09-30' });
    expect(must('FY2024-Q4', 2)).toMatchObject({ start: '2023-11-01', end: '2024-01-31' });
  });

  it('rejects a bad fiscal start month', () => {
    const r = parsePeriod('FY2023', { fiscalYearStartMonth: 13 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-fiscal-start' } });
    expect(parsePeriod('FY2023', { fiscalYearStartMonth: 1.5 }).ok).toBe(false);
  });

  it('reads custom ranges', () => {
    expect(must('2023-04-01..2023-06-30')).toEqual({
      kind: 'range',
      code: '2023-04-01..2023-06-30',
      start: '2023-04-01',
      end: '2023-06-30',
    });
    expect(must('2023-04-01 .. 2023-04-01').end).toBe('2023-04-01');
    expect(parsePeriod('2023-06-30..2023-04-01')).toMatchObject({
      ok: false,
      error: { code: 'invalid-range' },
    });
    expect(parsePeriod('2023-02-30..2023-04-01')).toMatchObject({
      ok: false,
      error: { code: 'invalid-date' },
    });
  });

  it('explains what it could not read, in French and English', () => {
    const r = parsePeriod('T2 2023');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-period');
      expect(r.error.message.fr).toContain('Période non reconnue');
      expect(r.error.message.en).toContain('Unrecognised period');
    }
    expect(parsePeriod('2023-13').ok).toBe(false);
    expect(parsePeriod('2023-Q5').ok).toBe(false);
    expect(parsePeriod('').ok).toBe(false);
  });

  it('gives the life of a grant as a range', () => {
    expect(lifeOfGrant('2021-01-01', '2025-12-31')).toEqual({
      ok: true,
      value: {
        kind: 'range',
        code: '2021-01-01..2025-12-31',
        start: '2021-01-01',
        end: '2025-12-31',
      },
    });
    expect(lifeOfGrant('2025-01-01', '2021-12-31').ok).toBe(false);
    expect(rangePeriod('2023-01-01', 'x').ok).toBe(false);
  });

  it('refuses periods before year 1: the calendar (and PostgreSQL) has no year 0', () => {
    for (const code of ['0000', '0000-Q2', '0000-06', '0000-W01', '0000-01-01..2023-01-01'])
      expect(parsePeriod(code).ok, code).toBe(false);
    expect(parsePeriod('FY0001', { fiscalYearStartMonth: 10 }).ok).toBe(false);
    expect(must('0001').start).toBe('0001-01-01');
  });

  it('round-trips every code it produces', () => {
    for (const code of [
      '2023',
      '2023-S2',
      '2023-Q4',
      '2023-12',
      '2023-W52',
      '2023-01-05..2023-02-01',
    ]) {
      expect(must(code).code).toBe(code);
    }
    expect(must('FY2023-Q2', 10).code).toBe('FY2023-Q2');
  });
});
