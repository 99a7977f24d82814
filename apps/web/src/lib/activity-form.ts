import type { AppRouter, inferRouterInputs } from '@jalon/api';
import {
  boundsTable,
  capitalised,
  cellKeyToString,
  checkConsistency,
  DEFAULT_DIMENSIONS,
  parseCount,
  type CellBounds,
  type Cell,
  type Count,
  type CountRecord,
  type Qualifier,
} from '@jalon/domain';
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { isUuid } from '$lib/uuid';

/**
 * The activity entry form, without the page: what the fields hold, how a participant count is
 * read ("40", "environ 50", "plus de 325"), and every reason to refuse a save, each tied to the
 * field it is about. The same code validates live in the browser and in the form action, so a
 * browser without JavaScript gets exactly the same messages.
 */

export type ActivityInput = inferRouterInputs<AppRouter>['activity']['create'];

export const ACTIVITY_TYPES = [
  'training',
  'workshop',
  'webinar',
  'dialogue',
  'awareness',
  'lobbying',
  'meeting',
  'research',
  'conference',
  'ceremony',
] as const satisfies readonly ActivityInput['type'][];

export const ACTIVITY_ROLES = [
  'organiser',
  'co-organiser',
  'participant',
] as const satisfies readonly NonNullable<ActivityInput['role']>[];

export const SEXES = ['female', 'male'] as const;
export const AGES = ['child', 'youth', 'adult'] as const;
export type Sex = (typeof SEXES)[number];
export type Age = (typeof AGES)[number];

/** One box of the breakdown grid: its form name and the engine's cell key (`{}` is the total). */
export interface GridCell {
  name: string;
  key: Partial<Record<'sex' | 'age', string>>;
}

/** `n_total`, `n_female`, `n_youth`, `n_female_youth`… */
export function gridName(sex: Sex | null, age: Age | null): string {
  return `n_${[sex, age].filter(Boolean).join('_') || 'total'}`;
}

/** The total, the sex and age marginals, then the sex × age cross-tab. */
export const GRID_CELLS: readonly GridCell[] = [
  { name: gridName(null, null), key: {} },
  ...SEXES.map((sex) => ({ name: gridName(sex, null), key: { sex } })),
  ...AGES.map((age) => ({ name: gridName(null, age), key: { age } })),
  ...SEXES.flatMap((sex) => AGES.map((age) => ({ name: gridName(sex, age), key: { sex, age } }))),
];

const nameByCanonicalKey = new Map(GRID_CELLS.map((c) => [cellKeyToString(c.key), c.name]));

/** What the form holds: text as typed, so nothing is lost when a save is refused. */
export interface ActivityFormValues {
  title: string;
  summary: string;
  type: string;
  role: string;
  programmeId: string;
  startDate: string;
  endDate: string;
  sessions: string;
  placeIds: string[];
  grantIds: string[];
  /** By grid name (`n_total`, `n_female_youth`…): `40`, `environ 50`, `plus de 325`, or empty. */
  counts: Record<string, string>;
  /**
   * Recorded cells the grid has no box for (disability, participant category), as JSON: carried
   * through a hidden field so that editing the sex and age breakdown does not drop them.
   */
  extraCells: string;
}

export const TEXT_FIELDS = [
  'title',
  'summary',
  'type',
  'role',
  'programmeId',
  'startDate',
  'endDate',
  'sessions',
] as const;

export function emptyValues(defaults: Partial<ActivityFormValues> = {}): ActivityFormValues {
  return {
    title: '',
    summary: '',
    type: '',
    role: 'organiser',
    programmeId: '',
    startDate: '',
    endDate: '',
    sessions: '1',
    placeIds: [],
    grantIds: [],
    counts: Object.fromEntries(GRID_CELLS.map((c) => [c.name, ''])),
    extraCells: '',
    ...defaults,
  };
}

/** The form as posted (the action reads it this way, with or without JavaScript). */
export function readFormData(form: FormData): ActivityFormValues {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const list = (name: string) =>
    form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
  return {
    title: text('title'),
    summary: text('summary'),
    type: text('type'),
    role: text('role') || 'organiser',
    programmeId: text('programmeId'),
    startDate: text('startDate'),
    endDate: text('endDate'),
    sessions: text('sessions'),
    placeIds: list('placeIds'),
    grantIds: list('grantIds'),
    counts: Object.fromEntries(GRID_CELLS.map((c) => [c.name, text(c.name)])),
    extraCells: text('extraCells'),
  };
}

/** A count said in words, as the officer would type it back: `environ 50`, `plus de 325`. */
export function countText(count: Count, locale: Locale): string {
  const value = String(count.value);
  if (count.qualifier === 'approximate') return m.qualifier_approximate({ value }, { locale });
  if (count.qualifier === 'at-least') return m.qualifier_at_least({ value }, { locale });
  return value;
}

/** What an activity read from the API puts in the form, for editing it. */
export function valuesFromActivity(
  activity: {
    title: string;
    summary: string | null;
    type: string;
    role: string;
    startDate: string;
    endDate: string;
    sessions: number;
    programme: { id: string };
    places: { id: string }[];
    grants: { id: string }[];
    participants: {
      total: Count | null;
      cells: { key: Record<string, string>; value: number; qualifier: Qualifier }[];
    } | null;
  },
  locale: Locale,
): ActivityFormValues {
  const values = emptyValues({
    title: activity.title,
    summary: activity.summary ?? '',
    type: activity.type,
    role: activity.role,
    programmeId: activity.programme.id,
    startDate: activity.startDate,
    endDate: activity.endDate,
    sessions: String(activity.sessions),
    placeIds: activity.places.map((p) => p.id),
    grantIds: activity.grants.map((g) => g.id),
  });
  const p = activity.participants;
  const extra = (p?.cells ?? []).filter((c) => !nameByCanonicalKey.has(cellKeyToString(c.key)));
  if (extra.length > 0) values.extraCells = JSON.stringify(extra);
  if (p?.total) values.counts[gridName(null, null)] = countText(p.total, locale);
  for (const cell of p?.cells ?? []) {
    const name = nameByCanonicalKey.get(cellKeyToString(cell.key));
    if (name) values.counts[name] = countText(cell, locale);
  }
  return values;
}

/** The cells carried in `extraCells`; anything malformed is left out rather than sent. */
export function readExtraCells(json: string): Cell[] {
  if (!json.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((c: unknown): Cell[] => {
    if (typeof c !== 'object' || c === null) return [];
    const { key, value, qualifier } = c as Record<string, unknown>;
    if (typeof key !== 'object' || key === null || typeof value !== 'number') return [];
    if (!['exact', 'approximate', 'at-least'].includes(String(qualifier))) return [];
    const entries = Object.entries(key).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    if (entries.length === 0) return [];
    return [{ key: Object.fromEntries(entries), value, qualifier: qualifier as Qualifier }];
  });
}

/** A reason to refuse the save, tied to the field that shows it (and every field involved). */
export interface FieldError {
  field: string;
  fields: string[];
  message: string;
}

/** Worth saying but not a reason to refuse: a contradiction resting on an "environ" count, a raised lower bound. */
export interface FieldNote {
  field: string;
  fields: string[];
  severity: 'warning' | 'info';
  message: string;
}

export interface BreakdownCheck {
  record: CountRecord | null;
  errors: FieldError[];
  notes: FieldNote[];
}

/** The grid read and checked by the engine: the record the API will get, or what is wrong with it. */
export function checkBreakdown(
  counts: Record<string, string>,
  locale: Locale,
  extraCells: Cell[] = [],
): BreakdownCheck {
  const errors: FieldError[] = [];
  let total: Count | null = null;
  const cells: Cell[] = [...extraCells];
  for (const cell of GRID_CELLS) {
    const raw = counts[cell.name] ?? '';
    const parsed = parseCount(raw);
    if (!parsed.ok) {
      const label = gridLabel(cell.name, locale);
      const message = {
        unreadable: m.activityForm_count_unreadable,
        negative: m.activityForm_count_negative,
        fractional: m.activityForm_count_fractional,
        'too-large': m.activityForm_count_too_large,
      }[parsed.reason]({ label, value: raw.trim() }, { locale });
      errors.push({ field: cell.name, fields: [cell.name], message });
      continue;
    }
    if (!parsed.count) continue;
    if (Object.keys(cell.key).length === 0) total = parsed.count;
    else cells.push({ key: cell.key as Record<string, string>, ...parsed.count });
  }
  // Unreadable boxes first: comparing the others would only say the same thing again.
  if (errors.length > 0) return { record: null, errors, notes: [] };
  if (total === null && cells.length === 0) return { record: null, errors: [], notes: [] };
  const record: CountRecord = { total, cells };
  const notes: FieldNote[] = [];
  for (const issue of checkConsistency(record)) {
    const fields = issue.keys
      .map((k) => nameByCanonicalKey.get(k))
      .filter((n): n is string => n !== undefined);
    const field = fields[0] ?? gridName(null, null);
    const message = issue.message[locale];
    if (issue.severity === 'error') errors.push({ field, fields, message });
    else notes.push({ field, fields, severity: issue.severity, message });
  }
  return { record, errors, notes };
}

/** `Femmes jeunes`, `Participants au total`: what a grid box is called, for its label and messages. */
export function gridLabel(name: string, locale: Locale): string {
  const cell = GRID_CELLS.find((c) => c.name === name);
  if (!cell) return name;
  const sex = cell.key.sex as Sex | undefined;
  const age = cell.key.age as Age | undefined;
  const sexWord = sex ? sexLabels[sex]({}, { locale }) : null;
  const ageWord = age ? ageLabels[age]({}, { locale }) : null;
  if (sexWord && ageWord)
    return m.activityForm_cross_label({ sex: sexWord, age: ageWord }, { locale });
  return sexWord ?? ageWord ?? m.activityForm_grid_total({}, { locale });
}

/** A category of the engine's default dimensions as a grid heading: `Jeunes (18–35 ans)`. */
function categoryHeading(dimension: 'sex' | 'age', code: string) {
  const label = DEFAULT_DIMENSIONS.find((d) => d.code === dimension)?.categories.find(
    (c) => c.code === code,
  )?.label;
  return (_inputs: object = {}, options: { locale?: Locale } = {}): string => {
    const said = label?.[options.locale ?? getLocale()];
    return said ? capitalised(said) : code;
  };
}

export const sexLabels = {
  female: categoryHeading('sex', 'female'),
  male: categoryHeading('sex', 'male'),
} satisfies Record<Sex, unknown>;

export const ageLabels = {
  child: categoryHeading('age', 'child'),
  youth: categoryHeading('age', 'youth'),
  adult: categoryHeading('age', 'adult'),
} satisfies Record<Age, unknown>;

export type FormCheck =
  | { ok: true; input: ActivityInput; notes: FieldNote[] }
  | { ok: false; errors: FieldError[]; notes: FieldNote[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Every reason to refuse the form, in the order of the fields, or the API's input. Errors name
 * the field they are about, so the summary can link to it and the field can say it.
 */
export function checkActivityForm(values: ActivityFormValues, locale: Locale): FormCheck {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, fields: [field], message });
  const o = { locale };

  const title = values.title.trim();
  if (title.length === 0) add('title', m.activityForm_error_title_missing({}, o));
  else if (title.length < 3) add('title', m.activityForm_error_title_short({}, o));
  else if (title.length > 300) add('title', m.activityForm_error_title_long({}, o));

  if (!(ACTIVITY_TYPES as readonly string[]).includes(values.type))
    add('type', m.activityForm_error_type({}, o));
  if (!(ACTIVITY_ROLES as readonly string[]).includes(values.role))
    add('role', m.activityForm_error_role({}, o));
  if (!isUuid(values.programmeId)) add('programmeId', m.activityForm_error_programme({}, o));

  const start = values.startDate.trim();
  const end = values.endDate.trim() || start;
  if (!start) add('startDate', m.activityForm_error_start_missing({}, o));
  else if (!isDate(start)) add('startDate', m.activityForm_error_date_invalid({}, o));
  if (values.endDate.trim() && !isDate(end))
    add('endDate', m.activityForm_error_date_invalid({}, o));
  else if (isDate(start) && isDate(end) && end < start)
    add('endDate', m.activityForm_error_end_before_start({}, o));

  const sessionsText = values.sessions.trim() || '1';
  const sessions = Number(sessionsText);
  if (!/^\d+$/.test(sessionsText) || sessions < 1 || sessions > 1000)
    add('sessions', m.activityForm_error_sessions({}, o));

  if (values.summary.trim().length > 5000) add('summary', m.activityForm_error_summary_long({}, o));
  if (values.placeIds.some((id) => !isUuid(id)))
    add('placeIds', m.activityForm_error_unknown_choice({}, o));
  if (values.grantIds.some((id) => !isUuid(id)))
    add('grantIds', m.activityForm_error_unknown_choice({}, o));

  const breakdown = checkBreakdown(values.counts, locale, readExtraCells(values.extraCells));
  errors.push(...breakdown.errors);

  if (errors.length > 0) return { ok: false, errors, notes: breakdown.notes };
  return {
    ok: true,
    notes: breakdown.notes,
    input: {
      programmeId: values.programmeId,
      title,
      summary: values.summary.trim() || null,
      type: values.type as ActivityInput['type'],
      role: values.role as NonNullable<ActivityInput['role']>,
      startDate: start,
      endDate: end,
      sessions,
      placeIds: [...new Set(values.placeIds)],
      grantIds: [...new Set(values.grantIds)],
      participants: breakdown.record,
    },
  };
}

/** Where a field is in the page, for the summary's links (`#field-title`, `#field-n_female`). */
export function fieldId(field: string): string {
  return `field-${field}`;
}

/** The API's field names (zod paths) in the form's words; grid errors land on the total. */
export function formFieldOfApiPath(path: string): string | null {
  const first = path.replace(/^activity\./, '').split('.')[0] ?? '';
  if ((TEXT_FIELDS as readonly string[]).includes(first)) return first;
  if (first === 'placeIds' || first === 'grantIds') return first;
  if (first === 'participants') return gridName(null, null);
  return null;
}

/**
 * For every box of the grid, the interval the engine says it lies in: what a blank box may still
 * hold (`3–18` young women out of 40 with 18 women and 25 young people). Nothing when the record
 * is inconsistent or empty.
 * @example gridBounds({ total: exact(40), cells: [female(18), youth(25)] }).get('n_female_youth') // { lower: 3, upper: 18, … }
 */
export function gridBounds(record: CountRecord | null): Map<string, CellBounds> {
  const result = new Map<string, CellBounds>();
  if (!record) return result;
  const table = boundsTable(record, ['sex', 'age']);
  if (!table.ok) return result;
  for (const cell of GRID_CELLS) {
    const bounds = table.value.get(cellKeyToString(cell.key));
    if (bounds) result.set(cell.name, bounds);
  }
  return result;
}

/** One box of the read-only sex × age table: what was recorded, or else the interval it lies in. */
export interface MatrixCell {
  name: string;
  key: string;
  recorded: Count | null;
  bounds: CellBounds | null;
}

/**
 * The sex × age table of a recorded activity (the total, the marginals, the cross-tab): recorded
 * counts as recorded, every other box as the engine's interval, never as a guess.
 */
export function breakdownMatrix(participants: CountRecord | null): MatrixCell[][] {
  const bounds = gridBounds(participants);
  const recorded = new Map<string, Count>();
  if (participants?.total) recorded.set('', participants.total);
  for (const c of participants?.cells ?? [])
    recorded.set(cellKeyToString(c.key), { value: c.value, qualifier: c.qualifier });
  return [null, ...SEXES].map((sex) =>
    [null, ...AGES].map((age) => {
      const name = gridName(sex, age);
      const cell = GRID_CELLS.find((c) => c.name === name);
      if (!cell) throw new Error(`no grid cell named ${name}`);
      const key = cellKeyToString(cell.key);
      return { name, key, recorded: recorded.get(key) ?? null, bounds: bounds.get(name) ?? null };
    }),
  );
}
