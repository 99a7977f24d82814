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
});
