import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  frenchPage,
  waitForHydration,
} from '../src/browser';

/**
 * Passwords in Chromium, in French: the network admin gives the programme officer a new
 * temporary password (shown once; her open session is closed at once), she signs in with it and
 * is sent to « Mon mot de passe » (no other page opens until she has chosen her own) — a common
 * one refused in words — and the temporary one no longer opens a session.
 *
 * One story: its steps run in order, the later ones signing in with the temporary password the
 * first was shown; each opens its own page.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
describe.runIf(browserSuiteCanRun)('passwords in Chromium', () => {
  const suite = chromiumSuite({ signInAs: demoAccounts.admin });
  const page = () => suite.page;
  const officer = demoAccounts.programmeOfficer;
  let temporary = '';
  const chosen = 'les manguiers de Kayes en mai';

  const signInWith = async (p: Page, password: string) => {
    await p.goto(`${suite.jalon.url}/connexion`);
    await waitForHydration(p);
    await p.getByLabel('Adresse électronique').fill(officer);
    await p.getByLabel('Mot de passe').fill(password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
  };

  it('the admin resets the programme officer’s password: shown once, her session closed', async () => {
    const before = await frenchPage(suite.browser, suite.jalon.url, officer);
    try {
      await before.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      expect(before.page.url()).toContain('/activites');

      await page().goto(`${suite.jalon.url}/parametres/utilisateurs`);
      await page()
        .locator(`tr[data-user="${officer}"]`)
        .getByRole('button', { name: `Nouveau mot de passe ${officer}` })
        .click();
      const said = page().locator('[data-reset]');
      await said.waitFor();
      expect(await said.innerText()).toContain(`${officer} a un nouveau mot de passe`);
      temporary = (await said.locator('[data-password]').innerText()).trim();
      expect(temporary).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);

      // Her open session ended with the old password.
      await before.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      await before.page.waitForURL(/\/connexion/);
    } finally {
      await before.page.close();
    }
  });

  it('she signs in with it and chooses her own, a common one refused in words', async () => {
    const { page: her, errors } = await frenchPage(suite.browser);
    try {
      await signInWith(her, temporary);
      // A temporary password: the password page first, saying why, and no other page meanwhile.
      await her.waitForURL(/\/mot-de-passe\?obligatoire=1/);
      expect(await her.locator('[data-password-required]').innerText()).toContain(
        'Votre mot de passe est provisoire',
      );
      await her.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      await her.waitForURL(/\/mot-de-passe\?obligatoire=1/);
      await waitForHydration(her);
      await her.getByLabel('Mot de passe actuel').fill(temporary);
      await her.getByLabel('Nouveau mot de passe', { exact: true }).fill('motdepasse123');
      await her.getByLabel('Nouveau mot de passe, une seconde fois').fill('motdepasse123');
      await her.getByRole('button', { name: 'Changer le mot de passe' }).click();
      const summary = her.locator('[data-error-summary]');
      await summary.waitFor();
      expect(await summary.innerText()).toContain('parmi les premiers essayés');
      expect(errors.splice(0)).toEqual([expect.stringContaining('status of 400')]);

      await her.getByLabel('Mot de passe actuel').fill(temporary);
      await her.getByLabel('Nouveau mot de passe', { exact: true }).fill(chosen);
      await her.getByLabel('Nouveau mot de passe, une seconde fois').fill(chosen);
      await her.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await her.waitForURL(/change=0/);
      expect(await her.locator('[data-changed]').innerText()).toContain(
        'Votre mot de passe est changé',
      );
      expect(await her.locator('[data-password-required]').count()).toBe(0);
      // Her own password chosen, the other pages open again.
      await her.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      await her.waitForURL(/\/activites/);
      expect(errors).toEqual([]);
    } finally {
      await her.close();
    }
  });

  it('the temporary password no longer opens a session; hers does', async () => {
    const { page: her } = await frenchPage(suite.browser);
    try {
      await signInWith(her, temporary);
      await her.locator('[data-error-summary]').waitFor();
      expect(her.url()).toContain('/connexion');
      await signInWith(her, chosen);
      await her.waitForURL((url) => !url.pathname.startsWith('/connexion'));
    } finally {
      await her.close();
    }
  });
});
