import type { AppRouter, inferRouterInputs } from '@jalon/api';
import {
  ACHIEVEMENT_RULES,
  ACTIVITY_MEASURES,
  DIRECTIONS,
  INCIDENT_MEASURES,
  INDICATOR_SOURCES,
  PARTICIPATION_MEASURES,
  STEPPED_TIME_RULES,
  TIME_RULES,
  UNITS,
} from '@jalon/domain';
import type { IndicatorDto } from '$lib/api-types';
import { m } from '$lib/paraglide/messages';
import { readValues, type Checked, type FieldProblem, type FormValues } from '$lib/setup-forms';

/**
 * The indicator builder's form (`/parametres/indicateurs`): what it posts, read into the API's
 * `indicator.create` / `indicator.update` input, and an indicator as stored read back into the
 * form. Only what can be told without the organisation's data is checked here (a code, a title,
 * a formula typed, one category per dimension); the API reads the rest with the engine's schema
 * (unknown codes in a formula, cycles, a cumulative indicator without a node…) and its refusal
 * is shown in its words. Pure, no I/O.
 */

type Inputs = inferRouterInputs<AppRouter>;
export type IndicatorCreateInput = Inputs['indicator']['create'];
export type IndicatorFields = Omit<IndicatorCreateInput, 'code'>;

export {
  ACHIEVEMENT_RULES,
  ACTIVITY_MEASURES,
  DIRECTIONS,
  INCIDENT_MEASURES,
  PARTICIPATION_MEASURES,
  UNITS,
};
export const SOURCE_KINDS = INDICATOR_SOURCES;
export const INDICATOR_TIME_RULES = TIME_RULES;
export const SUB_PERIODS = ['week', 'month', 'quarter', 'semester', 'year'] as const;
export const DIMENSIONS = ['sex', 'age', 'disability', 'category'] as const;
/** The cells a participation indicator may keep alone (`sex=female`: the women only). */
export const WHERE_CELLS = [
  'sex=female',
  'sex=male',
  'age=child',
  'age=youth',
  'age=adult',
  'disability=with',
  'disability=without',
] as const;

/** The fields the form posts once each. */
export const INDICATOR_FIELDS = [
  'code',
  'title',
  'titleEn',
  'description',
  'nodeId',
  'unit',
  'direction',
  'achievementRule',
  'timeRule',
  'subPeriod',
  'sourceKind',
  'activityMeasure',
  'participationMeasure',
  'incidentMeasure',
  'expression',
  'sourceOfVerification',
] as const;
/** The boxes the form posts as often as they are ticked (kept comma-joined in the values). */
export const INDICATOR_LISTS = [
  'dimensions',
  'where',
  'programmes',
  'types',
  'grants',
  'places',
] as const;
/** The single boxes (`on` when ticked, '' otherwise). */
export const INDICATOR_FLAGS = ['cumulative', 'verifiedOnly'] as const;

/** What the form posted, as typed: single fields trimmed, ticked boxes comma-joined. */
export function readIndicatorForm(form: FormData): FormValues {
  const values = readValues(form, INDICATOR_FIELDS);
  for (const list of INDICATOR_LISTS)
    values[list] = form
      .getAll(list)
      .map((v) => String(v).trim())
      .filter(Boolean)
      .join(',');
  for (const flag of INDICATOR_FLAGS) values[flag] = form.has(flag) ? 'on' : '';
  return values;
}

/** A comma-joined list of the values back into its items. */
export const listOf = (text: string | undefined) => (text ? text.split(',').filter(Boolean) : []);

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  (list as readonly string[]).includes(value ?? '');

/**
 * The activity filter of the ticked programmes, types, grants and places (a place by its path:
 * it holds everything below it, a region its cercles and communes); none when nothing is ticked.
 */
function activityFilter(v: FormValues) {
  const filter = Object.fromEntries(
    (['programmes', 'types', 'grants', 'places'] as const)
      .map((k) => [k, listOf(v[k])] as const)
      .filter(([, codes]) => codes.length > 0),
  );
  return Object.keys(filter).length ? { filter } : {};
}

/** The source the form describes, or the problems of its fields. */
function sourceOf(v: FormValues): { source: Record<string, unknown> } | { errors: FieldProblem[] } {
  const kind = v.sourceKind ?? '';
  const problem = (field: string, message: string) => ({ errors: [{ field, message }] });
  switch (kind) {
    case 'activities':
      if (!oneOf(ACTIVITY_MEASURES, v.activityMeasure))
        return problem('activityMeasure', m.builder_measure_required());
      return { source: { kind, measure: v.activityMeasure, ...activityFilter(v) } };
    case 'participation': {
      if (!oneOf(PARTICIPATION_MEASURES, v.participationMeasure))
        return problem('participationMeasure', m.builder_measure_required());
      const where: Record<string, string> = {};
      for (const cell of listOf(v.where)) {
        const [dimension = '', category = ''] = cell.split('=');
        if (dimension in where) return problem('where', m.builder_where_twice());
        where[dimension] = category;
      }
      return {
        source: {
          kind,
          measure: v.participationMeasure,
          ...activityFilter(v),
          ...(Object.keys(where).length ? { where } : {}),
        },
      };
    }
    case 'incidents': {
      if (!oneOf(INCIDENT_MEASURES, v.incidentMeasure))
        return problem('incidentMeasure', m.builder_measure_required());
      const places = listOf(v.places);
      const filter = {
        ...(places.length ? { places } : {}),
        ...(v.verifiedOnly ? { verifiedOnly: true } : {}),
      };
      return {
        source: {
          kind,
          measure: v.incidentMeasure,
          ...(Object.keys(filter).length ? { filter } : {}),
        },
      };
    }
    case 'deliverables': {
      const { filter } = activityFilter(v) as { filter?: Record<string, string[]> };
      const kept = Object.fromEntries(
        Object.entries(filter ?? {}).filter(([k]) => k === 'programmes' || k === 'grants'),
      );
      return { source: { kind, ...(Object.keys(kept).length ? { filter: kept } : {}) } };
    }
    case 'manual':
    case 'assessment':
      return { source: { kind } };
    case 'formula':
      if (!v.expression) return problem('expression', m.builder_formula_required());
      if (v.expression.length > 500) return problem('expression', m.setup_too_long());
      return { source: { kind, expression: v.expression } };
    default:
      return problem('sourceKind', m.builder_source_required());
  }
}

/**
 * The indicator the form describes, as `indicator.create` takes it (`code` is read only when the
 * indicator is being defined: it is fixed afterwards, formulas and reports name it).
 * @example checkIndicator({ code: 'JAP-1', title: 'Dialogues', sourceKind: 'manual', … }, true)
 */
export function checkIndicator(v: FormValues, creating: boolean): Checked<IndicatorCreateInput> {
  const code = v.code ?? '';
  const title = v.title ?? '';
  const errors: FieldProblem[] = [];
  if (creating && code === '') errors.push({ field: 'code', message: m.setup_code_required() });
  else if (creating && (/\s/.test(code) || code.length > 60))
    errors.push({ field: 'code', message: m.builder_code_format() });
  if (title === '') errors.push({ field: 'title', message: m.setup_title_required() });
  else if (title.length > 300) errors.push({ field: 'title', message: m.setup_too_long() });
  if ((v.titleEn ?? '').length > 300)
    errors.push({ field: 'titleEn', message: m.setup_too_long() });
  const source = sourceOf(v);
  if ('errors' in source) errors.push(...source.errors);
  if (errors.length || 'errors' in source) return { ok: false, errors };
  const timeRule = v.timeRule || 'sum';
  return {
    ok: true,
    input: {
      code,
      title,
      titleEn: v.titleEn || title,
      description: v.description || null,
      nodeId: v.nodeId || null,
      unit: v.unit || 'number',
      direction: v.direction || 'higher-is-better',
      // Blank: the template's rule by direction. Anything else is the API's to refuse, in words.
      achievementRule: (v.achievementRule || null) as IndicatorCreateInput['achievementRule'],
      timeRule,
      // A step only means something to a level read per sub-period; the API says so otherwise.
      subPeriod: v.subPeriod || null,
      cumulative: v.cumulative === 'on',
      source: source.source,
      dimensions: listOf(v.dimensions),
      sourceOfVerification: v.sourceOfVerification || null,
    },
  };
}

/** Whether a time rule reads a level per sub-period (`latest`, `max`, `average`). */
export const isStepped = (rule: string) => (STEPPED_TIME_RULES as readonly string[]).includes(rule);

const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];

/** The form's values for a stored indicator (or for a new one, `null`). */
export function storedIndicator(indicator: IndicatorDto | null): FormValues {
  if (!indicator)
    return {
      unit: 'number',
      direction: 'higher-is-better',
      timeRule: 'sum',
      sourceKind: 'participation',
      activityMeasure: 'count',
      participationMeasure: 'participations',
      incidentMeasure: 'count',
    };
  const source = indicator.source;
  const kind = String(source.kind ?? '');
  const measure = typeof source.measure === 'string' ? source.measure : '';
  const filter = (source.filter ?? {}) as Record<string, unknown>;
  const where = (source.where ?? {}) as Record<string, unknown>;
  return {
    code: indicator.code,
    title: indicator.title,
    titleEn: indicator.titleEn,
    description: indicator.description ?? '',
    nodeId: indicator.node?.id ?? '',
    unit: indicator.unit,
    direction: indicator.direction,
    achievementRule: indicator.achievementRule ?? '',
    timeRule: indicator.timeRule,
    subPeriod: indicator.subPeriod ?? '',
    cumulative: indicator.cumulative ? 'on' : '',
    sourceKind: kind,
    activityMeasure: kind === 'activities' ? measure : 'count',
    participationMeasure: kind === 'participation' ? measure : 'participations',
    incidentMeasure: kind === 'incidents' ? measure : 'count',
    expression: typeof source.expression === 'string' ? source.expression : '',
    verifiedOnly: filter.verifiedOnly === true ? 'on' : '',
    dimensions: indicator.dimensions.join(','),
    where: Object.entries(where)
      .map(([d, c]) => `${d}=${String(c)}`)
      .join(','),
    programmes: strings(filter.programmes).join(','),
    types: strings(filter.types).join(','),
    grants: strings(filter.grants).join(','),
    places: strings(filter.places).join(','),
    sourceOfVerification: indicator.sourceOfVerification ?? '',
  };
}

/** The header the builder sends with the preview it asks for as she types. */
export const LIVE_PREVIEW_HEADER = 'x-jalon-live-preview';

/**
 * The period a preview is computed for: as typed (`2023-Q2`, `2024`, `2024-03`…, read by the
 * API), else the quarter of today.
 * @example previewPeriodOf(new FormData(), new Date('2026-12-04')) // '2026-Q4'
 */
export function previewPeriodOf(form: FormData, today: Date): string {
  const typed = String(form.get('previewPeriod') ?? '').trim();
  if (typed) return typed;
  return `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
}
