import {
  error as httpError,
  fail,
  redirect,
  type ActionFailure,
  type RequestEvent,
} from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import type { Checked, FormValues, SetupFailure } from '$lib/setup-forms';
import { createApiClient, describeApiError, type ApiClient, type ApiFailure } from './trpc';

/**
 * One save of a set-up form: the checks made before asking, then the API call. `null` when it
 * went through; otherwise the failure the form shows, with what was typed.
 */
export async function saveOrFail<T>(
  target: { form: string; id: string | null; values: FormValues },
  checked: Checked<T>,
  call: (input: T) => Promise<unknown>,
): Promise<ActionFailure<SetupFailure> | null> {
  if (!checked.ok) return fail(400, { ...target, errors: checked.errors, apiError: null });
  try {
    await call(checked.input);
    return null;
  } catch (error) {
    console.error(`[web] set-up: ${target.form} refused`, error);
    const apiError = describeApiError(error);
    return fail(failureStatus(apiError), { ...target, errors: [], apiError });
  }
}

/** The `id` a delete or edit form posts, or ''. */
export const postedId = (form: FormData) => String(form.get('id') ?? '').trim();

/** What a set-up page says at its top after a save or a removal (`?enregistre=<code>`, `?supprime`). */
export const doneOf = (url: URL) => ({
  saved: url.searchParams.get('enregistre'),
  deleted: url.searchParams.has('supprime'),
});

/** A list a set-up page loads: what the API gave, or what it said instead (logged, never thrown). */
export type Loaded<T> = ({ ok: true } & T) | { ok: false; error: ApiFailure };

export async function loadOrSay<T extends object>(
  page: string,
  call: () => Promise<T>,
): Promise<Loaded<T>> {
  try {
    return { ok: true as const, ...(await call()) };
  } catch (error) {
    console.error(`[web] ${page}: API call failed`, error);
    return { ok: false as const, error: describeApiError(error) };
  }
}

/** The record named by `?modifier=<id>` in a loaded list, or null. */
export function editingOf<T extends { id: string }>(
  items: readonly T[] | undefined,
  url: URL,
): T | null {
  const id = url.searchParams.get('modifier');
  return items?.find((item) => item.id === id) ?? null;
}

/**
 * The two form actions of a list + form set-up page (donors, programmes, grants): `save` reads
 * the form, checks it, creates or corrects (the record named by `id`) and comes back to the list
 * saying so; `delete` removes the record named by `id`. A refusal — of the checks or of the API,
 * e.g. a record still in use, with what uses it and how many — is sent back with what was typed.
 */
export function setupActions<T>(page: {
  /** the page's French path, e.g. `/parametres/bailleurs` */
  path: string;
  /** the save form's name in a refusal (`donor`, `programme`, `grant`) */
  form: string;
  /** what the form posts, as typed */
  read: (form: FormData) => FormValues;
  /** the checks made before asking, into the API's input */
  check: (values: FormValues, id: string | null, form: FormData) => Checked<T>;
  save: (api: ApiClient, input: T, id: string | null) => Promise<unknown>;
  /** none: the page's records are not removed here */
  remove?: (api: ApiClient, input: { id: string }) => Promise<unknown>;
  /** what the page's address keeps after an action (`sous=<id>`: the place being browsed) */
  stay?: (form: FormData) => string;
}) {
  const back = (query: string, form: FormData) => {
    const kept = page.stay?.(form) ?? '';
    return `${localizeHref(page.path)}?${kept ? `${kept}&` : ''}${query}`;
  };
  return {
    save: async ({ request, fetch }: RequestEvent) => {
      const form = await request.formData();
      const id = postedId(form) || null;
      const values = page.read(form);
      const api = createApiClient(fetch, { locale: getLocale() });
      const failed = await saveOrFail(
        { form: page.form, id, values },
        page.check(values, id, form),
        (input) => page.save(api, input, id),
      );
      if (failed) return failed;
      redirect(303, back(`enregistre=${encodeURIComponent(values.code ?? '')}`, form));
    },
    delete: async ({ request, fetch }: RequestEvent) => {
      const remove = page.remove;
      if (!remove) httpError(405, 'Not removable');
      const form = await request.formData();
      const id = postedId(form);
      const api = createApiClient(fetch, { locale: getLocale() });
      const failed = await saveOrFail(
        { form: 'delete', id, values: {} },
        { ok: true, input: { id } },
        (input) => remove(api, input),
      );
      if (failed) return failed;
      redirect(303, back('supprime=1', form));
    },
  };
}
