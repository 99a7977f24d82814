import {
  ACTIVITY_MEASURES,
  DIRECTIONS,
  INCIDENT_MEASURES,
  LIFE_OF_GRANT_TARGET_RULES,
  PARTICIPATION_MEASURES,
  REGULAR_PERIOD_KINDS,
  TIME_RULES,
  UNITS,
  type IndicatorDefinition,
  type IndicatorSource,
} from '@jalon/domain';
import { z } from 'zod';

const codes = z.array(z.string().min(1).max(200)).max(50);
const activityFilter = z
  .object({ programmes: codes, types: codes, grants: codes, places: codes })
  .partial()
  .strict();

/** The engine's indicator source, checked at every boundary (API input, stored JSON). */
export const indicatorSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('activities'),
      measure: z.enum(ACTIVITY_MEASURES),
      filter: activityFilter.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('participation'),
      measure: z.enum(PARTICIPATION_MEASURES),
      filter: activityFilter.optional(),
      where: z.record(z.string().min(1).max(50), z.string().min(1).max(50)).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('incidents'),
      measure: z.enum(INCIDENT_MEASURES),
      filter: z
        .object({ categories: codes, places: codes, verifiedOnly: z.boolean() })
        .partial()
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('deliverables'),
      filter: z
        .object({ types: codes, programmes: codes, grants: codes })
        .partial()
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('manual') }).strict(),
  z
    .object({
      kind: z.literal('assessment'),
      framework: z.string().optional(),
      organisation: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('formula'), expression: z.string().min(1).max(500) }).strict(),
]) satisfies z.ZodType<IndicatorSource>;

export const indicatorDefinitionSchema = z.object({
  code: z.string().min(1).max(60),
  title: z.object({ fr: z.string().min(1).max(300), en: z.string().min(1).max(300) }),
  unit: z.enum(UNITS),
  direction: z.enum(DIRECTIONS),
  source: indicatorSourceSchema,
  timeRule: z.enum(TIME_RULES),
  subPeriod: z.enum(REGULAR_PERIOD_KINDS).optional(),
  cumulative: z.boolean(),
  dimensions: z.array(z.string()).optional(),
  lifeOfGrantTarget: z.enum(LIFE_OF_GRANT_TARGET_RULES).optional(),
}) satisfies z.ZodType<IndicatorDefinition>;
