import { describe, expect, it } from 'vitest';
import { getTemplate } from './built-in-templates';
import { planPeriods, statusRole } from './plan-periods';
import { must } from '@jalon/domain';

const justFuture = { start: '2021-01-01', end: '2025-12-31' };

describe('planPeriods', () => {
  it('lists the quarters of the year, year to date and life of grant for the generic template', () => {
    const plan = planPeriods(
      must(getTemplate('generic'), "getTemplate('generic')"),
      '2023-Q2',
      justFuture,
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.reportingPeriod).toBe('2023-Q2');
    expect(plan.value.periods.map((p) => [p.code, p.roles.join('+')])).toEqual([
      ['2023-Q1', 'sub-period'],
      ['2023-Q2', 'sub-period+reporting-period'],
      ['2023-Q3', 'sub-period'],
      ['2023-Q4', 'sub-period'],
      ['2023-01-01..2023-06-30', 'year-to-date'],
      ['2021-01-01..2025-12-31', 'life-of-grant'],
    ]);
    expect(plan.value.periods[0]?.label).toEqual({ fr: 'T1 2023', en: 'Q1 2023' });
  });

  it('uses USAID’s October fiscal year: April–June 2023 is FY2023 Q3', () => {
    const plan = planPeriods(
      must(getTemplate('usaid-iptt'), "getTemplate('usaid-iptt')"),
      '2023-Q2',
      justFuture,
    );
    if (!plan.ok) throw new Error('plan');
    expect(plan.value.reportingPeriod).toBe('FY2023-Q3');
    expect(plan.value.periods.map((p) => p.code).slice(0, 4)).toEqual([
      'FY2023-Q1',
      'FY2023-Q2',
      'FY2023-Q3',
      'FY2023-Q4',
    ]);
    expect(plan.value.periods[0]?.start).toBe('2022-10-01');
  });

  it('refuses a period outside the grant', () => {
    const plan = planPeriods(
      must(getTemplate('generic'), "getTemplate('generic')"),
      '2019-Q1',
      justFuture,
    );
    expect(plan.ok ? '' : plan.error.code).toBe('period-outside-grant');
  });
});

describe('statusRole', () => {
  it('is the period of the status column, else of the achievement column, else the reporting period', () => {
    expect(statusRole(must(getTemplate('undp-quarterly'), "getTemplate('undp-quarterly')"))).toBe(
      'fiscal-year',
    );
    expect(statusRole(must(getTemplate('eu-logframe'), "getTemplate('eu-logframe')"))).toBe(
      'grant-to-date',
    );
    expect(statusRole(must(getTemplate('usaid-iptt'), "getTemplate('usaid-iptt')"))).toBe(
      'life-of-grant',
    );
    expect(statusRole(must(getTemplate('nl-mfa'), "getTemplate('nl-mfa')"))).toBe('fiscal-year');
    expect(statusRole(must(getTemplate('generic'), "getTemplate('generic')"))).toBe(
      'reporting-period',
    );
    expect(statusRole({ sheets: [] })).toBe('reporting-period');
  });
});
