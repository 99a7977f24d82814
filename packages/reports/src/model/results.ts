import { z } from 'zod';
import { boundsSchema, calendarDateSchema, cellKeySchema, countSchema, localizedTextSchema } from './common.js';

/** Levels of a results chain, top down. */
export const RESULT_LEVELS = ['impact', 'outcome', 'output'] as const;

/** One of {@link RESULT_LEVELS}. */
export type ResultLevel = (typeof RESULT_LEVELS)[number];

/** A node of the results framework (logframe): impact → outcomes → outputs. */
export const resultNodeSchema = z.object({
  code: z.string().min(1),
  level: z.enum(RESULT_LEVELS),
  parentCode: z.string().nullable(),
  title: localizedTextSchema,
  assumptions: z.array(localizedTextSchema).default([]),
  sourcesOfVerification: z.array(localizedTextSchema).default([]),
});

/** {@link resultNodeSchema} as a type. */
export type ResultNode = z.infer<typeof resultNodeSchema>;

/** Units of measure; `qualitative` indicators carry text, never a number. */
export const INDICATOR_UNITS = ['number', 'percent', 'score', 'qualitative'] as const;

/** One of {@link INDICATOR_UNITS}. */
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** Status of an achievement, from the template's thresholds (computed by the engine). */
export const STATUSES = ['on-track', 'watch', 'off-track', 'no-data'] as const;

/** One of {@link STATUSES}. */
export type Status = (typeof STATUSES)[number];

/** One cell of a breakdown, as the domain's `BreakdownCell`: value only when every record knows it. */
export const breakdownCellSchema = z.object({
  key: cellKeySchema,
  value: countSchema.nullable(),
  known: z.number().finite(),
  bounds: boundsSchema,
});

/** An indicator's value broken down (the domain's `Breakdown`, already aggregated over the period). */
export const breakdownSchema = z.object({
  dimensions: z.array(z.string()),
  total: countSchema,
  cells: z.array(breakdownCellSchema),
  coverage: z.array(
    z.object({
      dimensions: z.array(z.string()),
      known: z.number().finite(),
      remainder: countSchema,
      share: z.number().finite().nullable(),
    }),
  ),
});

/** {@link breakdownSchema} as a type (assignable from the domain's `Breakdown`). */
export type BreakdownValue = z.infer<typeof breakdownSchema>;

/**
 * An indicator's figures for one period, all computed by the engine: the target, the actual with its
 * qualifier, the achievement ratio under the template's rule (null without a target or an actual) and
 * its status. Percent indicators carry percentage points (24 for 24 %).
 */
export const indicatorValueSchema = z.object({
  period: z.string().min(1),
  target: z.number().finite().nullable(),
  actual: countSchema.nullable(),
  /** Text result of a qualitative indicator. */
  actualText: localizedTextSchema.optional(),
  achievement: z.number().finite().nullable(),
  status: z.enum(STATUSES),
  breakdown: breakdownSchema.nullable().default(null),
  comment: localizedTextSchema.optional(),
});

/** {@link indicatorValueSchema} as a type. */
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

/** An indicator of the results framework, with its values for every period of the report. */
export const indicatorSchema = z.object({
  code: z.string().min(1),
  nodeCode: z.string().min(1),
  title: localizedTextSchema,
  definition: localizedTextSchema.optional(),
  unit: z.enum(INDICATOR_UNITS),
  direction: z.enum(['increase', 'decrease']),
  /** Donors read it to date (a running total) rather than per period. */
  cumulative: z.boolean(),
  /** Values add up over periods and places (IATI `aggregation-status`); false for ratios, scores, unique counts. */
  additive: z.boolean(),
  dimensions: z.array(z.string()).default([]),
  baseline: z
    .object({
      value: z.number().finite().nullable(),
      year: z.number().int().min(1900).max(2200),
      date: calendarDateSchema.optional(),
      comment: localizedTextSchema.optional(),
    })
    .nullable(),
  values: z.array(indicatorValueSchema),
  sourcesOfVerification: z.array(localizedTextSchema).default([]),
  comment: localizedTextSchema.optional(),
  /** Why the indicator is over or under its target (USAID deviation narrative). */
  deviation: localizedTextSchema.optional(),
});

/** {@link indicatorSchema} as a type. */
export type Indicator = z.infer<typeof indicatorSchema>;

/** The achievement rule and thresholds the engine computed with (must match the template's). */
export const achievementRuleSchema = z.object({
  rule: z.enum(['actual-over-target', 'progress-from-baseline']),
  thresholds: z
    .object({ onTrack: z.number().finite(), watch: z.number().finite() })
    .refine((t) => t.watch <= t.onTrack, { message: 'watch threshold must not exceed on-track', path: ['watch'] }),
});

/** {@link achievementRuleSchema} as a type. */
export type AchievementRule = z.infer<typeof achievementRuleSchema>;

/** Re-exported for callers that date values. */
export const valueDateSchema = calendarDateSchema;
