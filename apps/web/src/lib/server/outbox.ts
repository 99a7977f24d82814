import type { EntryWarning } from '$lib/entry-warnings';
import type { OutboxSaved } from '$lib/offline/outbox';

/**
 * A save posted by the outbox (`outbox=1`), not by the form: the action answers with the saved
 * record's page and what the API warned of, instead of redirecting there, so that the outbox can
 * say the warnings after the replay, with a link to the record.
 */
export function fromOutbox(form: FormData): boolean {
  return form.get('outbox') === '1';
}

export function outboxSaved(href: string, warnings: EntryWarning[] | undefined): OutboxSaved {
  return { saved: { href, warnings: warnings ?? [] } };
}
