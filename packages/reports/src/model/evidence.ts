import { RECORD_STATUSES } from '@jalon/domain';
import { z } from 'zod';
import { calendarDateSchema, countRecordSchema, localizedTextSchema } from './common';

/** An activity held in the period: one row of evidence. */
export const activitySchema = z.object({
  id: z.string().min(1),
  date: calendarDateSchema,
  endDate: calendarDateSchema.optional(),
  /** Sessions of a series reported as one activity ("treize (13) sessions de formation"). */
  sessions: z.number().int().positive().optional(),
  title: z.string().min(1),
  type: z.string().min(1),
  typeLabel: localizedTextSchema,
  programmeCode: z.string().min(1),
  /** Place names from region down (region, cercle, commune), or 'en ligne'. */
  places: z.array(z.string()),
  participants: countRecordSchema,
  /**
   * Its named people (the attendance list) by sex and age, when no count was recorded: the engine
   * reads the activity's participation from them, and so does the bulletin's prose.
   */
  namedParticipants: countRecordSchema.optional(),
  grantCodes: z.array(z.string()).default([]),
  indicatorCodes: z.array(z.string()).default([]),
  /** Where the record stands in its approval (counted whatever it is; a finding says so). */
  status: z.enum(RECORD_STATUSES).optional(),
});

/** {@link activitySchema} as a type. */
export type Activity = z.infer<typeof activitySchema>;

/** A data-quality finding on a record: inconsistent counts, a missing breakdown. */
export const dataQualityFindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string().min(1),
  activityId: z.string().optional(),
  date: calendarDateSchema.optional(),
  subject: z.string(),
  message: localizedTextSchema,
});

/** {@link dataQualityFindingSchema} as a type. */
export type DataQualityFinding = z.infer<typeof dataQualityFindingSchema>;

/**
 * A correction an administrator made to a fact of an already submitted (locked) period, with its
 * reason: the grant's next report discloses it.
 */
export const restatementSchema = z.object({
  /** what was corrected (`activity`) and its code (`ACT-2023-05-12-…`), when it has one */
  entity: z.string().min(1),
  code: z.string().nullable(),
  /** the locked period the fact belonged to */
  period: z.string().min(1),
  reason: z.string().min(1),
  /** when the correction was recorded (ISO date-time) */
  at: z.iso.datetime({ offset: true }),
});

/** {@link restatementSchema} as a type. */
export type Restatement = z.infer<typeof restatementSchema>;

/** Early-warning incidents of the period, by category. */
export const incidentSummarySchema = z.object({
  programmeCode: z.string().min(1),
  total: z.object({
    incidents: z.number().int().min(0),
    deaths: z.number().int().min(0),
    injuries: z.number().int().min(0),
  }),
  byCategory: z.array(
    z.object({
      code: z.string().min(1),
      label: localizedTextSchema,
      incidents: z.number().int().min(0),
      deaths: z.number().int().min(0),
      injuries: z.number().int().min(0),
    }),
  ),
});

/** {@link incidentSummarySchema} as a type. */
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

/** Products counted in the period (weekly reports, monthly bulletins…), singular and plural labels. */
export const deliverableCountSchema = z.object({
  programmeCode: z.string().min(1),
  type: z.string().min(1),
  label: z.object({
    fr: z.object({ one: z.string(), other: z.string() }),
    en: z.object({ one: z.string(), other: z.string() }),
  }),
  count: z.number().int().min(0),
});

/** {@link deliverableCountSchema} as a type. */
export type DeliverableCount = z.infer<typeof deliverableCountSchema>;

/** A programme (thematic line of work), with the facts a bulletin states about it. */
export const programmeSchema = z.object({
  code: z.string().min(1),
  name: localizedTextSchema,
  /** The year it started (« opérationnel depuis 2011 »). */
  sinceYear: z.number().int().min(1900).max(2200).optional(),
  /** Where it runs, when not only in the organisation's country (Just Future: six countries). */
  countries: z
    .array(z.object({ code: z.string().length(2), name: localizedTextSchema }))
    .optional(),
});

/** {@link programmeSchema} as a type. */
export type Programme = z.infer<typeof programmeSchema>;
