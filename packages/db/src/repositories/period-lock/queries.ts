import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import type { CommandFailure } from '../../command';
import { grant, grantProgramme, periodLock } from '../../schema/index';
import { must } from '@jalon/domain';

/** A database or an open transaction: lock checks run inside the command's transaction. */
export type Queryable = Pick<Database, 'select'>;

/** A grant's period closed by a submitted report. */
export interface PeriodLockHit {
  grantId: string;
  /** the grant's code, for messages */
  grant: string;
  period: string;
  start: string;
  end: string;
}

/**
 * Holds the grants' rows (FOR SHARE) until the transaction ends. A command that checks a grant's
 * locks before writing a fact holds them, and a submission takes them FOR UPDATE before it
 * locks a period: so either the submission waits for the fact to commit (and finds it among the
 * changes made while its model was built), or the fact waits for the submission (and finds the
 * period locked). Without it both could pass, each checking before the other committed.
 */
export async function holdGrants(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
): Promise<void> {
  if (grantIds.length === 0) return;
  await db
    .select({ id: grant.id })
    .from(grant)
    .where(and(eq(grant.organisationId, organisationId), inArray(grant.id, [...new Set(grantIds)])))
    .orderBy(grant.id)
    .for('share');
}

async function locksWhere(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
  span: SQL,
  hold = true,
): Promise<PeriodLockHit[]> {
  if (grantIds.length === 0) return [];
  if (hold) await holdGrants(db, organisationId, grantIds);
  return db
    .select({
      grantId: periodLock.grantId,
      grant: grant.code,
      period: periodLock.periodCode,
      start: periodLock.periodStart,
      end: periodLock.periodEnd,
    })
    .from(periodLock)
    .innerJoin(grant, eq(grant.id, periodLock.grantId))
    .where(
      and(
        eq(periodLock.organisationId, organisationId),
        inArray(periodLock.grantId, [...new Set(grantIds)]),
        span,
      ),
    )
    .orderBy(grant.code, periodLock.periodStart);
}

/**
 * Every lock of `grantIds`, earliest period first: what a change to the grant as a whole (its
 * calendar, an indicator's definition) would alter in reports already submitted. `hold: false`
 * reads them without holding the grants: for the command that writes the grant's own row (a
 * share lock taken before that write would let two concurrent edits deadlock).
 */
export async function locksOf(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
  options: { hold?: boolean } = {},
): Promise<PeriodLockHit[]> {
  return locksWhere(db, organisationId, grantIds, sql`true`, options.hold ?? true);
}

/**
 * The locks of `grantIds` whose period holds one of `dates`: a fact dated in a submitted period.
 * @example await locksHolding(tx, org, [grantId], ['2023-05-12']) // [{ grant: 'Y-TEAM', period: '2023-Q2', … }]
 */
export async function locksHolding(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
  dates: readonly string[],
): Promise<PeriodLockHit[]> {
  if (dates.length === 0) return [];
  return locksWhere(
    db,
    organisationId,
    grantIds,
    must(
      or(
        ...dates.map((d) =>
          must(
            and(lte(periodLock.periodStart, d), gte(periodLock.periodEnd, d)),
            'the condition that a lock covers a date',
          ),
        ),
      ),
      'the condition that a lock covers one of the dates',
    ),
  );
}

/**
 * The refusal of a fact dated in a submitted period, or null: the first lock of `grantIds`
 * holding one of `dates` (the grants are held, see holdGrants).
 * @example await lockedAt(tx, org, [grantId], ['2023-05-12']) // { kind: 'locked', grant: 'Y-TEAM', period: '2023-Q2' }
 */
export async function lockedAt(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
  dates: readonly string[],
): Promise<CommandFailure | null> {
  const [hit] = await locksHolding(db, organisationId, grantIds, dates);
  return hit ? lockedFailure(hit) : null;
}

/**
 * The locks of `grantIds` whose period holds all of `start`–`end`: what a submitted report said
 * about that span (a comment on a quarter is locked with the year that holds it).
 */
export async function locksSpanning(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
  start: string,
  end: string,
): Promise<PeriodLockHit[]> {
  return locksWhere(
    db,
    organisationId,
    grantIds,
    must(
      and(lte(periodLock.periodStart, start), gte(periodLock.periodEnd, end)),
      'the condition that a lock covers the whole period',
    ),
  );
}

/**
 * The locks of `grantIds` whose period overlaps `start`–`end`: a value entered for a span (a manual
 * value for a quarter) is locked when any part of it went to a donor.
 */
export async function locksOverlapping(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
  start: string,
  end: string,
): Promise<PeriodLockHit[]> {
  return locksWhere(
    db,
    organisationId,
    grantIds,
    must(
      and(lte(periodLock.periodStart, end), gte(periodLock.periodEnd, start)),
      'the condition that a lock overlaps the period',
    ),
  );
}

/**
 * The grants that fund one of `programmeIds`: a fact of a programme (an incident) is reported in
 * each of them, so their locks hold it.
 */
export async function grantsFunding(
  db: Queryable,
  organisationId: string,
  programmeIds: readonly (string | null)[],
): Promise<string[]> {
  const ids = [...new Set(programmeIds.filter((p): p is string => Boolean(p)))];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: grantProgramme.grantId })
    .from(grantProgramme)
    .where(
      and(
        eq(grantProgramme.organisationId, organisationId),
        inArray(grantProgramme.programmeId, ids),
      ),
    );
  return [...new Set(rows.map((r) => r.id))];
}

/**
 * The snapshot of the report whose lock spans exactly `start`–`end` of a grant, or undefined when
 * no report was submitted for that period (or its lock has no snapshot).
 */
export async function snapshotLocking(
  db: Queryable,
  organisationId: string,
  grantId: string,
  start: string,
  end: string,
): Promise<string | undefined> {
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
  return row?.id ?? undefined;
}

/** The period code of a lock, for a `locked` failure (kept in one place for every command). */
export const lockedFailure = (hit: PeriodLockHit) =>
  ({ kind: 'locked', grant: hit.grant, period: hit.period }) as const;
