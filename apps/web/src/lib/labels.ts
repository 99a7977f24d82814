import type {
  ActivityDto,
  DeliverableType,
  IncidentCategory,
  IndicatorStatus,
  ResultNodeDto,
} from '$lib/api-types';
import { capitalised, categoryName, dimensionName, type ACHIEVEMENT_RULES } from '@jalon/domain';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** Words for the API's enumerations. Keyed by the API's codes, so a new code is a type error here. */
export const activityTypeLabels = {
  training: m.type_training,
  workshop: m.type_workshop,
  webinar: m.type_webinar,
  dialogue: m.type_dialogue,
  awareness: m.type_awareness,
  lobbying: m.type_lobbying,
  meeting: m.type_meeting,
  research: m.type_research,
  conference: m.type_conference,
  ceremony: m.type_ceremony,
} satisfies Record<ActivityDto['type'], () => string>;

export const activityRoleLabels = {
  organiser: m.role_organiser,
  'co-organiser': m.role_co_organiser,
  participant: m.role_participant,
} satisfies Record<ActivityDto['role'], () => string>;

export const statusLabels = {
  'on-track': m.status_on_track,
  watch: m.status_watch,
  'off-track': m.status_off_track,
  'no-data': m.status_no_data,
} satisfies Record<IndicatorStatus, () => string>;

/** The four domains of the early-warning system, as the bulletin names them. */
export const incidentCategoryLabels = {
  'organised-crime-violent-extremism': m.category_organised_crime_violent_extremism,
  'democracy-governance': m.category_democracy_governance,
  'women-peace-security': m.category_women_peace_security,
  'environmental-security': m.category_environmental_security,
} satisfies Record<IncidentCategory, () => string>;

/** Plural nouns for the products a bulletin counts (`12 rapports hebdomadaires`). */
export const deliverableLabels = {
  'weekly-report': m.deliverable_weekly_report,
  'monthly-bulletin': m.deliverable_monthly_bulletin,
  'monthly-report': m.deliverable_monthly_report,
  'bimonthly-note': m.deliverable_bimonthly_note,
  'policy-brief': m.deliverable_policy_brief,
  study: m.deliverable_study,
  'quarterly-report': m.deliverable_quarterly_report,
  other: m.deliverable_other,
} satisfies Record<DeliverableType, (inputs: { count: number }) => string>;

export const resultLevelLabels = {
  impact: m.level_impact,
  outcome: m.level_outcome,
  output: m.level_output,
} satisfies Record<ResultNodeDto['level'], () => string>;

/** How an indicator's achievement is measured, when it names its own rule (the builder, the tables). */
export const achievementRuleLabels = {
  'actual-over-target': m.builder_rule_actual_over_target,
  'target-over-actual': m.builder_rule_target_over_actual,
  'progress-from-baseline': m.builder_rule_progress_from_baseline,
} satisfies Record<(typeof ACHIEVEMENT_RULES)[number], () => string>;

/** `sexe et tranche d’âge`: the dimensions an indicator is broken down by, in words. */
export function dimensionsLabel(dimensions: readonly string[]): string {
  const locale = getLocale();
  const words = dimensions.map((d) => dimensionName(d)?.[locale] ?? d);
  return words.reduce((first, second) => m.dimensions_join({ first, second }));
}

/** `Femmes · Jeunes` for the cell `{ sex: 'female', age: 'youth' }`; unknown codes shown as is. */
export function cellLabel(key: Record<string, string>): string {
  const locale = getLocale();
  return Object.entries(key)
    .map(([dimension, category]) => {
      const name = categoryName(dimension, category)?.[locale];
      return name ? capitalised(name) : category;
    })
    .join(' · ');
}
