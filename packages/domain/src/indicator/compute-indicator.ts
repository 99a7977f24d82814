import { err, ok, type Result } from '../result';
import { notComputable, type NotComputable } from '../not-computable';
import type { Bounds } from '../format/format-count';
import { addDays, type CalendarDate } from '../period/calendar-date';
import type { Period } from '../period/period';
import { subPeriods } from '../period/sub-periods';
import { keyDimensions, type CellKey } from '../disaggregation/cell-key';
import { isCounted, participationRecord, type CountRecord } from '../disaggregation/count-record';
import {
  combineQualifiers,
  sumQualifier,
  type Count,
  type Qualifier,
} from '../disaggregation/count';
import { DEFAULT_DIMENSIONS, type Dimension } from '../disaggregation/dimension';
import { aggregateRecords, breakdownCell, type Breakdown } from '../disaggregation/aggregate';
import type { AssessmentFact, AttendanceFact, Facts, ManualValue } from '../facts/facts';
import { matchesActivity, matchesDeliverable, matchesIncident } from '../facts/filters';
import { newPeopleIn, peopleIn, peopleRecord, type DayWindow } from '../people/unique-people';
import { parseFormula } from '../formula/parse-formula';
import { evaluateFormula, formulaInput, type FormulaResolver } from '../formula/evaluate-formula';
import { STEPPED_TIME_RULES, type IndicatorDefinition, type IndicatorSource } from './definition';
import { domainText } from '../messages/index';

/** Options of {@link computeIndicator}. */
export type ComputeOptions = {
  /** First day of the grant: required for cumulative indicators. */
  grantStart?: CalendarDate;
  /** Dimensions to break the value down by (participation and manual sources). */
  breakdown?: string[];
  /** The other indicators, for formulas. */
  definitions?: readonly IndicatorDefinition[];
  dimensions?: readonly Dimension[];
};

/**
 * A computed value. `window` is the days the facts were read from (from the grant's start for a
 * cumulative indicator). `bounds` is set when the value is a lower bound of an unknown cell (its
 * `upper` null when some activity was never counted). `atLeast` marks an approximate value that is
 * also a lower bound (see {@link Count}); `uncounted` is how many activities in the window have no
 * participant count (for unique and new people: whose participants were not all named, so not
 * counted as people), set when above 0. `ratio` keeps the summed numerator and
 * denominator of a ratio.
 */
export type IndicatorValue = {
  indicator: string;
  period: Period;
  window: DayWindow;
  value: number;
  qualifier: Qualifier;
  atLeast?: true;
  uncounted?: number;
  bounds?: Bounds;
  breakdown?: Breakdown;
  ratio?: { numerator: number; denominator: number };
};

type Partial = Omit<IndicatorValue, 'indicator' | 'period' | 'window'>;

type Context = {
  facts: Facts;
  options: ComputeOptions;
  dimensions: readonly Dimension[];
  definitions: Map<string, IndicatorDefinition>;
  stack: string[];
};

function inWindow(date: CalendarDate, w: DayWindow): boolean {
  return w.start <= date && date <= w.end;
}

function noData(code: string): NotComputable {
  return notComputable('no-data', domainText('no-data'), code);
}

function fromBreakdown(b: Breakdown, where: CellKey | undefined, withBreakdown: boolean): Partial {
  const base: Partial = withBreakdown
    ? { value: 0, qualifier: 'exact', breakdown: b }
    : { value: 0, qualifier: 'exact' };
  if (!where || keyDimensions(where).length === 0) return { ...base, ...b.total };
  const cell = breakdownCell(b, where);
  /* c8 ignore next */
  if (!cell) return { ...base, value: 0, qualifier: 'at-least', bounds: { lower: 0, upper: null } };
  if (cell.value) return { ...base, value: cell.value.value, qualifier: cell.value.qualifier };
  // The cell was never recorded: report what is certain, marked as a lower bound, with its bounds.
  return { ...base, value: cell.bounds.lower, qualifier: 'at-least', bounds: cell.bounds };
}

function attendanceRecord(
  rows: readonly AttendanceFact[],
  dims: string[],
  dimensions: readonly Dimension[],
): CountRecord {
  // Each row is a participation: key the rows by a synthetic id so that no two merge.
  return peopleRecord(new Map(rows.map((r, i) => [String(i), r.attributes])), dims, dimensions);
}

/**
 * The facts a participation indicator needs, once reduced: by {@link computeIndicator} from fact
 * arrays, or by a database from aggregated rows. Both then apply {@link participationValue}, so
 * the rule exists once.
 * - `participations`: one count record per activity in the window (its counts, or its attendance
 *   grouped by attributes), and how many such activities have no participation data at all;
 * - `unique-people` / `new-people`: the people as one record, and the recorded totals (0 when none)
 *   of the activities in the window whose named people are fewer than their count.
 */
export type ParticipationInput =
  | { measure: 'participations'; records: CountRecord[]; unknownActivities: number }
  | { measure: 'unique-people' | 'new-people'; people: CountRecord; partlyNamedTotals: number[] };

/** A computed value before it is stamped with its indicator, period and window. */
export type ComputedPart = Omit<IndicatorValue, 'indicator' | 'period' | 'window'>;

/**
 * The dimensions a participation value must be broken down by: those asked for, then those of its
 * `where` cell.
 * @example participationDimensions(['sex'], { age: 'youth' }) // ['sex', 'age']
 */
export function participationDimensions(
  breakdown: readonly string[] | undefined,
  where?: CellKey,
): string[] {
  const dims = [...(breakdown ?? [])];
  for (const d of keyDimensions(where ?? {})) if (!dims.includes(d)) dims.push(d);
  return dims;
}

/**
 * The value of a participation indicator from its reduced input (see {@link ParticipationInput}).
 * @example participationValue({ measure: 'participations', records: [causerie], unknownActivities: 0 }, { sex: 'female' }, { breakdown: [] }, 'W') // 97 women
 */
export function participationValue(
  input: ParticipationInput,
  where: CellKey | undefined,
  options: Pick<ComputeOptions, 'breakdown' | 'dimensions'>,
  code: string,
): Result<ComputedPart, NotComputable> {
  const dims = participationDimensions(options.breakdown, where);
  const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
  const withBreakdown = (options.breakdown ?? []).length > 0;
  const fail = (e: { message: { fr: string; en: string } }) =>
    err(notComputable('inconsistent-data', e.message.fr, e.message.en, code));

  if (input.measure === 'participations') {
    // An activity without any participation data had participants nobody counted: it adds nothing
    // certain and leaves every upper bound open (the empty record), and the value says how many.
    const uncounted: CountRecord[] = Array.from({ length: input.unknownActivities }, () => ({
      total: null,
      cells: [],
    }));
    const b = aggregateRecords([...input.records, ...uncounted], dims, dimensions);
    if (!b.ok) return fail(b.error);
    const out = fromBreakdown(b.value, where, withBreakdown);
    return ok(input.unknownActivities > 0 ? { ...out, uncounted: input.unknownActivities } : out);
  }

  // People counted but not named (an activity without attendance, or with fewer names than its
  // count) cannot be de-duplicated: like an activity nobody counted, each adds nothing certain and
  // leaves every upper bound open, and the value says how many. The unique count is also at least
  // the largest such activity.
  const unnamed: CountRecord[] = input.partlyNamedTotals.map(() => ({ total: null, cells: [] }));
  const b = aggregateRecords([input.people, ...unnamed], dims, dimensions);
  /* c8 ignore next */
  if (!b.ok) return fail(b.error);
  const out = fromBreakdown(b.value, where, withBreakdown);
  if (unnamed.length === 0) return ok(out);
  const largest =
    input.measure === 'unique-people' && !where ? Math.max(0, ...input.partlyNamedTotals) : 0;
  const value = Math.max(out.value, largest);
  return ok({
    ...out,
    value,
    ...combineQualifiers([out, { qualifier: 'at-least' }]),
    bounds: { lower: value, upper: null },
    uncounted: unnamed.length,
  });
}

function participation(
  source: Extract<IndicatorSource, { kind: 'participation' }>,
  ctx: Context,
  w: DayWindow,
  code: string,
): Result<Partial, NotComputable> {
  const dims = participationDimensions(ctx.options.breakdown, source.where);
  const activities = (ctx.facts.activities ?? []).filter((a) => matchesActivity(a, source.filter));
  const ids = new Set(activities.map((a) => a.id));
  const attendance = (ctx.facts.attendance ?? []).filter((r) => ids.has(r.activityId));
  const byActivity = new Map<string, AttendanceFact[]>();
  for (const r of attendance)
    byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r]);
  const inside = activities.filter((a) => inWindow(a.date, w));
  const options = { breakdown: ctx.options.breakdown ?? [], dimensions: ctx.dimensions };

  if (source.measure === 'participations') {
    const records: CountRecord[] = [];
    let unknownActivities = 0;
    for (const a of inside) {
      const rows = byActivity.get(a.id);
      const record = participationRecord(
        a.participation,
        !isCounted(a.participation) && rows ? attendanceRecord(rows, dims, ctx.dimensions) : null,
      );
      if (record) records.push(record);
      else unknownActivities += 1;
    }
    return participationValue(
      { measure: 'participations', records, unknownActivities },
      source.where,
      options,
      code,
    );
  }

  const people =
    source.measure === 'unique-people' ? peopleIn(attendance, w) : newPeopleIn(attendance, w);
  const partlyNamedTotals = inside
    .filter((a) => {
      const named = new Set((byActivity.get(a.id) ?? []).map((r) => r.personId)).size;
      return named === 0 || named < (a.participation?.total?.value ?? 0);
    })
    .map((a) => a.participation?.total?.value ?? 0);
  return participationValue(
    {
      measure: source.measure,
      people: peopleRecord(people, dims, ctx.dimensions),
      partlyNamedTotals,
    },
    source.where,
    options,
    code,
  );
}

function manualIn(
  values: readonly ManualValue[],
  w: DayWindow,
): { chosen: ManualValue[]; covered: boolean } | 'overlap' {
  const exactMatch = values.filter((v) => v.period.start === w.start && v.period.end === w.end);
  if (exactMatch.length > 0) return { chosen: exactMatch, covered: true };
  const inside = values
    .filter((v) => w.start <= v.period.start && v.period.end <= w.end)
    .sort((a, b) => (a.period.start < b.period.start ? -1 : 1));
  // Periods are compared as spans of days; two values over the same days would be counted twice.
  const spans = new Map<string, ManualValue>();
  for (const v of inside) spans.set(`${v.period.start}..${v.period.end}`, v);
  const chosen = [...spans.values()];
  for (let i = 1; i < chosen.length; i++) {
    const prev = chosen[i - 1];
    const cur = chosen[i];
    if (prev && cur && cur.period.start <= prev.period.end) return 'overlap';
  }
  let covered =
    chosen.length > 0 && chosen[0]?.period.start === w.start && chosen.at(-1)?.period.end === w.end;
  for (let i = 1; i < chosen.length && covered; i++) {
    const prevEnd = chosen[i - 1]?.period.end ?? '';
    const start = chosen[i]?.period.start ?? '';
    covered = addDays(prevEnd, 1) === start;
  }
  return { chosen, covered };
}

/**
 * The value of a `manual` indicator over a window, from the values entered for it (those of other
 * indicators are ignored): `latest`, `max` and `average` combine the entered totals inside the
 * window; `sum` and `ratio` take the values of the window itself, or those tiling it (a lower
 * bound when they leave days uncovered). A breakdown is read from the cells entered beside the
 * chosen totals. Used by {@link computeIndicator} over facts and by a database over the rows it read.
 * @example manualIndicatorValue(score, [{ indicator: 'S', period: q2, value: 3 }], { start: '2023-04-01', end: '2023-06-30' }) // { ok: true, value: { value: 3, qualifier: 'exact' } }
 */
export function manualIndicatorValue(
  def: IndicatorDefinition,
  values: readonly ManualValue[],
  w: DayWindow,
  options: Pick<ComputeOptions, 'breakdown' | 'dimensions'> = {},
): Result<ComputedPart, NotComputable> {
  const all = values.filter((v) => v.indicator === def.code);
  const totals = all.filter((v) => !v.breakdown || keyDimensions(v.breakdown).length === 0);
  if (def.timeRule === 'latest' || def.timeRule === 'max' || def.timeRule === 'average') {
    const series = totals
      .filter((v) => w.start <= v.period.start && v.period.end <= w.end)
      .sort((a, b) =>
        a.period.end === b.period.end
          ? a.period.start < b.period.start
            ? 1
            : -1
          : a.period.end < b.period.end
            ? -1
            : 1,
      )
      .map((v) => ({ value: v.value, qualifier: v.qualifier ?? 'exact' }));
    return combineSeries(def, series);
  }
  const picked = manualIn(totals, w);
  if (picked === 'overlap') {
    return err(notComputable('overlapping-values', domainText('overlapping-values'), def.code));
  }
  if (picked.chosen.length === 0) return err(noData(def.code));
  if (def.timeRule === 'ratio') {
    let numerator = 0;
    let denominator = 0;
    for (const v of picked.chosen) {
      if (v.numerator === undefined || v.denominator === undefined) {
        return err(notComputable('invalid-definition', domainText('ratio-needs-parts'), def.code));
      }
      numerator += v.numerator;
      denominator += v.denominator;
    }
    if (denominator === 0) {
      return err(notComputable('division-by-zero', domainText('zero-denominator'), def.code));
    }
    const scale = def.unit === 'percent' ? 100 : 1;
    const qualifier = sumQualifier(picked.chosen.map((v) => v.qualifier ?? 'exact'));
    return ok({
      value: (numerator / denominator) * scale,
      qualifier,
      ratio: { numerator, denominator },
    });
  }
  const value = picked.chosen.reduce((sum, v) => sum + v.value, 0);
  const qualifiers = picked.chosen.map((v) => v.qualifier ?? 'exact');
  // Values missing for part of the period: what is entered is only a lower bound of a count.
  if (!picked.covered && picked.chosen.every((v) => v.value >= 0)) qualifiers.push('at-least');
  const out: Partial = { value, qualifier: sumQualifier(qualifiers) };
  const dims = options.breakdown ?? [];
  if (dims.length > 0) {
    const records: CountRecord[] = picked.chosen.map((t) => ({
      total: { value: t.value, qualifier: t.qualifier ?? 'exact' },
      cells: all
        .filter(
          (v) =>
            v.breakdown &&
            keyDimensions(v.breakdown).length > 0 &&
            v.period.start === t.period.start &&
            v.period.end === t.period.end,
        )
        .map((v) => ({
          key: v.breakdown ?? {},
          value: v.value,
          qualifier: v.qualifier ?? 'exact',
        })),
    }));
    const b = aggregateRecords(records, dims, options.dimensions ?? DEFAULT_DIMENSIONS);
    if (!b.ok)
      return err(
        notComputable('inconsistent-data', b.error.message.fr, b.error.message.en, def.code),
      );
    out.breakdown = b.value;
    // Values whose breakdown contradicts their total are read as approximate (see aggregateRecords).
    if (b.value.doubtful)
      return ok({ ...out, value: b.value.total.value, ...combineQualifiers([b.value.total, out]) });
  }
  return ok(out);
}

/**
 * Combines a series of values in time order by an indicator's time rule: the last (`latest`), the
 * largest (`max`) or the mean (`average`); no value is no data.
 * @example combineSeries({ ...def, timeRule: 'max' }, [{ value: 2, qualifier: 'exact' }, { value: 5, qualifier: 'exact' }]) // { ok: true, value: { value: 5, qualifier: 'exact' } }
 */
export function combineSeries(
  def: IndicatorDefinition,
  series: readonly Count[],
): Result<ComputedPart, NotComputable> {
  if (series.length === 0) return err(noData(def.code));
  const qualifier = sumQualifier(series.map((c) => c.qualifier));
  switch (def.timeRule) {
    case 'max':
      return ok({
        value: Math.max(...series.map((c) => c.value)),
        qualifier: qualifier === 'exact' ? 'exact' : 'approximate',
      });
    case 'average':
      return ok({
        value: series.reduce((s, c) => s + c.value, 0) / series.length,
        qualifier: qualifier === 'exact' ? 'exact' : 'approximate',
      });
    default: {
      const last = series.at(-1) as Count;
      return ok({ value: last.value, qualifier: last.qualifier });
    }
  }
}

/**
 * The value of an `assessment` indicator over a window, from the indices obtained (those outside
 * the window or the source's framework and organisation are ignored), in date order: combined by
 * the time rule, or added up for `sum` and `ratio`.
 * @example assessmentIndicatorValue(wodi, wodi.source, [{ organisation: 'wanep-mali', framework: 'wodi', date: '2022-12-31', score: 86.85 }], year2022) // { ok: true, value: { value: 86.85, qualifier: 'exact' } }
 */
export function assessmentIndicatorValue(
  def: IndicatorDefinition,
  source: Extract<IndicatorSource, { kind: 'assessment' }>,
  assessments: readonly AssessmentFact[],
  w: DayWindow,
): Result<ComputedPart, NotComputable> {
  const series = assessments
    .filter(
      (a) =>
        inWindow(a.date, w) &&
        (source.framework === undefined || a.framework === source.framework) &&
        (source.organisation === undefined || a.organisation === source.organisation),
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((a): Count => ({ value: a.score, qualifier: 'exact' }));
  if (def.timeRule === 'sum' || def.timeRule === 'ratio') {
    if (series.length === 0) return err(noData(def.code));
    return ok({ value: series.reduce((s, c) => s + c.value, 0), qualifier: 'exact' });
  }
  return combineSeries(def, series);
}

/**
 * A reference a formula cannot read: it loops back to an indicator being computed, or names none.
 * `stack` is the chain of formulas being computed, outermost first.
 * @example formulaReferenceError(['A', 'B'], 'A', 'B') // dependency-cycle "A → B → A"
 */
export function formulaReferenceError(
  stack: readonly string[],
  code: string,
  formulaCode: string,
): NotComputable {
  if (stack.includes(code)) {
    const loop = [...stack.slice(stack.indexOf(code)), code].join(' → ');
    return notComputable('dependency-cycle', domainText('dependency-cycle', loop), formulaCode);
  }
  return notComputable(
    'missing-reference',
    domainText('missing-reference', formulaCode, code),
    formulaCode,
  );
}

/**
 * The value of a formula indicator, its references read through `resolve` (over the formula's own
 * window, so a share is a ratio of sums). A top-level division keeps its numerator and denominator.
 * @example formulaValue(shareOfWomen, (code) => ok(values[code])) // { ok: true, value: { value: 24, qualifier: 'at-least', ratio: … } }
 */
export function formulaValue(
  def: IndicatorDefinition,
  expression: string,
  resolve: FormulaResolver,
): Result<ComputedPart, NotComputable> {
  const parsed = parseFormula(expression);
  if (!parsed.ok)
    return err(
      notComputable('formula-syntax', parsed.error.message.fr, parsed.error.message.en, def.code),
    );
  const v = evaluateFormula(parsed.value, resolve);
  if (!v.ok) return err(v.error.indicator ? v.error : { ...v.error, indicator: def.code });
  // What the inputs knew travels: « au moins », bounds and the activities never counted.
  const out: ComputedPart = formulaInput(v.value);
  if (parsed.value.kind === 'binary' && parsed.value.op === '/') {
    const n = evaluateFormula(parsed.value.left, resolve);
    const d = evaluateFormula(parsed.value.right, resolve);
    if (n.ok && d.ok) out.ratio = { numerator: n.value.value, denominator: d.value.value };
  }
  return ok(out);
}

function formula(
  source: Extract<IndicatorSource, { kind: 'formula' }>,
  def: IndicatorDefinition,
  ctx: Context,
  w: DayWindow,
): Result<Partial, NotComputable> {
  const stack = [...ctx.stack, def.code];
  const resolve: FormulaResolver = (code) => {
    const ref = ctx.definitions.get(code);
    if (stack.includes(code) || !ref) return err(formulaReferenceError(stack, code, def.code));
    const v = computeWindow(ref, { ...ctx, stack, options: { ...ctx.options, breakdown: [] } }, w);
    return v.ok ? ok(formulaInput(v.value)) : v;
  };
  return formulaValue(def, source.expression, resolve);
}

function base(
  def: IndicatorDefinition,
  ctx: Context,
  w: DayWindow,
): Result<Partial, NotComputable> {
  const source = def.source;
  const wantsBreakdown = (ctx.options.breakdown ?? []).length > 0;
  if (wantsBreakdown && source.kind !== 'participation' && source.kind !== 'manual') {
    return err(
      notComputable('breakdown-not-supported', domainText('breakdown-not-supported'), def.code),
    );
  }
  switch (source.kind) {
    case 'activities': {
      const list = (ctx.facts.activities ?? []).filter(
        (a) => inWindow(a.date, w) && matchesActivity(a, source.filter),
      );
      const value =
        source.measure === 'sessions' ? list.reduce((s, a) => s + a.sessions, 0) : list.length;
      return ok({ value, qualifier: 'exact' });
    }
    case 'participation':
      return participation(source, ctx, w, def.code);
    case 'incidents': {
      const list = (ctx.facts.incidents ?? []).filter(
        (i) => inWindow(i.date, w) && matchesIncident(i, source.filter),
      );
      const value =
        source.measure === 'deaths'
          ? list.reduce((s, i) => s + i.deaths, 0)
          : source.measure === 'injuries'
            ? list.reduce((s, i) => s + i.injuries, 0)
            : list.length;
      return ok({ value, qualifier: 'exact' });
    }
    case 'deliverables': {
      const value = (ctx.facts.deliverables ?? []).filter(
        (d) => inWindow(d.date, w) && matchesDeliverable(d, source.filter),
      ).length;
      return ok({ value, qualifier: 'exact' });
    }
    case 'manual':
      return manualIndicatorValue(def, ctx.facts.manualValues ?? [], w, {
        breakdown: ctx.options.breakdown ?? [],
        dimensions: ctx.dimensions,
      });
    case 'assessment':
      return assessmentIndicatorValue(def, source, ctx.facts.assessments ?? [], w);
    case 'formula':
      return formula(source, def, ctx, w);
  }
}

/**
 * The steps a `latest`, `max` or `average` indicator over facts or formulas is computed on: its
 * sub-periods (default month) clipped to the window, whose values {@link combineSeries} combines.
 * `null` when the whole window is computed at once (other rules, and manual and assessment
 * sources, which are series already); an error when a breakdown is asked of steps.
 * @example stepWindows({ ...def, timeRule: 'max' }, { start: '2023-04-15', end: '2023-05-31' }, []) // { ok: true, value: [{ start: '2023-04-15', end: '2023-04-30' }, { start: '2023-05-01', end: '2023-05-31' }] }
 */
export function stepWindows(
  def: IndicatorDefinition,
  w: DayWindow,
  breakdown: readonly string[] | undefined,
): Result<DayWindow[] | null, NotComputable> {
  const stepped = (STEPPED_TIME_RULES as readonly string[]).includes(def.timeRule);
  if (!stepped || def.source.kind === 'manual' || def.source.kind === 'assessment') return ok(null);
  if ((breakdown ?? []).length > 0) {
    return err(
      notComputable('breakdown-not-supported', domainText('breakdown-whole-period'), def.code),
    );
  }
  return ok(
    subPeriods(
      { kind: 'range', code: '', start: w.start, end: w.end },
      def.subPeriod ?? 'month',
    ).map((step) => ({
      start: step.start < w.start ? w.start : step.start,
      end: step.end > w.end ? w.end : step.end,
    })),
  );
}

function computeWindow(
  def: IndicatorDefinition,
  ctx: Context,
  w: DayWindow,
): Result<Partial, NotComputable> {
  const steps = stepWindows(def, w, ctx.options.breakdown);
  if (!steps.ok) return steps;
  if (!steps.value) return base(def, ctx, w);
  // A level over facts: compute each step, then combine; the first step that fails is the answer.
  const series: Count[] = [];
  for (const step of steps.value) {
    const v = base(def, ctx, step);
    if (!v.ok) return v;
    series.push({ value: v.value.value, qualifier: v.value.qualifier });
  }
  return combineSeries(def, series);
}

/**
 * The days an indicator reads for a period: the period itself, or from the grant's start to the
 * period's end for a cumulative indicator (so a running total never goes down).
 * @example indicatorWindow(cumulativeDef, q2, '2022-06-01') // { ok: true, value: { start: '2022-06-01', end: '2023-06-30' } }
 */
export function indicatorWindow(
  definition: IndicatorDefinition,
  period: Period,
  grantStart: CalendarDate | undefined,
): Result<DayWindow, NotComputable> {
  if (!definition.cumulative) return ok({ start: period.start, end: period.end });
  if (!grantStart) {
    return err(
      notComputable('grant-start-missing', domainText('grant-start-missing'), definition.code),
    );
  }
  if (grantStart > period.end) return err(noData(definition.code));
  return ok({ start: grantStart, end: period.end });
}

/**
 * The value of an indicator for a period, computed from dated facts — never added up from other
 * periods' values — so unique people stay unique and a fiscal year is computed, not summed.
 * A cumulative indicator reads the facts from `grantStart` to the period's end, so it never goes
 * down. Formulas read their references over the same days (a share is a ratio of sums).
 * @example computeIndicator(womenReached, facts, parsePeriod('2023-Q2').value, { breakdown: ['sex'] }) // { ok: true, value: { value: 101, qualifier: 'exact', breakdown: … } }
 */
export function computeIndicator(
  definition: IndicatorDefinition,
  facts: Facts,
  period: Period,
  options: ComputeOptions = {},
): Result<IndicatorValue, NotComputable> {
  const w = indicatorWindow(definition, period, options.grantStart);
  if (!w.ok) return w;
  const window = w.value;
  const ctx: Context = {
    facts,
    options,
    dimensions: options.dimensions ?? DEFAULT_DIMENSIONS,
    definitions: new Map((options.definitions ?? []).map((d) => [d.code, d])),
    stack: [],
  };
  if (!ctx.definitions.has(definition.code)) ctx.definitions.set(definition.code, definition);
  const v = computeWindow(definition, ctx, window);
  if (!v.ok) return v;
  return ok({ indicator: definition.code, period, window, ...v.value });
}

/**
 * Computes several indicators for one period; each gets its own result, so one failure does not
 * hide the others.
 * @example computeIndicators(definitions, facts, q2, { grantStart: '2021-01-01' }).get('PO1.1')
 */
export function computeIndicators(
  definitions: readonly IndicatorDefinition[],
  facts: Facts,
  period: Period,
  options: Omit<ComputeOptions, 'definitions'> = {},
): Map<string, Result<IndicatorValue, NotComputable>> {
  return new Map(
    definitions.map((d) => [
      d.code,
      computeIndicator(d, facts, period, { ...options, definitions }),
    ]),
  );
}
