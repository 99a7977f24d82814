import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { indicatorComment } from '../../schema/index';

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
