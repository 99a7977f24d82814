import { formulaReferences, parseFormula } from '@jalon/domain';
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { inUse, type CommandResult, type Use, type Tx, writeAudit } from '../command';
import { indicator } from '../schema/index';

/**
 * What still uses a place, a programme or a grant, counted inside the removing transaction (after
 * the record's row is locked `for update`, so nothing can start referring to it meanwhile). Some
 * uses are foreign keys the database would refuse (500) or, worse, cascade over silently (a grant's
 * activity links, its comments); others are not keys at all (an access scope, an indicator filter
 * naming a code or a path) and would be left pointing at nothing.
 */

async function counts(tx: Tx, query: SQL): Promise<Record<string, number>> {
  const result = (await tx.execute(query)) as unknown;
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  const row = (rows[0] ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** Indicators whose stored filter lists `value` under `key` (`programmes`, `grants`, `places`). */
const filterNames = (
  organisationId: string,
  key: 'programmes' | 'grants' | 'places',
  value: string,
) => {
  const list = sql.raw(`n.source -> 'filter' -> '${key}'`);
  return sql`(select count(*)::int from indicator n where n.organisation_id = ${organisationId}
        and jsonb_typeof(${list}) = 'array' and ${list} @> jsonb_build_array(${value}::text))`;
};

/** Child places, activities held there, incidents located there, indicator filters naming its path. */
export async function placeUses(
  tx: Tx,
  organisationId: string,
  p: { id: string; path: string },
): Promise<Use[]> {
  const c = await counts(
    tx,
    sql`select
      (select count(*)::int from place c where c.organisation_id = ${organisationId} and c.parent_id = ${p.id}) as places,
      (select count(distinct ap.activity_id)::int from activity_place ap where ap.organisation_id = ${organisationId} and ap.place_id = ${p.id}) as activities,
      (select count(*)::int from incident i where i.organisation_id = ${organisationId} and i.place_id = ${p.id}) as incidents,
      ${filterNames(organisationId, 'places', p.path)} as filters`,
  );
  return [
    { by: 'place', count: c.places ?? 0 },
    { by: 'activity', count: c.activities ?? 0 },
    { by: 'incident', count: c.incidents ?? 0 },
    { by: 'indicator-filter', count: c.filters ?? 0 },
  ];
}

/**
 * Its activities, incidents and deliverables, the grants that fund it, the programme officers
 * limited to it, and indicator filters naming its code.
 */
export async function programmeUses(
  tx: Tx,
  organisationId: string,
  p: { id: string; code: string },
): Promise<Use[]> {
  const c = await counts(
    tx,
    sql`select
      (select count(*)::int from activity a where a.organisation_id = ${organisationId} and a.programme_id = ${p.id}) as activities,
      (select count(*)::int from incident i where i.organisation_id = ${organisationId} and i.programme_id = ${p.id}) as incidents,
      (select count(*)::int from deliverable d where d.organisation_id = ${organisationId} and d.programme_id = ${p.id}) as deliverables,
      (select count(*)::int from grant_programme gp where gp.organisation_id = ${organisationId} and gp.programme_id = ${p.id}) as grants,
      (select count(*)::int from membership_scope s where s.organisation_id = ${organisationId} and s.scope_kind = 'programme' and s.scope_id = ${p.id}) as access,
      ${filterNames(organisationId, 'programmes', p.code)} as filters`,
  );
  return [
    { by: 'activity', count: c.activities ?? 0 },
    { by: 'incident', count: c.incidents ?? 0 },
    { by: 'deliverable', count: c.deliverables ?? 0 },
    { by: 'grant', count: c.grants ?? 0 },
    { by: 'user-access', count: c.access ?? 0 },
    { by: 'indicator-filter', count: c.filters ?? 0 },
  ];
}

/**
 * Its activities and deliverables, the indicators of its results framework (and so their targets
 * and values), its submitted reports and locked periods, restatements and comments, the donor
 * viewers limited to it, and indicator filters naming its code. Its own results framework and its
 * links to programmes are part of it, not uses.
 */
export async function grantUses(
  tx: Tx,
  organisationId: string,
  g: { id: string; code: string },
): Promise<Use[]> {
  const c = await counts(
    tx,
    sql`select
      (select count(*)::int from activity_grant ag where ag.organisation_id = ${organisationId} and ag.grant_id = ${g.id}) as activities,
      (select count(*)::int from deliverable d where d.organisation_id = ${organisationId} and d.grant_id = ${g.id}) as deliverables,
      (select count(*)::int from indicator n join result_node rn on rn.id = n.result_node_id
        where n.organisation_id = ${organisationId} and rn.grant_id = ${g.id}) as indicators,
      (select count(*)::int from report_snapshot r where r.organisation_id = ${organisationId} and r.grant_id = ${g.id}) as snapshots,
      (select count(*)::int from period_lock l where l.organisation_id = ${organisationId} and l.grant_id = ${g.id}) as locks,
      (select count(*)::int from restatement r where r.organisation_id = ${organisationId} and r.grant_id = ${g.id}) as restatements,
      (select count(*)::int from indicator_comment ic where ic.organisation_id = ${organisationId} and ic.grant_id = ${g.id}) as comments,
      (select count(*)::int from membership_scope s where s.organisation_id = ${organisationId} and s.scope_kind = 'grant' and s.scope_id = ${g.id}) as access,
      ${filterNames(organisationId, 'grants', g.code)} as filters`,
  );
  return [
    { by: 'activity', count: c.activities ?? 0 },
    { by: 'deliverable', count: c.deliverables ?? 0 },
    { by: 'indicator', count: c.indicators ?? 0 },
    { by: 'report-snapshot', count: c.snapshots ?? 0 },
    { by: 'period-lock', count: c.locks ?? 0 },
    { by: 'restatement', count: c.restatements ?? 0 },
    { by: 'indicator-comment', count: c.comments ?? 0 },
    { by: 'user-access', count: c.access ?? 0 },
    { by: 'indicator-filter', count: c.filters ?? 0 },
  ];
}

/** The other indicators whose formula names `code` (read with the engine's own parser). */
async function formulasNaming(tx: Tx, organisationId: string, id: string, code: string) {
  const formulas = await tx
    .select({ source: indicator.source })
    .from(indicator)
    .where(
      and(
        eq(indicator.organisationId, organisationId),
        eq(indicator.sourceKind, 'formula'),
        ne(indicator.id, id),
      ),
    );
  return formulas.filter((f) => {
    const expression = (f.source as { expression?: unknown }).expression;
    if (typeof expression !== 'string') return false;
    const parsed = parseFormula(expression);
    return parsed.ok && formulaReferences(parsed.value).includes(code);
  }).length;
}

/**
 * What an indicator's removal would break: its targets and baseline, values entered by hand,
 * comments, the formulas that name it, and the submitted reports of its grant (they counted it).
 */
export async function indicatorUses(
  tx: Tx,
  organisationId: string,
  n: { id: string; code: string; resultNodeId: string | null },
): Promise<Use[]> {
  const c = await counts(
    tx,
    sql`select
      (select count(*)::int from target t where t.organisation_id = ${organisationId} and t.indicator_id = ${n.id}) as targets,
      (select count(*)::int from baseline b where b.organisation_id = ${organisationId} and b.indicator_id = ${n.id}) as baselines,
      (select count(*)::int from manual_value v where v.organisation_id = ${organisationId} and v.indicator_id = ${n.id}) as "values",
      (select count(*)::int from indicator_comment c where c.organisation_id = ${organisationId} and c.indicator_id = ${n.id}) as comments,
      (select count(*)::int from report_snapshot r join result_node rn
          on rn.organisation_id = r.organisation_id and rn.grant_id = r.grant_id
        where r.organisation_id = ${organisationId} and rn.id = ${n.resultNodeId}) as reports`,
  );
  return [
    { by: 'target', count: c.targets ?? 0 },
    { by: 'baseline', count: c.baselines ?? 0 },
    { by: 'manual-value', count: c.values ?? 0 },
    { by: 'formula', count: await formulasNaming(tx, organisationId, n.id, n.code) },
    { by: 'indicator-comment', count: c.comments ?? 0 },
    { by: 'report-snapshot', count: c.reports ?? 0 },
  ];
}

/**
 * Removes a record unless something still uses it, in one transaction: its row is locked, its
 * uses counted, and only when there are none is it removed and the removal audited with what
 * `remove` says it was. Used by the removal of places, programmes, grants, donors and indicators.
 */
export async function removeUnlessUsed<T>(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null },
  entity: string,
  steps: {
    lock: (tx: Tx) => Promise<T | undefined>;
    uses: (tx: Tx, row: T) => Promise<Use[]>;
    /** Removes the record (and what belongs to it); returns what the audit row keeps. */
    remove: (tx: Tx, row: T) => Promise<unknown>;
  },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const row = await steps.lock(tx);
    if (!row) return { ok: false, error: { kind: 'not-found' } };
    const used = inUse(await steps.uses(tx, row));
    if (used) return { ok: false, error: used };
    const before = await steps.remove(tx, row);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'delete',
      entity,
      entityId: id,
      before,
    });
    return { ok: true, value: { id } };
  });
}
