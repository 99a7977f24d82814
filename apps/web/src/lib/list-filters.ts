import type { ActivityDto, IncidentCategory } from '$lib/api-types';
import { DEFAULT_PERIOD } from '$lib/format/period';
import { parseStatus } from '$lib/navigation';
import { isUuid } from '$lib/uuid';
import { parseCategory, parsePage } from '$lib/early-warning';

/**
 * Pure helpers for the lists that search, sort and filter (activities, the incident register):
 * the filters read from the URL (shareable, working without JavaScript), written back into the
 * page links and the export links (`/api/exports/…`, the same filters). No I/O, tested beside.
 */

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
] as const satisfies readonly ActivityDto['type'][];

export const ACTIVITY_SORTS = ['date', '-date', 'title', 'type', 'status', 'code'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];
export const INCIDENT_SORTS = ['-date', 'date', 'region', 'category', '-deaths', 'code'] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  (values as readonly string[]).includes(value ?? '') ? (value as T) : null;

/** Free text as typed, trimmed, at most 200 characters (the API's limit); empty is none. */
const text = (value: string | null) => value?.trim().slice(0, 200) || null;
const id = (value: string | null) => (value && isUuid(value.trim()) ? value.trim() : null);

export interface ActivityListFilters {
  period: string;
  programme: string | null;
  status: ReturnType<typeof parseStatus>;
  type: ActivityDto['type'] | null;
  grant: string | null;
  place: string | null;
  q: string | null;
  sort: ActivitySort;
  page: number;
}

/**
 * The activities list's filters from `/activites?…`: what cannot be one (an unknown type, a grant
 * that is not an id) is dropped, so a mistyped link shows a wider list, never an error.
 * @example readActivityFilters(new URLSearchParams('q=ségou&type=training')).type // 'training'
 */
export function readActivityFilters(params: URLSearchParams): ActivityListFilters {
  return {
    period: params.get('period')?.trim() || DEFAULT_PERIOD,
    programme: text(params.get('programme')),
    status: parseStatus(params.get('status')),
    type: oneOf(ACTIVITY_TYPES, params.get('type')),
    grant: id(params.get('grant')),
    place: id(params.get('place')),
    q: text(params.get('q')),
    sort: oneOf(ACTIVITY_SORTS, params.get('sort')) ?? 'date',
    page: parsePage(params.get('page')),
  };
}

/** The filters as the API's `activity.list` input (without paging). */
export function activityListInput(f: ActivityListFilters) {
  return {
    period: f.period,
    ...(f.programme ? { programmeCode: f.programme } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.type ? { type: f.type } : {}),
    ...(f.grant ? { grantId: f.grant } : {}),
    ...(f.place ? { placeId: f.place } : {}),
    ...(f.q ? { search: f.q } : {}),
    ...(f.sort !== 'date' ? { sort: f.sort } : {}),
  };
}

/** The query string of the list (its page links, the export links): only what is set. */
export function activityQuery(f: ActivityListFilters, page = f.page): URLSearchParams {
  const query = new URLSearchParams({ period: f.period });
  for (const key of ['programme', 'status', 'type', 'grant', 'place', 'q'] as const) {
    const value = f[key];
    if (value) query.set(key, value);
  }
  if (f.sort !== 'date') query.set('sort', f.sort);
  if (page > 1) query.set('page', String(page));
  return query;
}

export interface IncidentListFilters {
  period: string;
  category: IncidentCategory | null;
  place: string | null;
  verified: 'yes' | 'no' | null;
  q: string | null;
  sort: IncidentSort;
  page: number;
}

/** The incident register's filters from `/alerte-precoce?…`, like {@link readActivityFilters}. */
export function readIncidentFilters(params: URLSearchParams): IncidentListFilters {
  return {
    period: params.get('period')?.trim() || DEFAULT_PERIOD,
    category: parseCategory(params.get('category')),
    place: id(params.get('place')),
    verified: oneOf(['yes', 'no'] as const, params.get('verified')),
    q: text(params.get('q')),
    sort: oneOf(INCIDENT_SORTS, params.get('sort')) ?? '-date',
    page: parsePage(params.get('page')),
  };
}

export function incidentListInput(f: IncidentListFilters) {
  return {
    period: f.period,
    ...(f.category ? { category: f.category } : {}),
    ...(f.place ? { placeId: f.place } : {}),
    ...(f.verified ? { verified: f.verified === 'yes' } : {}),
    ...(f.q ? { search: f.q } : {}),
    ...(f.sort !== '-date' ? { sort: f.sort } : {}),
  };
}

export function incidentQuery(f: IncidentListFilters, page = f.page): URLSearchParams {
  const query = new URLSearchParams({ period: f.period });
  for (const key of ['category', 'place', 'verified', 'q'] as const) {
    const value = f[key];
    if (value) query.set(key, value);
  }
  if (f.sort !== '-date') query.set('sort', f.sort);
  if (page > 1) query.set('page', String(page));
  return query;
}

/**
 * The export of exactly the list shown (every page of it), from `/api/exports/<list>`.
 * @example exportHref('activities', new URLSearchParams('period=2023-Q2'), 'csv', 'fr')
 * // '/api/exports/activities?period=2023-Q2&format=csv&lang=fr'
 */
export function exportHref(
  list: 'activities' | 'incidents' | 'persons' | 'indicators' | 'journal',
  query: URLSearchParams,
  format: 'csv' | 'xlsx',
  lang: 'fr' | 'en',
): string {
  const q = new URLSearchParams(query);
  q.delete('page');
  q.set('format', format);
  q.set('lang', lang);
  return `/api/exports/${list}?${q}`;
}

export const PERSON_SORTS = ['code', 'name', '-participations', '-last-seen'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

export interface PersonListFilters {
  q: string | null;
  sex: 'female' | 'male' | null;
  sort: PersonSort;
  page: number;
}

/**
 * The participants register's filters from `/participants?…`, like {@link readActivityFilters}.
 * @example readPersonFilters(new URLSearchParams('q=traoré&sex=female')).sex // 'female'
 */
export function readPersonFilters(params: URLSearchParams): PersonListFilters {
  return {
    q: text(params.get('q')),
    sex: oneOf(['female', 'male'] as const, params.get('sex')),
    sort: oneOf(PERSON_SORTS, params.get('sort')) ?? 'code',
    page: parsePage(params.get('page')),
  };
}

export function personListInput(f: PersonListFilters) {
  return {
    ...(f.q ? { search: f.q } : {}),
    ...(f.sex ? { sex: f.sex } : {}),
    ...(f.sort !== 'code' ? { sort: f.sort } : {}),
  };
}

export function personQuery(f: PersonListFilters, page = f.page): URLSearchParams {
  const query = new URLSearchParams();
  if (f.q) query.set('q', f.q);
  if (f.sex) query.set('sex', f.sex);
  if (f.sort !== 'code') query.set('sort', f.sort);
  if (page > 1) query.set('page', String(page));
  return query;
}
