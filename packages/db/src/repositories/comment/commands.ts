import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { grant, indicator, indicatorComment, resultNode } from '../../schema/index';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import { lockedFailure, locksSpanning } from '../period-lock/queries';

/** A comment on an indicator's figures for one of a grant's periods. */
export interface IndicatorCommentRow {
  id: string;
  grantId: string;
  indicatorId: string;
  periodCode: string;
  comment: string;
  /** The language the text is written in. */
  language: CommentLanguage;
  updatedBy: string | null;
  updatedAt: Date;
}

/** The languages a comment can be written in (the interface's). */
export type CommentLanguage = 'fr' | 'en';

const columns = {
  id: indicatorComment.id,
  grantId: indicatorComment.grantId,
  indicatorId: indicatorComment.indicatorId,
  periodCode: indicatorComment.periodCode,
  comment: indicatorComment.comment,
  language: sql<CommentLanguage>`${indicatorComment.language}`,
  updatedBy: indicatorComment.updatedBy,
  updatedAt: indicatorComment.updatedAt,
};

/**
 * The comments of a grant, optionally for some periods (by their stored code) or indicators only.
 * @example await listIndicatorComments(db, org, { grantId, periodCodes: ['2023-Q2'] })
 */
export async function listIndicatorComments(
  db: Database,
  organisationId: string,
  filter: { grantId: string; periodCodes?: string[]; indicatorIds?: string[] },
): Promise<IndicatorCommentRow[]> {
  const { periodCodes, indicatorIds } = filter;
  if (periodCodes?.length === 0 || indicatorIds?.length === 0) return [];
  return db
    .select(columns)
    .from(indicatorComment)
    .where(
      and(
        eq(indicatorComment.organisationId, organisationId),
        eq(indicatorComment.grantId, filter.grantId),
        periodCodes ? inArray(indicatorComment.periodCode, periodCodes) : undefined,
        indicatorIds ? inArray(indicatorComment.indicatorId, indicatorIds) : undefined,
      ),
    )
    .orderBy(
      asc(indicatorComment.periodCode),
      asc(indicatorComment.indicatorId),
      asc(indicatorComment.language),
    );
}

/** What {@link setIndicatorComment} writes: the period as the engine codes it, and its span (for locks). */
export interface IndicatorCommentInput {
  grantId: string;
  indicatorId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  /** The text (trimmed, 1–4000 characters), or null to remove the comment in that language. */
  comment: string | null;
  /** The language the text is written in; French when left out (the seed's and the bulletin's). */
  language?: CommentLanguage;
}

/** The grant's code when the indicator is in the grant's results framework, both of the organisation. */
async function grantOfIndicator(
  tx: Tx,
  organisationId: string,
  grantId: string,
  indicatorId: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ code: grant.code })
    .from(indicator)
    .innerJoin(resultNode, eq(resultNode.id, indicator.resultNodeId))
    .innerJoin(grant, eq(grant.id, resultNode.grantId))
    .where(
      and(
        eq(indicator.organisationId, organisationId),
        eq(indicator.id, indicatorId),
        eq(grant.organisationId, organisationId),
        eq(grant.id, grantId),
      ),
    );
  return row?.code ?? null;
}

/**
 * Sets, replaces or (with `comment: null`) removes the comment on an indicator for a grant's
 * period, with an audit row for each change. Refused as `not-found` when the indicator is not in
 * the grant's results framework (or either is another organisation's), and as `locked` when a
 * submitted report locks a span holding the period: the comment went to the donor with it.
 * @example await setIndicatorComment(db, org, { grantId, indicatorId, periodCode: '2023-Q2', periodStart: '2023-04-01', periodEnd: '2023-06-30', comment: 'Treize sessions.' })
 */
export async function setIndicatorComment(
  db: Database,
  organisationId: string,
  input: IndicatorCommentInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string | null; comment: string | null }>> {
  const language = input.language ?? 'fr';
  return db.transaction(async (tx) => {
    const grantCode = await grantOfIndicator(tx, organisationId, input.grantId, input.indicatorId);
    if (!grantCode) return { ok: false, error: { kind: 'not-found' } };
    const [lock] = await locksSpanning(
      tx,
      organisationId,
      [input.grantId],
      input.periodStart,
      input.periodEnd,
    );
    if (lock) return { ok: false, error: lockedFailure(lock) };

    const key = and(
      eq(indicatorComment.organisationId, organisationId),
      eq(indicatorComment.grantId, input.grantId),
      eq(indicatorComment.indicatorId, input.indicatorId),
      eq(indicatorComment.periodCode, input.periodCode),
      eq(indicatorComment.language, language),
    );
    const [before] = await tx.select().from(indicatorComment).where(key);
    if (input.comment === null) {
      if (!before) return { ok: true, value: { id: null, comment: null } };
      await tx.delete(indicatorComment).where(eq(indicatorComment.id, before.id));
      await writeAudit(tx, {
        organisationId,
        userId: actor.userId,
        action: 'delete',
        entity: 'indicator-comment',
        entityId: before.id,
        before,
      });
      return { ok: true, value: { id: null, comment: null } };
    }
    if (before?.comment === input.comment)
      return { ok: true, value: { id: before.id, comment: before.comment } };
    const [row] = await tx
      .insert(indicatorComment)
      .values({
        organisationId,
        grantId: input.grantId,
        indicatorId: input.indicatorId,
        periodCode: input.periodCode,
        comment: input.comment,
        language,
        updatedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [
          indicatorComment.grantId,
          indicatorComment.indicatorId,
          indicatorComment.periodCode,
          indicatorComment.language,
        ],
        set: { comment: input.comment, updatedBy: actor.userId, updatedAt: new Date() },
      })
      .returning();
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: before ? 'update' : 'create',
      entity: 'indicator-comment',
      entityId: row!.id,
      before: before ?? null,
      after: row,
    });
    return { ok: true, value: { id: row!.id, comment: row!.comment } };
  });
}
