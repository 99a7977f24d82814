import {
  domainError,
  err,
  fiscalYear,
  fiscalYearNumber,
  formatPeriod,
  inEachLanguage,
  lifeOfGrant,
  monthName,
  ok,
  parsePeriod,
  rangePeriod,
  sameDays,
  subPeriods,
  yearPeriod,
  type DomainError,
  type Locale,
  type Period,
  type Result,
} from '@jalon/domain';
import type { PeriodRef, PeriodRole } from '../model/common';
import type { ReportTemplate } from './template-schema';
import { reportSays, reportText } from '../messages/index';

/** The periods a report must carry, and which of them is the reporting period. */
export type PeriodPlan = { reportingPeriod: string; periods: PeriodRef[] };

/**
 * The periods a template shows for a reporting period and a grant, each with its roles and labels.
 * The model builder computes a value for each; renderers only look them up. Periods with the same days
 * are one entry with several roles (a calendar quarter that is also a fiscal quarter keeps the fiscal
 * code, which the template's columns are named after).
 * @example planPeriods(getTemplate('usaid-iptt')!, '2023-Q2', { start: '2021-01-01', end: '2025-12-31' }).value.reportingPeriod // 'FY2023-Q3'
 */
export function planPeriods(
  template: Pick<ReportTemplate, 'calendar' | 'periods'>,
  reportingPeriod: string,
  grant: { start: string; end: string },
): Result<PeriodPlan, DomainError> {
  const m = template.calendar.fiscalYearStartMonth;
  const rp = parsePeriod(reportingPeriod, { fiscalYearStartMonth: m });
  if (!rp.ok) return rp;
  const log = lifeOfGrant(grant.start, grant.end);
  if (!log.ok) return log;
  if (rp.value.end < grant.start || rp.value.start > grant.end) {
    return err(
      domainError(
        'period-outside-grant',
        reportText('period-outside-grant', rp.value.code, grant.start, grant.end),
      ),
    );
  }
  const fyNumber = fiscalYearNumber(rp.value.end, m);
  // A fiscal year that starts in January is the calendar year: name it and its quarters as such.
  const fy = m === 1 ? yearPeriod(fyNumber) : fiscalYear(fyNumber, m);
  const include = new Set<PeriodRole>(template.periods.include);
  const entries: { period: Period; role: PeriodRole }[] = [];
  const sub = template.periods.subPeriods;
  if (include.has('sub-period') && sub) {
    for (const p of subPeriods(sub.of === 'fiscal-year' ? fy : rp.value, sub.kind, {
      fiscalYearStartMonth: m,
    })) {
      entries.push({ period: p, role: 'sub-period' });
    }
  }
  entries.push({ period: rp.value, role: 'reporting-period' });
  const ranges: [PeriodRole, Result<Period, DomainError>][] = [
    ['year-to-date', rangePeriod(fy.start, rp.value.end)],
    ['fiscal-year', ok(fy)],
    ['grant-to-date', rangePeriod(grant.start, rp.value.end)],
    ['life-of-grant', log],
  ];
  for (const [role, period] of ranges) {
    if (!include.has(role)) continue;
    if (!period.ok) return period;
    entries.push({ period: period.value, role });
  }
  const periods: PeriodRef[] = [];
  const byIndex: Period[] = [];
  let reportingCode = rp.value.code;
  for (const e of entries) {
    const i = byIndex.findIndex((p) => sameDays(p, e.period));
    const existing = i >= 0 ? periods[i] : undefined;
    if (existing) {
      if (!existing.roles.includes(e.role)) existing.roles.push(e.role);
      if (e.role === 'reporting-period') reportingCode = existing.code;
      continue;
    }
    byIndex.push(e.period);
    // A period that runs past the reporting period is reported to its end, and says so.
    const asOf =
      e.period.start <= rp.value.end && e.period.end > rp.value.end ? rp.value.end : undefined;
    periods.push({
      code: e.period.code,
      kind: e.period.kind,
      start: e.period.start,
      end: e.period.end,
      roles: [e.role],
      label: inEachLanguage(
        (l) => formatPeriod(e.period, l) + (asOf ? ` ${toDateLabel(asOf, l)}` : ''),
      ),
      ...(asOf ? { asOf, wholeLabel: inEachLanguage((l) => formatPeriod(e.period, l)) } : {}),
    });
  }
  return ok({ reportingPeriod: reportingCode, periods });
}

/**
 * What a column cut at a day says: « à date (31 mai) », "to date (31 May)".
 * @example toDateLabel('2023-05-31', 'fr') // 'à date (31 mai)'
 */
export function toDateLabel(asOf: string, locale: Locale): string {
  const month = Number(asOf.slice(5, 7));
  const day = Number(asOf.slice(8, 10));
  return reportSays(locale, 'to-date', day, monthName(month, locale));
}

/**
 * THE period a template judges an indicator's status on: that of its indicator sheet's status
 * column, else of its achievement column (the first of them; a block repeated per sub-period
 * stands for the reporting period's), else the reporting period. The preview, the workbook
 * and the pages that show a report's statuses all use it, so one indicator has one status per
 * report (UNDP: the fiscal year's actual against the annual target; USAID's IPTT: the life of
 * the grant).
 * @example statusRole(getTemplate('undp-quarterly')!) // 'fiscal-year'
 */
export function statusRole(template: Pick<ReportTemplate, 'sheets'>): PeriodRole {
  const columns = template.sheets.flatMap((s) => (s.kind === 'indicators' ? s.columns : []));
  for (const measure of ['status', 'achievement'] as const) {
    for (const c of columns) {
      if (c.type === 'value' && c.measure === measure) return c.period as PeriodRole;
      // A block per sub-period: the reporting period's own (a quarter among its year's quarters).
      if (c.type === 'per-sub-period' && c.measures.includes(measure)) return 'reporting-period';
    }
  }
  return 'reporting-period';
}
