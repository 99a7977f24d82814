import { z } from 'zod';
import {
  ACHIEVEMENT_RULES,
  DIRECTIONS,
  LOCALES,
  STATUSES,
  figureOf,
  formatFigure,
  textIn,
  type Bounds,
  type Figure,
  type Qualifier,
} from '@jalon/domain';
import {
  boundsSchema,
  calendarDateSchema,
  cellKeySchema,
  countSchema,
  localizedTextSchema,
} from './common';

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

/**
 * One cell of a breakdown, as the domain's `BreakdownCell`: `value` only when every record knows it;
 * `bounds` always holds the truth (`bounds.lower` people are certainly in the cell).
 */
export const breakdownCellSchema = z.object({
  key: cellKeySchema,
  value: countSchema.nullable(),
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
  /**
   * The engine's value as the domain states it (`Figure`): its number and qualifier, and the
   * interval the truth lies in when the engine can tell (56–97 for a cell some activities left
   * unbroken down; `upper` null when some activity was never counted). Every output states it
   * through {@link actualFigure}, the same way as the pages.
   */
  actual: countSchema.extend({ bounds: boundsSchema.optional() }).nullable(),
  /** Text result of a qualitative indicator. */
  actualText: localizedTextSchema.optional(),
  /** Present when the target is a longer period's pro-rated by days (a column « à date »): which one, and the share of its days. */
  targetProRated: z
    .object({
      from: z.string().min(1),
      days: z.number().int().positive(),
      of: z.number().int().positive(),
    })
    .optional(),
  /**
   * For a period reported « à date » (its `asOf`): the whole period's target, never cut (the
   * annual target of a Q2 report's fiscal year), by the engine's rule for a window (the
   * period's own, the sum or latest of the targets that tile it…). `target` stays the
   * milestone to date that achievement and status are judged against.
   */
  wholeTarget: z.number().finite().nullable().optional(),
  /** Present when {@link wholeTarget} is a longer period's pro-rated by days. */
  wholeTargetProRated: z
    .object({
      from: z.string().min(1),
      days: z.number().int().positive(),
      of: z.number().int().positive(),
    })
    .optional(),
  achievement: z.number().finite().nullable(),
  /** The achievement of an open actual is a lower bound too (≥ 54 %). */
  achievementAtLeast: z.boolean().optional(),
  /** The achievement of an open actual of a lower-is-better indicator is an upper bound (≤ 62 %). */
  achievementAtMost: z.boolean().optional(),
  /** Activities of the period whose participants nobody counted: the actual has no upper limit. */
  uncounted: z.number().int().min(1).optional(),
  status: z.enum(STATUSES),
  breakdown: breakdownSchema.nullable().default(null),
  /** Targets of single breakdown cells (`{ sex: 'female' }`), where the indicator has them for the period. */
  breakdownTargets: z
    .array(z.object({ key: cellKeySchema, value: z.number().finite() }))
    .optional(),
  /** What the organisation says about the figures of the period (donors' "comments", deviation narratives). */
  comment: localizedTextSchema.optional(),
  /**
   * The language each side of `comment` is written in, when one is not its own: `{ fr: 'fr', en: 'fr' }`
   * for a comment written only in French (an English output prints it marked as French).
   */
  commentLanguage: z.object({ fr: z.enum(LOCALES), en: z.enum(LOCALES) }).optional(),
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
  direction: z.enum(DIRECTIONS),
  /** The rule the engine applied to this indicator (a template's actual/target becomes target/actual when lower is better). */
  achievementRule: z.enum(ACHIEVEMENT_RULES),
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

/** A status scale as the domain's `StatusScale`: bands tried in order, first match wins. */
export const statusScaleSchema = z.object({
  code: z.string().min(1),
  bands: z
    .array(
      z.object({
        min: z.number().finite().optional(),
        max: z.number().finite().optional(),
        status: z.enum(STATUSES),
      }),
    )
    .min(1),
});

/** A donor's achievement rule: actual over target (target over actual when lower is better), or progress from the baseline. */
export const TEMPLATE_ACHIEVEMENT_RULES = ['actual-over-target', 'progress-from-baseline'] as const;

/** The achievement rule and status scale the engine computed with (they must be the template's). */
export const achievementSettingsSchema = z.object({
  rule: z.enum(TEMPLATE_ACHIEVEMENT_RULES),
  scale: statusScaleSchema,
});

/** {@link achievementSettingsSchema} as a type. */
export type AchievementSettings = z.infer<typeof achievementSettingsSchema>;

/** Re-exported for callers that date values. */
export const valueDateSchema = calendarDateSchema;

/**
 * A period's comment in a locale as an output prints it: the text written in that language, else the
 * other one preceded by its language (« (fr) Treize sessions… ») so French is never taken for English.
 * @example commentIn({ comment: { fr: 'Treize.', en: 'Treize.' }, commentLanguage: { fr: 'fr', en: 'fr' } }, 'en') // '(fr) Treize.'
 */
export function commentIn(
  v: Pick<IndicatorValue, 'comment' | 'commentLanguage'> | undefined,
  locale: (typeof LOCALES)[number],
): string | undefined {
  return textIn(v?.comment, v?.commentLanguage, locale);
}

/**
 * The model's actual of an engine value (the domain's computed value): its number and qualifier, an
 * approximate value open above marked `atLeast` (« au moins environ 657 »), and its interval
 * unchanged — nothing the engine knows is dropped on the way to the outputs.
 * @example actualOf({ value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } }) // { value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } }
 */
export function actualOf(v: {
  value: number;
  qualifier: Qualifier;
  atLeast?: boolean;
  bounds?: Bounds;
}): NonNullable<IndicatorValue['actual']> {
  return {
    value: v.value,
    qualifier: v.qualifier,
    ...(v.qualifier === 'approximate' && figureOf(v).atLeast ? { atLeast: true as const } : {}),
    ...(v.bounds ? { bounds: v.bounds } : {}),
  };
}

/**
 * The actual of a period as the domain's figure: qualifier, interval and uncounted activities,
 * carried unchanged from the engine to every output. Null without a numeric actual.
 * @example actualFigure({ actual: { value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } } }) // { value: 56, …, bounds: { lower: 56, upper: 97 } }
 */
export function actualFigure(v: Pick<IndicatorValue, 'actual' | 'uncounted'>): Figure | null {
  if (!v.actual) return null;
  return figureOf({ ...v.actual, uncounted: v.uncounted ?? 0 });
}

/**
 * The actual in words, as the pages and every output say it: « entre 56 et 97 », « au moins 179
 * (13 activités sans décompte) », « plus de 325 ». Null without a numeric actual.
 * @example statedActual({ actual: { value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } } }, 'fr') // 'entre 56 et 97'
 */
export function statedActual(
  v: Pick<IndicatorValue, 'actual' | 'uncounted'>,
  locale: (typeof LOCALES)[number],
): string | null {
  const figure = actualFigure(v);
  return figure ? formatFigure(figure, locale) : null;
}
