import { GRID_CELLS, gridLabel, type ActivityFormValues } from '$lib/activity-form';
import { activityRoleLabels, activityTypeLabels } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/**
 * A save refused because someone else saved first (CONFLICT, the version read is stale) or
 * because the period is locked: what was typed (mine) beside what the server holds now (theirs),
 * field by field, so that the officer chooses — never a silent overwrite, nothing typed lost.
 */
export interface Theirs<Values = ActivityFormValues> {
  version: number;
  values: Values;
  /** Refused for a locked period (not a stale version): keeping mine cannot be sent again. */
  locked: boolean;
}

export interface ConflictRow {
  field: string;
  label: string;
  mine: string;
  theirs: string;
}

interface Names {
  programmes: { id: string; code: string }[];
  grants: { id: string; code: string }[];
  places: { id: string; name: string }[];
}

const empty = '—';

/** A value with its object keys and its arrays in one order: two saves that mean the same agree. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Whether two API inputs save the same record (lists compared as sets): an edit refused as stale
 * whose every field the server already holds was saved before — its answer was lost on the way —
 * and is no conflict.
 * @example sameRecord({ placeIds: ['a', 'b'] }, { placeIds: ['b', 'a'] }) // true
 */
export function sameRecord(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function list(ids: string[], names: Map<string, string>): string {
  const shown = ids.map((id) => names.get(id) ?? id).sort((a, b) => a.localeCompare(b, 'fr'));
  return shown.length ? shown.join(', ') : empty;
}

const label = (labels: Record<string, () => string>, key: string) => labels[key]?.() ?? key;

/** The fields where mine and theirs differ, in the form's order, each said as the form shows it. */
export function compareActivity(
  mine: ActivityFormValues,
  theirs: ActivityFormValues,
  names: Names,
  locale: Locale,
): ConflictRow[] {
  const programmes = new Map(names.programmes.map((p) => [p.id, p.code]));
  const grants = new Map(names.grants.map((g) => [g.id, g.code]));
  const places = new Map(names.places.map((p) => [p.id, p.name]));
  const text = (value: string) => value.trim() || empty;
  const fields: [string, string, (v: ActivityFormValues) => string][] = [
    ['title', m.activityForm_title_label(), (v) => text(v.title)],
    [
      'type',
      m.activityForm_type_label(),
      (v) => (v.type ? label(activityTypeLabels, v.type) : empty),
    ],
    [
      'programmeId',
      m.activityForm_programme_label(),
      (v) => programmes.get(v.programmeId) ?? text(v.programmeId),
    ],
    [
      'role',
      m.activityForm_role_label(),
      (v) => (v.role ? label(activityRoleLabels, v.role) : empty),
    ],
    ['startDate', m.activityForm_start_label(), (v) => text(v.startDate)],
    ['endDate', m.activityForm_end_label(), (v) => text(v.endDate)],
    ['sessions', m.activityForm_sessions_label(), (v) => text(v.sessions)],
    ['summary', m.activityForm_summary_label(), (v) => text(v.summary)],
    ...GRID_CELLS.map((cell): [string, string, (v: ActivityFormValues) => string] => [
      cell.name,
      gridLabel(cell.name, locale),
      (v) => text(v.counts[cell.name] ?? ''),
    ]),
    ['grantIds', m.activityForm_grants_legend(), (v) => list(v.grantIds, grants)],
    ['placeIds', m.activityForm_places_legend(), (v) => list(v.placeIds, places)],
  ];
  const rows: ConflictRow[] = [];
  for (const [field, name, show] of fields) {
    const a = show(mine);
    const b = show(theirs);
    if (a !== b) rows.push({ field, label: name, mine: a, theirs: b });
  }
  return rows;
}
