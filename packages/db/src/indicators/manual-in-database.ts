import {
  err,
  manualIndicatorValue,
  notComputable,
  parseCellKey,
  type ComputedPart,
  type ComputeOptions,
  type DayWindow,
  type IndicatorDefinition,
  type ManualValue,
  type NotComputable,
  type Qualifier,
  type Result,
} from '@jalon/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client';

type ManualRow = {
  period_code: string;
  period_start: string;
  period_end: string;
  cell_key: string;
  value: string;
  qualifier: Qualifier;
  numerator: string | null;
  denominator: string | null;
};

/**
 * The order values are handed to the engine in: by period, then by period code (two codes may
 * name the same days, `2023-Q2` and `2023-04-01..2023-06-30`, and the engine keeps the later of
 * such values, or counts both when they are the period itself) and by cell. `collate "C"` makes
 * the order the same on every server, and the same as a code-point sort in JavaScript.
 */
export const MANUAL_VALUE_ORDER = sql`mv.period_start, mv.period_end, mv.period_code collate "C", mv.cell_key collate "C"`;

/**
 * The value of a `manual` indicator over a window: the database reads the values entered for the
 * indicator whose period lies inside the window (the only ones any time rule can use), and only
 * the totals unless a breakdown of summed values is asked for; the engine's own
 * `manualIndicatorValue` then applies the time rule, coverage, ratio and breakdown rules.
 *
 * Every stored value counts, whatever its approval status (draft, submitted or validated): the
 * engine's manual values carry no status, and reports count activities whatever their status too
 * (the workflow records who checked a figure; it does not decide which figures exist).
 */
export async function manualInDatabase(
  db: Database,
  organisationId: string,
  def: IndicatorDefinition,
  w: DayWindow,
  options: Pick<ComputeOptions, 'breakdown' | 'dimensions'>,
): Promise<Result<ComputedPart, NotComputable>> {
  // Cells are read beside summed totals only: other rules combine totals and never break down.
  const withCells = def.timeRule === 'sum' && (options.breakdown ?? []).length > 0;
  const rows = await queryRows<ManualRow>(
    db,
    sql`select mv.period_code, mv.period_start::text as period_start, mv.period_end::text as period_end,
               mv.cell_key, mv.value::text as value, mv.qualifier,
               mv.numerator::text as numerator, mv.denominator::text as denominator
          from manual_value mv
          join indicator i on i.organisation_id = mv.organisation_id and i.id = mv.indicator_id
         where mv.organisation_id = ${organisationId} and i.code = ${def.code}
           and mv.period_start >= ${w.start} and mv.period_end <= ${w.end}
           ${withCells ? sql`` : sql`and mv.cell_key = ''`}
         order by ${MANUAL_VALUE_ORDER}`,
  );
  const values: ManualValue[] = [];
  for (const r of rows) {
    const v: ManualValue = {
      indicator: def.code,
      period: { code: r.period_code, start: r.period_start, end: r.period_end },
      value: Number(r.value),
      qualifier: r.qualifier,
    };
    if (r.numerator !== null) v.numerator = Number(r.numerator);
    if (r.denominator !== null) v.denominator = Number(r.denominator);
    if (r.cell_key !== '') {
      const key = parseCellKey(r.cell_key);
      if (!key.ok)
        return err(
          notComputable('inconsistent-data', key.error.message.fr, key.error.message.en, def.code),
        );
      v.breakdown = key.value;
    }
    values.push(v);
  }
  return manualIndicatorValue(def, values, w, options);
}
