import {
  achievement,
  aggregateRecords,
  statusOf,
  sumCounts,
  type Count,
  type CountRecord,
  type Dimension,
} from '@jalon/domain';
import type {
  AchievementSettings,
  BreakdownValue,
  Indicator,
  IndicatorValue,
} from '../model/results.js';
import type { PeriodRef } from '../model/common.js';

/**
 * A stand-in for the domain's indicator engine, for the demo model and tests only: it turns monthly
 * facts and quarterly targets into the per-period values a real model carries. Renderers never call it.
 */
export type DemoIndicatorFacts = {
  /** `sum` adds events; `latest` is a level (the last value to date); `ratio-of` is women / total × 100 of another indicator. */
  rule: 'sum' | 'latest' | { ratioOf: string };
  /** Facts by month 'YYYY-MM': a count or a participation record. */
  facts: Record<string, Count | CountRecord>;
  /** Targets by calendar quarter 'YYYY-Qn' (summed for `sum`; for `latest`, the last one due by the period's end). */
  targets: Record<string, number>;
  /** Target that holds for every period (ratios). */
  flatTarget?: number;
};

const isRecord = (f: Count | CountRecord): f is CountRecord => 'cells' in f;

function monthsIn(
  period: { start: string; end: string },
  facts: Record<string, unknown>,
): string[] {
  return Object.keys(facts)
    .filter((m) => `${m}-01` >= period.start.slice(0, 8) + '01' && `${m}-01` <= period.end)
    .sort();
}

function quarterEnd(q: string): string {
  const year = q.slice(0, 4);
  return `${year}-${['03-31', '06-30', '09-30', '12-31'][Number(q.slice(6)) - 1] ?? '12-31'}`;
}

function quarterStart(q: string): string {
  return `${q.slice(0, 4)}-${['01', '04', '07', '10'][Number(q.slice(6)) - 1] ?? '01'}-01`;
}

/** Values of one indicator for every period, as the engine would compute them. */
export function demoValues(
  indicator: Pick<Indicator, 'achievementRule' | 'dimensions' | 'baseline'>,
  facts: DemoIndicatorFacts,
  periods: readonly PeriodRef[],
  context: {
    asOf: string;
    grantStart: string;
    achievement: AchievementSettings;
    dimensions: readonly Dimension[];
    all: Record<string, DemoIndicatorFacts>;
  },
): IndicatorValue[] {
  return periods.map((p) => {
    // Nothing is known of a period that starts after the reporting period ends.
    const future = p.start > context.asOf;
    const window = {
      start: p.start < context.grantStart ? context.grantStart : p.start,
      end: p.end < context.asOf ? p.end : context.asOf,
    };
    let actual: Count | null = null;
    let breakdown: BreakdownValue | null = null;
    const rule = facts.rule;
    if (!future && rule === 'sum') {
      const months = monthsIn(window, facts.facts);
      const items = months
        .map((m) => facts.facts[m])
        .filter((f): f is Count | CountRecord => f !== undefined);
      const records = items.filter(isRecord);
      actual = sumCounts(
        items.map((f) =>
          isRecord(f) ? (f.total ?? { value: 0, qualifier: 'at-least' as const }) : f,
        ),
      );
      if (indicator.dimensions.length > 0 && records.length > 0) {
        const b = aggregateRecords(records, indicator.dimensions, context.dimensions);
        if (b.ok) breakdown = b.value;
      }
    } else if (!future && rule === 'latest') {
      const months = monthsIn({ start: '0000-01-01', end: window.end }, facts.facts);
      const last = months.at(-1);
      const f = last ? facts.facts[last] : undefined;
      actual = f && !isRecord(f) ? f : null;
    } else if (!future && typeof rule === 'object') {
      const source = context.all[rule.ratioOf];
      const records = source
        ? monthsIn(window, source.facts)
            .map((m) => source.facts[m])
            .filter((f): f is CountRecord => !!f && isRecord(f))
        : [];
      const b = aggregateRecords(records, ['sex'], context.dimensions);
      const women = b.ok
        ? b.value.cells.find((c) => c.key.sex === 'female')?.bounds.lower
        : undefined;
      if (b.ok && women !== undefined && b.value.total.value > 0) {
        // Women over a lower-bound total is itself uncertain: say so.
        actual = {
          value: (women / b.value.total.value) * 100,
          qualifier: b.value.total.qualifier === 'exact' ? 'exact' : 'approximate',
        };
      }
    }
    let target: number | null = null;
    if (facts.flatTarget !== undefined) target = facts.flatTarget;
    else if (rule === 'sum') {
      const qs = Object.keys(facts.targets).filter(
        (q) => quarterStart(q) >= p.start && quarterEnd(q) <= p.end,
      );
      target = qs.length === 0 ? null : qs.reduce((s, q) => s + (facts.targets[q] ?? 0), 0);
    } else {
      const due = Object.keys(facts.targets)
        .filter((q) => quarterEnd(q) <= p.end)
        .sort()
        .at(-1);
      target = due ? (facts.targets[due] ?? null) : null;
    }
    // Achievement and status come from the domain, as they will in the real model builder.
    const a = achievement(
      { actual: actual?.value ?? null, target, baseline: indicator.baseline?.value ?? null },
      indicator.achievementRule,
    );
    return {
      period: p.code,
      target,
      actual,
      achievement: a.ok ? a.value : null,
      status: statusOf(a, context.achievement.scale),
      breakdown,
    };
  });
}
