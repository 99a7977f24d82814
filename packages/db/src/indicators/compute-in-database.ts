import {
  DEFAULT_DIMENSIONS,
  err,
  indicatorWindow,
  notComputable,
  ok,
  participationDimensions,
  participationValue,
  attributeCountsRecord,
  formulaReferenceError,
  formulaReferences,
  formulaInput,
  formulaValue,
  parseFormula,
  stepWindows,
  type FormulaValue,
  type AttributeCount,
  type ComputedPart,
  type ComputeOptions,
  type CountRecord,
  type DayWindow,
  type IndicatorDefinition,
  type IndicatorSource,
  type IndicatorValue,
  type NotComputable,
  type Period,
  type Qualifier,
  type Result,
} from '@jalon/domain';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../client';
import { attributeColumns, toAttributeCount, type AttributeColumns } from './attendance-attributes';
import { activityFilterSql, deliverableFilterSql, incidentFilterSql } from './fact-filters';
import { assessmentInDatabase } from './assessment-in-database';
import { manualInDatabase } from './manual-in-database';
import { computeInSteps } from './stepped-in-database';
import { monthKeyOf, type WindowCache } from './window-cache';

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
      return formulaValue(def, source.expression, (code) => resolved.get(code)!);
    }
  }
}

type AttributeRow = AttributeColumns & { n: number };

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
  const filter = activityFilterSql(source.filter);
  const ruleOptions = { breakdown: options.breakdown ?? [], dimensions };

  if (options.cache) {
    // People are read without waiting for the window's activities (the reading that takes the
    // longest starts first); the window's activities are read once per request and the engine's
    // filter picks among them.
    const [inside, people] = await Promise.all([
      options.cache.inside(w, source.filter),
      source.measure === 'participations'
        ? undefined
        : options.cache.people(w, source.filter, source.measure, dims),
    ]);
    if (source.measure === 'participations') {
      const groups = await options.cache.attributeGroups(w);
      const records: CountRecord[] = [];
      let unknownActivities = 0;
      for (const a of inside) {
        if (a.participation) records.push(a.participation);
        else if (a.named > 0) {
          const named = groups.get(a.id) ?? [];
          records.push(
            dims.length > 0
              ? attributeCountsRecord(named, dims, dimensions)
              : {
                  total: { value: named.reduce((t, g) => t + g.count, 0), qualifier: 'exact' },
                  cells: [],
                },
          );
        } else unknownActivities += 1;
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
        people: attributeCountsRecord(people!.map(toAttributeCount), dims, dimensions),
        partlyNamedTotals,
      },
      source.where,
      ruleOptions,
      code,
    );
  }
  const inWindow = sql`a.organisation_id = ${organisationId} and a.start_date between ${w.start} and ${w.end} and ${filter}`;

  if (source.measure === 'participations') {
    // Activities with counts: one record each (few rows: one per activity, plus its cells).
    const counted = await queryRows<{
      activity_id: string;
      total: number | null;
      total_qualifier: Qualifier;
    }>(
      db,
      sql`select pc.activity_id, pc.total, pc.total_qualifier
            from activity a join participation_count pc on pc.activity_id = a.id
           where ${inWindow}`,
    );
    const cells = counted.length
      ? await queryRows<{
          activity_id: string;
          dims: Record<string, string>;
          value: number;
          qualifier: Qualifier;
        }>(
          db,
          sql`select c.activity_id, c.dims, c.value, c.qualifier
                from activity a join participation_cell c on c.activity_id = a.id
               where ${inWindow}`,
        )
      : [];
    const records = new Map<string, CountRecord>(
      counted.map((c) => [
        c.activity_id,
        {
          total: c.total === null ? null : { value: Number(c.total), qualifier: c.total_qualifier },
          cells: [],
        },
      ]),
    );
    for (const c of cells)
      records
        .get(c.activity_id)
        ?.cells.push({ key: c.dims, value: Number(c.value), qualifier: c.qualifier });

    // Activities known only by their attendance: grouped in SQL. Without a breakdown a count per
    // activity is all the rule needs; with one, counts per activity and attributes.
    const attendanceOnly = sql`${inWindow} and not exists (select 1 from participation_count pc where pc.activity_id = a.id)`;
    const attendanceRecords: CountRecord[] = [];
    if (dims.length === 0) {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from activity a join attendance t on t.activity_id = a.id where ${attendanceOnly} group by a.id`,
      );
      for (const r of rows)
        attendanceRecords.push({ total: { value: Number(r.n), qualifier: 'exact' }, cells: [] });
    } else {
      const rows = await queryRows<AttributeRow & { activity_id: string }>(
        db,
        sql`select a.id as activity_id, ${attributeColumns}, count(*)::int as n
              from activity a join attendance t on t.activity_id = a.id
             where ${attendanceOnly}
             group by a.id, t.sex, t.age_group, t.disability, t.category, t.extra`,
      );
      const byActivity = new Map<string, AttributeCount[]>();
      for (const r of rows)
        byActivity.set(r.activity_id, [
          ...(byActivity.get(r.activity_id) ?? []),
          toAttributeCount(r),
        ]);
      for (const groups of byActivity.values())
        attendanceRecords.push(attributeCountsRecord(groups, dims, dimensions));
    }
    const [unknown] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from activity a
           where ${attendanceOnly} and not exists (select 1 from attendance t where t.activity_id = a.id)`,
    );
    return participationValue(
      {
        measure: 'participations',
        records: [...records.values(), ...attendanceRecords],
        unknownActivities: Number(unknown?.n ?? 0),
      },
      source.where,
      ruleOptions,
      code,
    );
  }

  const people = await peopleGroups(db, organisationId, source, w, filter);
  const partly = await queryRows<{ total: number }>(
    db,
    sql`select coalesce(pc.total, 0)::int as total
          from activity a left join participation_count pc on pc.activity_id = a.id
         where ${inWindow}
           and (select count(distinct t.person_id) from attendance t where t.activity_id = a.id) < greatest(coalesce(pc.total, 0), 1)`,
  );
  return participationValue(
    {
      measure: source.measure,
      people: attributeCountsRecord(people.map(toAttributeCount), dims, dimensions),
      partlyNamedTotals: partly.map((p) => Number(p.total)),
    },
    source.where,
    { breakdown: options.breakdown ?? [], dimensions },
    code,
  );
}

/**
 * Unique or new people: each person once, with the attributes of their latest attendance in the
 * window (DISTINCT ON mirrors the domain's `peopleIn`), counted by attributes.
 */
async function peopleGroups(
  db: Database,
  organisationId: string,
  source: Participation,
  w: DayWindow,
  filter: SQL,
): Promise<AttributeRow[]> {
  const isNew =
    source.measure === 'new-people'
      ? sql`and not exists (select 1 from attendance t2
                             where t2.person_id = t.person_id and t2.date < ${w.start}
                               and t2.activity_id in (select a.id from activity a where a.organisation_id = ${organisationId} and ${filter}))`
      : sql``;
  return queryRows<AttributeRow>(
    db,
    sql`with latest as (
          select distinct on (t.person_id) t.person_id, ${attributeColumns}
            from attendance t join activity a on a.id = t.activity_id
           where a.organisation_id = ${organisationId} and ${filter}
             and t.date between ${w.start} and ${w.end} ${isNew}
             -- the stored month key lets the (organisation_id, month) index find the window's rows
             and t.organisation_id = ${organisationId} and t.month between ${monthKeyOf(w.start)} and ${monthKeyOf(w.end)}
           order by t.person_id, t.date desc, t.activity_id desc
        )
        select t.sex, t.age_group, t.disability, t.category, t.extra, count(*)::int as n
          from latest t group by t.sex, t.age_group, t.disability, t.category, t.extra`,
  );
}
