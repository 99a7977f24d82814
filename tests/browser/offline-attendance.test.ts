import { describe, expect, it } from 'vitest';
import {
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  recordActivity,
  signIn,
  signedInPhone,
  waitForHydration,
} from '../src/browser';
import { pagesKept, watchOffline } from '../src/offline';

/**
 * Named participants on a phone whose connection drops. The participants register (names,
 * sex, age of real people) is not kept on the device: a phone can be lost. What the officer
 * types is kept as a draft until the server takes it, so a list sent without a connection is
 * put back on the next visit; the server finds each code among the organisation's persons, so
 * a code typed from memory or from the paper list is the same person, never a second one.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
describe.runIf(browserSuiteCanRun)('named participants offline in Chromium', () => {
  const suite = chromiumSuite({ signInAs: null });

  it('keeps a list sent without a connection, puts it back, saves it once; the register is not kept', async () => {
    const context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      const page = await context.newPage();
      const errors = watchOffline(page);
      const url = suite.jalon.url;
      // Two activities recorded online; Awa is named on the first one.
      const first = await recordActivity(page, url, 'Terrain : causerie de Sévaré');
      const second = await recordActivity(page, url, 'Terrain : causerie de Fatoma');
      await page.goto(`${url}${first}`);
      await waitForHydration(page);
      await page.getByLabel('Code ou pseudonyme, ligne 1').fill('FLD-AWA');
      await page.getByLabel('Nom, ligne 1').fill('Awa Traoré');
      await page.getByLabel('Sexe, ligne 1').selectOption('female');
      await page.getByRole('button', { name: 'Enregistrer les participants' }).click();
      await page.waitForURL(/participants=1/);

      // On the second activity the connection drops while the list is typed and sent.
      await page.goto(`${url}${second}`);
      await waitForHydration(page);
      await context.setOffline(true);
      await page.getByLabel('Code ou pseudonyme, ligne 1').fill('FLD-AWA');
      await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
      await page.getByLabel('Code ou pseudonyme, ligne 2').fill('FLD-NEW');
      await page.getByLabel('Tranche d’âge, ligne 2').selectOption('youth');
      await page
        .getByRole('button', { name: 'Enregistrer les participants' })
        .click({ noWaitAfter: true });
      await page.waitForURL((u) => !u.href.startsWith(url), { timeout: 10_000 }).catch(() => {});

      // The register is not on the device: neither the persons page nor an activity's named
      // participants are among the pages the service worker keeps.
      await context.setOffline(false);
      await page.goto(`${url}${second}`);
      await waitForHydration(page);
      const kept = await pagesKept(page);
      expect(kept.filter((k) => /\/participants|\/activites\/[0-9a-f-]{36}$/.test(k))).toEqual([]);

      // Back online, the page puts the lines back, said so; nothing was saved yet.
      await page.locator('[data-attendance-draft]').waitFor();
      expect(await page.locator('[data-attendance-empty]').count()).toBe(1);
      expect(await page.getByLabel('Code ou pseudonyme, ligne 1').inputValue()).toBe('FLD-AWA');
      expect(await page.getByLabel('Code ou pseudonyme, ligne 2').inputValue()).toBe('FLD-NEW');
      expect(await page.getByLabel('Tranche d’âge, ligne 2').inputValue()).toBe('youth');
      // A reload keeps it too.
      await page.reload();
      await waitForHydration(page);
      await page.locator('[data-attendance-draft]').waitFor();
      expect(await page.getByLabel('Code ou pseudonyme, ligne 2').inputValue()).toBe('FLD-NEW');

      await page.getByRole('button', { name: 'Enregistrer les participants' }).click();
      await page.waitForURL(/participants=1/);
      const list = page.locator('[data-attendance-list]');
      expect(await list.locator('caption').innerText()).toBe('Participants nommés (2)');
      // The code the organisation holds is Awa, as recorded on the first activity.
      expect(await list.locator('tr[data-person="FLD-AWA"]').innerText()).toContain('Awa Traoré');

      // Saved: the draft is gone; a visit shows the server's list and no draft.
      await page.goto(`${url}${second}`);
      await waitForHydration(page);
      expect(await page.locator('[data-attendance-draft]').count()).toBe(0);
      expect(await page.getByLabel('Code ou pseudonyme, ligne 3').inputValue()).toBe('');

      // One person per code in the register: Awa seen twice, the new code once.
      await page.goto(`${url}/participants?q=FLD-`);
      expect(await page.locator('tr[data-person="FLD-AWA"]').count()).toBe(1);
      expect(await page.locator('tr[data-person="FLD-NEW"]').count()).toBe(1);
      expect(await page.locator('tr[data-person="FLD-AWA"] td.num').innerText()).toBe('2');
      expect(await page.locator('tr[data-person="FLD-NEW"] td.num').innerText()).toBe('1');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('does not write over a list someone saved meanwhile: the draft keeps the version it was typed at', async () => {
    const context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      const page = await context.newPage();
      const url = suite.jalon.url;
      const path = await recordActivity(page, url, 'Terrain : causerie de Konna');
      await page.goto(`${url}${path}`);
      await waitForHydration(page);
      await context.setOffline(true);
      await page.getByLabel('Code ou pseudonyme, ligne 1').fill('FLD-MINE');
      await page
        .getByRole('button', { name: 'Enregistrer les participants' })
        .click({ noWaitAfter: true });
      await page.waitForURL((u) => !u.href.startsWith(url), { timeout: 10_000 }).catch(() => {});
      await context.setOffline(false);

      // Meanwhile a colleague saves the list from another device.
      const other = await signedInPhone(suite.browser, url, demoAccounts.admin);
      try {
        const theirs = await other.newPage();
        await theirs.goto(`${url}${path}`);
        await waitForHydration(theirs);
        await theirs.getByLabel('Code ou pseudonyme, ligne 1').fill('FLD-THEIRS');
        await theirs.getByRole('button', { name: 'Enregistrer les participants' }).click();
        await theirs.waitForURL(/participants=1/);
      } finally {
        await other.close();
      }

      await page.goto(`${url}${path}`);
      await waitForHydration(page);
      await page.locator('[data-attendance-draft]').waitFor();
      expect(await page.getByLabel('Code ou pseudonyme, ligne 1').inputValue()).toBe('FLD-MINE');
      await page.getByRole('button', { name: 'Enregistrer les participants' }).click();
      // Refused in French, what was typed still in the form; the colleague's list stands.
      const summary = page.locator('[data-error-summary]');
      await summary.waitFor();
      expect(await summary.innerText()).not.toMatch(/Failed to fetch|Error \d/);
      expect(await page.getByLabel('Code ou pseudonyme, ligne 1').inputValue()).toBe('FLD-MINE');
      const list = page.locator('[data-attendance-list]');
      expect(await list.locator('tr[data-person="FLD-THEIRS"]').count()).toBe(1);
      expect(await list.locator('tr[data-person="FLD-MINE"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('signing out leaves no typed list of named people on the device', async () => {
    const context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      const page = await context.newPage();
      const url = suite.jalon.url;
      const path = await recordActivity(page, url, 'Terrain : causerie de Djenné');
      await page.goto(`${url}${path}`);
      await waitForHydration(page);
      await page.getByLabel('Code ou pseudonyme, ligne 1').fill('FLD-GONE');
      await page.getByLabel('Nom, ligne 1').fill('Fatoumata Diallo');
      const personal = `Object.keys(localStorage).filter((k) => k.startsWith('jalon:draft:attendance:'))`;
      expect(await page.evaluate<string[]>(personal)).toHaveLength(1);

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(/\/connexion/);
      expect(await page.evaluate<string[]>(personal)).toEqual([]);

      await signIn(page, url, demoAccounts.meOfficer);
      await page.goto(`${url}${path}`);
      await waitForHydration(page);
      expect(await page.locator('[data-attendance-draft]').count()).toBe(0);
      expect(await page.getByLabel('Code ou pseudonyme, ligne 1').inputValue()).toBe('');
    } finally {
      await context.close();
    }
  });
});
