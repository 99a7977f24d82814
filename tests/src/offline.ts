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
