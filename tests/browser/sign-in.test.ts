import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  demoAccounts,
  frenchPage,
  launchChromium,
  waitForHydration,
} from '../src/browser';
import { startJalon, type RunningJalon } from '../src/server';

/**
 * Signing in and out through the real pages, and what each role is shown: the sign-in page
 * sends the user back where she was going, a wrong password says so without saying which part
 * was wrong, a donor sees only the modules and the grant she is given, and signing out ends
 * the session for good.
 */
describe.runIf(browserSuiteCanRun)('signing in and out in Chromium', () => {
  let jalon: RunningJalon;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    [jalon, browser] = await Promise.all([startJalon(), launchChromium()]);
    ({ page, errors: pageErrors } = await frenchPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
  });

  const fill = async (p: Page, email: string, password: string) => {
    await waitForHydration(p);
    await p.getByLabel('Adresse électronique').fill(email);
    await p.getByLabel('Mot de passe').fill(password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
  };

  it('sends a visitor to the sign-in page, refuses a wrong password, then returns her to her page', async () => {
    await page.goto(`${jalon.url}/activites?period=2023-Q2`);
    await page.waitForURL(/\/connexion\?suite=/);
    expect(new URL(page.url()).searchParams.get('suite')).toBe('/activites?period=2023-Q2');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Connexion');
    // Nothing of the organisation shows before signing in.
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).innerText()).toBe(
      '',
    );

    await fill(page, demoAccounts.meOfficer, 'pas-le-bon-mot-de-passe');
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Adresse ou mot de passe incorrect.');
    await page.waitForFunction("document.activeElement?.hasAttribute('data-error-summary')");
    // The address typed is kept, the password is not.
    expect(await page.getByLabel('Adresse électronique').inputValue()).toBe(demoAccounts.meOfficer);
    await page.screenshot({ path: `${artifacts}sign-in-refused-fr.png`, fullPage: true });

    await fill(page, demoAccounts.meOfficer, 'jalon-demo-2023');
    await page.waitForURL(/\/activites\?period=2023-Q2$/);
    expect(await page.locator('header').innerText()).toContain('chargé(e) de suivi-évaluation');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'jalon_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
  });

  it('signs out for good: the old session no longer opens a page', async () => {
    const before = (await page.context().cookies()).find((c) => c.name === 'jalon_session')!;
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    expect((await page.context().cookies()).some((c) => c.name === 'jalon_session')).toBe(false);
    // Replaying the old cookie: the server ended the session, not only the browser.
    await page.context().addCookies([before]);
    await page.goto(`${jalon.url}/tableau-de-bord`);
    await page.waitForURL(/\/connexion\?suite=%2Ftableau-de-bord/);
  });

  it('shows a donor only her modules and her grant, and refuses the rest', async () => {
    const donor = await frenchPage(browser);
    try {
      await donor.page.goto(`${jalon.url}/connexion`);
      await fill(donor.page, demoAccounts.donor, 'jalon-demo-2023');
      await donor.page.waitForURL(/\/tableau-de-bord/);
      const nav = await donor.page
        .getByRole('navigation', { name: 'Navigation principale' })
        .innerText();
      expect(nav).toContain('Subventions');
      expect(nav).toContain('Rapports');
      expect(nav).not.toContain('Alerte précoce');
      expect(nav).not.toContain('Score institutionnel');
      await donor.page.goto(`${jalon.url}/subventions`);
      const grants = await donor.page.locator('main').innerText();
      expect(grants).toContain('PROSMED-CCSC');
      expect(grants).not.toContain('JUST-FUTURE');
      // Typing the address of a module she is not given: the API refuses, the page says why.
      await donor.page.goto(`${jalon.url}/score-institutionnel`);
      expect(await donor.page.locator('main').innerText()).toMatch(/rôle ne permet pas/);
      await donor.page.screenshot({ path: `${artifacts}sign-in-donor-fr.png`, fullPage: true });
    } finally {
      await donor.page.close();
    }
  });

  it('offers management reading but no entry: no « Nouvelle activité », no incident form', async () => {
    const manager = await frenchPage(browser, jalon.url, demoAccounts.manager);
    try {
      await manager.page.goto(`${jalon.url}/activites?period=2023-Q2`);
      expect(await manager.page.locator('main').innerText()).toContain('Gender Talk');
      expect(await manager.page.getByRole('link', { name: 'Nouvelle activité' }).count()).toBe(0);
      await manager.page.goto(`${jalon.url}/alerte-precoce`);
      expect(await manager.page.locator('main').innerText()).toContain('116');
      expect(await manager.page.locator('form[action*="incident"]').count()).toBe(0);
      // The M&E officer gets both.
      const officer = await frenchPage(browser, jalon.url, demoAccounts.meOfficer);
      await officer.page.goto(`${jalon.url}/activites?period=2023-Q2`);
      expect(await officer.page.getByRole('link', { name: 'Nouvelle activité' }).count()).toBe(1);
      await officer.page.goto(`${jalon.url}/alerte-precoce`);
      expect(await officer.page.locator('form[action*="incident"]').count()).toBe(1);
      await officer.page.close();
    } finally {
      await manager.page.close();
    }
  });

  it('has an English sign-in page', async () => {
    await page.goto(`${jalon.url}/en/sign-in`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
    expect(await page.getByLabel('Password').count()).toBe(1);
  });

  it('ran without a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
