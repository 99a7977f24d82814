import { and, eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { grant, indicator, indicatorComment, resultNode } from '../../schema/index';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import { lockedFailure, locksSpanning } from '../period-lock/queries';
import { type CommentLanguage } from './queries';
import { must } from '@jalon/domain';

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
          indicatorComment.organisationId,
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
      entityId: must(row, 'the comment just saved').id,
      before: before ?? null,
      after: row,
    });
    return {
      ok: true,
      value: {
        id: must(row, 'the comment just saved').id,
        comment: must(row, 'the comment just saved').comment,
      },
    };
  });
}
