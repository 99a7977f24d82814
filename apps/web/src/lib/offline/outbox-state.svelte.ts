import { m } from '$lib/paraglide/messages';
import { writeDraft } from './drafts';
import {
  exportOutbox,
  listOutbox,
  parseOutboxFile,
  persistStorage,
  putOutbox,
  removeOutbox,
  sendOutbox,
  type OutboxEntry,
} from './outbox';

/**
 * The outbox as the pages see it: its entries, whether it is sending, and what the last sync came
 * to. Sent again on start, when the connection comes back, every minute while something waits,
 * and from the « Synchroniser » button — never through Background Sync, which Safari lacks.
 */
export const outbox = $state({
  entries: [] as OutboxEntry[],
  syncing: false,
  /** The outcome of the last sync, for the status line. */
  note: '' as string,
});

export async function refreshOutbox(): Promise<void> {
  try {
    outbox.entries = await listOutbox();
  } catch {
    outbox.entries = [];
  }
}

/** Keeps a create for later (the request could not be made, or was cut). */
export async function enqueue(entry: OutboxEntry): Promise<void> {
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
        if (entry.status === 'refused') continue;
        const outcome = await sendOutbox(entry, {
          refused: m.outbox_refused(),
          signedOut: m.outbox_signed_out(),
        });
        if (outcome.kind === 'sent') {
          await removeOutbox(entry.clientId);
          sent++;
        } else if (outcome.kind === 'refused') {
          await putOutbox({ ...entry, status: 'refused', message: outcome.message });
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
