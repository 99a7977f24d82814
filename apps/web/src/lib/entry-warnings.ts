import type { AppRouter, inferRouterOutputs } from '@jalon/api';

/**
 * What the API warns of before a save (a probable duplicate, a date to come): the form shows it
 * and saves only once confirmed. No I/O, tested beside.
 */
export type EntryWarning = inferRouterOutputs<AppRouter>['activity']['check']['warnings'][number];

/** The form was sent with « Enregistrer quand même »: the warnings were read, save it. */
export function warningsConfirmed(form: FormData): boolean {
  return form.get('confirmWarnings') === '1';
}

/**
 * The warnings to show before saving, or none when the person confirmed them (or the check itself
 * could not answer: a warning never stands in the way of a save; the save's own answer says it).
 */
export async function warningsBeforeSave(
  form: FormData,
  check: () => Promise<{ warnings: EntryWarning[] }>,
): Promise<EntryWarning[]> {
  if (warningsConfirmed(form)) return [];
  try {
    return (await check()).warnings ?? [];
  } catch (error) {
    console.error('[web] entry warnings: the check failed, saving without it', error);
    return [];
  }
}
