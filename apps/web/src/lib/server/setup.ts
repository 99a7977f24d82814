import { fail, type ActionFailure } from '@sveltejs/kit';
import { failureStatus } from '$lib/approval';
import type { Checked, FormValues, SetupFailure } from '$lib/setup-forms';
import { describeApiError } from './trpc';

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
