import { message, messageText } from '../messages';
import { findActivity, listAttendance, setAttendance, type AttendanceInput } from '@jalon/db';
import { must, DEFAULT_DIMENSIONS } from '@jalon/domain';
import { z } from 'zod';
import type { Locale } from '../context';
import { failCommand, toTRPCError } from '../errors';
import { requireRecord } from '../scope';
import { organisationProcedure, router, type ProcedureContext } from '../trpc';
import { activityDto } from './activity';

const codesOf = (dimension: string) =>
  must(
    DEFAULT_DIMENSIONS.find((d) => d.code === dimension),
    'a default breakdown dimension',
  ).categories.map((c) => c.code) as [string, ...string[]];

/** The category codes a line may carry, per attribute (the engine's default dimensions). */
export const attendanceCategories = {
  sex: codesOf('sex'),
  ageGroup: codesOf('age'),
  disability: codesOf('disability'),
  category: codesOf('category'),
};

/** One line of the list, with messages in the caller's language. */
function rowSchema(locale: Locale) {
  const t = (key: Parameters<typeof message>[0] & `attendance.${string}`) => message(key, locale);
  const category = (codes: string[], expected: string) =>
    z
      .enum(codes as [string, ...string[]], {
        error: message('attendance.category', locale, { expected, codes }),
      })
      .nullable()
      .optional();
  return z
    .object(
      {
        personId: z.uuid({ error: t('attendance.person-id') }).optional(),
        code: z
          .string({ error: t('attendance.code-text') })
          .trim()
          .min(1, t('attendance.code-empty'))
          .max(80, t('attendance.code-long'))
          .optional(),
        displayName: z
          .string({ error: t('attendance.name-text') })
          .trim()
          .max(200, t('attendance.name-long'))
          .nullable()
          .optional()
          .transform((v) => (v === '' ? null : v)),
        sex: category(attendanceCategories.sex, t('attendance.expected.sex')),
        ageGroup: category(attendanceCategories.ageGroup, t('attendance.expected.age-group')),
        disability: category(attendanceCategories.disability, t('attendance.expected.disability')),
        category: category(attendanceCategories.category, t('attendance.expected.category')),
        date: z.iso.date({ error: t('attendance.date') }).optional(),
      },
      { error: t('attendance.line-object') },
    )
    .strict()
    .refine((r) => r.personId !== undefined || r.code !== undefined, {
      error: t('attendance.person-or-code'),
    });
}

type RowInput = z.input<ReturnType<typeof rowSchema>>;

/**
 * The lines are checked one by one in the procedure, so that a refusal names its line
 * ("ligne 3 : sexe attendu : female, male"); the schema only bounds the list.
 */
const participants = z.array(z.unknown()).max(1000) as unknown as z.ZodType<unknown[], RowInput[]>;

export const attendanceSetInput = z
  .object({
    activityId: z.uuid(),
    version: z.number().int().positive().optional(),
    participants,
  })
  .strict();

const attendanceDto = z.object({
  personId: z.string(),
  code: z.string(),
  displayName: z.string().nullable(),
  date: z.iso.date(),
  sex: z.string().nullable(),
  ageGroup: z.string().nullable(),
  disability: z.string().nullable(),
  category: z.string().nullable(),
});

function parseRows(rows: unknown[], locale: Locale): AttendanceInput[] {
  const schema = rowSchema(locale);
  const problems: string[] = [];
  const parsed: AttendanceInput[] = [];
  rows.forEach((row, i) => {
    const r = schema.safeParse(row);
    if (r.success) parsed.push(r.data);
    else
      for (const issue of r.error.issues) {
        const field = issue.path.length ? `${issue.path.join('.')} — ` : '';
        problems.push(
          message('attendance.line-problem', locale, { line: i + 1, text: field + issue.message }),
        );
      }
  });
  if (problems.length)
    throw toTRPCError(
      {
        kind: 'invalid-input',
        message: messageText('attendance.refused', { problems }),
      },
      locale,
    );
  return parsed;
}

/** The activity, held to the caller's reach like `activity.byId` / `activity.update`. */
async function reachableActivity(ctx: ProcedureContext, id: string) {
  const found = await findActivity(ctx.db, ctx.organisationId, id);
  if (!found)
    throw toTRPCError({ kind: 'not-found', entity: messageText('entity.activity') }, ctx.locale);
  requireRecord(ctx, {
    programmeIds: [found.programme.id],
    grantIds: found.grants.map((g) => g.id),
  });
  return found;
}

export const attendanceRouter = router({
  /** The named participants of an activity, with their attributes on the day. */
  list: organisationProcedure
    .input(z.object({ activityId: z.uuid() }).strict())
    .output(z.object({ items: z.array(attendanceDto) }))
    .query(async ({ ctx, input }) => {
      await reachableActivity(ctx, input.activityId);
      return { items: await listAttendance(ctx.db, ctx.organisationId, input.activityId) };
    }),

  /**
   * Replaces the activity's list of named participants (persons found or created by code), all or
   * nothing, audited; refused in a period locked by a submitted report and beyond the activity's
   * exact total. With `version`, a save made in between is a CONFLICT.
   */
  set: organisationProcedure
    .input(attendanceSetInput)
    .output(z.object({ activity: activityDto, items: z.array(attendanceDto) }))
    .mutation(async ({ ctx, input }) => {
      await reachableActivity(ctx, input.activityId);
      const rows = parseRows(input.participants, ctx.locale);
      const r = await setAttendance(
        ctx.db,
        ctx.organisationId,
        input.activityId,
        input.version,
        rows,
        ctx.actor,
      );
      if (!r.ok) failCommand(r.error, messageText('entity.activity'), ctx.locale);
      return { activity: r.value.activity, items: r.value.attendance };
    }),
});
