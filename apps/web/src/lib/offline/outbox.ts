import { deserialize } from '$app/forms';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EntryWarning } from '$lib/entry-warnings';

/**
 * The outbox: saves made while offline, or whose request failed, kept in IndexedDB until the
 * server accepts them. Each is sent again as the form would post it, to the page's own action.
 * A create goes under the client id it was typed under: the API records it once however many
 * times it arrives. An edit goes with the version it was read at: if someone saved in between,
 * it waits as a conflict, to be compared side by side (« Comparer »), never written over theirs.
 * A save the server refuses stays, with the server's message, until it is corrected
 * (« Reprendre ») or discarded.
 */
export interface OutboxEntry {
  /** `crypto.randomUUID()`: the API's `clientRequestId` for a create, the outbox's key for both. */
  clientId: string;
  kind: 'activity' | 'incident';
  /** A new record, or an edit of one at the version read (the form's `version` field). */
  op?: 'create' | 'update';
  /** The form action it was posted to (path and query, e.g. `/alerte-precoce?/incident`). */
  action: string;
  /** The form's fields as posted. */
  fields: [string, string][];
  /** What the user recognises it by (a title, a date and a category). */
  label: string;
  /** Where the form is, to correct it (its draft is put back there). */
  editHref: string;
  draftKey: string;
  createdAt: string;
  /** `conflict`: an edit someone else's save overtook (the version read is stale). */
  status: 'pending' | 'refused' | 'conflict';
  /** The server's refusal, in the page's language, when it refused. */
  message: string | null;
}

/** A queued save the server took, with what it warned of: said until the person has read it. */
export interface SentNotice {
  clientId: string;
  kind: OutboxEntry['kind'];
  label: string;
  /** The saved record's page (path). */
  href: string;
  warnings: EntryWarning[];
  sentAt: string;
}

interface OutboxSchema extends DBSchema {
  entries: { key: string; value: OutboxEntry; indexes: { createdAt: string } };
  sent: { key: string; value: SentNotice; indexes: { sentAt: string } };
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>('jalon-outbox', 2, {
    // By the stores present, not the version: a reader that opened the database first (an old
    // build, a test) may have made an empty version 1.
    upgrade(db) {
      if (!db.objectStoreNames.contains('entries'))
        db.createObjectStore('entries', { keyPath: 'clientId' }).createIndex(
          'createdAt',
          'createdAt',
        );
      if (!db.objectStoreNames.contains('sent'))
        db.createObjectStore('sent', { keyPath: 'clientId' }).createIndex('sentAt', 'sentAt');
    },
  });
  return opened;
}

export async function listOutbox(): Promise<OutboxEntry[]> {
  return (await database()).getAllFromIndex('entries', 'createdAt');
}

export async function putOutbox(entry: OutboxEntry): Promise<void> {
  await (await database()).put('entries', entry);
}

export async function removeOutbox(clientId: string): Promise<void> {
  await (await database()).delete('entries', clientId);
}

export async function listSent(): Promise<SentNotice[]> {
  return (await database()).getAllFromIndex('sent', 'sentAt');
}

export async function putSent(notice: SentNotice): Promise<void> {
  await (await database()).put('sent', notice);
}

export async function removeSent(clientId: string): Promise<void> {
  await (await database()).delete('sent', clientId);
}

/** What the page's action answers a save posted from the outbox (`outbox=1`) instead of a redirect. */
export interface OutboxSaved {
  saved: { href: string; warnings: EntryWarning[] };
}

/** What to say of a queued save the server took: its warnings, if it warned of anything. */
export function sentNotice(
  entry: OutboxEntry,
  saved: OutboxSaved['saved'] | null,
): SentNotice | null {
  if (!saved || saved.warnings.length === 0) return null;
  return {
    clientId: entry.clientId,
    kind: entry.kind,
    label: entry.label,
    href: saved.href,
    warnings: saved.warnings,
    sentAt: new Date().toISOString(),
  };
}

/** What sending an entry came to. */
export type SendOutcome =
  | { kind: 'sent'; saved: OutboxSaved['saved'] | null }
  | { kind: 'refused'; message: string }
  /** An edit overtaken by another save: to compare side by side, not to send again as it is. */
  | { kind: 'conflict'; message: string }
  /** Not sent (no connection, the server unreachable, the session expired): try again later. */
  | { kind: 'not-sent'; message: string | null };

interface FailureData {
  errors?: { message: string }[];
  apiError?: { detail?: string | null; code?: string } | null;
  theirs?: { locked?: boolean } | null;
  incident?: FailureData;
}

/** A refusal that carries the server's record at a newer version (not a locked period). */
export function isConflict(data: unknown): boolean {
  const failure = (data ?? {}) as FailureData;
  const inner = failure.incident ?? failure;
  return inner.apiError?.code === 'CONFLICT';
}

/** The saved record's page and the warnings, when the action answered a save from the outbox. */
export function savedOf(data: unknown): OutboxSaved['saved'] | null {
  const saved = (data as Partial<OutboxSaved> | null | undefined)?.saved;
  if (!saved || typeof saved.href !== 'string' || !Array.isArray(saved.warnings)) return null;
  return saved;
}

/** The refusal's words, as the page's action sent them back (already in the page's language). */
export function refusalMessage(data: unknown, fallback: string): string {
  const failure = (data ?? {}) as FailureData;
  const inner = failure.incident ?? failure;
  const lines = [
    ...(inner.apiError?.detail ? [inner.apiError.detail] : []),
    ...(inner.errors ?? []).map((e) => e.message),
  ];
  return lines.length ? lines.join(' ') : fallback;
}

/** Posts an entry to its form action, as `use:enhance` would. */
export async function sendOutbox(
  entry: OutboxEntry,
  text: { refused: string; signedOut: string },
): Promise<SendOutcome> {
  const body = new FormData();
  for (const [name, value] of entry.fields) body.append(name, value);
  // A save typed offline was meant to be saved: a warning (probable duplicate, date to come) is
  // never a refusal, so the outbox does not stop at the form's « Enregistrer quand même » step.
  if (!body.has('confirmWarnings')) body.append('confirmWarnings', '1');
  // The action answers with the record and what the API warned of, for the outbox to say it.
  body.set('outbox', '1');
  let response: Response;
  try {
    response = await fetch(entry.action, {
      method: 'POST',
      body,
      headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { kind: 'not-sent', message: null };
  }
  let result: ReturnType<typeof deserialize>;
  try {
    result = deserialize(await response.text());
  } catch {
    // Not an action's answer: the sign-in page (a session that expired) or a proxy's error.
    return { kind: 'not-sent', message: response.redirected ? text.signedOut : null };
  }
  switch (result.type) {
    case 'redirect':
      return { kind: 'sent', saved: null };
    case 'success':
      return { kind: 'sent', saved: savedOf(result.data) };
    case 'failure': {
      // The API unreachable behind the page is no refusal: it goes again later.
      if (result.status === 502) return { kind: 'not-sent', message: null };
      const message = refusalMessage(result.data, text.refused);
      return isConflict(result.data) ? { kind: 'conflict', message } : { kind: 'refused', message };
    }
    default:
      return { kind: 'not-sent', message: null };
  }
}

/** Asks the browser to keep this site's storage under pressure (the outbox lives there). */
export async function persistStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** The file an outbox is exported to, for a hand-over on a USB key. */
export interface OutboxFile {
  format: 'jalon-outbox';
  version: 1;
  exportedAt: string;
  entries: OutboxEntry[];
}

export function exportOutbox(entries: OutboxEntry[]): OutboxFile {
  return { format: 'jalon-outbox', version: 1, exportedAt: new Date().toISOString(), entries };
}

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * The entries of an exported outbox file, checked field by field (it comes from another machine):
 * null if it is not one. Entries come back waiting to be sent, their refusals to be asked again;
 * an action must be a path of this site (never another address).
 */
export function parseOutboxFile(text: string): OutboxEntry[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const file = data as Partial<OutboxFile> | null;
  if (!file || file.format !== 'jalon-outbox' || file.version !== 1) return null;
  if (!Array.isArray(file.entries)) return null;
  const entries: OutboxEntry[] = [];
  for (const raw of file.entries as unknown[]) {
    const e = raw as Record<string, unknown> | null;
    if (
      !e ||
      !isText(e.clientId) ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(e.clientId) ||
      (e.kind !== 'activity' && e.kind !== 'incident') ||
      (e.op !== undefined && e.op !== 'create' && e.op !== 'update') ||
      !isText(e.action) ||
      !/^\/(?![/\\])/.test(e.action) ||
      !isText(e.label) ||
      !isText(e.editHref) ||
      !/^\/(?![/\\])/.test(e.editHref) ||
      !isText(e.draftKey) ||
      !isText(e.createdAt) ||
      !Array.isArray(e.fields) ||
      !e.fields.every(
        (f: unknown) => Array.isArray(f) && f.length === 2 && isText(f[0]) && isText(f[1]),
      )
    )
      return null;
    entries.push({
      clientId: e.clientId,
      kind: e.kind,
      op: e.op === 'update' ? 'update' : 'create',
      action: e.action,
      fields: e.fields as [string, string][],
      label: e.label,
      editHref: e.editHref,
      draftKey: e.draftKey,
      createdAt: e.createdAt,
      status: 'pending',
      message: null,
    });
  }
  return entries;
}
