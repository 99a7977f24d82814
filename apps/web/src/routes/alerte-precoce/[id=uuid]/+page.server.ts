import { error, fail, redirect } from '@sveltejs/kit';
import { warningsBeforeSave, type EntryWarning } from '$lib/entry-warnings';
import { sameRecord } from '$lib/offline/conflict';
import { fromOutbox, outboxSaved } from '$lib/server/outbox';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { createApiClient, describeApiError, type ApiFailure } from '$lib/server/trpc';
import {
  checkIncidentForm,
  quarterOf,
  type IncidentFieldError,
  type IncidentTheirs,
  type IncidentFormValues,
  readIncidentForm,
  valuesFromIncident,
} from '../incident-form';
import type { Actions, PageServerLoad } from './$types';

/**
 * One incident of the register, to correct or delete. Both name the version the page showed: a
 * correction saved meanwhile by someone else is a conflict, said in words, with what was typed
 * kept; a delete asks for a ticked confirmation first; a locked period refuses both in words.
 */
export const load: PageServerLoad = async ({ params, fetch, url }) => {
  const api = createApiClient(fetch, { locale: getLocale() });
  const [incident, programmes, places] = await Promise.all([
    api.incident.byId.query({ id: params.id }).then(
      (value) => ({ ok: true as const, value }),
      (e: unknown) => ({ ok: false as const, error: describeApiError(e) }),
    ),
    api.programme.list.query().then(
      (r) => r.items,
      () => [],
    ),
    api.place.list.query({ sort: 'name', limit: 1000 }).then(
      (r) => r.items.map((p) => ({ id: p.id, name: p.name })),
      () => [],
    ),
  ]);
  if (!incident.ok && incident.error.code === 'NOT_FOUND') error(404, m.incident_not_found());
  return {
    saved: url.searchParams.has('saved'),
    incident: incident.ok
      ? {
          ok: true as const,
          id: incident.value.id,
          code: incident.value.code,
          version: incident.value.version,
          values: valuesFromIncident(incident.value),
        }
      : incident,
    programmes,
    places,
  };
};

/** What a refused correction sends back: what was typed, and why (or what to check first). */
export interface IncidentFailure {
  values: IncidentFormValues;
  errors: IncidentFieldError[];
  apiError: ApiFailure | null;
  warnings?: EntryWarning[];
  /** What the server holds now, when the correction was refused (stale version, locked period). */
  theirs?: IncidentTheirs | null;
}
const refused = (incident: IncidentFailure) => ({ incident });

const statusOf = (e: ApiFailure) =>
  e.code === 'CONFLICT'
    ? 409
    : e.code === 'PRECONDITION_FAILED'
      ? 412
      : e.code === 'FORBIDDEN'
        ? 403
        : e.code === 'UNREACHABLE'
          ? 502
          : 400;

const versionOf = (form: FormData) => {
  const v = Number(form.get('version'));
  return Number.isInteger(v) && v > 0 ? v : 1;
};

export const actions = {
  /**
   * Saves the correction at the version shown; warnings first (save anyway when confirmed).
   * Refused for a stale version or a locked period, the answer carries what the server holds now,
   * for the form to show beside what was typed — unless it already holds exactly what was typed
   * (the same correction sent again, its first answer lost): that is the save, done.
   */
  save: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values = readIncidentForm(form);
    const check = checkIncidentForm(values, getLocale());
    if (!check.ok) return fail(400, refused({ values, errors: check.errors, apiError: null }));
    const api = createApiClient(fetch, { locale: getLocale() });
    const warnings = await warningsBeforeSave(form, () =>
      api.incident.check.query({ id: params.id, incident: check.input }),
    );
    if (warnings.length > 0)
      return fail(422, refused({ values, errors: [], apiError: null, warnings }));
    const href = localizeHref(`/alerte-precoce/${params.id}`);
    let warned: EntryWarning[] = [];
    try {
      ({ warnings: warned } = await api.incident.update.mutate({
        id: params.id,
        version: versionOf(form),
        incident: check.input,
      }));
    } catch (e) {
      console.error(`[web] incident ${params.id}: correction refused`, e);
      const apiError = describeApiError(e);
      const stale = apiError.code === 'CONFLICT';
      if (!stale && apiError.code !== 'PRECONDITION_FAILED')
        return fail(statusOf(apiError), refused({ values, errors: [], apiError }));
      const current = await api.incident.byId.query({ id: params.id }).catch(() => null);
      if (!current) return fail(statusOf(apiError), refused({ values, errors: [], apiError }));
      const now = valuesFromIncident(current);
      const held = checkIncidentForm(now, getLocale());
      if (!(stale && held.ok && sameRecord(held.input, check.input))) {
        const theirs = { version: current.version, values: now, locked: !stale };
        return fail(statusOf(apiError), refused({ values, errors: [], apiError, theirs }));
      }
    }
    if (fromOutbox(form)) return outboxSaved(href, warned);
    redirect(303, `${href}?saved=1`);
  },

  /** Deletes the incident at the version shown, once the box « je confirme » is ticked. */
  delete: async ({ request, fetch, params }) => {
    const form = await request.formData();
    if (form.get('confirm') !== 'yes')
      return fail(400, { removal: { unconfirmed: true, apiError: null as ApiFailure | null } });
    const api = createApiClient(fetch, { locale: getLocale() });
    const code = String(form.get('code') ?? '');
    const date = String(form.get('date') ?? '');
    try {
      await api.incident.delete.mutate({ id: params.id, version: versionOf(form) });
    } catch (e) {
      console.error(`[web] incident ${params.id}: delete refused`, e);
      const apiError = describeApiError(e);
      return fail(statusOf(apiError), { removal: { unconfirmed: false, apiError } });
    }
    const query = new URLSearchParams({
      ...(/^\d{4}-\d{2}-\d{2}$/.test(date) ? { period: quarterOf(date) } : {}),
      deleted: code,
    });
    redirect(303, `${localizeHref('/alerte-precoce')}?${query}#register`);
  },
} satisfies Actions;
