import { m } from '$lib/paraglide/messages';
import { clearDraft, differs, readDraft, writeDraft } from './drafts';
import {
  exportOutbox,
  listOutbox,
  listSent,
  putSent,
  removeSent,
  parseOutboxFile,
  persistStorage,
  putOutbox,
  removeOutbox,
  sendOutbox,
  sentNotice,
  type OutboxEntry,
  type SentNotice,
} from './outbox';

/**
 * The outbox as the pages see it: its entries, whether it is sending, and what the last sync came
 * to. Sent again on start, when the connection comes back, every minute while something waits,
 * and from the « Synchroniser » button — never through Background Sync, which Safari lacks.
 */
export const outbox = $state({
  entries: [] as OutboxEntry[],
  /** Queued saves the server took with a warning (a probable duplicate, a date to come). */
  sent: [] as SentNotice[],
  syncing: false,
  /** The outcome of the last sync, for the status line. */
  note: '' as string,
});

export async function refreshOutbox(): Promise<void> {
  try {
    outbox.entries = await listOutbox();
    outbox.sent = await listSent();
  } catch {
    outbox.entries = [];
    outbox.sent = [];
  }
}

/**
 * Keeps a save for later (the request could not be made, or was cut). An edit replaces the edit
 * of the same record still waiting on this device: the last one typed is the one sent.
 */
export async function enqueue(entry: OutboxEntry): Promise<void> {
  if (entry.op === 'update')
    for (const other of await listOutbox())
      if (other.op === 'update' && other.draftKey === entry.draftKey && other.status === 'pending')
        await removeOutbox(other.clientId);
  await putOutbox(entry);
  void persistStorage();
  await refreshOutbox();
}

let running: Promise<void> | null = null;

/** Sends every entry waiting; refused ones stay with the server's message. */
export function syncOutbox(): Promise<void> {
  running ??= (async () => {
    outbox.syncing = true;
    let sent = 0;
    let offline = false;
    try {
      for (const entry of await listOutbox()) {
        if (entry.status !== 'pending') continue;
        const outcome = await sendOutbox(entry, {
          refused: m.outbox_refused(),
          signedOut: m.outbox_signed_out(),
        });
        if (outcome.kind === 'sent') {
          const notice = sentNotice(entry, outcome.saved);
          if (notice) await putSent(notice);
          await removeOutbox(entry.clientId);
          // An edit's draft, unless typed further since, is now the server's record.
          const draft = entry.op === 'update' ? readDraft(entry.draftKey) : null;
          if (draft && !differs(draft.fields, entry.fields)) clearDraft(entry.draftKey);
          sent++;
        } else if (outcome.kind === 'refused' || outcome.kind === 'conflict') {
          const status = outcome.kind === 'conflict' ? 'conflict' : 'refused';
          await putOutbox({ ...entry, status, message: outcome.message });
        } else {
          offline = true;
          if (outcome.message) await putOutbox({ ...entry, message: outcome.message });
          break;
        }
      }
    } finally {
      await refreshOutbox();
      outbox.note = offline
        ? m.outbox_offline()
        : sent > 0
          ? m.outbox_sent({ count: String(sent) })
          : '';
      outbox.syncing = false;
      running = null;
    }
  })();
  return running;
}

/** Puts a refused (or waiting) entry back into its form to correct it, out of the outbox. */
export async function editEntry(entry: OutboxEntry): Promise<void> {
  writeDraft(entry.draftKey, entry.fields);
  await removeOutbox(entry.clientId);
  await refreshOutbox();
  // A full load: the form starts from the draft just written.
  location.assign(entry.editHref);
}

export async function discardEntry(entry: OutboxEntry): Promise<void> {
  await removeOutbox(entry.clientId);
  await refreshOutbox();
}

/** The person has read what the server warned of a queued save. */
export async function dismissSent(notice: SentNotice): Promise<void> {
  await removeSent(notice.clientId);
  await refreshOutbox();
}

/** Downloads the outbox as a file (a USB hand-over when there is no connection for days). */
export async function downloadOutbox(): Promise<void> {
  const file = exportOutbox(await listOutbox());
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `jalon-envois-en-attente-${file.exportedAt.slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Imports an exported outbox file into this device's outbox, then sends it if connected. */
export async function importOutbox(file: File): Promise<void> {
  const entries = parseOutboxFile(await file.text());
  if (!entries) {
    outbox.note = m.outbox_import_invalid();
    return;
  }
  for (const entry of entries) await putOutbox(entry);
  void persistStorage();
  await refreshOutbox();
  if (navigator.onLine) await syncOutbox();
  if (!outbox.note) outbox.note = m.outbox_imported({ count: String(entries.length) });
}

/** Starts the outbox with the app: a first sync, then on reconnection and every minute. */
export function startOutbox(): () => void {
  void refreshOutbox().then(() => {
    if (navigator.onLine && outbox.entries.some((e) => e.status === 'pending')) void syncOutbox();
  });
  const online = () => void syncOutbox();
  window.addEventListener('online', online);
  const timer = setInterval(() => {
    if (navigator.onLine && outbox.entries.some((e) => e.status === 'pending')) void syncOutbox();
  }, 60_000);
  return () => {
    window.removeEventListener('online', online);
    clearInterval(timer);
  };
}
