import type { Page } from 'playwright-core';

/**
 * What the offline browser suites read of a page's service worker: the Jalon caches of the
 * page's origin, the pages kept for the signed-in account, and the page's errors but those of
 * the requests a cut connection makes fail.
 */

/** The Jalon caches of the page's origin, with the paths (and queries) each holds. */
const readCaches = `(async () => {
  const out = {};
  for (const name of await caches.keys()) {
    if (!name.startsWith('jalon-')) continue;
    const keys = await (await caches.open(name)).keys();
    out[name] = keys.map((r) => { const u = new URL(r.url); return u.pathname + u.search; });
  }
  return out;
})()`;

export const caches = (page: Page) => page.evaluate<Record<string, string[]>>(readCaches);

/** `<cache name> <path>` for each page kept for the signed-in account. */
export const pagesKept = async (page: Page) =>
  Object.entries(await caches(page))
    .filter(([name]) => name.startsWith('jalon-pages-'))
    .flatMap(([name, paths]) => paths.map((path) => `${name} ${path}`));

/** The page's errors, but those of the requests a cut connection makes fail. */
export function watchOffline(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Offline, the browser logs the requests it could not make; CSP and script errors count.
    if (
      message.type() === 'error' &&
      !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(message.text())
    )
      errors.push(message.text());
  });
  return errors;
}

/** An entry of the outbox as the page's IndexedDB stores it (a string script: this package has no DOM). */
export interface StoredEntry {
  clientId: string;
  kind: string;
  /** what the outbox page lists it as (a new record) */
  label: string;
  /** the change it carries (a correction) */
  op: string;
  status: string;
  message: string | null;
  fields: [string, string][];
}

const readOutbox = `new Promise((resolve, reject) => {
  const open = indexedDB.open('jalon-outbox');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('entries')) { db.close(); return resolve([]); }
    const request = db.transaction('entries').objectStore('entries').getAll();
    request.onsuccess = () => { db.close(); resolve(request.result); };
    request.onerror = () => reject(request.error);
  };
})`;

const writeOutbox = (entries: unknown[]) => `new Promise((resolve, reject) => {
  const open = indexedDB.open('jalon-outbox');
  open.onsuccess = () => {
    const tx = open.result.transaction('entries', 'readwrite');
    for (const entry of ${JSON.stringify(entries)}) tx.objectStore('entries').put(entry);
    tx.oncomplete = () => { open.result.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
})`;

/** The page's outbox entries. */
export const outbox = (page: Page) => page.evaluate<StoredEntry[]>(readOutbox);

/** Puts entries into the page's outbox as they are (a test's way to make one fail or repeat). */
export const putOutbox = (page: Page, entries: unknown[]) => page.evaluate(writeOutbox(entries));
