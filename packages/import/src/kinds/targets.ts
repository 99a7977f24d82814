import { cellKeyToString, parsePeriod } from '@jalon/domain';
import { normalizeName } from '../names';
import { RowReader, type CheckedRow, type MappedRow, type ReadContext } from '../rows';

/** An indicator a targets row can name: its code first, and the grant whose framework holds it. */
export interface IndicatorRef {
  id: string;
  names: string[];
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
interface Span {
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
 * One targets row checked: nature (« Cible » by default, or « Référence »), indicator by code,
 * the grant when given (it must be the indicator's), the period read on the grant's calendar
 * (`FY2024` follows its fiscal year; `LOG` the life of the grant) or, for a baseline, its year,
 * the value, and the breakdown cell (sex, age group, disability, category) if any. The row's id
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
  const breakdown: Record<string, string> = {};
  for (const dimension of ['sex', 'age', 'disability', 'category'] as const) {
    const code = r.choice(dimension, dimension);
    if (code !== null) breakdown[dimension] = code;
  }
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
  } else if (periodText !== null && indicator) {
    const lifeOfGrant = LIFE_OF_GRANT.has(normalizeName(periodText));
    if (lifeOfGrant && !indicator.grant)
      r.issue('not-a-period', 'period', {
        fr: 'Cet indicateur n’appartient à aucune subvention\u202f: il n’a pas de cible pour la durée de la subvention',
        en: 'This indicator belongs to no grant: it has no life-of-grant target',
      });
    else if (lifeOfGrant && indicator.grant)
      period = {
        period: 'LOG',
        periodCode: 'LOG',
        periodStart: indicator.grant.startDate,
        periodEnd: indicator.grant.endDate,
        lifeOfGrant: true,
      };
    else {
      const fy = indicator.grant?.fiscalYearStartMonth;
      const p = parsePeriod(periodText, fy ? { fiscalYearStartMonth: fy } : {});
      if (!p.ok) r.issue('not-a-period', 'period', p.error.message);
      else
        period = {
          period: periodText,
          periodCode: p.value.code,
          periodStart: p.value.start,
          periodEnd: p.value.end,
          lifeOfGrant: false,
        };
    }
  }
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
    if (nature === 'baseline' && year !== null) record = { ...base, nature, year };
    else if (period) record = { ...base, nature: 'target', ...period };
  }
  return { rowNumber: row.rowNumber, externalId, issues: r.issues, record };
}
