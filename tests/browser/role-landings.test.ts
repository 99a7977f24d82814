import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  frenchPage,
  waitForHydration,
} from '../src/browser';

/**
 * Every role lands on a page it can read: the programme officer and UNDP's donor viewer open
 * Jalon on a dashboard of their own figures (not « Code : FORBIDDEN »), the programme officer's
 * early-warning page shows her register, and the donor is offered only the downloads the API
 * gives her, with the preview stating the period its status is judged on.
 */
describe.runIf(browserSuiteCanRun)('each role’s landing in Chromium', () => {
  const suite = chromiumSuite({ signInAs: demoAccounts.programmeOfficer });

  it('lands the programme officer on her programme’s figures, and her incident register', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/`);
    expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
    const main = page.locator('main');
    expect(await main.innerText()).not.toMatch(/FORBIDDEN|n’ont pas pu être chargées/);
    expect(await page.locator('[data-scope-note]').innerText()).toContain('Vos chiffres');
    expect(await page.locator('[data-figure="activities"]').innerText()).toMatch(
      /^\d+ activités?$/,
    );
    // The organisation's early warning is not hers to read: it is not shown, nor is it refused.
    expect(await page.locator('[data-figure="incidents"]').count()).toBe(0);
    await page.screenshot({ path: `${artifacts}landing-programme-officer.png`, fullPage: true });

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', {
        name: 'Alerte précoce',
      })
      .click();
    await page.waitForURL(/\/alerte-precoce/);
    expect(await main.innerText()).not.toMatch(/FORBIDDEN/);
    expect(await page.locator('[data-scope-note]').innerText()).toContain('registre');
  });

  it('lands the donor on her grant’s figures, with only the downloads she may have', async () => {
    const donor = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.donor);
    try {
      await donor.page.goto(`${suite.jalon.url}/`);
      expect(new URL(donor.page.url()).pathname).toBe('/tableau-de-bord');
      expect(await donor.page.locator('main').innerText()).not.toMatch(/FORBIDDEN/);
      expect(await donor.page.locator('[data-figure="activities"]').innerText()).toMatch(
        /^\d+ activités?$/,
      );

      await donor.page.goto(`${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`);
      await waitForHydration(donor.page);
      // Her grant's workbook and IATI file, not the organisation's bulletin (the API refuses it).
      expect(await donor.page.locator('a[data-download="xlsx"]').count()).toBe(1);
      expect(await donor.page.locator('a[data-download="bulletin-md"]').count()).toBe(0);
      expect(await donor.page.locator('a[data-download="bulletin-html"]').count()).toBe(0);
      const href = await donor.page.locator('a[data-download="xlsx"]').getAttribute('href');
      const res = await donor.page.context().request.get(new URL(href!, donor.page.url()).href);
      expect(res.status()).toBe(200);
      // The preview says which period its statuses judge: UNDP's fiscal year, as the workbook.
      expect(
        await donor.page.locator('[data-status-period]').getAttribute('data-status-period'),
      ).toBe('2023');
      expect(await donor.page.locator('[data-status-period]').innerText()).toContain('2023');
      await donor.page.screenshot({ path: `${artifacts}landing-donor.png`, fullPage: true });
      expect(donor.errors).toEqual([]);
    } finally {
      await donor.page.close();
    }
  });
});
