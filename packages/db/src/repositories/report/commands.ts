import { and, eq, gt, inArray, notInArray } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  activity,
  activityGrant,
  auditLog,
  grant,
  grantProgramme,
  indicator,
  reportSnapshot,
  resultNode,
} from '../../schema/index';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import { attachSnapshot, lockPeriod } from '../period-lock/commands';
import { must } from '@jalon/domain';

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
   * was being computed) to something the report counts means the model may not hold it, and the
   * submission is refused as a conflict. Changes to anything else (another grant's activities,
   * incidents of programmes the grant does not fund…) do not hold it up.
   */
  builtAfterAuditId: number;
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
      // Facts of the grant being written wait for this submission, and it for them (see holdGrants).
      const [g] = await tx
        .select({ code: grant.code })
        .from(grant)
        .where(and(eq(grant.organisationId, organisationId), eq(grant.id, submission.grantId)))
        .for('update');
      if (!g) return { ok: false, error: { kind: 'not-found' } };
      // The lock first: of two concurrent submissions, the second waits on the unique key and finds it taken.
      const lock = await lockPeriod(
        tx,
        organisationId,
        {
          grantId: submission.grantId,
          periodCode: submission.periodCode,
          periodStart: submission.periodStart,
          periodEnd: submission.periodEnd,
        },
        actor.userId,
      );
      if (!lock)
        return {
          ok: false,
          error: { kind: 'locked', grant: g.code, period: submission.periodCode },
        };
      const changed = await tx
        .select({
          entity: auditLog.entity,
          entityId: auditLog.entityId,
          before: auditLog.before,
          after: auditLog.after,
        })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.organisationId, organisationId),
            gt(auditLog.id, submission.builtAfterAuditId),
            notInArray(auditLog.entity, notFacts),
          ),
        );
      if (changed.length > 0 && (await touchesReport(tx, organisationId, submission, changed))) {
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
      await attachSnapshot(tx, lock, must(snapshot, 'the report snapshot just written').id);
      const summary = {
        grant: g.code,
        period: submission.periodCode,
        periodStart: submission.periodStart,
        periodEnd: submission.periodEnd,
        template: submission.template,
        templateVersion: submission.templateVersion,
        sha256: submission.sha256,
        snapshotId: must(snapshot, 'the report snapshot just written').id,
      };
      await writeAudit(tx, [
        {
          organisationId,
          userId: actor.userId,
          action: 'submit',
          entity: 'report',
          entityId: must(snapshot, 'the report snapshot just written').id,
          before: null,
          after: summary,
        },
        {
          organisationId,
          userId: actor.userId,
          action: 'lock',
          entity: 'period_lock',
          entityId: lock,
          before: null,
          after: summary,
        },
      ]);
      return {
        ok: true,
        value: { snapshotId: must(snapshot, 'the report snapshot just written').id, lockId: lock },
      };
    })
    .catch((e: unknown): Result => {
      if (e instanceof SubmissionRaced)
        return { ok: false, error: { kind: 'conflict', currentVersion: 0 } };
      throw e;
    });
}

type Change = { entity: string; entityId: string; before: unknown; after: unknown };

const field = (v: unknown, key: string): unknown =>
  v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;

const dateField = (v: unknown, key: string): string | undefined => {
  const d = field(v, key);
  return typeof d === 'string' ? d : undefined;
};

/**
 * Whether one of the changes recorded while the model was built is something this grant's report
 * counts: an activity of the grant or its attendance list, an incident of a programme the grant
 * funds, dated up to the end of the period (a cumulative figure reaches back to the grant's
 * start); or anything that names the grant, its results framework, its indicators (their values
 * entered by hand, targets, comments), its donor or a programme it funds. Everything else in the
 * organisation may change meanwhile: a busy early-warning desk must not starve a submission.
 */
async function touchesReport(
  tx: Tx,
  organisationId: string,
  submission: ReportSubmission,
  changes: readonly Change[],
): Promise<boolean> {
  const grantId = submission.grantId;
  const [g] = await tx
    .select({ donorId: grant.donorId })
    .from(grant)
    .where(and(eq(grant.organisationId, organisationId), eq(grant.id, grantId)));
  const programmeIds = (
    await tx
      .select({ id: grantProgramme.programmeId })
      .from(grantProgramme)
      .where(
        and(eq(grantProgramme.organisationId, organisationId), eq(grantProgramme.grantId, grantId)),
      )
  ).map((r) => r.id);
  const nodeIds = (
    await tx
      .select({ id: resultNode.id })
      .from(resultNode)
      .where(and(eq(resultNode.organisationId, organisationId), eq(resultNode.grantId, grantId)))
  ).map((r) => r.id);
  const indicatorIds = nodeIds.length
    ? (
        await tx
          .select({ id: indicator.id })
          .from(indicator)
          .where(
            and(
              eq(indicator.organisationId, organisationId),
              inArray(indicator.resultNodeId, nodeIds),
            ),
          )
      ).map((r) => r.id)
    : [];
  const inWindow = (...dates: (string | undefined)[]) => {
    const known = dates.filter((d): d is string => d !== undefined);
    return known.length === 0 || known.some((d) => d <= submission.periodEnd);
  };
  const names = [grantId, g?.donorId, ...nodeIds, ...indicatorIds].filter((id): id is string =>
    Boolean(id),
  );

  for (const c of changes) {
    if (c.entity === 'activity' || c.entity === 'attendance') {
      const states = [c.before, c.after].filter((v) => v && !Array.isArray(v));
      const inGrant = states.some((v) => {
        const grants = field(v, 'grants');
        return Array.isArray(grants) && grants.some((x) => field(x, 'id') === grantId);
      });
      const [now] = await tx
        .select({ startDate: activity.startDate, linked: activityGrant.grantId })
        .from(activity)
        .leftJoin(
          activityGrant,
          and(eq(activityGrant.activityId, activity.id), eq(activityGrant.grantId, grantId)),
        )
        .where(and(eq(activity.organisationId, organisationId), eq(activity.id, c.entityId)));
      if (
        (inGrant || Boolean(now?.linked)) &&
        inWindow(now?.startDate, ...states.map((v) => dateField(v, 'startDate')))
      )
        return true;
      continue;
    }
    if (c.entity === 'incident') {
      const states = [c.before, c.after].filter(Boolean);
      const funded = states.some((v) => {
        // the audit keeps the incident's row (programmeId); a summary would name `programme.id`
        const id = field(v, 'programmeId') ?? field(field(v, 'programme'), 'id');
        return typeof id === 'string' && programmeIds.includes(id);
      });
      if (funded && inWindow(...states.map((v) => dateField(v, 'date')))) return true;
      continue;
    }
    if (c.entity === 'programme') {
      if (programmeIds.includes(c.entityId)) return true;
      continue;
    }
    // The grant's structure and what hangs off its indicators name one of their ids.
    const text = `${c.entityId} ${JSON.stringify(c.before ?? null)} ${JSON.stringify(c.after ?? null)}`;
    if (names.some((id) => text.includes(id))) return true;
  }
  return false;
}

/** Audit rows that change no figure of a report: another report's submission, sessions, accounts. */
const notFacts = ['report', 'period_lock', 'session', 'user', 'membership'];

class SubmissionRaced extends Error {
  constructor() {
    super('facts changed while the report was built');
  }
}
