import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { grant, grantProgramme, periodLock } from '../schema/index';

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
): Promise<PeriodLockHit[]> {
  if (grantIds.length === 0) return [];
  await holdGrants(db, organisationId, grantIds);
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
 * calendar, an indicator's definition) would alter in reports already submitted.
 */
export async function locksOf(
  db: Queryable,
  organisationId: string,
  grantIds: readonly string[],
): Promise<PeriodLockHit[]> {
  return locksWhere(db, organisationId, grantIds, sql`true`);
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
    or(...dates.map((d) => and(lte(periodLock.periodStart, d), gte(periodLock.periodEnd, d))!))!,
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
    and(lte(periodLock.periodStart, end), gte(periodLock.periodEnd, start))!,
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

/** The period code of a lock, for a `locked` failure (kept in one place for every command). */
export const lockedFailure = (hit: PeriodLockHit) =>
  ({ kind: 'locked', grant: hit.grant, period: hit.period }) as const;
