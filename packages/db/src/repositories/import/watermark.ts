import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import { koboWatermark } from '../../schema/index';

/** Which Kobo form of which server an organisation pulls. */
export interface KoboFormKey {
  /** The server's origin, e.g. `https://kf.kobotoolbox.org`. */
  server: string;
  assetUid: string;
}

/** The stored `_submission_time` the organisation's last committed pull of this form reached. */
export async function koboWatermarkOf(
  db: Database,
  organisationId: string,
  key: KoboFormKey,
): Promise<string | null> {
  const [row] = await db
    .select({ submittedAt: koboWatermark.submittedAt })
    .from(koboWatermark)
    .where(
      and(
        eq(koboWatermark.organisationId, organisationId),
        eq(koboWatermark.server, key.server),
        eq(koboWatermark.assetUid, key.assetUid),
      ),
    );
  return row?.submittedAt ?? null;
}

/**
 * Moves the form's watermark to `submittedAt` if `batchId` is a committed batch of the
 * organisation and the time is later than the stored one, in one statement: two pulls finishing
 * together both leave the later time (the row lock of the upsert orders them), a dry run or a
 * refused batch (still staged) moves nothing. Kobo's times share one form (UTC, no zone), read
 * as timestamps to compare. Returns the watermark now stored.
 */
export async function advanceKoboWatermark(
  db: Database,
  organisationId: string,
  key: KoboFormKey & { submittedAt: string; batchId: string },
): Promise<{ advanced: boolean; watermark: string | null }> {
  const result = (await db.execute(sql`
    insert into kobo_watermark (organisation_id, server, asset_uid, submitted_at, batch_id)
    select ${organisationId}::uuid, ${key.server}, ${key.assetUid}, ${key.submittedAt}, b.id
      from import_batch b
     where b.organisation_id = ${organisationId}::uuid and b.id = ${key.batchId}::uuid
       and b.status = 'committed'
    on conflict (organisation_id, server, asset_uid) do update
       set submitted_at = excluded.submitted_at, batch_id = excluded.batch_id, updated_at = now()
     where excluded.submitted_at::timestamp > kobo_watermark.submitted_at::timestamp
    returning submitted_at`)) as unknown;
  // node-postgres answers `{ rows }`, PGlite's driver the rows themselves.
  const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as {
    submitted_at: string;
  }[];
  return {
    advanced: rows.length > 0,
    watermark: rows[0]?.submitted_at ?? (await koboWatermarkOf(db, organisationId, key)),
  };
}
