import { must } from '@jalon/domain';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../client';
import { type CommandResult, writeAudit } from '../../command';
import { grant, reportText } from '../../schema/index';
import { lockedFailure, locksSpanning } from '../period-lock/queries';

export type ReportTextLanguage = 'fr' | 'en';

/** What {@link setReportText} writes: the grant's period as the engine codes it, and its span (for locks). */
export interface ReportTextInput {
  grantId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  language: ReportTextLanguage;
  /** the analysis (trimmed, 1–20 000 characters), or null to remove it in that language */
  text: string | null;
}

/**
 * Sets, replaces or (`text: null`) removes the report's analysis text of a grant's period in one
 * language, audited. Refused as `not-found` for a grant the organisation does not have, and as
 * `locked` when a submitted report locks a span holding the period: the text went to the donor.
 */
export async function setReportText(
  db: Database,
  organisationId: string,
  input: ReportTextInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ text: string | null }>> {
  return db.transaction(async (tx) => {
    const [g] = await tx
      .select({ id: grant.id })
      .from(grant)
      .where(and(eq(grant.organisationId, organisationId), eq(grant.id, input.grantId)));
    if (!g) return { ok: false, error: { kind: 'not-found' } };
    const [lock] = await locksSpanning(
      tx,
      organisationId,
      [input.grantId],
      input.periodStart,
      input.periodEnd,
    );
    if (lock) return { ok: false, error: lockedFailure(lock) };
    const key = and(
      eq(reportText.organisationId, organisationId),
      eq(reportText.grantId, input.grantId),
      eq(reportText.periodCode, input.periodCode),
      eq(reportText.language, input.language),
    );
    const [before] = await tx.select().from(reportText).where(key);
    if (input.text === null) {
      if (!before) return { ok: true, value: { text: null } };
      await tx.delete(reportText).where(eq(reportText.id, before.id));
      await writeAudit(tx, {
        organisationId,
        userId: actor.userId,
        action: 'delete',
        entity: 'report-text',
        entityId: before.id,
        before,
      });
      return { ok: true, value: { text: null } };
    }
    if (before?.text === input.text) return { ok: true, value: { text: before.text } };
    const [written] = await tx
      .insert(reportText)
      .values({
        organisationId,
        grantId: input.grantId,
        periodCode: input.periodCode,
        language: input.language,
        text: input.text,
        updatedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [
          reportText.organisationId,
          reportText.grantId,
          reportText.periodCode,
          reportText.language,
        ],
        set: { text: input.text, updatedBy: actor.userId, updatedAt: new Date() },
      })
      .returning();
    const row = must(written, 'the report text written');
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: before ? 'update' : 'create',
      entity: 'report-text',
      entityId: row.id,
      before: before ?? null,
      after: row,
    });
    return { ok: true, value: { text: row.text } };
  });
}

/** The analysis texts of a grant's period, by language (a language never written is absent). */
export async function reportTextsOf(
  db: Pick<Database, 'select'>,
  organisationId: string,
  grantId: string,
  periodCode: string,
): Promise<Partial<Record<ReportTextLanguage, string>>> {
  const rows = await db
    .select({ language: reportText.language, text: reportText.text })
    .from(reportText)
    .where(
      and(
        eq(reportText.organisationId, organisationId),
        eq(reportText.grantId, grantId),
        eq(reportText.periodCode, periodCode),
      ),
    );
  return Object.fromEntries(
    rows.filter((r) => r.language === 'fr' || r.language === 'en').map((r) => [r.language, r.text]),
  );
}
