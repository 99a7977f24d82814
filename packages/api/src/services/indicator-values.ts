import {
  WindowCache,
  computeIndicatorInDatabase,
  expectIndicatorInDatabase,
  listIndicators,
  listTargetsAndBaselines,
  type Database,
  type IndicatorRow,
} from '@jalon/db';
import {
  must,
  achievement,
  achievementBound,
  achievementRuleOf,
  baselineFor,
  figureOf,
  parseCellKey,
  statusOf,
  targetFor,
  targetForWindow,
  UNDP_STATUS_SCALE,
  type AchievementRule,
  type Baseline,
  type Figure,
  type IndicatorDefinition,
  type IndicatorValue,
  type NotComputable,
  type Period,
  type Status,
  type StatusScale,
  type Target,
  type TargetBasis,
} from '@jalon/domain';
import { indicatorDefinitionSchema } from '../schemas/indicator-definition';
import { definitionsWithin, type PlaceScope } from './regional-figures';

/** A stored indicator as the engine's definition; a stored source that does not validate is reported. */
export function toDefinition(row: IndicatorRow): IndicatorDefinition {
  return indicatorDefinitionSchema.parse({
    code: row.code,
    title: { fr: row.title, en: row.titleEn },
    unit: row.unit,
    direction: row.direction,
    source: row.source,
    timeRule: row.timeRule,
    subPeriod: row.subPeriod ?? undefined,
    cumulative: row.cumulative,
    dimensions: row.dimensions,
  });
}

export interface IndicatorPeriodValue {
  indicator: {
    id: string;
    code: string;
    title: string;
    titleEn: string;
    unit: string;
    direction: string;
    cumulative: boolean;
    grant: string | null;
  };
  period: Period;
  value: Omit<IndicatorValue, 'indicator' | 'period'> | null;
  notComputable: NotComputable | null;
  target: number | null;
  /** How the target was found: the period's own (or tiled), or pro-rated from a longer period for a window that stops early. */
  targetBasis: TargetBasis | null;
  lifeOfGrantTarget: number | null;
  baseline: number | null;
  achievement: number | null;
  /** Computed from an open actual (an uncounted activity, a lower bound): at least this much. */
  achievementAtLeast: boolean;
  /** Computed from an open actual of a lower-is-better indicator: at most this much (« au plus »). */
  achievementAtMost: boolean;
  /** The value as every output states it, null when not computable. */
  figure: Figure | null;
  status: Status;
}

export interface ValuesOptions {
  /** Dimensions to break every value down by, or `declared`: each indicator by its own dimensions. */
  breakdown?: string[] | 'declared';
  rule?: AchievementRule;
  scale?: StatusScale;
  /** Every indicator of the organisation, when the caller has already read them (one reading a request). */
  indicators?: IndicatorRow[];
  /** The request's window cache, when other figures of the request read the same windows. */
  cache?: WindowCache;
  /**
   * A region (place path): every indicator counted within it, where its source has places (see
   * `definitionsWithin`), or outside every one of some regions; the others are computed as
   * without it, and callers leave them out.
   */
  within?: PlaceScope;
}

/** The targets and baselines of the indicators asked for, keyed by indicator code and cell. */
async function targetsAndBaselinesOf(
  db: Database,
  organisationId: string,
  wanted: IndicatorRow[],
): Promise<{ targets: Target[]; baselines: Baseline[] }> {
  const { targets: targetRows, baselines: baselineRows } = await listTargetsAndBaselines(
    db,
    organisationId,
    wanted.map((r) => r.id),
  );
  const codeOf = new Map(wanted.map((r) => [r.id, r.code]));
  const cell = (key: string) => {
    const parsed = key === '' ? null : parseCellKey(key);
    return parsed?.ok ? { breakdown: parsed.value } : {};
  };
  const targets: Target[] = targetRows.map((t) => ({
    indicator: must(codeOf.get(t.indicatorId), 'the code of a target’s indicator'),
    period: { code: t.periodCode, start: t.periodStart, end: t.periodEnd },
    value: t.value,
    lifeOfGrant: t.lifeOfGrant,
    ...cell(t.cellKey),
  }));
  const baselines: Baseline[] = baselineRows.map((b) => ({
    indicator: must(codeOf.get(b.indicatorId), 'the code of a baseline’s indicator'),
    date: b.date ?? `${b.year}-12-31`,
    value: b.value,
    ...cell(b.cellKey),
  }));
  return { targets, baselines };
}

/**
 * Every indicator asked for computed in the database for every period: announced first, so that
 * indicators counting people in one window share one query, then computed side by side.
 */
async function computeValues(
  db: Database,
  organisationId: string,
  wanted: IndicatorRow[],
  periods: Period[],
  options: ValuesOptions & { definitions: IndicatorDefinition[] },
) {
  const { definitions } = options;
  const cache = options.cache ?? new WindowCache(db, organisationId);
  const computeOptions = (row: IndicatorRow) => ({
    grantStart: row.grant?.startDate,
    breakdown: options.breakdown === 'declared' ? row.dimensions : (options.breakdown ?? []),
    definitions,
    cache,
  });
  // Announced first, so that indicators counting people in one window share one query.
  for (const row of wanted) {
    const definition = must(
      definitions.find((d) => d.code === row.code),
      'the definition of a listed indicator',
    );
    for (const period of periods)
      expectIndicatorInDatabase(definition, period, computeOptions(row));
  }
  // Values are computed concurrently: the cache shares each reading among them, and on
  // PostgreSQL independent readings (windows, people, counts) run side by side.
  const pairs = wanted.flatMap((row) => periods.map((period) => ({ row, period })));
  const values = await Promise.all(
    pairs.map(({ row, period }) =>
      computeIndicatorInDatabase(
        db,
        organisationId,
        must(
          definitions.find((d) => d.code === row.code),
          'the definition of a listed indicator',
        ),
        period,
        computeOptions(row),
      ),
    ),
  );
  return { pairs, values };
}

/**
 * Values, targets, achievement and status of indicators for periods: the value is computed in the
 * database, everything after it by the engine. Formulas see every indicator of the organisation.
 */
export async function indicatorValues(
  db: Database,
  organisationId: string,
  indicatorIds: string[],
  periods: Period[],
  options: ValuesOptions = {},
): Promise<IndicatorPeriodValue[]> {
  const all = options.indicators ?? (await listIndicators(db, organisationId));
  const definitions =
    options.within === undefined
      ? all.map(toDefinition)
      : definitionsWithin(all.map(toDefinition), options.within);
  const wanted = all.filter((r) => indicatorIds.includes(r.id));
  // The values are announced and started before the targets are awaited, so that their windows
  // are read with whatever else the request's cache was told of (the dashboard's figures).
  const [{ targets, baselines }, { pairs, values }] = await Promise.all([
    targetsAndBaselinesOf(db, organisationId, wanted),
    computeValues(db, organisationId, wanted, periods, { ...options, definitions }),
  ]);
  const out: IndicatorPeriodValue[] = [];
  for (const [i, { row, period }] of pairs.entries()) {
    const definition = must(
      definitions.find((d) => d.code === row.code),
      'the definition of a listed indicator',
    );
    const computed = must(values[i], 'the value of an indicator asked for');
    // One rule for every window, by its days alone: the month 2023-08 and the dates
    // 2023-08-01..2023-08-31 have one target — their own, or a holding period's pro-rated by days
    // (as the report's « à date » columns).
    const found = targetForWindow(targets, definition, period);
    const target = found.ok ? found.value : null;
    const lifeOfGrant = row.grant
      ? targetFor(
          targets,
          definition,
          { kind: 'range', code: 'LOG', start: row.grant.startDate, end: row.grant.endDate },
          { lifeOfGrant: true },
        )
      : null;
    const base = baselineFor(baselines, definition.code);
    // The indicator's own rule first (chosen in the builder), then the one asked for, then its direction.
    const rule: AchievementRule =
      row.achievementRule ?? options.rule ?? achievementRuleOf({ direction: definition.direction });
    const a = achievement(
      {
        actual: computed.ok ? computed.value.value : null,
        target: target?.value ?? null,
        baseline: base.ok ? base.value : null,
      },
      rule,
    );
    // An open actual (an uncounted activity, a lower bound) gives a bounded achievement: at least
    // (more done, more achieved) or, lower being better, at most.
    const bound =
      a.ok && computed.ok
        ? achievementBound(rule, figureOf(computed.value).atLeast, {
            target: target?.value ?? null,
            baseline: base.ok ? base.value : null,
            actual: computed.value.value,
          })
        : null;
    const {
      indicator: _i,
      period: _p,
      ...value
    } = computed.ok ? computed.value : { indicator: '', period };
    out.push({
      indicator: {
        id: row.id,
        code: row.code,
        title: row.title,
        titleEn: row.titleEn,
        unit: row.unit,
        direction: row.direction,
        cumulative: row.cumulative,
        grant: row.grant?.code ?? null,
      },
      period,
      value: computed.ok ? (value as IndicatorPeriodValue['value']) : null,
      notComputable: computed.ok ? null : computed.error,
      target: target?.value ?? null,
      targetBasis: target?.basis ?? null,
      lifeOfGrantTarget: lifeOfGrant?.ok ? lifeOfGrant.value : null,
      baseline: base.ok ? base.value : null,
      achievement: a.ok ? a.value : null,
      achievementAtLeast: bound === 'at-least',
      achievementAtMost: bound === 'at-most',
      figure: computed.ok ? figureOf(computed.value) : null,
      status: statusOf(a, options.scale ?? UNDP_STATUS_SCALE),
    });
  }
  return out;
}
