/**
 * The service worker's rules, kept apart from the worker so that they can be tested: which pages
 * it keeps for offline use, under which cache, which requests end a session, and the page it
 * answers with when nothing is kept. No DOM, no paraglide here: the worker imports this file.
 */

/**
 * The header the server puts on every page of a signed-in user: her organisation and her user id
 * (`<organisation>:<user>`). The worker keeps pages under it, so a device never shows one
 * account's (or one tenant's) pages to another.
 */
export const accountHeader = 'x-jalon-account';

export function accountOf(me: {
  organisation: { id: string };
  user: { id: string | null };
}): string {
  return `${me.organisation.id}:${me.user.id ?? 'api'}`;
}

/**
 * The pages an officer needs in the field, both languages: the activity entry form and the
 * early-warning page (its incident form). Each carries the reference data of her organisation
 * (programmes, grants, places, types) in its HTML.
 */
export const entryPages = [
  '/activites/nouvelle',
  '/en/activities/new',
  '/alerte-precoce',
  '/en/early-warning',
] as const;

export function isEntryPage(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return (entryPages as readonly string[]).includes(path);
}

/**
 * The correction pages an officer opened (an activity's edit page, an incident's page), in both
 * languages: kept too once opened, so that a reload without a connection still shows the form,
 * her draft put back in it; what she saves there waits in the outbox at the version she read.
 */
const correctionPages = [
  /^\/activites\/[0-9a-f-]{36}\/modifier$/,
  /^\/en\/activities\/[0-9a-f-]{36}\/edit$/,
  /^\/alerte-precoce\/[0-9a-f-]{36}$/,
  /^\/en\/early-warning\/[0-9a-f-]{36}$/,
];

/**
 * The pages read in the field, both languages: the activities list, the incident register (the
 * early-warning page), the indicators and the dashboard. The last one seen at each address (its
 * filters included) is kept, to be read offline, marked with the time it was fetched.
 */
const readPages = [
  '/activites',
  '/en/activities',
  '/alerte-precoce',
  '/en/early-warning',
  '/indicateurs',
  '/en/indicators',
  '/tableau-de-bord',
  '/en/dashboard',
];

/** Whether a page is kept per address, its query included (a list's filters, its period). */
export function isReadPage(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return readPages.includes(path);
}

/** Whether the worker keeps this page for offline use (an entry page, or a correction opened). */
export function isKeptPage(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return (
    isEntryPage(path) || isReadPage(path) || correctionPages.some((pattern) => pattern.test(path))
  );
}

/** The key a page is kept under: its address, without the query unless it is a read page's. */
export function keptKey(href: string): string {
  const url = new URL(href);
  if (!isReadPage(url.pathname)) url.search = '';
  url.hash = '';
  return url.href;
}

/** What SvelteKit appends to a page's path for the data of a client-side navigation. */
const dataSuffix = '/__data.json';
/** SvelteKit's own query parameters on a data request (which loads to run, a trailing slash). */
const invalidatedParam = 'x-sveltekit-invalidated';
const trailingSlashParam = 'x-sveltekit-trailing-slash';

/**
 * The page a data request is for (`/activites/__data.json?period=2023-Q2&x-sveltekit-invalidated=01`
 * → `/activites?period=2023-Q2`), or null for any other request.
 */
export function dataRequestPage(href: string): URL | null {
  const url = new URL(href);
  if (!url.pathname.endsWith(dataSuffix)) return null;
  url.pathname = url.pathname.slice(0, -dataSuffix.length) || '/';
  url.searchParams.delete(invalidatedParam);
  url.searchParams.delete(trailingSlashParam);
  url.hash = '';
  return url;
}

/**
 * The same data request asking for every load of the page (the layout's too): what is kept must
 * stand alone offline, whatever the page the next navigation starts from.
 */
export function everyLoad(href: string): string {
  const url = new URL(href);
  const asked = url.searchParams.get(invalidatedParam);
  if (asked) url.searchParams.set(invalidatedParam, asked.replace(/0/g, '1'));
  return url.href;
}

/** The key a page's data is kept under: its kept page's key, with SvelteKit's data suffix. */
export function keptDataKey(page: URL): string {
  const url = new URL(keptKey(page.href));
  url.pathname = url.pathname.replace(/\/$/, '') + dataSuffix;
  return url.href;
}

/**
 * What the worker tells the page after answering a data request of a kept page: the page's
 * address and, when the answer came from what it kept (no connection), when it was fetched.
 */
export interface DataAnswered {
  type: 'jalon-data';
  path: string;
  keptAt: string | null;
}

export function dataAnswered(page: URL, keptAt: string | null): DataAnswered {
  return { type: 'jalon-data', path: page.pathname + page.search, keptAt };
}

export function isDataAnswered(data: unknown): data is DataAnswered {
  const d = data as Partial<DataAnswered> | null;
  return (
    d?.type === 'jalon-data' &&
    typeof d.path === 'string' &&
    (d.keptAt === null || typeof d.keptAt === 'string')
  );
}

/** The header a kept page carries: when it was fetched (ISO 8601). */
export const keptAtHeader = 'x-jalon-kept-at';

/** The `<meta>` naming when a page answered offline was fetched; the layout says it. */
export const keptAtMeta = 'jalon-kept-at';

/** A kept page's HTML as answered offline: marked with the time it was fetched. */
export function markKept(html: string, keptAt: string): string {
  const meta = `<meta name="${keptAtMeta}" content="${escape(keptAt)}">`;
  return html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : meta + html;
}

/** The entry pages in one language (the one the page is in), for the worker to keep ready. */
export function entryPagesIn(locale: string): string[] {
  return entryPages.filter((path) => path.startsWith('/en/') === (locale === 'en'));
}

/** Requests that start or end a session: the pages kept for the previous account go. */
const sessionPaths = new Set([
  '/connexion',
  '/en/sign-in',
  '/deconnexion',
  '/en/sign-out',
  '/api/auth/login',
  '/api/auth/logout',
]);

export function changesSession(method: string, pathname: string): boolean {
  return method === 'POST' && sessionPaths.has(pathname.replace(/\/$/, ''));
}

const prefix = 'jalon-';

/** The app's own files (scripts, styles, icons) of one build. */
export function shellCache(version: string): string {
  return `${prefix}shell-${version}`;
}

/** The pages kept for one signed-in account, for one build (its HTML names that build's files). */
export function pagesCache(version: string, account: string): string {
  return `${prefix}pages-${version}-${encodeURIComponent(account)}`;
}

export function isPagesCache(name: string, version: string): boolean {
  return name.startsWith(`${prefix}pages-${version}-`);
}

/**
 * The caches to delete: every cache of Jalon's but this build's shell and, when an account is
 * given, that account's pages of this build. Another site's caches on the origin are left alone.
 */
export function stale(names: string[], version: string, account: string | null): string[] {
  const keep = new Set([shellCache(version)]);
  if (account !== null) keep.add(pagesCache(version, account));
  return names.filter((name) => name.startsWith(prefix) && !keep.has(name));
}

/** How long a kept page is fresh enough not to be fetched again when the app asks (ms). */
export const warmAfter = 15 * 60 * 1000;

const escape = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

/**
 * The page answered for a page that is neither reachable nor kept: says « Hors ligne » in the
 * page's language and links to the entry pages (kept when they were opened, or prepared by the
 * app once signed in). Self-contained: no script, its style inline.
 */
export function offlinePage(pathname: string): string {
  const en = pathname === '/en' || pathname.startsWith('/en/');
  const t = en
    ? {
        lang: 'en',
        title: 'Offline',
        lead: 'This page is not available without a connection: it has not been opened on this device yet.',
        next: 'What you record offline waits on this device and is sent when the connection comes back.',
        activity: 'New activity',
        incident: 'Early warning: record an incident',
        retry: 'Try again',
      }
    : {
        lang: 'fr',
        title: 'Hors ligne',
        lead: 'Cette page n’est pas disponible sans connexion\u202f: elle n’a pas encore été ouverte sur cet appareil.',
        next: 'Ce que vous enregistrez hors ligne attend sur cet appareil et part dès que la connexion revient.',
        activity: 'Nouvelle activité',
        incident: 'Alerte précoce\u202f: enregistrer un incident',
        retry: 'Réessayer',
      };
  const [activity, incident] = en
    ? ['/en/activities/new', '/en/early-warning']
    : ['/activites/nouvelle', '/alerte-precoce'];
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)} · Jalon</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1f2a2e;background:#faf8f4;line-height:1.5}
header{background:#1d4e57;color:#f4efe6;padding:.75rem 1rem;font-weight:700;font-size:1.375rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
a{display:flex;align-items:center;min-height:2.75rem;color:#1d4e57;font-weight:600}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:999px;background:#8a4b00;color:#fff;font-size:.9rem}
</style>
</head>
<body>
<header>Jalon</header>
<main id="main">
<h1><span class="badge" data-offline>${escape(t.title)}</span></h1>
<p>${escape(t.lead)}</p>
<p>${escape(t.next)}</p>
<ul>
<li><a href="${activity}">${escape(t.activity)}</a></li>
<li><a href="${incident}">${escape(t.incident)}</a></li>
<li><a href="${escape(pathname)}">${escape(t.retry)}</a></li>
</ul>
</main>
</body>
</html>`;
}
