import type { LocalizedText } from '../localized-text';
import type { CellKey } from '../disaggregation/cell-key';
import type { RegularPeriodKind } from '../period/period';
import type { ActivityFilter, DeliverableFilter, IncidentFilter } from '../facts/filters';

/**
 * How an indicator's values add up over time: `sum` (events in the period), `latest` (a level, e.g.
 * a score), `max`, `average`, `ratio` (summed numerator over summed denominator).
 */
export const TIME_RULES = ['sum', 'latest', 'max', 'average', 'ratio'] as const;
/** One of {@link TIME_RULES}. */
export type TimeRule = (typeof TIME_RULES)[number];
/**
 * The time rules that read a level: computed per sub-period (`subPeriod`, default month), then
 * combined.
 */
export const STEPPED_TIME_RULES = [
  'latest',
  'max',
  'average',
] as const satisfies readonly TimeRule[];

/** Where an indicator's values come from. */
export const INDICATOR_SOURCES = [
  'activities',
  'participation',
  'incidents',
  'deliverables',
  'manual',
  'assessment',
  'formula',
] as const;
/** One of {@link INDICATOR_SOURCES}. */
export type IndicatorSourceKind = (typeof INDICATOR_SOURCES)[number];

/** What an activities indicator counts. */
export const ACTIVITY_MEASURES = ['count', 'sessions'] as const;
/** What a participation indicator counts: every attendance, each person once, or people new in the period. */
export const PARTICIPATION_MEASURES = ['participations', 'unique-people', 'new-people'] as const;
/** What an incidents indicator counts. */
export const INCIDENT_MEASURES = ['count', 'deaths', 'injuries'] as const;
/** Units of an indicator; a percent indicator holds percentages (86.85, not 0.8685). */
export const UNITS = ['number', 'percent', 'score'] as const;
/** Whether more is better. */
export const DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;
/** Whether the life-of-grant target is entered on its own or is the sum of the period targets. */
export const LIFE_OF_GRANT_TARGET_RULES = ['own', 'sum-of-periods'] as const;

/** One of {@link ACTIVITY_MEASURES}. */
export type ActivityMeasure = (typeof ACTIVITY_MEASURES)[number];
/** One of {@link PARTICIPATION_MEASURES}. */
export type ParticipationMeasure = (typeof PARTICIPATION_MEASURES)[number];
/** One of {@link INCIDENT_MEASURES}. */
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number];
/** One of {@link UNITS}. */
export type Unit = (typeof UNITS)[number];
/** One of {@link DIRECTIONS}. */
export type Direction = (typeof DIRECTIONS)[number];
/** One of {@link LIFE_OF_GRANT_TARGET_RULES}. */
export type LifeOfGrantTargetRule = (typeof LIFE_OF_GRANT_TARGET_RULES)[number];

/** The one source of an indicator (plain JSON, stored as is). */
export type IndicatorSource =
  | { kind: 'activities'; measure: ActivityMeasure; filter?: ActivityFilter }
  | {
      kind: 'participation';
      measure: ParticipationMeasure;
      filter?: ActivityFilter;
      where?: CellKey;
    }
  | { kind: 'incidents'; measure: IncidentMeasure; filter?: IncidentFilter }
  | { kind: 'deliverables'; filter?: DeliverableFilter }
  | { kind: 'manual' }
  | { kind: 'assessment'; framework?: string; organisation?: string }
  | { kind: 'formula'; expression: string };

/**
 * An indicator definition: serialisable JSON (stored in a jsonb column, validated with zod from the
 * `as const` vocabularies). `subPeriod` is the step for `latest`/`max`/`average` over facts or
 * formulas (default month). `cumulative`: donors read it to date, so it is computed over the facts
 * from the grant's start to the period's end.
 */
export type IndicatorDefinition = {
  code: string;
  title: LocalizedText;
  unit: Unit;
  direction: Direction;
  source: IndicatorSource;
  timeRule: TimeRule;
  subPeriod?: RegularPeriodKind;
  cumulative: boolean;
  dimensions?: string[];
  lifeOfGrantTarget?: LifeOfGrantTargetRule;
};
