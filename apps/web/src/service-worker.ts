/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import {
  accountHeader,
  changesSession,
  dataAnswered,
  dataRequestPage,
  everyLoad,
  isEntryPage,
  isKeptPage,
  isPagesCache,
  isReadPage,
  keptAtHeader,
  keptDataKey,
  keptKey,
  markKept,
  offlinePage,
  pagesCache,
  shellCache,
  stale,
  warmAfter,
} from '$lib/offline/sw-rules';

/**
 * Jalon's service worker: the field officer's entry pages keep working without a connection.
 *
 * - The app's files of this build (scripts, styles, icon) are kept on install, served from the
 *   cache first (their names change with every build).
 * - The entry pages (activity form, early-warning page with its incident form) are fetched from
 *   the network first and kept, per signed-in account (organisation and user, from the page's
 *   `x-jalon-account` header), with the reference data in their HTML; offline, the kept page is
 *   answered, and the page says « Hors ligne ». What is saved then goes to the outbox (IndexedDB).
 * - The correction pages opened (an activity's edit page, an incident's page) are kept the
 *   same way, so that a reload offline still shows the form with the draft.
 * - The pages read in the field (activities list, incident register, dashboard) are kept the same
 *   way, one per address (filters included); answered offline, each says when it was fetched
 *   (« Hors ligne — données du … », from a `<meta>` the layout reads).
 * - The data of those pages, as a client-side navigation asks for it (SvelteKit's
 *   `…/__data.json`), is kept the same way, every load of the page included; offline, the kept
 *   data answers and the worker tells the page when it was fetched (a `jalon-data` message, said
 *   as « Hors ligne — données du … »). Nothing kept, or a page not kept (a link preloaded while
 *   offline): a 503, which SvelteKit answers with a full page load (the kept page, or the
 *   « Hors ligne » page) rather than a script error.
 * - Any other page offline gets a short « Hors ligne » page linking to the entry pages.
 * - Signing in or out (and the sign-in page, through the app's `forget` message) deletes the
 *   kept pages: a device never shows one account's or tenant's pages to the next.
 * - Caches are named by build; on activate every other Jalon cache is deleted.
 *
 * Nothing else is intercepted: API calls, downloads, form posts go to the network as before.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;

const shell = shellCache(version);
const shellFiles = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(shell);
      await cache.addAll([...shellFiles]);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const current = names.find((name) => isPagesCache(name, version)) ?? null;
      // Old builds' caches go (their pages name files that no longer exist).
      for (const name of stale(names, version, null))
        if (name !== current) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

/** The cache of the account whose pages are kept now (at most one), if any. */
async function currentPages(): Promise<string | null> {
  return (await caches.keys()).find((name) => isPagesCache(name, version)) ?? null;
}

async function forgetPages(): Promise<void> {
  for (const name of await caches.keys())
    if (isPagesCache(name, version)) await caches.delete(name);
}

/** Keeps an entry page's answer under its account; any other account's pages go. */
async function keep(request: Request | string, response: Response): Promise<void> {
  const account = response.headers.get(accountHeader);
  if (!account || !response.ok || response.redirected || response.type !== 'basic') return;
  const name = pagesCache(version, account);
  for (const other of stale(await caches.keys(), version, account)) await caches.delete(other);
  const headers = new Headers(response.headers);
  headers.set(keptAtHeader, new Date().toISOString());
  const kept = new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  const key = typeof request === 'string' ? request : keptKey(request.url);
  await (await caches.open(name)).put(key, kept);
}

/** A kept page as answered offline: its HTML says when it was fetched. */
async function answerKept(kept: Response): Promise<Response> {
  const keptAt = kept.headers.get(keptAtHeader) ?? kept.headers.get('date') ?? '';
  const headers = new Headers(kept.headers);
  headers.set('cache-control', 'no-store');
  return new Response(markKept(await kept.text(), keptAt), { status: 200, headers });
}

async function page(event: FetchEvent): Promise<Response> {
  const url = new URL(event.request.url);
  const entry = isKeptPage(url.pathname);
  try {
    const response = await fetch(event.request);
    if (entry) event.waitUntil(keep(event.request, response.clone()));
    return response;
  } catch {
    const name = await currentPages();
    if (entry && name) {
      // A read page at this very address (its filters); any other kept page whatever its query.
      const kept = await (
        await caches.open(name)
      ).match(keptKey(url.href), { ignoreSearch: !isReadPage(url.pathname) });
      if (kept) return answerKept(kept);
    }
    return new Response(offlinePage(url.pathname), {
      status: 503,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
}

/** Tells the page that asked for data where its answer came from. */
async function tellPage(event: FetchEvent, target: URL, keptAt: string | null): Promise<void> {
  const client = event.clientId ? await sw.clients.get(event.clientId) : undefined;
  client?.postMessage(dataAnswered(target, keptAt));
}

/** Offline, a data request nothing answers: SvelteKit turns it into a full page load. */
const dataOffline = () =>
  new Response(JSON.stringify('offline'), {
    status: 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

/** The data of a page not kept: from the network, or (offline) the 503 above, not an error. */
async function passData(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    return dataOffline();
  }
}

/** The data of a kept page: from the network (every load, kept), or what was kept. */
async function data(event: FetchEvent, target: URL): Promise<Response> {
  try {
    const response = await fetch(everyLoad(event.request.url), {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.ok) event.waitUntil(keep(keptDataKey(target), response.clone()));
    event.waitUntil(tellPage(event, target, null));
    return response;
  } catch {
    const name = await currentPages();
    const kept = name ? await (await caches.open(name)).match(keptDataKey(target)) : undefined;
    if (kept) {
      const keptAt = kept.headers.get(keptAtHeader) ?? kept.headers.get('date') ?? '';
      event.waitUntil(tellPage(event, target, keptAt));
      const headers = new Headers(kept.headers);
      headers.set('cache-control', 'no-store');
      return new Response(kept.body, { status: 200, headers });
    }
    // SvelteKit takes a failed data request to a full page load, answered by `page`.
    return dataOffline();
  }
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(shell);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (changesSession(request.method, url.pathname)) {
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== 'GET') return;
  if (shellFiles.has(url.pathname)) {
    event.respondWith(asset(request));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(page(event));
    return;
  }
  const target = dataRequestPage(request.url);
  if (target)
    event.respondWith(isKeptPage(target.pathname) ? data(event, target) : passData(request));
});

/** Fetches the entry pages the app names, unless kept recently enough, to have them offline. */
async function warm(paths: string[]): Promise<void> {
  const name = await currentPages();
  const cache = name ? await caches.open(name) : null;
  for (const path of paths) {
    if (!isEntryPage(path)) continue;
    const url = new URL(path, sw.location.origin);
    const kept = await cache?.match(keptKey(url.href));
    const date = kept ? Date.parse(kept.headers.get(keptAtHeader) ?? '') : NaN;
    if (kept && Date.now() - date < warmAfter) continue;
    try {
      const request = new Request(url, { credentials: 'same-origin', cache: 'no-store' });
      await keep(request, await fetch(request));
    } catch {
      return; // offline: next time
    }
  }
}

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; paths?: unknown } | null;
  if (data?.type === 'warm' && Array.isArray(data.paths))
    event.waitUntil(warm(data.paths.filter((p): p is string => typeof p === 'string')));
  else if (data?.type === 'forget') event.waitUntil(forgetPages());
});
