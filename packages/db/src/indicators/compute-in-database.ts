import {
  must,
  DEFAULT_DIMENSIONS,
  err,
  indicatorWindow,
  notComputable,
  ok,
  participationDimensions,
  participationValue,
  isCounted,
  participationRecord,
  attributeCountsRecord,
  formulaReferenceError,
  formulaReferences,
  formulaInput,
  formulaValue,
  parseFormula,
  stepWindows,
  type FormulaValue,
  type ComputedPart,
  type ComputeOptions,
  type CountRecord,
  type DayWindow,
  type IndicatorDefinition,
  type IndicatorSource,
  type IndicatorValue,
  type NotComputable,
  type Period,
  type Result,
} from '@jalon/domain';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../client';
import { toAttributeCount } from './attendance-attributes';
import { activityFilterSql, deliverableFilterSql, incidentFilterSql } from './fact-filters';
import { assessmentInDatabase } from './assessment-in-database';
import { manualInDatabase } from './manual-in-database';
import { computeInSteps } from './stepped-in-database';
import { WindowCache, type WindowActivity } from './window-cache';

export type DatabaseComputeOptions = Pick<
  ComputeOptions,
  'grantStart' | 'breakdown' | 'dimensions' | 'definitions'
> & {
  /** Shares the reading of each window's activities among the indicators of one request. */
  cache?: WindowCache | undefined;
};

type Participation = Extract<IndicatorSource, { kind: 'participation' }>;

/**
 * The value of an indicator for a period, computed in the database: the facts are filtered,
 * counted and grouped in SQL and only aggregated rows come back; the domain's own rules then
 * turn them into the value (qualifiers, bounds, coverage). Held equal to `computeIndicator` by a
 * differential test on generated data.
 *
 * Every source and time rule of the engine: activities, incidents, deliverables, participation,
 * formulas, values entered by hand (`manual-in-database.ts`) and assessments
 * (`assessment-in-database.ts`); `latest`, `max` and `average` over facts or formulas are computed
 * per step and combined by the engine (`stepped-in-database.ts`).
 */
export async function computeIndicatorInDatabase(
  db: Database,
  organisationId: string,
  definition: IndicatorDefinition,
  period: Period,
  options: DatabaseComputeOptions = {},
): Promise<Result<IndicatorValue, NotComputable>> {
  const window = indicatorWindow(definition, period, options.grantStart);
  if (!window.ok) return window;
  const part = await computePart(db, organisationId, definition, window.value, options, []);
  if (!part.ok) return part;
  return ok({ indicator: definition.code, period, window: window.value, ...part.value });
}

/**
 * Tells the request's cache what an indicator will read, before any value is computed, so that
 * indicators counting people in the same window share one reading of it (formulas announce
 * their references). Computing without announcing first gives the same values, in more queries.
 */
export function expectIndicatorInDatabase(
  definition: IndicatorDefinition,
  period: Period,
  options: DatabaseComputeOptions & { cache: WindowCache },
): void {
  const window = indicatorWindow(definition, period, options.grantStart);
  if (window.ok) expectPart(definition, window.value, options, []);
}

function expectPart(
  def: IndicatorDefinition,
  w: DayWindow,
  options: DatabaseComputeOptions & { cache: WindowCache },
  stack: readonly string[],
): void {
  // A stepped indicator reads each of its steps; formulas read their references without breakdown.
  const steps = stepWindows(def, w, options.breakdown);
  for (const step of steps.ok ? (steps.value ?? [w]) : []) expectWindow(def, step, options, stack);
}

function expectWindow(
  def: IndicatorDefinition,
  w: DayWindow,
  options: DatabaseComputeOptions & { cache: WindowCache },
  stack: readonly string[],
): void {
  const source = def.source;
  if (source.kind === 'activities' || source.kind === 'participation')
    options.cache.expectActivities(w, source.filter);
  if (source.kind === 'incidents')
    options.cache.expectCount(w, {
      kind: 'incidents',
      measure: source.measure,
      filter: source.filter,
    });
  if (source.kind === 'deliverables')
    options.cache.expectCount(w, { kind: 'deliverables', filter: source.filter });
  if (source.kind === 'participation' && source.measure !== 'participations') {
    options.cache.expectPeople(
      w,
      source.filter,
      source.measure,
      participationDimensions(options.breakdown, source.where),
    );
  } else if (source.kind === 'formula') {
    const parsed = parseFormula(source.expression);
    const inner = [...stack, def.code];
    for (const code of parsed.ok ? formulaReferences(parsed.value) : []) {
      const ref =
        options.definitions?.find((d) => d.code === code) ?? (code === def.code ? def : undefined);
      if (ref && !inner.includes(code)) expectPart(ref, w, { ...options, breakdown: [] }, inner);
    }
  }
}

async function computePart(
  db: Database,
  organisationId: string,
  def: IndicatorDefinition,
  w: DayWindow,
  options: DatabaseComputeOptions,
  stack: readonly string[],
): Promise<Result<ComputedPart, NotComputable>> {
  return computeInSteps(def, w, options.breakdown, (step) =>
    computeWindow(db, organisationId, def, step, options, stack),
  );
}

async function computeWindow(
  db: Database,
  organisationId: string,
  def: IndicatorDefinition,
  w: DayWindow,
  options: DatabaseComputeOptions,
  stack: readonly string[],
): Promise<Result<ComputedPart, NotComputable>> {
  const source = def.source;
  const breakdown = options.breakdown ?? [];
  if (breakdown.length > 0 && source.kind !== 'participation' && source.kind !== 'manual') {
    return err(
      notComputable(
        'breakdown-not-supported',
        'Cet indicateur ne se ventile pas',
        'This indicator cannot be broken down',
        def.code,
      ),
    );
  }
  const exactValue = (value: unknown): Result<ComputedPart, NotComputable> =>
    ok({ value: Number(value ?? 0), qualifier: 'exact' });

  switch (source.kind) {
    case 'activities': {
      if (options.cache) {
        const inside = await options.cache.inside(w, source.filter);
        return exactValue(
          source.measure === 'sessions'
            ? inside.reduce((t, a) => t + a.sessions, 0)
            : inside.length,
        );
      }
      const measure =
        source.measure === 'sessions' ? sql`coalesce(sum(a.sessions), 0)` : sql`count(*)`;
      const [row] = await queryRows<{ v: number }>(
        db,
        sql`select ${measure}::int as v from activity a
             where a.organisation_id = ${organisationId} and a.start_date between ${w.start} and ${w.end}
               and ${activityFilterSql(source.filter)}`,
      );
      return exactValue(row?.v);
    }
    case 'incidents': {
      if (options.cache)
        return exactValue(
          await options.cache.factCount(w, {
            kind: 'incidents',
            measure: source.measure,
            filter: source.filter,
          }),
        );
      const measure =
        source.measure === 'deaths'
          ? sql`coalesce(sum(i.deaths), 0)`
          : source.measure === 'injuries'
            ? sql`coalesce(sum(i.injuries), 0)`
            : sql`count(*)`;
      const [row] = await queryRows<{ v: number }>(
        db,
        sql`select ${measure}::int as v from incident i
             where i.organisation_id = ${organisationId} and i.date between ${w.start} and ${w.end}
               and ${incidentFilterSql(source.filter)}`,
      );
      return exactValue(row?.v);
    }
    case 'deliverables': {
      if (options.cache)
        return exactValue(
          await options.cache.factCount(w, { kind: 'deliverables', filter: source.filter }),
        );
      const [row] = await queryRows<{ v: number }>(
        db,
        sql`select count(*)::int as v from deliverable d
             where d.organisation_id = ${organisationId} and d.date between ${w.start} and ${w.end}
               and ${deliverableFilterSql(source.filter)}`,
      );
      return exactValue(row?.v);
    }
    case 'participation':
      return participationInDatabase(db, organisationId, source, def.code, w, options);
    case 'manual':
      return manualInDatabase(db, organisationId, def, w, {
        breakdown,
        dimensions: options.dimensions ?? DEFAULT_DIMENSIONS,
      });
    case 'assessment':
      return assessmentInDatabase(db, organisationId, def, source, w);
    case 'formula': {
      // References are computed in SQL first (over the formula's own window, without breakdown),
      // then the engine evaluates the expression with them.
      const parsed = parseFormula(source.expression);
      const inner = [...stack, def.code];
      const resolved = new Map<string, Result<FormulaValue, NotComputable>>();
      for (const code of parsed.ok ? formulaReferences(parsed.value) : []) {
        const ref =
          options.definitions?.find((d) => d.code === code) ??
          (code === def.code ? def : undefined);
        if (inner.includes(code) || !ref) {
          resolved.set(code, err(formulaReferenceError(inner, code, def.code)));
          continue;
        }
        const v = await computePart(
          db,
          organisationId,
          ref,
          w,
          { ...options, breakdown: [] },
          inner,
        );
        resolved.set(code, v.ok ? ok(formulaInput(v.value)) : v);
      }
      return formulaValue(def, source.expression, (code) =>
        must(resolved.get(code), 'the value of a formula’s referenced indicator'),
      );
    }
  }
}

/**
 * Each activity's participation as the engine reads it: its recorded counts, else its named people
 * (over `dims`), else null — nobody counted its participants.
 */
async function recordsOf(
  cache: WindowCache,
  w: DayWindow,
  inside: readonly WindowActivity[],
  dims: readonly string[],
  dimensions: NonNullable<DatabaseComputeOptions['dimensions']>,
): Promise<{ id: string; record: CountRecord | null }[]> {
  const groups = inside.some((a) => !isCounted(a.participation) && a.named > 0)
    ? await cache.attributeGroups(w)
    : new Map<string, never[]>();
  return inside.map((a) => {
    // An empty count (neither total nor breakdown) is an activity nobody counted.
    if (isCounted(a.participation) || a.named === 0)
      return { id: a.id, record: participationRecord(a.participation, null) };
    const named = groups.get(a.id) ?? [];
    return {
      id: a.id,
      record: participationRecord(
        a.participation,
        dims.length > 0
          ? attributeCountsRecord(named, [...dims], dimensions)
          : {
              total: { value: named.reduce((t, g) => t + g.count, 0), qualifier: 'exact' },
              cells: [],
            },
      ),
    };
  });
}

/**
 * Each activity of a period with its participation as the engine reads it — its recorded counts,
 * else its named people broken down by `dims` (sex and age by default), else null: nobody counted
 * them. What the bulletin's prose states, so that it says what the figures say.
 * @example (await activityRecords(db, org, q2)).get(activityId) // { total: { value: 12, qualifier: 'exact' }, cells: […] }
 */
export async function activityRecords(
  db: Database,
  organisationId: string,
  period: Pick<Period, 'start' | 'end'>,
  dims: readonly string[] = ['sex', 'age'],
  options: { dimensions?: DatabaseComputeOptions['dimensions']; cache?: WindowCache } = {},
): Promise<Map<string, CountRecord | null>> {
  const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
  const cache = options.cache ?? new WindowCache(db, organisationId);
  const w = { start: period.start, end: period.end };
  const all = await cache.activities(w);
  return new Map((await recordsOf(cache, w, all, dims, dimensions)).map((a) => [a.id, a.record]));
}

/**
 * Each activity's own participation figure — its participants, or the part `where` picks (women,
 * youth, people with disabilities) — by the engine's rule for one record: what the bulletin lists
 * beside each activity, so that the programme's figures add up from them. An activity nobody
 * counted reads « nombre inconnu » (open above, 1 uncounted).
 * @example (await activityParticipation(db, org, q2, { sex: 'female' })).get(causerieId) // { value: 97, qualifier: 'exact', … }
 */
export async function activityParticipation(
  db: Database,
  organisationId: string,
  period: Pick<Period, 'start' | 'end'>,
  where: Record<string, string> | undefined,
  options: { dimensions?: DatabaseComputeOptions['dimensions']; cache?: WindowCache } = {},
): Promise<Map<string, Result<ComputedPart, NotComputable>>> {
  const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
  const dims = participationDimensions([], where);
  const records = await activityRecords(db, organisationId, period, dims, {
    ...options,
    dimensions,
  });
  const out = new Map<string, Result<ComputedPart, NotComputable>>();
  for (const [id, record] of records)
    out.set(
      id,
      participationValue(
        {
          measure: 'participations',
          records: record ? [record] : [],
          unknownActivities: record ? 0 : 1,
        },
        where,
        { breakdown: [], dimensions },
        'activity',
      ),
    );
  return out;
}

async function participationInDatabase(
  db: Database,
  organisationId: string,
  source: Participation,
  code: string,
  w: DayWindow,
  options: DatabaseComputeOptions,
): Promise<Result<ComputedPart, NotComputable>> {
  const dims = participationDimensions(options.breakdown, source.where);
  const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
  const ruleOptions = { breakdown: options.breakdown ?? [], dimensions };

  // One SQL path: the request's window cache, or one of this computation's own (the same
  // readings, not shared), so that the queries counting participation are written once.
  const cache = options.cache ?? new WindowCache(db, organisationId);
  // People are read without waiting for the window's activities (the reading that takes the
  // longest starts first); the window's activities are read once per request and the engine's
  // filter picks among them.
  const [inside, people] = await Promise.all([
    cache.inside(w, source.filter),
    source.measure === 'participations'
      ? undefined
      : cache.people(w, source.filter, source.measure, dims),
  ]);
  if (source.measure === 'participations') {
    const records: CountRecord[] = [];
    let unknownActivities = 0;
    for (const a of await recordsOf(cache, w, inside, dims, dimensions)) {
      if (a.record) records.push(a.record);
      else unknownActivities += 1;
    }
    return participationValue(
      { measure: 'participations', records, unknownActivities },
      source.where,
      ruleOptions,
      code,
    );
  }
  // (activity, person) is unique: an activity's attendance rows are its named people.
  const partlyNamedTotals = inside
    .filter((a) => a.named < Math.max(a.participation?.total?.value ?? 0, 1))
    .map((a) => a.participation?.total?.value ?? 0);
  return participationValue(
    {
      measure: source.measure,
      people: attributeCountsRecord(
        must(people, 'the unique people counted').map(toAttributeCount),
        dims,
        dimensions,
      ),
      partlyNamedTotals,
    },
    source.where,
    ruleOptions,
    code,
  );
}
