import type { ActionResult } from '@sveltejs/kit';
import { applyDraft, clearDraft, differs, fieldsOf, readDraft, writeDraft } from './drafts';
import type { OutboxEntry } from './outbox';

/**
 * A new client id for a create. `crypto.randomUUID()` where the page is a secure context
 * (HTTPS, localhost); the same random version-4 UUID from `getRandomValues` elsewhere (a server
 * reached over plain HTTP on an office network).
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** How a save that did not get an answer from the page's action is said. */
export type NotSent = { kind: 'network' } | { kind: 'server'; status: number };

/** An enhanced save's `error` result: the request never got an answer, or the server failed. */
export function notSent(result: ActionResult): NotSent | null {
  if (result.type !== 'error') return null;
  return result.status === undefined
    ? { kind: 'network' }
    : { kind: 'server', status: result.status };
}

/** The version an edit's draft was typed at (its `version` field), or null for a create. */
export function versionOf(fields: [string, string][]): number | null {
  const text = fields.find(([name]) => name === 'version')?.[1];
  const version = Number(text);
  return text && Number.isInteger(version) && version > 0 ? version : null;
}

/**
 * Keeps an entry form's draft: puts back what was typed on this device (unless the server just
 * sent the form back with its own values), then saves it as it is typed. Returns the client id
 * to post with the form (the draft's, so that a save cut mid-request is recognised when sent
 * again), whether a draft was put back, and, for an edit, the version it was typed at (when the
 * record has changed since, the page shows both side by side).
 */
export function keepDraft(
  form: HTMLFormElement,
  key: string,
  options: { restore: boolean },
): { clientId: string; restored: boolean; version: number | null; stop: () => void } {
  const pristine = fieldsOf(form);
  const draft = options.restore ? readDraft(key) : null;
  const restored = draft !== null && differs(draft.fields, pristine);
  if (draft && restored) applyDraft(form, draft.fields);
  const clientId = draft?.fields.find(([name]) => name === 'clientRequestId')?.[1] || newClientId();
  const save = () => {
    const fields = fieldsOf(form);
    if (differs(fields, pristine)) writeDraft(key, fields);
    else clearDraft(key);
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  return {
    clientId,
    restored,
    version: draft && restored ? versionOf(draft.fields) : null,
    stop: () => {
      form.removeEventListener('input', save);
      form.removeEventListener('change', save);
    },
  };
}

/** The outbox entry of a save (a create, or an edit at the version read) not sent now. */
export function outboxEntry(
  kind: OutboxEntry['kind'],
  form: { data: FormData; action: URL; clientId: string; draftKey: string; label: string },
): OutboxEntry {
  const data = fieldsOf(form.data);
  return {
    clientId: form.clientId,
    kind,
    op: versionOf(data) === null ? 'create' : 'update',
    action: `${form.action.pathname}${form.action.search}`,
    fields: data,
    label: form.label,
    editHref: `${location.pathname}${location.search}`,
    draftKey: form.draftKey,
    createdAt: new Date().toISOString(),
    status: 'pending',
    message: null,
  };
}
