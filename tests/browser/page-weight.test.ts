import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { browserSuiteCanRun, chromiumSuite, demoAccounts, signIn } from '../src/browser';

/**
 * The activity entry page's weight on a first visit (an empty cache), as Chromium fetches it:
 * its JavaScript and CSS, as transferred and as gzip would compress them (the figure a phone on
 * a field connection pays once a proxy or the server compresses). Budget: 150 kB compressed
 * (README, « Field-ready »).
 */
const BUDGET_KB = 150;

/**
 * Slow 3G as Chromium's DevTools preset has it, near enough: 400 kbit/s each way, 400 ms of
 * latency. The activity entry page must be usable (its form interactive: the scripts have taken
 * over) within 5 s of the first request, on a first visit (README, « Field-ready »).
 */
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};
const USABLE_WITHIN_MS = 5_000;

describe.runIf(browserSuiteCanRun)('the activity entry page’s weight in Chromium', () => {
  const suite = chromiumSuite({ signInAs: null });

  it(`stays under ${BUDGET_KB} kB of JavaScript and CSS, compressed, on a first visit`, async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
    });
    try {
      const page = await context.newPage();
      await signIn(page, suite.jalon.url, demoAccounts.meOfficer);
      const assets: Promise<{ url: string; transferred: number; raw: number; gzip: number }>[] = [];
      page.on('response', (response) => {
        const type = response.request().resourceType();
        if (type !== 'script' && type !== 'stylesheet') return;
        assets.push(
          (async () => {
            const body = await response.body();
            const sizes = await response.request().sizes();
            return {
              url: response.url(),
              transferred: sizes.responseBodySize + sizes.responseHeadersSize,
              raw: body.length,
              gzip: gzipSync(body, { level: 9 }).length,
            };
          })(),
        );
      });
      await page.goto(`${suite.jalon.url}/activites/nouvelle`, { waitUntil: 'networkidle' });
      await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
      const files = await Promise.all(assets);
      const kB = (n: number) => Math.round(n / 102.4) / 10;
      const total = (key: 'transferred' | 'raw' | 'gzip') =>
        files.reduce((sum, file) => sum + file[key], 0);
      console.info(
        `activity entry page, first visit: ${files.length} JS/CSS files, ` +
          `${kB(total('transferred'))} kB transferred, ${kB(total('raw'))} kB uncompressed, ` +
          `${kB(total('gzip'))} kB gzip-compressed (budget ${BUDGET_KB} kB)`,
      );
      expect(files.length).toBeGreaterThan(0);
      expect(kB(total('gzip'))).toBeLessThanOrEqual(BUDGET_KB);
    } finally {
      await context.close();
    }
  });

  it(`is usable within ${USABLE_WITHIN_MS / 1000} s on a first visit over Slow 3G`, async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await context.newPage();
      // Signed in beforehand, outside the throttled page (as if she had signed in yesterday).
      await signIn(page, suite.jalon.url, demoAccounts.meOfficer);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Network.clearBrowserCache');
      const started = Date.now();
      await page.goto(`${suite.jalon.url}/activites/nouvelle`, { waitUntil: 'commit' });
      await page.waitForSelector('html[data-hydrated]', { state: 'attached', timeout: 30_000 });
      const usable = Date.now() - started;
      // Usable means it answers: typing a participant count shows the live read-back.
      await page.getByLabel('Participants au total', { exact: true }).fill('12');
      await page.locator('[data-read-back]').filter({ hasText: '12 participants' }).waitFor();
      const html = await page.evaluate<number>(
        `performance.getEntriesByType('navigation')[0].transferSize`,
      );
      console.info(
        `activity entry page over Slow 3G (400 kbit/s, 400 ms): usable after ${(usable / 1000).toFixed(2)} s ` +
          `on a first visit (HTML ${Math.round(html / 102.4) / 10} kB transferred; guard ${USABLE_WITHIN_MS / 1000} s)`,
      );
      expect(usable).toBeLessThanOrEqual(USABLE_WITHIN_MS);
    } finally {
      await context.close();
    }
  });
});
