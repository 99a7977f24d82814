import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { inList, organisationId } from './columns';
import { organisation } from './organisation';

/** What an import batch can hold (one kind per batch). */
export const importKinds = ['activities', 'attendance', 'incidents', 'targets', 'values'] as const;
export type ImportKindName = (typeof importKinds)[number];

/** staged (read and planned, nothing written) → committed (written) → undone. */
export const importStatuses = ['staged', 'committed', 'undone'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** What the plan does with a row. */
export const importActions = ['create', 'update', 'unchanged', 'rejected'] as const;
export type ImportAction = (typeof importActions)[number];

/**
 * One upload: the file (name, sha256, sheet), the mapping profile it was read with, and where it
 * stands. Its rows are in `import_row`; what its commit wrote is there too, for an undo.
 */
export const importBatch = pgTable(
  'import_batch',
  {
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    id: uuid('id')
      .notNull()
      .default(sql`gen_random_uuid()`),
    kind: text('kind', { enum: importKinds }).notNull(),
    /** Where the external ids come from (`file`, `kobo:<asset uid>`): ids are unique per source. */
    source: text('source').notNull().default('file'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    sheet: text('sheet'),
    profile: jsonb('profile').notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('staged'),
    /** `{ create, update, unchanged, rejected }` as planned, then as committed. */
    counts: jsonb('counts').$type<Record<ImportAction, number>>().notNull(),
    /** Whether the commit left the rejected rows out (the user's explicit choice). */
    validOnly: boolean('valid_only').notNull().default(false),
    createdBy: uuid('created_by'),
    committedBy: uuid('committed_by'),
    undoneBy: uuid('undone_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'import_batch_pkey', columns: [t.organisationId, t.id] }),
    index('import_batch_org_created_idx').on(t.organisationId, t.createdAt),
    check('import_batch_kind_check', sql`${t.kind} in (${inList(importKinds)})`),
    check('import_batch_status_check', sql`${t.status} in (${inList(importStatuses)})`),
  ],
);

/**
 * A row of a batch as read and planned: the source cells, the record it would write (the API's
 * input with names resolved), its content hash, the planned action and its issues; after the
 * commit, the record written (`entityId`, `writtenVersion`) and what it replaced (`before`).
 */
export const importRow = pgTable(
  'import_row',
  {
    organisationId: organisationId(),
    batchId: uuid('batch_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    externalId: text('external_id'),
    hash: text('hash'),
    action: text('action', { enum: importActions }).notNull(),
    cells: jsonb('cells'),
    record: jsonb('record'),
    issues: jsonb('issues').notNull().default([]),
    entityId: uuid('entity_id'),
    writtenVersion: integer('written_version'),
    /** On an update: the record as it was (and its import hash), restored by an undo. */
    before: jsonb('before'),
  },
  (t) => [
    primaryKey({ name: 'import_row_pkey', columns: [t.organisationId, t.batchId, t.rowNumber] }),
    foreignKey({
      name: 'import_row_batch_fk',
      columns: [t.organisationId, t.batchId],
      foreignColumns: [importBatch.organisationId, importBatch.id],
    }).onDelete('cascade'),
    check('import_row_action_check', sql`${t.action} in (${inList(importActions)})`),
  ],
);

/**
 * What an organisation imported, by external id (a column the user names, or Kobo's
 * `meta/rootUuid`), unique per organisation, kind and source: the record it became, the content
 * hash of the row last imported and the record's version then. A re-import of the same row
 * changes nothing; a corrected row updates the record if nobody changed it in Jalon since.
 */
export const importRecord = pgTable(
  'import_record',
  {
    organisationId: organisationId(),
    kind: text('kind', { enum: importKinds }).notNull(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    entityId: uuid('entity_id').notNull(),
    hash: text('hash').notNull(),
    entityVersion: integer('entity_version').notNull(),
    batchId: uuid('batch_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({
      name: 'import_record_pkey',
      columns: [t.organisationId, t.kind, t.source, t.externalId],
    }),
    index('import_record_org_entity_idx').on(t.organisationId, t.entityId),
    foreignKey({
      name: 'import_record_batch_fk',
      columns: [t.organisationId, t.batchId],
      foreignColumns: [importBatch.organisationId, importBatch.id],
    }).onDelete('cascade'),
  ],
);

/**
 * How far an organisation's pulls from a KoboToolbox server have read a form (asset): the latest
 * `_submission_time` of a committed pull, in Kobo's own form (UTC, no zone). The next pull reads
 * from it minus the re-read window. Advanced only by a committed batch, and only forward.
 */
export const koboWatermark = pgTable(
  'kobo_watermark',
  {
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    /** The server's origin (`https://kf.kobotoolbox.org`). */
    server: text('server').notNull(),
    assetUid: text('asset_uid').notNull(),
    submittedAt: text('submitted_at').notNull(),
    /** The committed batch that last moved it. */
    batchId: uuid('batch_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'kobo_watermark_pkey', columns: [t.organisationId, t.server, t.assetUid] }),
  ],
);
