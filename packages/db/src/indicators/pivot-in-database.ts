import { figureOf, type PivotCell, type PivotPlan } from '@jalon/domain';
import type { Database } from '../client';
import { computeIndicatorInDatabase, expectIndicatorInDatabase } from './compute-in-database';
import { WindowCache } from './window-cache';

/**
 * A pivot table computed in the database: every planned cell (members and totals) is an
 * indicator computed in SQL by `computeIndicatorInDatabase`, the path of `indicator.values`,
 * announced first to one cache so the cells of a window share one reading of its facts. Held
 * equal to the domain's `pivotInMemory` by a differential test on generated data.
 */
export async function pivotInDatabase(
  db: Database,
  organisationId: string,
  plan: PivotPlan,
): Promise<PivotCell[]> {
  const cache = new WindowCache(db, organisationId);
  for (const c of plan.cells) expectIndicatorInDatabase(c.definition, c.period, { cache });
  const out: PivotCell[] = [];
  for (const c of plan.cells) {
    const r = await computeIndicatorInDatabase(db, organisationId, c.definition, c.period, {
      cache,
    });
    out.push({
      row: c.row,
      column: c.column,
      figure: r.ok ? figureOf(r.value) : null,
      notComputable: r.ok ? null : r.error.message,
    });
  }
  return out;
}
