import type { ActivityFilter, Facts, IncidentFilter } from '../facts/index';
import { figureOf, type Figure } from '../format/figure';
import type { IndicatorDefinition, IndicatorSource } from '../indicator/definition';
import { computeIndicator } from '../indicator/compute-indicator';
import type { LocalizedText } from '../localized-text';
import type { Period } from '../period/index';
import { err, ok, type Result } from '../result';
import { FRENCH_SPACE } from '../format/format-number';
import { capitalised, DIMENSION_NAMES } from '../disaggregation/labels';

/*
 * The pivot table: rows and columns chosen among dimensions, one measure, and each
 * cell an indicator of its own — the same engine as `indicator.values`, so a cell keeps its
 * qualifiers and bounds (« au moins 179 », 56–97), and a total is computed over all the members
 * at once (a total of ranges is a range; unique people are counted once), never summed here.
 */

/** What rows and columns can be. */
export const PIVOT_DIMENSIONS = [
  'period',
  'programme',
  'grant',
  'activity-type',
  'region',
  'sex',
  'age',
  'disability',
  'incident-category',
] as const;
export type PivotDimension = (typeof PIVOT_DIMENSIONS)[number];

/** What cells count. */
export const PIVOT_MEASURES = ['activities', 'participants', 'unique-people', 'incidents'] as const;
export type PivotMeasure = (typeof PIVOT_MEASURES)[number];

/** The dimensions each measure can be split by. */
export const PIVOT_DIMENSIONS_OF: Record<PivotMeasure, readonly PivotDimension[]> = {
  activities: ['period', 'programme', 'grant', 'activity-type', 'region'],
  participants: [
    'period',
    'programme',
    'grant',
    'activity-type',
    'region',
    'sex',
    'age',
    'disability',
  ],
  'unique-people': [
    'period',
    'programme',
    'grant',
    'activity-type',
    'region',
    'sex',
    'age',
    'disability',
  ],
  incidents: ['period', 'region', 'incident-category'],
};

export type PivotSpec = {
  /** The period of the table; the `period` dimension splits it into its members. */
  period: Period;
  rows: PivotDimension;
  columns: PivotDimension | null;
  measure: PivotMeasure;
  /**
   * What the reader may see, when not the whole organisation: a programme officer's programmes, a
   * donor's grants (codes). Every cell, total and grand total counts only activities within it;
   * the programme and grant members must lie within it. An empty list reaches nothing.
   */
  scope?: { programmes?: readonly string[]; grants?: readonly string[] };
};

/**
 * The members of each dimension used (codes): for `period` the sub-periods, for `region` place
 * paths (`ml/mopti`), for `sex`, `age`, `disability` category codes.
 */
export type PivotMembers = {
  period?: Period[];
} & Partial<Record<Exclude<PivotDimension, 'period'>, string[]>>;

/** One cell: its row and column member (null: the total over that dimension) and what it counts. */
export type PivotCellPlan = {
  row: string | null;
  column: string | null;
  definition: IndicatorDefinition;
  period: Period;
};

export type PivotPlan = { rows: string[]; columns: string[]; cells: PivotCellPlan[] };

const names: Record<PivotDimension, LocalizedText> = DIMENSION_NAMES;
const measureNames: Record<PivotMeasure, LocalizedText> = {
  activities: { fr: 'les activités', en: 'activities' },
  participants: { fr: 'les participants', en: 'participants' },
  'unique-people': { fr: 'les personnes uniques', en: 'unique people' },
  incidents: { fr: 'les incidents', en: 'incidents' },
};

/** Why a pivot cannot be drawn, in French and English. */
export type PivotError = { kind: 'invalid-pivot'; message: LocalizedText };

/**
 * The cells of a pivot: one per row × column member, then the row totals, the column totals and
 * the grand total, each an indicator definition over the members it covers.
 */
export function planPivot(spec: PivotSpec, members: PivotMembers): Result<PivotPlan, PivotError> {
  const allowed = PIVOT_DIMENSIONS_OF[spec.measure];
  for (const d of [spec.rows, spec.columns]) {
    if (d !== null && !allowed.includes(d))
      return err({
        kind: 'invalid-pivot',
        message: {
          fr: `On ne peut pas répartir ${measureNames[spec.measure].fr} par ${names[d].fr}.`,
          en: `${capitalised(measureNames[spec.measure].en)} cannot be split by ${names[d].en}.`,
        },
      });
  }
  const scoped = scopeError(spec, members);
  if (scoped) return err(scoped);
  if (spec.columns === spec.rows)
    return err({
      kind: 'invalid-pivot',
      message: {
        fr: 'Les lignes et les colonnes doivent être deux dimensions différentes.',
        en: 'Rows and columns must be two different dimensions.',
      },
    });
  // Two of sex, age, disability make one cross-cell (`{ sex: 'female', age: 'youth' }`).
  const codesOf = (d: PivotDimension | null): string[] =>
    d === null
      ? []
      : d === 'period'
        ? (members.period ?? []).map((p) => p.code)
        : (members[d] ?? []);
  const rows = codesOf(spec.rows);
  const columns = codesOf(spec.columns);
  const cells: PivotCellPlan[] = [];
  const rowKeys: (string | null)[] = [...rows, null];
  const columnKeys: (string | null)[] = spec.columns === null ? [null] : [...columns, null];
  for (const row of rowKeys)
    for (const column of columnKeys) {
      const picked: [PivotDimension, string][] = [];
      if (row !== null) picked.push([spec.rows, row]);
      if (column !== null && spec.columns !== null) picked.push([spec.columns, column]);
      cells.push(cellPlan(spec, members, picked, row, column));
    }
  return ok({ rows, columns, cells });
}

/**
 * Why a scoped pivot cannot be drawn: incidents belong to no programme or grant (a scoped reader
 * never counts them), a scope that reaches nothing, or a member outside the scope.
 */
function scopeError(spec: PivotSpec, members: PivotMembers): PivotError | null {
  const scope = spec.scope;
  if (!scope) return null;
  if (spec.measure === 'incidents')
    return {
      kind: 'invalid-pivot',
      message: {
        fr: `Les incidents ne relèvent d’aucun programme ni d’aucune subvention${FRENCH_SPACE}: ils ne sont comptés que pour toute l’organisation.`,
        en: 'Incidents belong to no programme or grant: they are counted for the whole organisation only.',
      },
    };
  for (const [d, within] of [
    ['programme', scope.programmes],
    ['grant', scope.grants],
  ] as const) {
    if (!within) continue;
    if (within.length === 0)
      return {
        kind: 'invalid-pivot',
        message: {
          fr: `Aucun${d === 'grant' ? 'e' : ''} ${names[d].fr} ne vous est attribué${d === 'grant' ? 'e' : ''}${FRENCH_SPACE}: il n’y a rien à compter.`,
          en: `No ${names[d].en} is assigned to you: there is nothing to count.`,
        },
      };
    const outside = (members[d] ?? []).filter((m) => !within.includes(m));
    if (outside.length > 0)
      return {
        kind: 'invalid-pivot',
        message: {
          fr: `Hors de votre périmètre${FRENCH_SPACE}: ${names[d].fr} ${outside.join(', ')}.`,
          en: `Outside your reach: ${names[d].en} ${outside.join(', ')}.`,
        },
      };
  }
  return null;
}

function cellPlan(
  spec: PivotSpec,
  members: PivotMembers,
  picked: [PivotDimension, string][],
  row: string | null,
  column: string | null,
): PivotCellPlan {
  let period = spec.period;
  // The scope first: a member picked below lies within it (planPivot checked), so narrowing to
  // that member keeps the cell within the scope.
  const filter: ActivityFilter = {
    ...(spec.scope?.programmes ? { programmes: [...spec.scope.programmes] } : {}),
    ...(spec.scope?.grants ? { grants: [...spec.scope.grants] } : {}),
  };
  const incidents: IncidentFilter = {};
  const where: Record<string, string> = {};
  for (const [d, code] of picked) {
    if (d === 'period') period = members.period?.find((p) => p.code === code) ?? period;
    else if (d === 'programme') filter.programmes = [code];
    else if (d === 'grant') filter.grants = [code];
    else if (d === 'activity-type') filter.types = [code];
    else if (d === 'region') {
      filter.places = [code];
      incidents.places = [code];
    } else if (d === 'incident-category') incidents.categories = [code];
    else where[d] = code;
  }
  const source: IndicatorSource =
    spec.measure === 'activities'
      ? { kind: 'activities', measure: 'count', filter }
      : spec.measure === 'incidents'
        ? { kind: 'incidents', measure: 'count', filter: incidents }
        : {
            kind: 'participation',
            measure: spec.measure === 'participants' ? 'participations' : 'unique-people',
            filter,
            ...(Object.keys(where).length > 0 ? { where } : {}),
          };
  return {
    row,
    column,
    period,
    definition: {
      code: 'PIVOT',
      title: { fr: 'Tableau croisé', en: 'Pivot table' },
      unit: 'number',
      direction: 'higher-is-better',
      source,
      timeRule: 'sum',
      cumulative: false,
    },
  };
}

/** A computed cell: the value as every output states it, or why it cannot be computed. */
export type PivotCell = {
  row: string | null;
  column: string | null;
  figure: Figure | null;
  notComputable: LocalizedText | null;
};

/**
 * The domain's reference for a pivot: each planned cell computed in memory by the engine. The
 * database's pivot (the same plan, each cell computed in SQL) is held equal to it by a
 * differential test on generated data.
 */
export function pivotInMemory(facts: Facts, plan: PivotPlan): PivotCell[] {
  return plan.cells.map((c) => {
    const r = computeIndicator(c.definition, facts, c.period);
    return {
      row: c.row,
      column: c.column,
      figure: r.ok ? figureOf(r.value) : null,
      notComputable: r.ok ? null : r.error.message,
    };
  });
}
