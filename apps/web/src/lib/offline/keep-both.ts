import { deserialize } from '$app/forms';
import { goto } from '$app/navigation';
import type { FieldError } from '$lib/activity-form';
import type { EntryWarning } from '$lib/entry-warnings';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import type { ApiFailure } from '$lib/server/trpc';
import { clearDraft, fieldsOf } from './drafts';
import { newClientId } from './entry-form';
import { enqueue } from './outbox-state.svelte';

export type KeepBoth =
  | { kind: 'created' }
  | { kind: 'queued' }
  /**
   * The entry page's check warned before creating (a probable duplicate, a date to come):
   * nothing saved yet. Said as the normal save says it; confirmed, the same copy is sent again
   * under the same client id with `confirmWarnings=1`.
   */
  | { kind: 'warned'; warnings: EntryWarning[]; clientId: string }
  | { kind: 'refused'; errors: FieldError[]; apiError: ApiFailure | null };

/** Where a record's new copy is created: the entry page's action, its outbox key and words. */
const targets = {
  activity: {
    action: () => localizeHref('/activites/nouvelle'),
    draftKey: 'activity:new',
    failed: () => m.conflict_both_failed(),
  },
  incident: {
    action: () => `${localizeHref('/alerte-precoce')}?/incident`,
    draftKey: 'incident:new',
    failed: () => m.conflict_incident_both_failed(),
  },
} as const;

/**
 * « Garder les deux »: what was typed in a refused update becomes a new record (an activity as a
 * draft, an incident), sent to the entry page's own action under a new client id, the server's
 * record left as it is. Cut by the network, it waits in the outbox like any create; refused, the
 * form keeps it. Kept (created or queued), the edit's draft (`editDraftKey`) goes before the page
 * moves on: what was typed now lives in the new record, and the edit page must not offer it again.
 */
export async function keepBothAsNew(
  form: HTMLFormElement,
  label: string,
  editDraftKey: string,
  kind: keyof typeof targets = 'activity',
  /** The warnings were read and confirmed: the copy they were said of (its client id). */
  confirmed: { clientId: string } | null = null,
): Promise<KeepBoth> {
  const target = targets[kind];
  const clientId = confirmed?.clientId ?? newClientId();
  const fields: [string, string][] = [
    ...fieldsOf(form).filter(
      ([name]) => name !== 'version' && name !== 'clientRequestId' && name !== 'confirmWarnings',
    ),
    ['clientRequestId', clientId],
    ...(confirmed ? [['confirmWarnings', '1'] as [string, string]] : []),
  ];
  const action = target.action();
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  let response: Response;
  try {
    response = await fetch(action, {
      method: 'POST',
      body,
      headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
      credentials: 'same-origin',
    });
  } catch {
    await enqueue({
      clientId,
      kind,
      op: 'create',
      action,
      fields,
      label,
      editHref: action.replace(/\?\/.*$/, ''),
      draftKey: target.draftKey,
      createdAt: new Date().toISOString(),
      status: 'pending',
      message: null,
    });
    clearDraft(editDraftKey);
    return { kind: 'queued' };
  }
  const failed = {
    kind: 'refused' as const,
    errors: [],
    apiError: { code: 'UNREACHABLE', detail: target.failed() },
  };
  let result: ReturnType<typeof deserialize>;
  try {
    result = deserialize(await response.text());
  } catch {
    return failed;
  }
  if (result.type === 'redirect') {
    // The server's own redirect (the new activity's localised page): nothing to resolve.
    clearDraft(editDraftKey);
    // eslint-disable-next-line svelte/no-navigation-without-resolve
    await goto(result.location);
    return { kind: 'created' };
  }
  if (result.type === 'failure') {
    type Refusal = {
      errors?: FieldError[];
      apiError?: ApiFailure | null;
      warnings?: EntryWarning[];
    };
    const raw = result.data as (Refusal & { incident?: Refusal }) | undefined;
    const data = raw?.incident ?? raw;
    if (data?.warnings?.length && !data.errors?.length && !data.apiError)
      return { kind: 'warned', warnings: data.warnings, clientId };
    return { kind: 'refused', errors: data?.errors ?? [], apiError: data?.apiError ?? null };
  }
  return failed;
}
