import { formulaReferences, must, parseFormula, type IndicatorSource } from '@jalon/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { indicator, resultNode } from '../../schema/index';
import { type CommandFailure, type CommandResult, type Tx, writeAudit } from '../../command';
import { locksOf } from '../period-lock/queries';
import { indicatorUses, removeUnlessUsed } from '../record-uses';

/**
 * An indicator's fields as the API has checked them against the engine's definition (the source
 * parses, a formula's references exist and loop nowhere): stored as given, `source_kind` from it.
 */
export interface IndicatorInput {
  code: string;
  title: string;
  titleEn: string;
  description: string | null;
  /** The results-framework node (and so the grant) the indicator reports under. */
  resultNodeId: string | null;
  unit: (typeof indicator.$inferInsert)['unit'] & string;
  direction: (typeof indicator.$inferInsert)['direction'] & string;
  timeRule: (typeof indicator.$inferInsert)['timeRule'] & string;
  /** The step of a `latest`, `max` or `average` indicator; null for the default (month). */
  subPeriod: (typeof indicator.$inferSelect)['subPeriod'];
  cumulative: boolean;
  /** How its achievement is measured, when the M&E officer chose; null: template and direction. */
  achievementRule?: (typeof indicator.$inferSelect)['achievementRule'];
  source: IndicatorSource;
  dimensions: string[];
  sourceOfVerification: string | null;
}

async function indicatorRow(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(indicator)
    .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, id)));
  return r;
}

async function missingNode(
  tx: Tx,
  organisationId: string,
  nodeId: string | null,
): Promise<CommandFailure | null> {
  if (!nodeId) return null;
  const [n] = await tx
    .select({ id: resultNode.id })
    .from(resultNode)
    .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.id, nodeId)));
  return n ? null : { kind: 'unknown-reference', what: 'result-node', ids: [nodeId] };
}

/**
 * The indicators a formula names, locked `for share` for the rest of the transaction: a delete of
 * one of them (which locks it `for update`, then counts the formulas naming it) either waits for
 * this transaction and then finds the new formula, or runs first and this one finds the code gone.
 * So a formula never ends up naming a removed indicator. Refused (`unknown-reference`, the codes)
 * when one is missing; the API has checked the formula with the engine before, this holds it.
 */
async function lockFormulaReferences(
  tx: Tx,
  organisationId: string,
  source: IndicatorSource,
): Promise<CommandFailure | null> {
  if (source.kind !== 'formula') return null;
  const parsed = parseFormula(source.expression);
  if (!parsed.ok) return null;
  const codes = [...new Set(formulaReferences(parsed.value))];
  if (codes.length === 0) return null;
  const found = await tx
    .select({ code: indicator.code })
    .from(indicator)
    .where(and(eq(indicator.organisationId, organisationId), inArray(indicator.code, codes)))
    .for('share');
  const missing = codes.filter((c) => !found.some((f) => f.code === c));
  return missing.length ? { kind: 'unknown-reference', what: 'indicator', ids: missing } : null;
}

/** The indicators of an organisation as a formula check reads them: code and stored source. */
export type StoredFormulaSet = readonly {
  id: string;
  code: string;
  source: Record<string, unknown>;
}[];

/**
 * The caller's check of a formula against the organisation's indicators as they stand once no
 * other formula can change (the engine's refusal — a loop through them, a code gone — or null).
 */
export type FormulaRecheck = (stored: StoredFormulaSet) => { fr: string; en: string } | null;

/** The first key of the transaction lock held while a formula is written ("form" in ASCII). */
const FORMULA_SET_LOCK = 0x666f726d;

/**
 * While a formula is written, no other formula of the organisation is: a transaction lock on its
 * formula set (the second key from its id), then the caller's check of the formula against the
 * indicators as they now stand. Without it two formulas saved at the same moment to name each
 * other would each be checked against the other's old definition and both pass: a loop. Taken
 * first, before any row lock, so two such writes wait in line instead of deadlocking.
 */
async function lockFormulaSet(
  tx: Tx,
  organisationId: string,
  source: IndicatorSource,
  recheck: FormulaRecheck | undefined,
): Promise<CommandFailure | null> {
  if (source.kind !== 'formula') return null;
  await tx.execute(
    sql`select pg_advisory_xact_lock(${FORMULA_SET_LOCK}, hashtext(${organisationId}))`,
  );
  if (!recheck) return null;
  const stored = await tx
    .select({ id: indicator.id, code: indicator.code, source: indicator.source })
    .from(indicator)
    .where(eq(indicator.organisationId, organisationId));
  const message = recheck(stored);
  return message ? { kind: 'invalid', message } : null;
}

const columns = (input: Omit<IndicatorInput, 'code'>) => ({
  title: input.title,
  titleEn: input.titleEn,
  description: input.description,
  resultNodeId: input.resultNodeId,
  unit: input.unit,
  direction: input.direction,
  timeRule: input.timeRule,
  subPeriod: input.subPeriod,
  cumulative: input.cumulative,
  achievementRule: input.achievementRule ?? null,
  sourceKind: input.source.kind,
  source: input.source as Record<string, unknown>,
  dimensions: input.dimensions,
  sourceOfVerification: input.sourceOfVerification,
});

/**
 * Records an indicator (its code unique in the organisation), with an audit row; a formula's
 * indicators are locked while it is written ({@link lockFormulaReferences}) and the formula is
 * checked again by `recheck` once no other formula can change ({@link lockFormulaSet}).
 */
export async function createIndicator(
  db: Database,
  organisationId: string,
  input: IndicatorInput,
  actor: { userId: string | null } = { userId: null },
  recheck?: FormulaRecheck,
): Promise<CommandResult<{ id: string; code: string }>> {
  return db.transaction(async (tx) => {
    const looping = await lockFormulaSet(tx, organisationId, input.source, recheck);
    if (looping) return { ok: false, error: looping };
    const missing =
      (await missingNode(tx, organisationId, input.resultNodeId)) ??
      (await lockFormulaReferences(tx, organisationId, input.source));
    if (missing) return { ok: false, error: missing };
    const [created] = await tx
      .insert(indicator)
      .values({ organisationId, code: input.code, ...columns(input) })
      .onConflictDoNothing({ target: [indicator.organisationId, indicator.code] })
      .returning({ id: indicator.id, code: indicator.code });
    if (!created) return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'create',
      entity: 'indicator',
      entityId: created.id,
      after: await indicatorRow(tx, organisationId, created.id),
    });
    return { ok: true, value: created };
  });
}

async function nodeGrant(tx: Tx, organisationId: string, nodeId: string | null) {
  if (!nodeId) return null;
  const [n] = await tx
    .select({ grantId: resultNode.grantId })
    .from(resultNode)
    .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.id, nodeId)));
  return n?.grantId ?? null;
}

/**
 * Corrects an indicator's definition. Its code stays: formulas, targets' reports and exports name
 * indicators by code. Once a report of its grant is submitted (a period locked), what its values
 * mean is frozen: `changed` names the parts of the definition the caller found different (source,
 * time rule and its sub-period, cumulative, dimensions, unit, direction), and such a change — or a move to another
 * grant's results framework — is refused, naming the locked periods. Titles, description and
 * source of verification may still change, and so may the node within the same grant. A formula
 * is checked again by `recheck` once no other formula can change ({@link lockFormulaSet}).
 */
export async function updateIndicator(
  db: Database,
  organisationId: string,
  id: string,
  input: Omit<IndicatorInput, 'code'>,
  actor: { userId: string | null } = { userId: null },
  changed: readonly string[] = [],
  recheck?: FormulaRecheck,
): Promise<CommandResult<{ id: string; code: string }>> {
  return db.transaction(async (tx) => {
    const looping = await lockFormulaSet(tx, organisationId, input.source, recheck);
    if (looping) return { ok: false, error: looping };
    const [before] = await tx
      .select()
      .from(indicator)
      .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, id)))
      .for('update');
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const missing =
      (await missingNode(tx, organisationId, input.resultNodeId)) ??
      (await lockFormulaReferences(tx, organisationId, input.source));
    if (missing) return { ok: false, error: missing };
    const grantId = await nodeGrant(tx, organisationId, before.resultNodeId);
    const fields = [...changed];
    if (grantId && (await nodeGrant(tx, organisationId, input.resultNodeId)) !== grantId)
      fields.push('grant');
    // Under another node of the same grant: a submitted report ranged it under the first one.
    else if (grantId && before.resultNodeId !== input.resultNodeId) fields.push('node');
    if (grantId && fields.length) {
      const locks = await locksOf(tx, organisationId, [grantId]);
      if (locks.length)
        return {
          ok: false,
          error: {
            kind: 'frozen',
            grant: must(locks[0], 'the first locked period').grant,
            periods: locks.map((l) => l.period),
            fields,
          },
        };
    }
    await tx
      .update(indicator)
      .set({ ...columns(input), updatedAt: sql`now()` })
      .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, id)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'indicator',
      entityId: id,
      before,
      after: await indicatorRow(tx, organisationId, id),
    });
    return { ok: true, value: { id, code: before.code } };
  });
}

/**
 * Removes an indicator defined by mistake, only while nothing depends on it: no target, baseline,
 * value entered by hand or comment, no formula naming its code, no submitted report of its grant.
 * Otherwise refused with what depends on it and how many; the row is locked `for update` first,
 * so a target or a value written at the same moment waits and then finds it gone. Audited with
 * the indicator as it was.
 */
export async function deleteIndicator(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return removeUnlessUsed(db, organisationId, id, actor, 'indicator', {
    lock: async (tx) =>
      (
        await tx
          .select()
          .from(indicator)
          .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, id)))
          .for('update')
      )[0],
    uses: (tx, locked) => indicatorUses(tx, organisationId, locked),
    remove: async (tx, before) => {
      await tx
        .delete(indicator)
        .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, id)));
      return before;
    },
  });
}
