import type { AppRouter, inferRouterInputs } from '@jalon/api';
import { INCIDENT_CATEGORIES } from '$lib/early-warning';
import { incidentCategoryLabels } from '$lib/labels';
import type { ConflictRow, Theirs } from '$lib/offline/conflict';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { isUuid } from '$lib/uuid';

/**
 * The incident entry form without the page: what it holds (text as typed, so nothing is lost on
 * a refused save) and every reason to refuse it, each tied to its field. Used by the action, so
 * a browser without JavaScript gets the same messages.
 */

export type IncidentInput = inferRouterInputs<AppRouter>['incident']['create'];

export interface IncidentFormValues {
  date: string;
  category: string;
  deaths: string;
  injuries: string;
  verified: boolean;
  placeId: string;
  programmeId: string;
  description: string;
}

export interface IncidentFieldError {
  field: keyof IncidentFormValues;
  message: string;
}

export function emptyIncident(defaults: Partial<IncidentFormValues> = {}): IncidentFormValues {
  return {
    date: '',
    category: '',
    deaths: '0',
    injuries: '0',
    verified: false,
    placeId: '',
    programmeId: '',
    description: '',
    ...defaults,
  };
}

export function readIncidentForm(form: FormData): IncidentFormValues {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  return {
    date: text('date'),
    category: text('category'),
    deaths: text('deaths'),
    injuries: text('injuries'),
    verified: form.get('verified') === 'on' || form.get('verified') === 'true',
    placeId: text('placeId'),
    programmeId: text('programmeId'),
    description: text('description'),
  };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export type IncidentCheck =
  { ok: true; input: IncidentInput } | { ok: false; errors: IncidentFieldError[] };

/**
 * The API's input, or what is wrong, field by field, in the order of the form.
 * @example checkIncidentForm(emptyIncident({ date: '2023-05-02', category: 'democracy-governance', deaths: '3' }), 'fr').ok // true
 */
export function checkIncidentForm(values: IncidentFormValues, locale: Locale): IncidentCheck {
  const o = { locale };
  const errors: IncidentFieldError[] = [];
  const date = values.date.trim();
  if (!date) errors.push({ field: 'date', message: m.incidentForm_error_date_missing({}, o) });
  else if (!isDate(date))
    errors.push({ field: 'date', message: m.incidentForm_error_date_invalid({}, o) });
  if (!(INCIDENT_CATEGORIES as readonly string[]).includes(values.category))
    errors.push({ field: 'category', message: m.incidentForm_error_category({}, o) });

  const victims = (field: 'deaths' | 'injuries') => {
    const text = values[field].trim() || '0';
    if (/^\d+$/.test(text) && Number(text) <= 100_000) return Number(text);
    const label =
      field === 'deaths' ? m.incidentForm_deaths({}, o) : m.incidentForm_injuries({}, o);
    errors.push({
      field,
      message: m.incidentForm_error_victims({ label, value: values[field].trim() }, o),
    });
    return 0;
  };
  const deaths = victims('deaths');
  const injuries = victims('injuries');

  if (values.placeId && !isUuid(values.placeId))
    errors.push({ field: 'placeId', message: m.incidentForm_error_choice({}, o) });
  if (values.programmeId && !isUuid(values.programmeId))
    errors.push({ field: 'programmeId', message: m.incidentForm_error_choice({}, o) });
  if (values.description.trim().length > 5000)
    errors.push({ field: 'description', message: m.incidentForm_error_description_long({}, o) });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      date,
      category: values.category as IncidentInput['category'],
      deaths,
      injuries,
      verified: values.verified,
      placeId: values.placeId || null,
      programmeId: values.programmeId || null,
      description: values.description.trim() || null,
    },
  };
}

/** The quarter an incident falls in, to show it in the register after the save: `2023-Q2`. */
export function quarterOf(date: string): string {
  const [year, month] = date.split('-');
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

/** An incident as the API answers it, as the form shows it (for a correction). */
export function valuesFromIncident(incident: {
  date: string;
  category: string;
  deaths: number;
  injuries: number;
  verified: boolean;
  description: string | null;
  place: { id: string } | null;
  programme: { id: string } | null;
}): IncidentFormValues {
  return {
    date: incident.date,
    category: incident.category,
    deaths: String(incident.deaths),
    injuries: String(incident.injuries),
    verified: incident.verified,
    placeId: incident.place?.id ?? '',
    programmeId: incident.programme?.id ?? '',
    description: incident.description ?? '',
  };
}

/** What the server holds now, when a correction was refused (stale version, locked period). */
export type IncidentTheirs = Theirs<IncidentFormValues>;

/**
 * The fields where a refused correction (mine) and the server's incident (theirs) differ, in the
 * form's order, each said as the form shows it.
 * @example compareIncident({ ...a, deaths: '3' }, { ...a, deaths: '2' }, names, 'fr') // [{ field: 'deaths', mine: '3', theirs: '2', … }]
 */
export function compareIncident(
  mine: IncidentFormValues,
  theirs: IncidentFormValues,
  names: { programmes: { id: string; code: string }[]; places: { id: string; name: string }[] },
  locale: Locale,
): ConflictRow[] {
  const o = { locale };
  const empty = '—';
  const text = (value: string) => value.trim() || empty;
  const programmes = new Map(names.programmes.map((p) => [p.id, p.code]));
  const places = new Map(names.places.map((p) => [p.id, p.name]));
  const category = (key: string) =>
    (incidentCategoryLabels as Record<string, ((i?: object, o?: object) => string) | undefined>)[
      key
    ]?.({}, o) ?? text(key);
  const fields: [keyof IncidentFormValues, string, (v: IncidentFormValues) => string][] = [
    ['date', m.incidentForm_date({}, o), (v) => text(v.date)],
    ['category', m.incidentForm_category({}, o), (v) => category(v.category)],
    ['deaths', m.incidentForm_deaths({}, o), (v) => v.deaths.trim() || '0'],
    ['injuries', m.incidentForm_injuries({}, o), (v) => v.injuries.trim() || '0'],
    ['placeId', m.incidentForm_place({}, o), (v) => places.get(v.placeId) ?? text(v.placeId)],
    [
      'programmeId',
      m.incidentForm_programme({}, o),
      (v) => programmes.get(v.programmeId) ?? text(v.programmeId),
    ],
    [
      'verified',
      m.incidentForm_verified({}, o),
      (v) => (v.verified ? m.conflict_yes({}, o) : m.conflict_no({}, o)),
    ],
    ['description', m.incidentForm_description({}, o), (v) => text(v.description)],
  ];
  const rows: ConflictRow[] = [];
  for (const [field, label, show] of fields) {
    const a = show(mine);
    const b = show(theirs);
    if (a !== b) rows.push({ field, label, mine: a, theirs: b });
  }
  return rows;
}
