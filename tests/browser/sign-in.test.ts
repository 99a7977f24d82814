import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  frenchPage,
  signIn,
  waitForHydration,
} from '../src/browser';

/**
 * Signing in and out through the real pages, and what each role is shown: the sign-in page
 * sends the user back where she was going, a wrong password says so without saying which part
 * was wrong, a donor sees only the modules and the grant she is given, and signing out ends
 * the session for good.
 */
describe.runIf(browserSuiteCanRun)('signing in and out in Chromium', () => {
  const suite = chromiumSuite({ signInAs: null });

  const fill = async (p: Page, email: string, password: string) => {
    await waitForHydration(p);
    await p.getByLabel('Adresse électronique').fill(email);
    await p.getByLabel('Mot de passe').fill(password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
  };

  it('sends a visitor to the sign-in page, refuses a wrong password, then returns her to her page', async () => {
    await suite.page.context().clearCookies();
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
    await suite.page.waitForURL(/\/connexion\?suite=/);
    expect(new URL(suite.page.url()).searchParams.get('suite')).toBe('/activites?period=2023-Q2');
    expect(await suite.page.getByRole('heading', { level: 1 }).innerText()).toBe('Connexion');
    // Nothing of the organisation shows before signing in.
    expect(
      await suite.page.getByRole('navigation', { name: 'Navigation principale' }).innerText(),
    ).toBe('');

    await fill(suite.page, demoAccounts.meOfficer, 'pas-le-bon-mot-de-passe');
    const summary = suite.page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Adresse ou mot de passe incorrect.');
    await suite.page.waitForFunction("document.activeElement?.hasAttribute('data-error-summary')");
    // The address typed is kept, the password is not.
    expect(await suite.page.getByLabel('Adresse électronique').inputValue()).toBe(
      demoAccounts.meOfficer,
    );
    await suite.page.screenshot({ path: `${artifacts}sign-in-refused-fr.png`, fullPage: true });

    await fill(suite.page, demoAccounts.meOfficer, 'jalon-demo-2023');
    await suite.page.waitForURL(/\/activites\?period=2023-Q2$/);
    expect(await suite.page.locator('header').innerText()).toContain(
      'chargé(e) de suivi-évaluation',
    );
    const cookies = await suite.page.context().cookies();
    const session = cookies.find((c) => c.name === 'jalon_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
  });

  it('signs out for good: the old session no longer opens a page', async () => {
    await signIn(suite.page, suite.jalon.url);
    await suite.page.goto(`${suite.jalon.url}/tableau-de-bord`);
    const before = (await suite.page.context().cookies()).find((c) => c.name === 'jalon_session')!;
    await suite.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await suite.page.waitForURL(/\/connexion/);
    expect((await suite.page.context().cookies()).some((c) => c.name === 'jalon_session')).toBe(
      false,
    );
    // Replaying the old cookie: the server ended the session, not only the browser.
    await suite.page.context().addCookies([before]);
    await suite.page.goto(`${suite.jalon.url}/tableau-de-bord`);
    await suite.page.waitForURL(/\/connexion\?suite=%2Ftableau-de-bord/);
  });

  it('shows a donor only her modules and her grant, and refuses the rest', async () => {
    const donor = await frenchPage(suite.browser);
    try {
      await donor.page.goto(`${suite.jalon.url}/connexion`);
      await fill(donor.page, demoAccounts.donor, 'jalon-demo-2023');
      await donor.page.waitForURL(/\/tableau-de-bord/);
      const nav = await donor.page
        .getByRole('navigation', { name: 'Navigation principale' })
        .innerText();
      expect(nav).toContain('Subventions');
      expect(nav).toContain('Rapports');
      expect(nav).not.toContain('Alerte précoce');
      expect(nav).not.toContain('Score institutionnel');
      await donor.page.goto(`${suite.jalon.url}/subventions`);
      const grants = await donor.page.locator('main').innerText();
      expect(grants).toContain('PROSMED-CCSC');
      expect(grants).not.toContain('JUST-FUTURE');
      // Typing the address of a module she is not given: the API refuses, the page says why.
      await donor.page.goto(`${suite.jalon.url}/score-institutionnel`);
      expect(await donor.page.locator('main').innerText()).toMatch(/rôle ne permet pas/);
      await donor.page.screenshot({ path: `${artifacts}sign-in-donor-fr.png`, fullPage: true });
    } finally {
      await donor.page.close();
    }
  });

  it('offers management reading but no entry: no « Nouvelle activité », no incident form', async () => {
    const manager = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.manager);
    try {
      await manager.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      expect(await manager.page.locator('main').innerText()).toContain('Gender Talk');
      expect(await manager.page.getByRole('link', { name: 'Nouvelle activité' }).count()).toBe(0);
      await manager.page.goto(`${suite.jalon.url}/alerte-precoce`);
      expect(await manager.page.locator('main').innerText()).toContain('116');
      expect(await manager.page.locator('form[action*="incident"]').count()).toBe(0);
      // The M&E officer gets both.
      const officer = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
      await officer.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      expect(await officer.page.getByRole('link', { name: 'Nouvelle activité' }).count()).toBe(1);
      await officer.page.goto(`${suite.jalon.url}/alerte-precoce`);
      expect(await officer.page.locator('form[action*="incident"]').count()).toBe(1);
      await officer.page.close();
    } finally {
      await manager.page.close();
    }
  });

  it('has an English sign-in page', async () => {
    await suite.page.context().clearCookies();
    await suite.page.goto(`${suite.jalon.url}/en/sign-in`);
    expect(await suite.page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
    expect(await suite.page.getByLabel('Password').count()).toBe(1);
  });
});
