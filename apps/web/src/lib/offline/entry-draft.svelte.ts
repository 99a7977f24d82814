import type { ActionResult } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { clearDraft } from './drafts';
import { keepDraft, newClientId, notSent, outboxEntry } from './entry-form';
import type { OutboxEntry } from './outbox';
import { enqueue } from './outbox-state.svelte';

/**
 * What an entry form (activity, incident) keeps beside its fields: the draft on this device, the
 * create's client id, and what became of the last save when it is not a refusal — not sent,
 * waiting in the outbox, a draft put back.
 */
export class EntryDraft {
  /** The create's id for the API, kept with the draft (set once the page runs). */
  clientRequestId = $state('');
  notice = $state<{ text: string; alert: boolean } | null>(null);
  restored = $state(false);
  /** For an edit: the version its restored draft was typed at (null: none, or a create). */
  restoredVersion = $state<number | null>(null);

  constructor(
    readonly key: string,
    readonly kind: OutboxEntry['kind'] | null,
  ) {}

  /** On mount: puts back the draft (unless the server sent the form back), then keeps it. */
  start(form: HTMLFormElement, options: { restore: boolean }): () => void {
    const draft = keepDraft(form, this.key, options);
    this.clientRequestId = draft.clientId;
    this.restored = draft.restored;
    this.restoredVersion = draft.version;
    return draft.stop;
  }

  discard(): void {
    clearDraft(this.key);
    location.reload();
  }

  /** Whether a save must wait in the outbox without being tried (no connection at all). */
  get offline(): boolean {
    return this.kind !== null && !navigator.onLine;
  }

  /**
   * Keeps the save in the outbox (a create under its client id; an edit with the version read);
   * the form then starts a new one (a create) or stays as typed (an edit).
   */
  async queue(data: FormData, action: URL, label: string): Promise<void> {
    if (this.kind === null) return;
    const entry = outboxEntry(this.kind, {
      data,
      action,
      // An edit's key in the outbox only: the API does not take a client id for an update.
      clientId: data.has('version') ? newClientId() : this.clientRequestId,
      draftKey: this.key,
      label,
    });
    await enqueue(entry);
    // A create's draft goes (the form starts the next record); an edit's stays until the server
    // takes it, so that a reload, offline, still shows what was typed.
    if (entry.op !== 'update') clearDraft(this.key);
    this.restored = false;
    this.clientRequestId = newClientId();
    this.notice = { text: m.form_queued({ label }), alert: false };
  }

  /**
   * A save that got no answer is never the error page: a create cut by the network goes to the
   * outbox (its client id makes a second arrival harmless), anything else keeps the form as typed
   * and says, in the page's language, that it was not sent. Returns whether it was such a save.
   */
  async unanswered(
    result: ActionResult,
    data: FormData,
    action: URL,
    label: () => string,
  ): Promise<'queued' | 'kept' | null> {
    const failed = notSent(result);
    if (!failed) {
      if (result.type === 'redirect') {
        // Saved: the next record typed on this page is another create, under another id.
        clearDraft(this.key);
        this.clientRequestId = newClientId();
      }
      return null;
    }
    if (failed.kind === 'network' && this.kind !== null) {
      await this.queue(data, action, label());
      return 'queued';
    }
    this.notice = {
      text:
        failed.kind === 'network'
          ? m.form_not_sent()
          : m.form_server_error({ status: String(failed.status) }),
      alert: true,
    };
    return 'kept';
  }
}
