import { messageText } from '../messages';
import { must, QUALIFIERS, type Qualifier } from '@jalon/domain';
import {
  commitImport,
  findImportBatch,
  importReferences,
  listImportBatches,
  listImportRows,
  undoImport,
  type ImportBatchRow,
} from '@jalon/db';
import { importActions, importKinds, importStatuses } from '@jalon/db/schema';
import { groupIssues, mappingProfile, valueChange, type RowIssue } from '@jalon/import';
import { toTRPCError } from '../errors';
import { z } from 'zod';
import {
  existingRecords,
  holdToReach,
  importRefused,
  replan,
  requireKind,
  stageFile,
} from '../services/import-batches';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

/** The largest file `import.stage` takes inline (base64 in the tRPC body); bigger ones go through `/api/import/upload`. */
export const INLINE_FILE_BYTES = 1_400_000;

const counts = z.object({
  create: z.number().int().nonnegative(),
  update: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});

const localized = z.object({ fr: z.string(), en: z.string() });

/** A value as the preview says it: `environ 50` is not `plus de 50`. */
const saidValue = z.object({
  value: z.number(),
  qualifier: z.enum(QUALIFIERS),
  text: localized,
});

export const importBatchDto = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  source: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  sheet: z.string().nullable(),
  status: z.enum(importStatuses),
  counts,
  validOnly: z.boolean(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
});

const issueDto = z.object({
  code: z.string(),
  field: z.string(),
  column: z.string().optional(),
  rowNumber: z.number().int(),
  severity: z.enum(['error', 'warning']),
  value: z.string().optional(),
  message: localized,
  suggestions: z.array(z.string()).optional(),
  detail: z.string().optional(),
});

const groupDto = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  field: z.string(),
  column: z.string().optional(),
  rows: z.array(z.number().int()),
  rowRanges: z.string(),
  title: localized,
  examples: z.array(
    z.object({
      rowNumber: z.number().int(),
      value: z.string().optional(),
      message: localized,
      suggestions: z.array(z.string()).optional(),
    }),
  ),
});

export function batchDto(b: ImportBatchRow): z.infer<typeof importBatchDto> {
  return {
    id: b.id,
    kind: b.kind,
    source: b.source,
    fileName: b.fileName,
    sha256: b.sha256,
    sheet: b.sheet,
    status: b.status,
    counts: b.counts,
    validOnly: b.validOnly,
    createdAt: new Date(b.createdAt).toISOString(),
    committedAt: b.committedAt ? new Date(b.committedAt).toISOString() : null,
    undoneAt: b.undoneAt ? new Date(b.undoneAt).toISOString() : null,
  };
}

/**
 * A batch of the caller's organisation within her reach: any for the M&E team, her own for a
 * programme officer (FORBIDDEN otherwise: its rows were held to another's reach).
 */
async function batchOf(ctx: ProcedureContext, id: string) {
  const found = await findImportBatch(ctx.db, ctx.organisationId, id);
  if (!found) throw toTRPCError({ kind: 'import-batch-not-found' }, ctx.locale);
  if (ctx.reach !== 'organisation' && found.createdBy !== ctx.actor.userId)
    throw toTRPCError({ kind: 'import-other-importer' }, ctx.locale);
  return found;
}

/**
 * A programme officer's commit checks her rows again (her programmes may have changed since the
 * dry run): a row now outside them refuses the batch, named, and nothing is written.
 */
async function recheckReach(ctx: ProcedureContext, batch: ImportBatchRow) {
  if (ctx.reach === 'organisation') return;
  const rows = (await listImportRows(ctx.db, ctx.organisationId, batch.id)).filter(
    (r) => r.action !== 'rejected' && r.record !== null,
  );
  const held = await holdToReach(
    ctx.db,
    ctx.actor,
    batch.kind,
    rows.map((r) => ({
      rowNumber: r.rowNumber,
      externalId: r.externalId,
      action: r.action,
      record: r.record,
      hash: r.hash,
      issues: [],
    })),
    (await importReferences(ctx.db, ctx.organisationId)).indicators,
  );
  const outside = held.filter((r) => r.action === 'rejected');
  if (outside.length)
    importRefused(
      {
        kind: 'rows',
        rows: outside.map((r) => ({
          rowNumber: r.rowNumber,
          externalId: r.externalId,
          code: 'other-programme',
          message: messageText('import.other-programme', { kind: batch.kind }),
        })),
      },
      ctx.locale,
    );
}

const byId = z.object({ id: z.uuid() }).strict();

/** Where external ids come from: `file`, or `kobo:<asset uid>`. */
const source = z
  .string()
  .trim()
  .regex(
    /^(file|kobo)(:[A-Za-z0-9_-]{1,64})?$/,
    'file, kobo ou kobo:<uid> / file, kobo or kobo:<uid>',
  );

export const importRouter = router({
  /**
   * A file (base64, up to {@link INLINE_FILE_BYTES}) read through a mapping profile, planned and
   * kept as a staged batch: nothing of the organisation's data is written. Answers the counts
   * and the issues grouped by code.
   */
  stage: organisationProcedure
    .input(
      z
        .object({
          fileName: z.string().trim().min(1).max(255),
          contentBase64: z
            .string()
            .max(Math.ceil(INLINE_FILE_BYTES / 3) * 4)
            .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
          profile: mappingProfile,
          source: source.optional(),
        })
        .strict(),
    )
    .output(z.object({ id: z.string(), counts, groups: z.array(groupDto) }))
    .mutation(async ({ ctx, input }) => {
      const bytes = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
      return stageFile(
        ctx.db,
        ctx.organisationId,
        ctx.actor,
        { fileName: input.fileName, bytes, profile: input.profile, source: input.source },
        ctx.locale,
      );
    }),

  /**
   * The dry run of a staged batch against what the organisation holds now: counts of rows that
   * would be created, updated, unchanged and rejected, the issues grouped by code (one line for
   * 10,000 rows with one wrong column), and the rows with issues (up to `limit`).
   */
  plan: organisationProcedure
    .input(
      z.object({ id: z.uuid(), limit: z.number().int().min(0).max(5000).default(200) }).strict(),
    )
    .output(
      z.object({
        batch: importBatchDto,
        counts,
        groups: z.array(groupDto),
        rows: z.array(
          z.object({
            rowNumber: z.number().int(),
            externalId: z.string().nullable(),
            action: z.enum(importActions),
            issues: z.array(issueDto),
            /** Values: the value typed now (null: none) and the row's, with their qualifiers. */
            change: z.object({ before: saidValue.nullable(), after: saidValue }).optional(),
          }),
        ),
        rowsWithIssues: z.number().int().nonnegative(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const batch = await batchOf(ctx, input.id);
      const rows = await listImportRows(ctx.db, ctx.organisationId, batch.id);
      const issues = rows.flatMap((r) => r.issues as RowIssue[]);
      let planned = { counts: batch.counts, actions: rows.map((r) => r.action) };
      const existing =
        batch.status === 'staged'
          ? await existingRecords(ctx.db, ctx.organisationId, batch.kind, batch.source)
          : null;
      if (existing) planned = replan(rows, existing.hashes);
      const typed = existing?.values;
      // Values: every row is shown with what it does to the value typed by hand.
      const shown = rows.map((r, i) => ({
        rowNumber: r.rowNumber,
        externalId: r.externalId,
        action: must(planned.actions[i], 'the planned action of a staged row'),
        issues: r.issues as RowIssue[],
        ...(typed && r.record
          ? {
              change: valueChange(
                typed.get(r.externalId ?? ''),
                r.record as { value: number; qualifier?: Qualifier },
              ),
            }
          : {}),
      }));
      const withIssues = shown.filter((r) => r.issues.length > 0 || r.action === 'rejected');
      return {
        batch: batchDto(batch),
        counts: planned.counts,
        groups: groupIssues(issues),
        rows: (typed ? shown : withIssues).slice(0, input.limit),
        rowsWithIssues: withIssues.length,
      };
    }),

  /**
   * Writes a staged batch all or nothing (PRECONDITION_FAILED naming every row that cannot be
   * written); `validOnly` leaves the rejected rows out, a choice the batch and the audit keep.
   */
  commit: organisationProcedure
    .input(z.object({ id: z.uuid(), validOnly: z.boolean().default(false) }).strict())
    .output(z.object({ id: z.string(), counts, validOnly: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const batch = await batchOf(ctx, input.id);
      requireKind(ctx.actor, batch.kind, ctx.locale);
      await recheckReach(ctx, batch);
      const r = await commitImport(
        ctx.db,
        ctx.organisationId,
        input.id,
        { validOnly: input.validOnly },
        ctx.actor,
      );
      if (!r.ok) importRefused(r.error, ctx.locale);
      return r.value;
    }),

  /** Undoes a committed batch while nothing it wrote has changed and no report locks it. */
  undo: organisationProcedure
    .input(byId)
    .output(
      z.object({
        id: z.string(),
        deleted: z.number().int().nonnegative(),
        restored: z.number().int().nonnegative(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      requireKind(ctx.actor, (await batchOf(ctx, input.id)).kind, ctx.locale);
      const r = await undoImport(ctx.db, ctx.organisationId, input.id, ctx.actor);
      if (!r.ok) importRefused(r.error, ctx.locale);
      return r.value;
    }),

  list: organisationProcedure
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).max(1_000_000).default(0),
        })
        .strict()
        .optional(),
    )
    .output(z.object({ items: z.array(importBatchDto) }))
    .query(async ({ ctx, input }) => {
      const items = await listImportBatches(ctx.db, ctx.organisationId, {
        limit: input?.limit ?? 50,
        offset: input?.offset ?? 0,
        // A programme officer's own batches only.
        ...(ctx.reach === 'organisation' ? {} : { createdBy: ctx.actor.userId }),
      });
      return { items: items.map(batchDto) };
    }),

  byId: organisationProcedure
    .input(byId)
    .output(importBatchDto.extend({ profile: z.unknown() }))
    .query(async ({ ctx, input }) => {
      const batch = await batchOf(ctx, input.id);
      return { ...batchDto(batch), profile: batch.profile };
    }),
});
