import { z } from 'zod';
import { err, ok, type Result } from '@jalon/domain';
import { dimensionSchema, figureSchema, localizedTextSchema, periodRefSchema } from './common';
import {
  activitySchema,
  deliverableCountSchema,
  incidentSummarySchema,
  programmeSchema,
} from './evidence';
import { organisationSchema } from './grant';
import { formatIssues, type FieldIssue } from './issues';

/**
 * The figures of an organisation's quarterly bulletin: every programme's activities, participants,
 * incidents and products for one period. Unlike a donor report it is not tied to a grant.
 */
export const bulletinModelSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.iso.datetime({ offset: true }),
  organisation: organisationSchema,
  period: periodRefSchema,
  dimensions: z.array(dimensionSchema),
  programmes: z.array(programmeSchema),
  activities: z.array(activitySchema),
  incidents: z.array(incidentSummarySchema).default([]),
  deliverables: z.array(deliverableCountSchema).default([]),
  /** The period's participants in all, as the engine computed them (`bulletin.figures`). */
  totals: z
    .object({ participants: figureSchema, women: figureSchema, youth: figureSchema })
    .optional(),
  /** The organisation's latest institutional index by the period's end (WODI 2022: 86,85 %, 3rd of 7). */
  assessment: z
    .object({
      framework: z.string().min(1),
      label: localizedTextSchema,
      cycle: z.number().int(),
      /** The index in percent (86.85). */
      index: z.number().finite(),
      rank: z.number().int().positive(),
      of: z.number().int().positive(),
    })
    .optional(),
});

/** {@link bulletinModelSchema} as a type. */
export type BulletinModel = z.infer<typeof bulletinModelSchema>;

/**
 * Validates a bulletin model.
 * @example parseBulletinModel(json) // { ok: true, value: model }
 */
export function parseBulletinModel(input: unknown): Result<BulletinModel, FieldIssue[]> {
  const parsed = bulletinModelSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(formatIssues(parsed.error.issues));
}
