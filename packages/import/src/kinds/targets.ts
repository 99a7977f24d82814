import { cellKeyToString, dimensionName, isCellOf, parsePeriod } from '@jalon/domain';
import { normalizeName } from '../names';
import { RowReader, type CheckedRow, type MappedRow, type ReadContext } from '../rows';

/** An indicator a targets row can name: its code first, and the grant whose framework holds it. */
export interface IndicatorRef {
  id: string;
  names: string[];
  /** The dimensions it is broken down by: a row's cell must be one of theirs. */
  dimensions: readonly string[];
  grant: {
    id: string;
    startDate: string;
    endDate: string;
    fiscalYearStartMonth: number;
  } | null;
}

/**
 * A target (for a period, or `LOG` for the life of the grant) or a baseline of one indicator and
 * breakdown cell, as the import will write it through the target commands.
 */
export type TargetRecord = {
  externalId: string;
  indicatorId: string;
  /** The breakdown cell (`{}` the total), as the API's `target.set` takes it. */
  breakdown: Record<string, string>;
  value: number;
} & (({ nature: 'target' } & Span) | { nature: 'baseline'; year: number });

/** A target's period as read on its grant's calendar. */
export interface Span {
  /** As the user wrote it (`2024-Q2`, `FY2024`, `LOG`): what the API's `target.set` reads. */
  period: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  lifeOfGrant: boolean;
}

/** The words a user may write for the life of the grant. */
const LIFE_OF_GRANT = new Set(['log', 'duree', 'duree de la subvention', 'life of grant']);

/**
 * A period as the user wrote it, read on the indicator's grant calendar (`FY2024` follows its
 * fiscal year); `LOG` (the life of the grant) only where `lifeOfGrant` allows it. Null, with the
 * issue said on `period`, when it cannot be read.
 */
export function readSpan(
  r: RowReader,
  indicator: IndicatorRef,
  periodText: string,
  lifeOfGrant: boolean,
): Span | null {
  const log = LIFE_OF_GRANT.has(normalizeName(periodText));
  if (log && (!lifeOfGrant || !indicator.grant)) {
    r.issue(
      'not-a-period',
      'period',
      lifeOfGrant
        ? {
            fr: 'Cet indicateur n’appartient à aucune subvention\u202f: il n’a pas de cible pour la durée de la subvention',
            en: 'This indicator belongs to no grant: it has no life-of-grant target',
          }
        : {
            fr: 'Une valeur saisie porte sur une période (2024, 2024-Q2, 2024-04…), pas sur la durée de la subvention',
            en: 'An entered value is for a period (2024, 2024-Q2, 2024-04…), not the life of the grant',
          },
    );
    return null;
  }
  if (log && indicator.grant)
    return {
      period: 'LOG',
      periodCode: 'LOG',
      periodStart: indicator.grant.startDate,
      periodEnd: indicator.grant.endDate,
      lifeOfGrant: true,
    };
  const fy = indicator.grant?.fiscalYearStartMonth;
  const p = parsePeriod(periodText, fy ? { fiscalYearStartMonth: fy } : {});
  if (!p.ok) {
    r.issue('not-a-period', 'period', p.error.message);
    return null;
  }
  return {
    period: periodText,
    periodCode: p.value.code,
    periodStart: p.value.start,
    periodEnd: p.value.end,
    lifeOfGrant: false,
  };
}

/** The breakdown cell a row names (sex, age group, disability, category): `{}` is the total. */
export function readBreakdown(
  r: RowReader,
  indicator: IndicatorRef | undefined,
): Record<string, string> {
  const breakdown: Record<string, string> = {};
  for (const dimension of ['sex', 'age', 'disability', 'category'] as const) {
    const code = r.choice(dimension, dimension);
    if (code !== null) breakdown[dimension] = code;
  }
  // A cell the indicator is not broken down by would be written and never read.
  if (indicator && !isCellOf(breakdown, indicator.dimensions)) {
    const code = indicator.names[0] ?? '';
    const names = (codes: readonly string[], locale: 'fr' | 'en') =>
      codes.map((d) => dimensionName(d)?.[locale] ?? d).join(', ');
    const extra = Object.keys(breakdown).filter((d) => !indicator.dimensions.includes(d));
    const shown = extra.length > 0 ? extra : Object.keys(breakdown);
    const has = indicator.dimensions;
    r.issue('not-a-breakdown', shown[0] ?? 'sex', {
      fr: has.length
        ? `L’indicateur ${code} est ventilé par ${names(has, 'fr')}\u202f: pas par ${names(shown, 'fr')}`
        : `L’indicateur ${code} n’est ventilé par aucune dimension`,
      en: has.length
        ? `Indicator ${code} is broken down by ${names(has, 'en')}, not by ${names(shown, 'en')}`
        : `Indicator ${code} is broken down by no dimension`,
    });
  }
  return breakdown;
}

/**
 * The date a baseline was measured (`date`, optional): a readable date within the baseline's
 * year; on a target row, refused (a target has a period, not a date).
 */
function baselineDate(
  r: RowReader,
  nature: 'target' | 'baseline',
  year: number | null,
): string | null {
  const date = r.date('date');
  if (date === null) return null;
  if (nature !== 'baseline') {
    r.issue('out-of-range', 'date', {
      fr: 'Seule une valeur de référence a une date\u202f: une cible porte sur une période',
      en: 'Only a baseline has a date: a target is for a period',
    });
    return null;
  }
  if (year !== null && Number(date.slice(0, 4)) !== year) {
    r.issue('out-of-range', 'date', {
      fr: `La date de la valeur de référence (${date}) n’est pas dans son année ${year}`,
      en: `The baseline’s date (${date}) is not in its year ${year}`,
    });
    return null;
  }
  return date;
}

/**
 * One targets row checked: nature (« Cible » by default, or « Référence »), indicator by code,
 * the grant when given (it must be the indicator's), the period read on the grant's calendar
 * (`FY2024` follows its fiscal year; `LOG` the life of the grant) or, for a baseline, its year,
 * the value, the breakdown cell (sex, age group, disability, category) if any, and a baseline's
 * date (within its year). The row's id
 * is the indicator, nature, period and cell: the same target twice in one file is refused.
 */
export function checkTargetRow(
  row: MappedRow,
  ctx: ReadContext,
  indicators: readonly IndicatorRef[],
): CheckedRow<TargetRecord> {
  const r = new RowReader(row, ctx);
  const nature = (r.choice('nature', 'targetNature') ?? 'target') as 'target' | 'baseline';
  const indicatorId = r.ref('indicator', ctx.refs.indicators);
  r.required('indicator', indicatorId, r.failed('indicator'));
  const indicator = indicators.find((i) => i.id === indicatorId);
  const grantId = r.ref('grant', ctx.refs.grants);
  if (indicator && grantId !== null && indicator.grant?.id !== grantId)
    r.issue('grant-mismatch', 'grant', {
      fr: `L’indicateur ${indicator.names[0] ?? ''} n’appartient pas à cette subvention${indicator.grant ? '' : ' (il n’est rattaché à aucune)'}`,
      en: `Indicator ${indicator.names[0] ?? ''} does not belong to this grant${indicator.grant ? '' : ' (it belongs to none)'}`,
    });
  const value = r.number('value');
  r.required('value', value, r.failed('value'));
  const breakdown = readBreakdown(r, indicator);
  const periodText = r.text('period');
  r.required('period', periodText, r.failed('period'));
  let period: Span | null = null;
  let year: number | null = null;
  if (periodText !== null && nature === 'baseline') {
    year = /^\d{4}$/.test(periodText) ? Number(periodText) : null;
    if (year === null || year < 1990 || year > 2100)
      r.issue('not-a-period', 'period', {
        fr: 'L’année d’une valeur de référence s’écrit sur quatre chiffres, de 1990 à 2100',
        en: 'The year of a baseline is written with four digits, from 1990 to 2100',
      });
  } else if (periodText !== null && indicator) period = readSpan(r, indicator, periodText, true);
  const date = baselineDate(r, nature, year);
  const cellKey = cellKeyToString(breakdown);
  const code = indicator?.names[0] ?? null;
  const externalId =
    code === null
      ? null
      : nature === 'baseline'
        ? `${code}|reference|${cellKey}`
        : period
          ? `${code}|${period.periodCode}|${cellKey}`
          : null;
  const rejected = r.issues.some((i) => i.severity === 'error');
  let record: TargetRecord | null = null;
  if (!rejected && externalId !== null && indicatorId !== null && value !== null) {
    const base = { externalId, indicatorId, breakdown, value };
    if (nature === 'baseline' && year !== null)
      record = { ...base, nature, year, ...(date === null ? {} : { date }) };
    else if (period) record = { ...base, nature: 'target', ...period };
  }
  return { rowNumber: row.rowNumber, externalId, issues: r.issues, record };
}
