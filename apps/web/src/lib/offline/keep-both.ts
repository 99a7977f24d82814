import { deserialize } from '$app/forms';
import { goto } from '$app/navigation';
import type { FieldError } from '$lib/activity-form';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import type { ApiFailure } from '$lib/server/trpc';
import { fieldsOf } from './drafts';
import { newClientId } from './entry-form';
import { enqueue } from './outbox-state.svelte';

export type KeepBoth =
  | { kind: 'created' }
  | { kind: 'queued' }
  | { kind: 'refused'; errors: FieldError[]; apiError: ApiFailure | null };

/**
 * « Garder les deux »: what was typed in a refused update becomes a new activity (a draft), sent
 * to the entry page's own action under a new client id, the server's record left as it is. Cut
 * by the network, it waits in the outbox like any create; refused, the form keeps it.
 */
export async function keepBothAsNew(form: HTMLFormElement, label: string): Promise<KeepBoth> {
  const clientId = newClientId();
  const fields: [string, string][] = [
    ...fieldsOf(form).filter(([name]) => name !== 'version' && name !== 'clientRequestId'),
    ['clientRequestId', clientId],
  ];
  const action = localizeHref('/activites/nouvelle');
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
      kind: 'activity',
      action,
      fields,
      label,
      editHref: action,
      draftKey: 'activity:new',
      createdAt: new Date().toISOString(),
      status: 'pending',
      message: null,
    });
    return { kind: 'queued' };
  }
  const failed = {
    kind: 'refused' as const,
    errors: [],
    apiError: { code: 'UNREACHABLE', detail: m.conflict_both_failed() },
  };
  let result: ReturnType<typeof deserialize>;
  try {
    result = deserialize(await response.text());
  } catch {
    return failed;
  }
  if (result.type === 'redirect') {
    // The server's own redirect (the new activity's localised page): nothing to resolve.
    // eslint-disable-next-line svelte/no-navigation-without-resolve
    await goto(result.location);
    return { kind: 'created' };
  }
  if (result.type === 'failure') {
    const data = result.data as { errors?: FieldError[]; apiError?: ApiFailure | null } | undefined;
    return { kind: 'refused', errors: data?.errors ?? [], apiError: data?.apiError ?? null };
  }
  return failed;
}
