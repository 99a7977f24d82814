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
  const t = (fr: string, en: string) => (locale === 'en' ? en : fr);
  const category = (codes: string[], fr: string, en: string) =>
    z
      .enum(codes as [string, ...string[]], {
        error: t(`${fr} : ${codes.join(', ')}`, `${en}: ${codes.join(', ')}`),
      })
      .nullable()
      .optional();
  return z
    .object(
      {
        personId: z
          .uuid({ error: t('identifiant de personne invalide', 'invalid person id') })
          .optional(),
        code: z
          .string({ error: t('le code doit être un texte', 'the code must be text') })
          .trim()
          .min(1, t('le code est vide', 'the code is empty'))
          .max(80, t('le code dépasse 80 caractères', 'the code exceeds 80 characters'))
          .optional(),
        displayName: z
          .string({ error: t('le nom doit être un texte', 'the name must be text') })
          .trim()
          .max(200, t('le nom dépasse 200 caractères', 'the name exceeds 200 characters'))
          .nullable()
          .optional()
          .transform((v) => (v === '' ? null : v)),
        sex: category(attendanceCategories.sex, 'sexe attendu', 'expected sex'),
        ageGroup: category(
          attendanceCategories.ageGroup,
          'tranche d’âge attendue',
          'expected age group',
        ),
        disability: category(
          attendanceCategories.disability,
          'handicap attendu',
          'expected disability',
        ),
        category: category(
          attendanceCategories.category,
          'catégorie attendue',
          'expected category',
        ),
        date: z.iso
          .date({ error: t('date attendue au format AAAA-MM-JJ', 'date expected as YYYY-MM-DD') })
          .optional(),
      },
      { error: t('une ligne doit être un objet', 'a line must be an object') },
    )
    .strict()
    .refine((r) => r.personId !== undefined || r.code !== undefined, {
      error: t(
        'indiquez le code (ou pseudonyme) de la personne',
        'give the person’s code (or pseudonym)',
      ),
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
        problems.push(`${locale === 'en' ? 'line' : 'ligne'} ${i + 1} : ${field}${issue.message}`);
      }
  });
  if (problems.length)
    throw toTRPCError(
      {
        kind: 'invalid-input',
        message: {
          fr: `Liste des participants refusée, rien n’a été enregistré : ${problems.join(' ; ')}.`,
          en: `Participant list refused, nothing was saved: ${problems.join('; ')}.`,
        },
      },
      locale,
    );
  return parsed;
}

/** The activity, held to the caller's reach like `activity.byId` / `activity.update`. */
async function reachableActivity(ctx: ProcedureContext, id: string) {
  const found = await findActivity(ctx.db, ctx.organisationId, id);
  if (!found)
    throw toTRPCError(
      { kind: 'not-found', entity: { fr: 'activité', en: 'activity' } },
      ctx.locale,
    );
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
      if (!r.ok) failCommand(r.error, { fr: 'activité', en: 'activity' }, ctx.locale);
      return { activity: r.value.activity, items: r.value.attendance };
    }),
});
