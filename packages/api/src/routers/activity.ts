import { messageText } from '../messages';
import {
  activitySorts,
  createActivity,
  deleteActivity,
  findActivity,
  grantCountingOf,
  listActivities,
  lookAlikeActivities,
  moveActivity,
  ownSubmission,
  restateActivity,
  updateActivity,
  type CommandFailure,
} from '@jalon/db';
import {
  activityRoles,
  activityTypes,
  countQualifiers,
  placeLevels,
  recordStatuses,
} from '@jalon/db/schema';
import { checkConsistency, parsePeriod, type CountRecord } from '@jalon/domain';
import type { Locale } from '../context';
import { z } from 'zod';
import { approvalProcedures, failApproval, reason } from '../approval';
import {
  entryWarnings,
  uncountedGrants,
  uncountedGrantWarnings,
  warningDto,
} from '../entry-warnings';
import { clientRequestId, createIdempotent } from '../client-request';
import { failCommand, toTRPCError } from '../errors';
import { requireRecord, scopeCollection } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';

const countDto = z.object({
  value: z.number().int().nonnegative(),
  qualifier: z.enum(countQualifiers),
});

export const activityDto = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  type: z.enum(activityTypes),
  role: z.enum(activityRoles),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  sessions: z.number().int().positive(),
  status: z.enum(recordStatuses),
  version: z.number().int().positive(),
  programme: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() }),
  places: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.enum(placeLevels) }),
  ),
  grants: z.array(z.object({ id: z.string(), code: z.string() })),
  participants: z
    .object({
      total: countDto.nullable(),
      cells: z.array(
        z.object({
          key: z.record(z.string(), z.string()),
          value: z.number().int().nonnegative(),
          qualifier: z.enum(countQualifiers),
        }),
      ),
    })
    .nullable(),
});

export const activityListInput = z
  .object({
    /** A period code the domain understands: `2023-Q2`, `2023`, `2023-04`, `2023-04-01..2023-05-15`… */
    period: z.string().trim().min(1).max(40).optional(),
    programmeId: z.uuid().optional(),
    programmeCode: z.string().trim().min(1).max(40).optional(),
    /** only this approval status: `submitted` is the queue of what awaits validation */
    status: z.enum(recordStatuses).optional(),
    type: z.enum(activityTypes).optional(),
    /** only activities reporting to this grant (a donor: one of hers) */
    grantId: z.uuid().optional(),
    /** only activities held at this place or within it */
    placeId: z.uuid().optional(),
    /** words of the title, code or summary; accents and case ignored */
    search: z.string().trim().max(200).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    sort: z.enum(activitySorts).default('date'),
  })
  .strict();

const count = z
  .number()
  .int('un nombre entier de personnes')
  .min(0, 'un nombre de personnes ne peut pas être négatif')
  .max(10_000_000);

/** What an officer enters: a total only, a total with some parts, or a full cross-tab. */
export const participantsInput = z
  .object({
    total: z.object({ value: count, qualifier: z.enum(countQualifiers) }).nullable(),
    cells: z
      .array(
        z.object({
          key: z
            .partialRecord(
              z.enum(['sex', 'age', 'disability', 'category']),
              z.string().min(1).max(40),
            )
            .refine(
              (k) => Object.keys(k).length > 0,
              'une case doit nommer au moins une catégorie',
            ),
          value: count,
          qualifier: z.enum(countQualifiers).default('exact'),
        }),
      )
      .max(200)
      .default([]),
  })
  .strict();

export const activityInput = z
  .object({
    programmeId: z.uuid(),
    code: z.string().trim().min(1).max(80).optional(),
    title: z.string().trim().min(3).max(300),
    summary: z.string().trim().max(5000).nullable().optional(),
    type: z.enum(activityTypes),
    role: z.enum(activityRoles).default('organiser'),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    sessions: z.number().int().min(1).max(1000).default(1),
    placeIds: z.array(z.uuid()).max(100).default([]),
    grantIds: z.array(z.uuid()).max(50).default([]),
    participants: participantsInput.nullable().default(null),
    /** On a create: the client's id for it, so that sending it again writes nothing more. */
    clientRequestId,
  })
  .strict()
  .refine((a) => a.endDate >= a.startDate, {
    path: ['endDate'],
    message: 'la date de fin précède la date de début',
  });

/** The engine's consistency check: errors refuse the save (nothing written), warnings come back. */
function checkParticipants(participants: CountRecord | null, locale: Locale) {
  if (!participants) return [];
  const issues = checkConsistency(participants);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    throw toTRPCError({ kind: 'inconsistent-breakdown', issues: errors }, locale);
  }
  return issues.map((i) => ({
    code: i.code,
    severity: i.severity,
    keys: i.keys,
    message: i.message,
  }));
}

function fail(error: CommandFailure, locale: Locale): never {
  return failCommand(error, messageText('entity.activity'), locale);
}

const issueDto = z.object({
  code: z.string(),
  severity: z.string(),
  keys: z.array(z.string()),
  message: z.object({ fr: z.string(), en: z.string() }),
});

/**
 * Probable duplicates, a start date to come, and the grants whose indicators will not count it:
 * said in the answer, never a refusal. `excludeId`: the activity itself (a correction, or a
 * create sent again); `stored`: the activity as it stands before a correction, so that a grant
 * that already did not count it is not warned of again at each edit.
 */
async function warningsFor(
  ctx: ProcedureContext,
  input: z.output<typeof activityInput>,
  excludeId?: string,
  stored?: Awaited<ReturnType<typeof existing>>,
) {
  const [alike, counting, before] = await Promise.all([
    lookAlikeActivities(ctx.db, ctx.organisationId, input, excludeId),
    grantCountingOf(ctx.db, ctx.organisationId, input),
    stored
      ? grantCountingOf(ctx.db, ctx.organisationId, {
          programmeId: stored.programme.id,
          placeIds: stored.places.map((p) => p.id),
          grantIds: stored.grants.map((g) => g.id),
        }).then((c) => new Set(uncountedGrants(stored.type, c).map((g) => g.id)))
      : undefined,
  ]);
  return [
    ...entryWarnings('activity', alike, input.startDate),
    ...uncountedGrantWarnings(input.type, counting, before),
  ];
}

async function existing(ctx: ProcedureContext, id: string) {
  const found = await findActivity(ctx.db, ctx.organisationId, id);
  if (!found)
    throw toTRPCError({ kind: 'not-found', entity: messageText('entity.activity') }, ctx.locale);
  return found;
}

const scopeOf = (a: { programme: { id: string }; grants: { id: string }[] }) => ({
  programmeIds: [a.programme.id],
  grantIds: a.grants.map((g) => g.id),
});

const activityText = messageText('entity.activity');
const theActivity = messageText('entity.this-activity');

export const activityRouter = router({
  list: organisationProcedure
    .input(activityListInput.optional())
    .output(z.object({ items: z.array(activityDto), total: z.number().int().nonnegative() }))
    .query(async ({ ctx, input }) => {
      const filter = activityListInput.parse(input ?? {});
      let from: string | undefined;
      let to: string | undefined;
      if (filter.period) {
        const period = parsePeriod(filter.period);
        if (!period.ok)
          throw toTRPCError({ kind: 'invalid-input', message: period.error.message }, ctx.locale);
        ({ start: from, end: to } = period.value);
      }
      const narrow = scopeCollection(ctx, {
        programmeIds: filter.programmeId ? [filter.programmeId] : [],
        grantIds: filter.grantId ? [filter.grantId] : [],
      });
      return listActivities(ctx.db, ctx.organisationId, {
        ...filter,
        ...narrow,
        search: filter.search || undefined,
        from,
        to,
      });
    }),

  /**
   * One activity, with `ownSubmission`: the caller submitted it herself and her organisation keeps
   * separation of duties, so `validate` would refuse her (the page says why instead of a button).
   */
  byId: organisationProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .output(activityDto.extend({ ownSubmission: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const found = await existing(ctx, input.id);
      requireRecord(ctx, scopeOf(found));
      const userId = ctx.actor.userId;
      const own =
        found.status === 'submitted' &&
        userId !== null &&
        (await ownSubmission(ctx.db, ctx.organisationId, 'activity', found.id, userId));
      return { ...found, ownSubmission: own };
    }),

  /**
   * What saving this activity would be warned about (a probable duplicate: same type, date, place
   * and title; a start date to come), without saving it; `id`: a correction of that activity.
   */
  check: organisationProcedure
    .input(z.object({ id: z.uuid().optional(), activity: activityInput }).strict())
    .output(z.object({ warnings: z.array(warningDto) }))
    .query(async ({ ctx, input }) => {
      const stored = input.id ? await existing(ctx, input.id) : undefined;
      if (stored) requireRecord(ctx, scopeOf(stored));
      requireRecord(ctx, {
        programmeIds: [input.activity.programmeId],
        grantIds: input.activity.grantIds,
      });
      return { warnings: await warningsFor(ctx, input.activity, input.id, stored) };
    }),

  /**
   * Records an activity; the breakdown is checked by the engine before anything is written. A
   * probable duplicate or a date to come is saved and warned about (`warnings`).
   */
  create: organisationProcedure
    .input(activityInput)
    .output(
      z.object({
        activity: activityDto,
        issues: z.array(issueDto),
        warnings: z.array(warningDto),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, { programmeIds: [input.programmeId], grantIds: input.grantIds });
      const issues = checkParticipants(input.participants, ctx.locale);
      const warnings = await warningsFor(ctx, input);
      const r = await createIdempotent(
        ctx,
        'activity.create',
        input,
        (db) => createActivity(db, ctx.organisationId, input, ctx.actor),
        (first) => existing(ctx, first.id),
      );
      // A copy sent again answers as the first did: the same record, the same warnings (the
      // look-alikes other than itself).
      if (r.kind === 'replayed')
        return { activity: r.value, issues, warnings: await warningsFor(ctx, input, r.value.id) };
      if (!r.result.ok) fail(r.result.error, ctx.locale);
      return { activity: r.result.value, issues, warnings };
    }),

  /** Saves an activity read at `version`; a concurrent save in between is a CONFLICT. */
  update: organisationProcedure
    .input(
      z
        .object({ id: z.uuid(), version: z.number().int().positive(), activity: activityInput })
        .strict(),
    )
    .output(
      z.object({
        activity: activityDto,
        issues: z.array(issueDto),
        warnings: z.array(warningDto),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Both what it was and what it becomes must be within the caller's reach.
      const stored = await existing(ctx, input.id);
      requireRecord(ctx, scopeOf(stored));
      requireRecord(ctx, {
        programmeIds: [input.activity.programmeId],
        grantIds: input.activity.grantIds,
      });
      const issues = checkParticipants(input.activity.participants, ctx.locale);
      const warnings = await warningsFor(ctx, input.activity, input.id, stored);
      const r = await updateActivity(
        ctx.db,
        ctx.organisationId,
        input.id,
        input.version,
        input.activity,
        ctx.actor,
      );
      if (!r.ok) fail(r.error, ctx.locale);
      return { activity: r.value, issues, warnings };
    }),

  delete: organisationProcedure
    .input(z.object({ id: z.uuid(), version: z.number().int().positive() }).strict())
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, scopeOf(await existing(ctx, input.id)));
      const r = await deleteActivity(
        ctx.db,
        ctx.organisationId,
        input.id,
        input.version,
        ctx.actor,
      );
      if (!r.ok) fail(r.error, ctx.locale);
      return r.value;
    }),

  /**
   * Approval: draft → submitted (by whoever records activities), submitted → validated, or back to
   * draft with a reason (by the M&E team and management). An edit returns the activity to draft.
   */
  ...approvalProcedures({
    output: activityDto,
    reach: async (ctx, id) => requireRecord(ctx, scopeOf(await existing(ctx, id))),
    move: moveActivity,
    entity: activityText,
    the: theActivity,
  }),

  /**
   * A network administrator's correction of an activity in a period locked by a submitted report:
   * applied despite the lock, with a reason, kept as a restatement of each locked grant period it
   * touches (listed in that grant's next report) and audited. On an activity no report locks it is
   * an ordinary edit with a reason (`restated` is then empty).
   */
  restate: organisationProcedure
    .input(
      z
        .object({
          id: z.uuid(),
          version: z.number().int().positive(),
          activity: activityInput,
          reason,
        })
        .strict(),
    )
    .output(
      z.object({
        activity: activityDto,
        issues: z.array(issueDto),
        restated: z.array(z.object({ grant: z.string(), period: z.string() })),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      requireRecord(ctx, scopeOf(await existing(ctx, input.id)));
      requireRecord(ctx, {
        programmeIds: [input.activity.programmeId],
        grantIds: input.activity.grantIds,
      });
      const issues = checkParticipants(input.activity.participants, ctx.locale);
      const r = await restateActivity(
        ctx.db,
        ctx.organisationId,
        input.id,
        input.version,
        input.activity,
        input.reason,
        ctx.actor,
      );
      if (!r.ok) failApproval(r.error, activityText, ctx.locale, theActivity);
      return { ...r.value, issues };
    }),
});
