import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  donor,
  grant,
  grantProgramme,
  indicator,
  programme,
  resultNode,
  type ResultLevel,
} from '../../schema/index';
import { type CommandFailure, type CommandResult, writeAudit, type Tx } from '../../command';
import { lockedFailure, locksOf } from '../period-lock/queries';
import { grantUses, removeUnlessUsed } from '../record-uses';
import type { ResultNodeRow } from './queries';
import { must } from '@jalon/domain';
import { refused } from '../../messages/index';

export interface GrantInput {
  donorId: string;
  code: string;
  title: string;
  titleEn: string | null;
  startDate: string;
  endDate: string;
  currency: string;
  amount: number | null;
  fiscalYearStartMonth: number;
  reportTemplate: string;
  iatiIdentifier: string | null;
  donorReference: string | null;
  businessUnit: string | null;
  projectId: string | null;
  programmeIds: string[];
}

async function grantRow(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(grant)
    .where(and(eq(grant.organisationId, organisationId), eq(grant.id, id)));
  if (!r) return undefined;
  const links = await tx
    .select({ programmeId: grantProgramme.programmeId })
    .from(grantProgramme)
    .where(eq(grantProgramme.grantId, id));
  return { ...r, programmeIds: links.map((l) => l.programmeId).sort() };
}

async function missingReferences(
  tx: Tx,
  organisationId: string,
  input: Pick<GrantInput, 'donorId' | 'programmeIds'>,
): Promise<CommandFailure | null> {
  const [d] = await tx
    .select({ id: donor.id })
    .from(donor)
    .where(and(eq(donor.organisationId, organisationId), eq(donor.id, input.donorId)));
  if (!d) return { kind: 'unknown-reference', what: 'donor', ids: [input.donorId] };
  if (input.programmeIds.length === 0) return null;
  const found = await tx
    .select({ id: programme.id })
    .from(programme)
    .where(
      and(eq(programme.organisationId, organisationId), inArray(programme.id, input.programmeIds)),
    );
  const missing = input.programmeIds.filter((id) => !found.some((f) => f.id === id));
  return missing.length ? { kind: 'unknown-reference', what: 'programme', ids: missing } : null;
}

async function linkProgrammes(tx: Tx, organisationId: string, grantId: string, ids: string[]) {
  await tx.delete(grantProgramme).where(eq(grantProgramme.grantId, grantId));
  if (ids.length)
    await tx
      .insert(grantProgramme)
      .values([...new Set(ids)].map((programmeId) => ({ organisationId, grantId, programmeId })));
}

/** Records a grant with the programmes it funds, all or nothing, with an audit row. */
export async function createGrant(
  db: Database,
  organisationId: string,
  input: GrantInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string; code: string }>> {
  return db.transaction(async (tx) => {
    const missing = await missingReferences(tx, organisationId, input);
    if (missing) return { ok: false, error: missing };
    const { programmeIds, ...fields } = input;
    const [created] = await tx
      .insert(grant)
      .values({ organisationId, ...fields })
      .onConflictDoNothing({ target: [grant.organisationId, grant.code] })
      .returning({ id: grant.id, code: grant.code });
    if (!created) return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    await linkProgrammes(tx, organisationId, created.id, programmeIds);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'create',
      entity: 'grant',
      entityId: created.id,
      after: await grantRow(tx, organisationId, created.id),
    });
    return { ok: true, value: created };
  });
}

/**
 * Corrects a grant. Its code stays (indicator filters and reports name grants by code). Once a
 * report has locked one of its periods, the calendar it was reported on (dates, fiscal year start
 * month) is fixed: changing it would move what the submitted report counted.
 */
export async function updateGrant(
  db: Database,
  organisationId: string,
  id: string,
  input: Omit<GrantInput, 'code'>,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string; code: string }>> {
  return db.transaction(async (tx) => {
    const before = await grantRow(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const missing = await missingReferences(tx, organisationId, input);
    if (missing) return { ok: false, error: missing };
    const calendarChanged =
      before.startDate !== input.startDate ||
      before.endDate !== input.endDate ||
      before.fiscalYearStartMonth !== input.fiscalYearStartMonth;
    if (calendarChanged) {
      const [lock] = await locksOf(tx, organisationId, [id], { hold: false });
      if (lock) return { ok: false, error: lockedFailure(lock) };
    }
    const { programmeIds, ...fields } = input;
    await tx
      .update(grant)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(and(eq(grant.organisationId, organisationId), eq(grant.id, id)));
    await linkProgrammes(tx, organisationId, id, programmeIds);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'grant',
      entityId: id,
      before,
      after: await grantRow(tx, organisationId, id),
    });
    return { ok: true, value: { id, code: before.code } };
  });
}

/**
 * Removes a grant recorded by mistake, with its own results framework (nodes without indicators)
 * and its links to programmes, which are part of it. One that anything still uses — activities or
 * deliverables, indicators (and so targets and values), submitted reports and locked periods,
 * restatements, comments, donor viewers limited to it, indicator filters naming its code — is
 * refused with what uses it and how many; nothing is removed then. The audit row keeps the grant,
 * its programmes and its framework as they were.
 */
export async function deleteGrant(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return removeUnlessUsed(db, organisationId, id, actor, 'grant', {
    lock: async (tx) =>
      (
        await tx
          .select({ id: grant.id, code: grant.code })
          .from(grant)
          .where(and(eq(grant.organisationId, organisationId), eq(grant.id, id)))
          .for('update')
      )[0],
    uses: (tx, locked) => grantUses(tx, organisationId, locked),
    remove: async (tx) => {
      const before = await grantRow(tx, organisationId, id);
      const framework = await tx
        .select()
        .from(resultNode)
        .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.grantId, id)))
        .orderBy(resultNode.position);
      await tx
        .delete(grantProgramme)
        .where(
          and(eq(grantProgramme.organisationId, organisationId), eq(grantProgramme.grantId, id)),
        );
      await tx
        .delete(resultNode)
        .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.grantId, id)));
      await tx.delete(grant).where(and(eq(grant.organisationId, organisationId), eq(grant.id, id)));
      return { ...before, framework };
    },
  });
}

export interface ResultNodeInput {
  code: string;
  title: string;
  titleEn: string;
  assumptions: string | null;
}

/** The level a node's parent must have (null: no parent); an outcome may also stand at the top. */
const parentLevel: Record<ResultLevel, { parent: ResultLevel | null; optional: boolean }> = {
  impact: { parent: null, optional: false },
  outcome: { parent: 'impact', optional: true },
  output: { parent: 'outcome', optional: false },
};

const nodeColumns = {
  id: resultNode.id,
  parentId: resultNode.parentId,
  level: resultNode.level,
  code: resultNode.code,
  title: resultNode.title,
  titleEn: resultNode.titleEn,
  assumptions: resultNode.assumptions,
};

async function nodeRow(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(resultNode)
    .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.id, id)));
  return r;
}

/**
 * Why a node of `level` cannot stand under `parentId` (null: at the top) in the grant's framework,
 * in words, or null when it can: an impact at the top, an outcome under an impact (or at the
 * top), an output under an outcome, all of the same grant.
 */
async function wrongPlace(
  tx: Tx,
  organisationId: string,
  grantId: string,
  level: ResultLevel,
  parentId: string | null,
): Promise<CommandResult<never> | null> {
  const rule = parentLevel[level];
  if (parentId) {
    const parent = await nodeRow(tx, organisationId, parentId);
    if (!parent || parent.grantId !== grantId)
      return {
        ok: false,
        error: { kind: 'unknown-reference', what: 'result-node', ids: [parentId] },
      };
    if (parent.level === rule.parent) return null;
    return rule.parent
      ? refused('result-node-wrong-parent', level, rule.parent, parent.level, parent.code)
      : refused('impact-has-no-parent');
  }
  if (rule.parent && !rule.optional)
    return refused('result-node-parent-missing', level, rule.parent);
  return null;
}

/**
 * Adds a node to a grant's results framework, last among its siblings: an impact at the top, an
 * outcome under the impact (or at the top), an output under an outcome of the same grant.
 */
export async function addResultNode(
  db: Database,
  organisationId: string,
  grantId: string,
  input: ResultNodeInput & { level: ResultLevel; parentId: string | null },
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<ResultNodeRow>> {
  return db.transaction(async (tx) => {
    const [g] = await tx
      .select({ id: grant.id })
      .from(grant)
      .where(and(eq(grant.organisationId, organisationId), eq(grant.id, grantId)));
    if (!g) return { ok: false, error: { kind: 'not-found' } };
    const misplaced = await wrongPlace(tx, organisationId, grantId, input.level, input.parentId);
    if (misplaced) return misplaced;
    const [last] = await tx
      .select({ position: max(resultNode.position) })
      .from(resultNode)
      .where(eq(resultNode.grantId, grantId));
    const [created] = await tx
      .insert(resultNode)
      .values({ organisationId, grantId, ...input, position: (last?.position ?? -1) + 1 })
      .onConflictDoNothing({
        target: [resultNode.organisationId, resultNode.grantId, resultNode.code],
      })
      .returning(nodeColumns);
    if (!created) return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'create',
      entity: 'result_node',
      entityId: created.id,
      after: await nodeRow(tx, organisationId, created.id),
    });
    return { ok: true, value: created };
  });
}

/** Retitles a node or changes its code; its level and place in the tree stay. */
export async function updateResultNode(
  db: Database,
  organisationId: string,
  id: string,
  input: ResultNodeInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<ResultNodeRow & { grantId: string }>> {
  return db.transaction(async (tx) => {
    const before = await nodeRow(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const [same] = await tx
      .select({ id: resultNode.id })
      .from(resultNode)
      .where(and(eq(resultNode.grantId, before.grantId), eq(resultNode.code, input.code)));
    if (same && same.id !== id)
      return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    const [updated] = await tx
      .update(resultNode)
      .set({ ...input, updatedAt: sql`now()` })
      .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.id, id)))
      .returning(nodeColumns);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'result_node',
      entityId: id,
      before,
      after: await nodeRow(tx, organisationId, id),
    });
    return {
      ok: true,
      value: { ...must(updated, 'the grant just updated'), grantId: before.grantId },
    };
  });
}

/**
 * Moves a node under another parent of the same grant (null: to the top), with its children and
 * indicators, last among its new siblings; its level stays, so the place must suit it (an output
 * under an outcome…), refused in words otherwise. Audited.
 */
export async function moveResultNode(
  db: Database,
  organisationId: string,
  id: string,
  parentId: string | null,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<ResultNodeRow & { grantId: string }>> {
  return db.transaction(async (tx) => {
    const before = await nodeRow(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const misplaced = await wrongPlace(tx, organisationId, before.grantId, before.level, parentId);
    if (misplaced) return misplaced;
    if (before.parentId === parentId) return { ok: true, value: pick(before) };
    const [last] = await tx
      .select({ position: max(resultNode.position) })
      .from(resultNode)
      .where(eq(resultNode.grantId, before.grantId));
    const [moved] = await tx
      .update(resultNode)
      .set({ parentId, position: (last?.position ?? -1) + 1, updatedAt: sql`now()` })
      .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.id, id)))
      .returning(nodeColumns);
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'result_node',
      entityId: id,
      before,
      after: await nodeRow(tx, organisationId, id),
    });
    return {
      ok: true,
      value: { ...must(moved, 'the results-framework node just moved'), grantId: before.grantId },
    };
  });
}

function pick(row: NonNullable<Awaited<ReturnType<typeof nodeRow>>>) {
  return {
    id: row.id,
    parentId: row.parentId,
    level: row.level,
    code: row.code,
    title: row.title,
    titleEn: row.titleEn,
    assumptions: row.assumptions,
    grantId: row.grantId,
  };
}

/**
 * Removes a node added by mistake. A node with nodes under it, or with indicators, is refused:
 * the database would take its children with it and leave its indicators outside any grant.
 */
export async function removeResultNode(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const before = await nodeRow(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const children = await tx.$count(
      resultNode,
      and(eq(resultNode.organisationId, organisationId), eq(resultNode.parentId, id)),
    );
    if (children > 0)
      return {
        ok: false,
        error: { kind: 'in-use', uses: [{ by: 'result-node', count: children }] },
      };
    const indicators = await tx.$count(
      indicator,
      and(eq(indicator.organisationId, organisationId), eq(indicator.resultNodeId, id)),
    );
    if (indicators > 0)
      return {
        ok: false,
        error: { kind: 'in-use', uses: [{ by: 'indicator', count: indicators }] },
      };
    await tx
      .delete(resultNode)
      .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.id, id)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'delete',
      entity: 'result_node',
      entityId: id,
      before,
    });
    return { ok: true, value: { id } };
  });
}

/** The grant a node belongs to, or undefined when the organisation has no such node. */
export async function findResultNodeGrant(
  db: Database,
  organisationId: string,
  id: string,
): Promise<string | undefined> {
  const [r] = await db
    .select({ grantId: resultNode.grantId })
    .from(resultNode)
    .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.id, id)));
  return r?.grantId;
}
