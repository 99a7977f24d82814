import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { TRPCClientError } from '@trpc/client';
import {
  checkActivityForm,
  formFieldOfApiPath,
  readFormData,
  type ActivityFormValues,
  type ActivityInput,
  type FieldError,
} from '$lib/activity-form';
import type { Theirs } from '$lib/offline/conflict';
import { warningsBeforeSave, type EntryWarning } from '$lib/entry-warnings';
import type { OutboxSaved } from '$lib/offline/outbox';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { fromOutbox, outboxSaved } from '$lib/server/outbox';
import { describeApiError, type ApiClient, type ApiFailure } from '$lib/server/trpc';

/** What the form chooses from: programmes, grants (with their programmes), places. */
export interface FormChoices {
  programmes: { id: string; code: string; name: string; nameEn: string }[];
  grants: { id: string; code: string; title: string; programmes: { code: string }[] }[];
  places: { id: string; name: string }[];
}

/** The choices of the form, in one batched call. */
export async function loadChoices(
  api: ApiClient,
): Promise<{ ok: true; choices: FormChoices } | { ok: false; error: ApiFailure }> {
  try {
    const [programmes, grants, places] = await Promise.all([
      api.programme.list.query(),
      api.grant.list.query(),
      api.place.list.query({ sort: 'name', limit: 1000 }),
    ]);
    return {
      ok: true,
      choices: {
        programmes: programmes.items,
        grants: grants.items.map((g) => ({
          id: g.id,
          code: g.code,
          title: g.title,
          programmes: g.programmes.map((p) => ({ code: p.code })),
        })),
        places: places.items.map((p) => ({ id: p.id, name: p.name })),
      },
    };
  } catch (error) {
    console.error('[web] activity form: API call failed', error);
    return { ok: false, error: describeApiError(error) };
  }
}

export interface FormFailure {
  values: ActivityFormValues;
  errors: FieldError[];
  /** The API refused the save as a whole (conflict, lock, session…): said at the top. */
  apiError: ApiFailure | null;
  /** What the server holds now, when an update was refused for a stale version or a lock. */
  theirs?: Theirs | null;
  /** What to check before saving (a probable duplicate, a date to come), with « save anyway ». */
  warnings?: EntryWarning[];
}

/** The API's refusal spread over the fields it names (zod paths), the rest kept whole. */
export function errorsFromApi(error: unknown): { errors: FieldError[]; apiError: ApiFailure } {
  const described = describeApiError(error);
  const errors: FieldError[] = [];
  if (error instanceof TRPCClientError) {
    const data = error.data as { validation?: { fieldErrors?: Record<string, string[]> } } | null;
    for (const [path, messages] of Object.entries(data?.validation?.fieldErrors ?? {})) {
      const field = formFieldOfApiPath(path);
      if (field) for (const message of messages) errors.push({ field, fields: [field], message });
    }
  }
  return { errors, apiError: described };
}

/**
 * The form action: the same checks as in the browser, then what the API would warn of (a probable
 * duplicate, a date to come: shown with « Enregistrer quand même », status 422, nothing saved),
 * then the save; on success, the activity's page (for a save sent from the outbox, its address and
 * what the API warned of). Whatever happens, the values come back as typed.
 */
export async function saveActivity(
  request: Request,
  save: (
    input: ActivityInput,
    form: FormData,
  ) => Promise<{ activity: { id: string }; warnings?: EntryWarning[] }>,
  warn?: (input: ActivityInput) => Promise<{ warnings: EntryWarning[] }>,
): Promise<ActionFailure<FormFailure> | OutboxSaved> {
  const form = await request.formData();
  const values = readFormData(form);
  const check = checkActivityForm(values, getLocale());
  if (!check.ok) return fail(400, { values, errors: check.errors, apiError: null });
  if (warn) {
    const warnings = await warningsBeforeSave(form, () => warn(check.input));
    if (warnings.length > 0) return fail(422, { values, errors: [], apiError: null, warnings });
  }
  let id: string;
  let saved: EntryWarning[] | undefined;
  try {
    ({
      activity: { id },
      warnings: saved,
    } = await save(check.input, form));
  } catch (error) {
    console.error('[web] activity form: save refused', error);
    const { errors, apiError } = errorsFromApi(error);
    const status = apiError.code === 'CONFLICT' ? 409 : apiError.code === 'UNREACHABLE' ? 502 : 400;
    return fail(status, { values, errors, apiError });
  }
  if (fromOutbox(form)) return outboxSaved(localizeHref(`/activites/${id}`), saved);
  redirect(303, `${localizeHref(`/activites/${id}`)}?saved=1`);
}
