import { z } from 'zod';
import { PERIOD_KINDS, QUALIFIERS, isCalendarDate } from '@jalon/domain';

/** A text in French and English (the interface languages, French first). */
export const localizedTextSchema = z.object({ fr: z.string(), en: z.string() });

/** A calendar day 'YYYY-MM-DD' that exists (2023-02-29 is refused). */
export const calendarDateSchema = z
  .string()
  .refine((s) => isCalendarDate(s), { message: 'expected a calendar date YYYY-MM-DD' });

/** A count with its qualifier: exact, approximate ("environ 50") or a lower bound ("plus de 325"). */
export const countSchema = z.object({
  value: z.number().finite(),
  qualifier: z.enum(QUALIFIERS),
  /** An approximate count that is also a lower bound ("au moins environ 657"): both qualifiers. */
  atLeast: z.literal(true).optional(),
});

/** An interval both ends inclusive; `upper` null when nothing bounds it above. */
export const boundsSchema = z.object({
  lower: z.number().finite(),
  upper: z.number().finite().nullable(),
});

/** The domain's `Figure`: a computed number with its qualifier, open end, bounds and uncounted activities. */
export const figureSchema = z.object({
  value: z.number().finite(),
  qualifier: z.enum(QUALIFIERS),
  atLeast: z.boolean(),
  bounds: boundsSchema.nullable(),
  uncounted: z.number().int().min(0),
});

/** Dimension → category, e.g. `{ sex: 'female' }`. */
export const cellKeySchema = z.record(z.string(), z.string());

/** A known part of a total, as recorded. */
export const cellSchema = z.object({
  key: cellKeySchema,
  value: z.number().finite(),
  qualifier: z.enum(QUALIFIERS),
});

/** A participation count: a total (null when only parts are known) and the known breakdown. */
export const countRecordSchema = z.object({
  total: countSchema.nullable(),
  cells: z.array(cellSchema),
});

/** A way of breaking down people (same shape as the domain's `Dimension`). */
export const dimensionSchema = z.object({
  code: z.string().min(1),
  label: localizedTextSchema,
  categories: z.array(z.object({ code: z.string().min(1), label: localizedTextSchema })).min(1),
  complete: z.boolean(),
});

/**
 * The roles a period plays in a report. `reporting-period` is the period reported on;
 * `sub-period` each part of it (or of its fiscal year); `year-to-date` from the fiscal year's start to
 * the period's end; `fiscal-year` the whole fiscal year holding the period (annual targets);
 * `grant-to-date` from the grant's start to the period's end (cumulative since the start);
 * `life-of-grant` the grant's whole life (life-of-grant targets, actuals to date).
 */
export const PERIOD_ROLES = [
  'reporting-period',
  'sub-period',
  'year-to-date',
  'fiscal-year',
  'grant-to-date',
  'life-of-grant',
] as const;

/** One of {@link PERIOD_ROLES}. */
export type PeriodRole = (typeof PERIOD_ROLES)[number];

/** A period that appears in a report, with the roles it plays and its labels. */
export const periodRefSchema = z
  .object({
    code: z.string().min(1),
    kind: z.enum(PERIOD_KINDS),
    start: calendarDateSchema,
    end: calendarDateSchema,
    roles: z.array(z.enum(PERIOD_ROLES)).min(1),
    label: localizedTextSchema,
    /**
     * The last day the period's figures cover, when it runs past the reporting period (a monthly
     * report's quarter, to 31 May): its label says « à date (31 mai) » and its targets are the
     * same-to-date ones (see `indicator.values` for the window).
     */
    asOf: calendarDateSchema.optional(),
    /** With `asOf`: the label of the whole period, not cut (« Exercice 2023 »), over a column of its whole target. */
    wholeLabel: localizedTextSchema.optional(),
  })
  .refine((p) => p.start <= p.end, {
    message: 'a period cannot end before it starts',
    path: ['end'],
  });

/** {@link periodRefSchema} as a type. */
export type PeriodRef = z.infer<typeof periodRefSchema>;
