import { and, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { containsFolded } from '../search';
import { appUser, auditLog } from '../../schema/index';

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: string | undefined;
  /** inclusive bounds on when the change was recorded (ISO date-times) */
  from?: string | undefined;
  to?: string | undefined;
  /**
   * Words found in the entry (what, which record, who, the reason, the values before and after),
   * accents and case ignored: « segou » finds the activity whose place was Ségou.
   */
  search?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  /** null for the system (the CLI, the seed) */
  user: { id: string; email: string | null } | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/**
 * The organisation's audit trail, newest first, filtered by record, user and date, with each
 * change's author's email and the values before and after.
 * @example await listAuditEntries(db, org, { entity: 'activity', entityId: id, limit: 20 })
 */
export async function listAuditEntries(
  db: Database,
  organisationId: string,
  filter: AuditFilter = {},
): Promise<{ items: AuditEntry[]; total: number }> {
  const where = and(
    eq(auditLog.organisationId, organisationId),
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.userId ? eq(auditLog.userId, filter.userId) : undefined,
    filter.from ? gte(auditLog.at, new Date(filter.from)) : undefined,
    filter.to ? lte(auditLog.at, new Date(filter.to)) : undefined,
    ...(filter.search ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((word) =>
        containsFolded(
          sql`${auditLog.action} || ' ' || ${auditLog.entity} || ' ' || ${auditLog.entityId} || ' ' || coalesce(${auditLog.reason}, '') || ' ' || coalesce((select u.email from app_user u where u.id = ${auditLog.userId}), '') || ' ' || coalesce(${auditLog.before}::text, '') || ' ' || coalesce(${auditLog.after}::text, '')`,
          word,
        ),
      ),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        userId: auditLog.userId,
        email: appUser.email,
        before: auditLog.before,
        after: auditLog.after,
        reason: auditLog.reason,
      })
      .from(auditLog)
      .leftJoin(appUser, eq(appUser.id, auditLog.userId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map(({ userId, email, at, ...r }) => ({
      ...r,
      at: at.toISOString(),
      user: userId ? { id: userId, email: email ?? null } : null,
    })),
    total: Number(total?.n ?? 0),
  };
}

/**
 * A stamp of everything written in the organisation: every command writes its audit line in its
 * own transaction, and the log is append-only, so the number of lines changes exactly when a
 * write commits — whatever the order writers took their ids in (the highest id alone would miss
 * a transaction that took an earlier id and committed later). Read caches keep a result while
 * the stamp is the same. Writes that bypass the commands (the demo seed, the synthetic loader,
 * raw SQL) do not change it.
 * @example const before = await factsStamp(db, org); …; (await factsStamp(db, org)) === before
 */
export async function factsStamp(db: Database, organisationId: string): Promise<string> {
  const [row] = await db
    .select({ n: count(), last: sql<string>`coalesce(max(${auditLog.id}), 0)::text` })
    .from(auditLog)
    .where(eq(auditLog.organisationId, organisationId));
  return `${row?.n ?? 0}:${row?.last ?? '0'}`;
}
