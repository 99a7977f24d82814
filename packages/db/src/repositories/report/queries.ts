import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { auditLog, grant, periodLock, reportSnapshot, restatement } from '../../schema/index';
import { snapshotLocking } from '../period-lock/queries';

export interface ReportSnapshotRow {
  id: string;
  grantId: string;
  grant: string;
  periodCode: string;
  template: string;
  templateVersion: string;
  model: unknown;
  sha256: string;
  submittedBy: string | null;
  submittedAt: string;
  lock: { periodStart: string; periodEnd: string } | null;
}

/** The newest audit row of the organisation (0 when none): a model built now holds every change up to it. */
export async function lastAuditId(db: Database, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::bigint` })
    .from(auditLog)
    .where(eq(auditLog.organisationId, organisationId));
  return Number(row?.id ?? 0);
}

/**
 * The report submitted for a grant's period (the one whose lock spans exactly `start`–`end`), or
 * undefined when none was.
 */
export async function findReportSnapshotFor(
  db: Database,
  organisationId: string,
  grantId: string,
  start: string,
  end: string,
): Promise<ReportSnapshotRow | undefined> {
  const id = await snapshotLocking(db, organisationId, grantId, start, end);
  return id ? findReportSnapshot(db, organisationId, id) : undefined;
}

/** A submitted report by id, with the model it was rendered from. */
export async function findReportSnapshot(
  db: Database,
  organisationId: string,
  id: string,
): Promise<ReportSnapshotRow | undefined> {
  const [row] = await db
    .select({
      id: reportSnapshot.id,
      grantId: reportSnapshot.grantId,
      grant: grant.code,
      periodCode: reportSnapshot.periodCode,
      template: reportSnapshot.template,
      templateVersion: reportSnapshot.templateVersion,
      model: reportSnapshot.model,
      sha256: reportSnapshot.sha256,
      submittedBy: reportSnapshot.submittedBy,
      submittedAt: reportSnapshot.submittedAt,
      periodStart: periodLock.periodStart,
      periodEnd: periodLock.periodEnd,
    })
    .from(reportSnapshot)
    .innerJoin(grant, eq(grant.id, reportSnapshot.grantId))
    .leftJoin(periodLock, eq(periodLock.reportSnapshotId, reportSnapshot.id))
    .where(and(eq(reportSnapshot.organisationId, organisationId), eq(reportSnapshot.id, id)));
  if (!row) return undefined;
  const { periodStart, periodEnd, submittedAt, ...rest } = row;
  return {
    ...rest,
    submittedAt: submittedAt.toISOString(),
    lock: periodStart && periodEnd ? { periodStart, periodEnd } : null,
  };
}

/** When the grant's last report was submitted (before `before`, when given; undefined: never). */
export async function lastSubmission(
  db: Database,
  organisationId: string,
  grantId: string,
  before?: Date,
): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: reportSnapshot.submittedAt })
    .from(reportSnapshot)
    .where(
      and(
        eq(reportSnapshot.organisationId, organisationId),
        eq(reportSnapshot.grantId, grantId),
        before ? lt(reportSnapshot.submittedAt, before) : undefined,
      ),
    )
    .orderBy(desc(reportSnapshot.submittedAt))
    .limit(1);
  return row?.at;
}

export interface RestatementRow {
  id: string;
  grantId: string;
  periodCode: string;
  entity: string;
  entityId: string;
  /** the restated record's code (an activity's `ACT-…`), read from the values kept */
  code: string | null;
  reason: string;
  before: unknown;
  after: unknown;
  recordedBy: string | null;
  recordedAt: string;
}

const codeOf = (v: unknown): string | null =>
  v && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string'
    ? (v as { code: string }).code
    : null;

/**
 * The restatements of some grants recorded after `since` (all when undefined) and not after `until`,
 * oldest first: what a grant's next report must disclose.
 */
export async function listRestatements(
  db: Database,
  organisationId: string,
  filter: { grantIds: string[]; since?: Date | undefined; until?: Date | undefined },
): Promise<RestatementRow[]> {
  if (filter.grantIds.length === 0) return [];
  const rows = await db
    .select()
    .from(restatement)
    .where(
      and(
        eq(restatement.organisationId, organisationId),
        inArray(restatement.grantId, filter.grantIds),
        filter.since ? gt(restatement.recordedAt, filter.since) : undefined,
        filter.until ? sql`${restatement.recordedAt} <= ${filter.until.toISOString()}` : undefined,
      ),
    )
    .orderBy(restatement.recordedAt, restatement.id);
  return rows.map((r) => ({
    id: r.id,
    grantId: r.grantId,
    periodCode: r.periodCode,
    entity: r.entity,
    entityId: r.entityId,
    code: codeOf(r.after) ?? codeOf(r.before),
    reason: r.reason,
    before: r.before,
    after: r.after,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
  }));
}
