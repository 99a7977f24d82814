import { m } from '$lib/paraglide/messages';
import { isUuid } from '$lib/uuid';

/**
 * Pure helpers for the audit-trail page (`/journal`): the filters read from the URL and written
 * back into links, and the words for the API's record types and actions. No I/O, tested beside.
 */

/** The record types the API writes into the audit log (`audit.list`'s `entity`). */
export const auditEntities = [
  'activity',
  'attendance',
  'incident',
  'report',
  'period_lock',
  'manual-value',
  'indicator',
  'indicator-comment',
  'target',
  'baseline',
  'grant',
  'result_node',
  'programme',
  'donor',
  'place',
  'organisation',
] as const;

export const entityLabels: Record<string, () => string> = {
  activity: m.audit_entity_activity,
  attendance: m.audit_entity_attendance,
  baseline: m.audit_entity_baseline,
  donor: m.audit_entity_donor,
  grant: m.audit_entity_grant,
  incident: m.audit_entity_incident,
  indicator: m.audit_entity_indicator,
  'indicator-comment': m.audit_entity_indicator_comment,
  'manual-value': m.audit_entity_manual_value,
  period_lock: m.audit_entity_period_lock,
  place: m.audit_entity_place,
  organisation: m.audit_entity_organisation,
  programme: m.audit_entity_programme,
  report: m.audit_entity_report,
  result_node: m.audit_entity_result_node,
  target: m.audit_entity_target,
};

export const actionLabels: Record<string, () => string> = {
  create: m.audit_action_create,
  update: m.audit_action_update,
  delete: m.audit_action_delete,
  submit: m.audit_action_submit,
  validate: m.audit_action_validate,
  reject: m.audit_action_reject,
  restate: m.audit_action_restate,
  lock: m.audit_action_lock,
};

/** A code the page has words for, in words; any other (the API may add some) as it is. */
export const labelOf = (labels: Record<string, () => string>, code: string): string =>
  labels[code]?.() ?? code;

export interface AuditFilters {
  entity: string | null;
  record: string | null;
  user: string | null;
  from: string | null;
  to: string | null;
  /** Words anywhere in the entry, its values before and after included (accents ignored). */
  q: string | null;
  page: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters of `/journal?entity=…&record=…&user=…&from=…&to=…&page=…`: what cannot be a filter
 * (a user that is not an id, a date that is not one, a page below 1) is dropped; an end before
 * the start is a problem to say, not a query to send.
 * @example readAuditFilters(new URLSearchParams('entity=activity&page=2')).filters.page // 2
 */
export function readAuditFilters(params: URLSearchParams): {
  filters: AuditFilters;
  problems: string[];
} {
  const text = (name: string, max: number) => {
    const value = params.get(name)?.trim() ?? '';
    return value && value.length <= max ? value : null;
  };
  const date = (name: string) => {
    const value = text(name, 10);
    return value && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
  };
  const user = text('user', 36);
  const page = Number(params.get('page'));
  const filters: AuditFilters = {
    entity: text('entity', 40),
    record: text('record', 80),
    user: user && isUuid(user) ? user : null,
    from: date('from'),
    to: date('to'),
    q: text('q', 200),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
  const problems =
    filters.from && filters.to && filters.from > filters.to
      ? [m.audit_filter_dates_reversed()]
      : [];
  return { filters, problems };
}

/** The query of `/journal` for these filters (empty ones and page 1 left out), for links. */
export function auditQuery(filters: AuditFilters, change: Partial<AuditFilters> = {}): string {
  const next = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of ['entity', 'record', 'user', 'from', 'to', 'q'] as const) {
    const value = next[key];
    if (value) query.set(key, value);
  }
  if (next.page > 1) query.set('page', String(next.page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** `audit.list`'s input for a page of `pageSize` entries. */
export function auditInput(filters: AuditFilters, pageSize: number) {
  return {
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.record ? { entityId: filters.record } : {}),
    ...(filters.user ? { userId: filters.user } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.q ? { search: filters.q } : {}),
    limit: pageSize,
    offset: (filters.page - 1) * pageSize,
  };
}

/** The page of a record, for the types that have one (French route: pass it to `localizeHref`). */
export function recordPath(entity: string, id: string): string | null {
  if (!isUuid(id)) return null;
  if (entity === 'activity' || entity === 'attendance') return `/activites/${id}`;
  if (entity === 'grant') return `/subventions/${id}`;
  return null;
}

/**
 * A name for the record an entry is about, from the values it recorded (after, else before):
 * its title, name or code when it has one.
 * @example recordName({ title: 'Forum de Bamako' }, null) // 'Forum de Bamako'
 */
export function recordName(after: unknown, before: unknown): string | null {
  for (const values of [after, before]) {
    if (typeof values !== 'object' || values === null) continue;
    const record = values as Record<string, unknown>;
    // A submitted report or a period lock: its grant and period.
    if (typeof record.grant === 'string' && typeof record.period === 'string')
      return `${record.grant} · ${record.period}`;
    for (const key of ['title', 'name', 'code']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim()) return value;
    }
  }
  return null;
}
