import { and, desc, eq, gt, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { auditLog, grant, periodLock, reportSnapshot, restatement } from '../schema/index';
import type { CommandResult } from './activity-commands';

/** What a submitted report stores: its model (as JSON), the model's checksum, and the period it locks. */
export interface ReportSubmission {
  grantId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  template: string;
  templateVersion: string;
  model: unknown;
  sha256: string;
  /**
   * The last audit row the model was built after: a change recorded since (committed while the model
   * was being computed) means the model may not hold it, and the submission is refused as a conflict.
   */
  builtAfterAuditId: number;
}

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
 * Stores a submitted report and locks its grant's period, all or nothing, audited: the snapshot
 * (the model and its sha256) and the lock (the period's start and end). Refused as `locked` when
 * the grant's period is already locked (a report was submitted for it), and as a `conflict` when
 * facts changed while the model was being built.
 * @example await submitReport(db, org, { grantId, periodCode: '2023-Q2', periodStart: '2023-04-01', periodEnd: '2023-06-30', template: 'undp-quarterly', templateVersion: '1.0.0', model, sha256, builtAfterAuditId }, actor)
 */
export async function submitReport(
  db: Database,
  organisationId: string,
  submission: ReportSubmission,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ snapshotId: string; lockId: string }>> {
  type Result = CommandResult<{ snapshotId: string; lockId: string }>;
  return db
    .transaction(async (tx): Promise<Result> => {
      const [g] = await tx
        .select({ code: grant.code })
        .from(grant)
        .where(and(eq(grant.organisationId, organisationId), eq(grant.id, submission.grantId)));
      if (!g) return { ok: false, error: { kind: 'not-found' } };
      // The lock first: of two concurrent submissions, the second waits on the unique key and finds it taken.
      const [lock] = await tx
        .insert(periodLock)
        .values({
          organisationId,
          grantId: submission.grantId,
          periodCode: submission.periodCode,
          periodStart: submission.periodStart,
          periodEnd: submission.periodEnd,
          lockedBy: actor.userId,
        })
        .onConflictDoNothing({ target: [periodLock.grantId, periodLock.periodCode] })
        .returning({ id: periodLock.id });
      if (!lock)
        return {
          ok: false,
          error: { kind: 'locked', grant: g.code, period: submission.periodCode },
        };
      const [changed] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.organisationId, organisationId),
            gt(auditLog.id, submission.builtAfterAuditId),
            notInArray(auditLog.entity, notFacts),
          ),
        );
      if (Number(changed?.n ?? 0) > 0) {
        // Nothing may stay of this attempt: throwing rolls the lock back.
        throw new SubmissionRaced();
      }
      const [snapshot] = await tx
        .insert(reportSnapshot)
        .values({
          organisationId,
          grantId: submission.grantId,
          periodCode: submission.periodCode,
          template: submission.template,
          templateVersion: submission.templateVersion,
          model: submission.model,
          sha256: submission.sha256,
          submittedBy: actor.userId,
        })
        .returning({ id: reportSnapshot.id });
      await tx
        .update(periodLock)
        .set({ reportSnapshotId: snapshot!.id })
        .where(eq(periodLock.id, lock.id));
      const summary = {
        grant: g.code,
        period: submission.periodCode,
        periodStart: submission.periodStart,
        periodEnd: submission.periodEnd,
        template: submission.template,
        templateVersion: submission.templateVersion,
        sha256: submission.sha256,
        snapshotId: snapshot!.id,
      };
      await tx.insert(auditLog).values([
        {
          organisationId,
          userId: actor.userId,
          action: 'submit',
          entity: 'report',
          entityId: snapshot!.id,
          before: null,
          after: summary,
        },
        {
          organisationId,
          userId: actor.userId,
          action: 'lock',
          entity: 'period_lock',
          entityId: lock.id,
          before: null,
          after: summary,
        },
      ]);
      return { ok: true, value: { snapshotId: snapshot!.id, lockId: lock.id } };
    })
    .catch((e: unknown): Result => {
      if (e instanceof SubmissionRaced)
        return { ok: false, error: { kind: 'conflict', currentVersion: 0 } };
      throw e;
    });
}

/** Audit rows that change no figure of a report: another report's submission, sessions, accounts. */
const notFacts = ['report', 'period_lock', 'session', 'user', 'membership'];

class SubmissionRaced extends Error {
  constructor() {
    super('facts changed while the report was built');
  }
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
  const [row] = await db
    .select({ id: periodLock.reportSnapshotId })
    .from(periodLock)
    .where(
      and(
        eq(periodLock.organisationId, organisationId),
        eq(periodLock.grantId, grantId),
        eq(periodLock.periodStart, start),
        eq(periodLock.periodEnd, end),
      ),
    );
  return row?.id ? findReportSnapshot(db, organisationId, row.id) : undefined;
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
