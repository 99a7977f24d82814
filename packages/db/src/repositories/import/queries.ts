import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../client';
import {
  activity,
  grant,
  importBatch,
  importRecord,
  importRow,
  indicator,
  place,
  programme,
  resultNode,
  type ImportAction,
  type ImportKindName,
  type ImportStatus,
} from '../../schema/index';

/** An import batch as listed: the file, its kind and where it stands. */
export interface ImportBatchRow {
  id: string;
  kind: ImportKindName;
  source: string;
  fileName: string;
  sha256: string;
  sheet: string | null;
  profile: unknown;
  status: ImportStatus;
  counts: Record<ImportAction, number>;
  validOnly: boolean;
  createdBy: string | null;
  committedBy: string | null;
  undoneBy: string | null;
  createdAt: Date;
  committedAt: Date | null;
  undoneAt: Date | null;
}

/** A staged row: what it would write and why it would not. */
export interface ImportRowRow {
  rowNumber: number;
  externalId: string | null;
  hash: string | null;
  action: ImportAction;
  record: unknown;
  issues: unknown[];
  entityId: string | null;
  writtenVersion: number | null;
}

const batchColumns = {
  id: importBatch.id,
  kind: importBatch.kind,
  source: importBatch.source,
  fileName: importBatch.fileName,
  sha256: importBatch.sha256,
  sheet: importBatch.sheet,
  profile: importBatch.profile,
  status: importBatch.status,
  counts: importBatch.counts,
  validOnly: importBatch.validOnly,
  createdBy: importBatch.createdBy,
  committedBy: importBatch.committedBy,
  undoneBy: importBatch.undoneBy,
  createdAt: importBatch.createdAt,
  committedAt: importBatch.committedAt,
  undoneAt: importBatch.undoneAt,
};

/** The organisation's import batches, newest first. */
export async function listImportBatches(
  db: Database,
  organisationId: string,
  options: { limit?: number; offset?: number; createdBy?: string | null } = {},
): Promise<ImportBatchRow[]> {
  return db
    .select(batchColumns)
    .from(importBatch)
    .where(
      and(
        eq(importBatch.organisationId, organisationId),
        options.createdBy === undefined
          ? undefined
          : options.createdBy === null
            ? sql`false`
            : eq(importBatch.createdBy, options.createdBy),
      ),
    )
    .orderBy(desc(importBatch.createdAt), desc(importBatch.id))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
}

/** The programme of each activity named (an import row's, for a programme officer's reach). */
export async function activityProgrammes(
  db: Database,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: activity.id, programmeId: activity.programmeId })
    .from(activity)
    .where(and(eq(activity.organisationId, organisationId), inArray(activity.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.programmeId]));
}

export async function findImportBatch(
  db: Database,
  organisationId: string,
  id: string,
): Promise<ImportBatchRow | undefined> {
  const [row] = await db
    .select(batchColumns)
    .from(importBatch)
    .where(and(eq(importBatch.organisationId, organisationId), eq(importBatch.id, id)));
  return row;
}

/** The rows of a batch in file order (`actions`: only those planned so). */
export async function listImportRows(
  db: Database,
  organisationId: string,
  batchId: string,
  options: { actions?: ImportAction[]; limit?: number; offset?: number } = {},
): Promise<ImportRowRow[]> {
  const rows = await db
    .select({
      rowNumber: importRow.rowNumber,
      externalId: importRow.externalId,
      hash: importRow.hash,
      action: importRow.action,
      record: importRow.record,
      issues: importRow.issues,
      entityId: importRow.entityId,
      writtenVersion: importRow.writtenVersion,
    })
    .from(importRow)
    .where(
      and(
        eq(importRow.organisationId, organisationId),
        eq(importRow.batchId, batchId),
        options.actions ? inArray(importRow.action, options.actions) : undefined,
      ),
    )
    .orderBy(asc(importRow.rowNumber))
    .limit(options.limit ?? 2_000_000)
    .offset(options.offset ?? 0);
  return rows.map((r) => ({ ...r, issues: (r.issues as unknown[] | null) ?? [] }));
}

/**
 * What the organisation already imported from a source, external id → content hash: the
 * "existing" a dry run compares each row with.
 */
export async function importedHashes(
  db: Database,
  organisationId: string,
  kind: ImportKindName,
  source: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ externalId: importRecord.externalId, hash: importRecord.hash })
    .from(importRecord)
    .where(
      and(
        eq(importRecord.organisationId, organisationId),
        eq(importRecord.kind, kind),
        eq(importRecord.source, source),
      ),
    );
  return new Map(rows.map((r) => [r.externalId, r.hash]));
}

/** A record an import can name, with every name it answers to (code, name, English name…). */
export interface ImportReference {
  id: string;
  names: string[];
}

/** An indicator a targets or values file can name: its code, dimensions, and its grant's calendar (or none). */
export interface ImportIndicatorReference extends ImportReference {
  /** The dimensions it is broken down by: a row's cell must be one of theirs. */
  dimensions: string[];
  grant: { id: string; startDate: string; endDate: string; fiscalYearStartMonth: number } | null;
}

/**
 * What a file's names are resolved against: the organisation's programmes, places and grants
 * by name or code, its activities by code and by the external id they were imported under, and
 * its indicators by code with the grant whose framework holds them.
 */
export async function importReferences(
  db: Database,
  organisationId: string,
): Promise<{
  programmes: ImportReference[];
  places: ImportReference[];
  grants: ImportReference[];
  activities: ImportReference[];
  indicators: ImportIndicatorReference[];
}> {
  const [programmes, places, grants, activities, imported, indicators] = await Promise.all([
    db
      .select({
        id: programme.id,
        code: programme.code,
        name: programme.name,
        en: programme.nameEn,
      })
      .from(programme)
      .where(eq(programme.organisationId, organisationId)),
    db
      .select({ id: place.id, code: place.code, name: place.name })
      .from(place)
      .where(eq(place.organisationId, organisationId)),
    db
      .select({ id: grant.id, code: grant.code, title: grant.title })
      .from(grant)
      .where(eq(grant.organisationId, organisationId)),
    db
      .select({ id: activity.id, code: activity.code })
      .from(activity)
      .where(eq(activity.organisationId, organisationId)),
    db
      .select({ id: importRecord.entityId, externalId: importRecord.externalId })
      .from(importRecord)
      .where(
        and(eq(importRecord.organisationId, organisationId), eq(importRecord.kind, 'activities')),
      ),
    db
      .select({
        id: indicator.id,
        code: indicator.code,
        dimensions: indicator.dimensions,
        grantId: grant.id,
        startDate: grant.startDate,
        endDate: grant.endDate,
        fiscalYearStartMonth: grant.fiscalYearStartMonth,
      })
      .from(indicator)
      .leftJoin(
        resultNode,
        and(
          eq(resultNode.organisationId, indicator.organisationId),
          eq(resultNode.id, indicator.resultNodeId),
        ),
      )
      .leftJoin(
        grant,
        and(eq(grant.organisationId, resultNode.organisationId), eq(grant.id, resultNode.grantId)),
      )
      .where(eq(indicator.organisationId, organisationId)),
  ]);
  const importedIds = new Map<string, string[]>();
  for (const r of imported) importedIds.set(r.id, [...(importedIds.get(r.id) ?? []), r.externalId]);
  return {
    programmes: programmes.map((p) => ({ id: p.id, names: [p.code, p.name, p.en] })),
    places: places.map((p) => ({ id: p.id, names: [p.name, p.code] })),
    grants: grants.map((g) => ({ id: g.id, names: [g.code, g.title] })),
    activities: activities.map((a) => ({
      id: a.id,
      names: [...(importedIds.get(a.id) ?? []), a.code],
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      names: [i.code],
      dimensions: i.dimensions,
      grant:
        i.grantId === null || i.startDate === null || i.endDate === null
          ? null
          : {
              id: i.grantId,
              startDate: i.startDate,
              endDate: i.endDate,
              fiscalYearStartMonth: i.fiscalYearStartMonth ?? 1,
            },
    })),
  };
}
