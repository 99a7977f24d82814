import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, frenchPage, launchChromium } from '../src/browser';
import { startJalon, type RunningJalon } from '../src/server';

/**
 * The Activités page in a real browser, on the real server with the bulletin's demo data:
 * what a programme officer sees, in French and in English.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one. Without it the
 * suite fails in CI (or with JALON_REQUIRE_BROWSER) and is skipped, loudly, elsewhere.
 */

describe.runIf(browserSuiteCanRun)('the Activités page in Chromium', () => {
  let jalon: RunningJalon;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    [jalon, browser] = await Promise.all([startJalon(), launchChromium()]);
    ({ page, errors: pageErrors } = await frenchPage(browser, jalon.url));
  });

  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
  });

  const row = (text: string) => page.getByRole('row').filter({ hasText: text });

  it('opens on the activities of the bulletin quarter, in French', async () => {
    // `/` opens the dashboard (tests/browser/dashboard.test.ts); the activities have their own path.
    await page.goto(`${jalon.url}/activites`);
    expect(new URL(page.url()).pathname).toBe('/activites');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Activités');
    expect(await page.getByLabel('Période').inputValue()).toBe('2023-Q2');
    expect(await page.getByRole('status').first().textContent()).toContain('20 activités');
    expect(await page.title()).toContain('2e trimestre 2023');
  });

  it('shows the participants as they were counted', async () => {
    const causerie = row('Causerie-débat sur les mutilations génitales');
    expect(await causerie.count()).toBe(1);
    const causerieText = await causerie.innerText();
    expect(causerieText).toContain('9 mai 2023');
    expect(causerieText).toContain('150 participants dont 97 femmes et 109 jeunes');
    expect(causerieText).toContain('Bamako');

    const genderTalk = await row('Gender Talk').innerText();
    expect(genderTalk).toContain('15 juin 2023');
    expect(genderTalk).toContain('environ 50 participants');
    expect(genderTalk).toContain('Webinaire');

    const ccsc = await row('Comités consultatifs de sécurité communaux').innerText();
    expect(ccsc).toContain('plus de 325 participants dont 78 femmes et 117 jeunes');
    expect(ccsc).toContain('13 sessions');
    expect(ccsc).toMatch(/Mopti/);

    // Not counted in the bulletin: said so, not printed as zero.
    const plf = row('Programme Leadership Féminin');
    expect(await plf.locator('td[data-label="Participants"]').innerText()).toContain('—');
    expect(await plf.locator('td[data-label="Participants"]').textContent()).toContain(
      'Non renseigné',
    );

    await page.screenshot({ path: `${artifacts}activities-fr.png`, fullPage: true });
  });

  it('filters by programme', async () => {
    await page.getByLabel('Programme').selectOption('JF');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/programme=JF/);
    await expect
      .poll(() => page.getByRole('table').locator('caption').textContent())
      .toContain('Just Future');
    const programmes = await page.locator('tbody td[data-label="Programme"]').allInnerTexts();
    expect(programmes.length).toBeGreaterThan(0);
    expect(new Set(programmes)).toEqual(new Set(['Just Future (Avenir juste)']));
    expect(await row('Lobbying').innerText()).toContain('17 participants dont 4 femmes');
  });

  it('switches to English, filters kept', async () => {
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/en\/activities\?/);
    expect(new URL(page.url()).searchParams.get('programme')).toBe('JF');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Activities');
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/places/i),
        expect.stringMatching(/participants/i),
      ]),
    );
    expect(await row('Lobbying').innerText()).toContain('17 participants, including 4 women');

    await page.getByLabel('Programme').selectOption('');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => !url.searchParams.get('programme'));
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('20 activities');

    const causerie = await row('Causerie-débat').innerText();
    expect(causerie).toContain('9 May 2023');
    expect(causerie).toContain('150 participants, including 97 women and 109 young people');
    expect(causerie).toContain('Awareness-raising');
    expect(await row('Gender Talk').innerText()).toContain('about 50 participants');
    expect(await row('Comités consultatifs').innerText()).toContain(
      'more than 325 participants, including 78 women and 117 young people',
    );
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Dashboard',
      'Activities',
      'Indicators',
      'Grants',
      'Early warning',
      'Institutional score',
      'Reports',
      'Audit trail',
    ]);

    await page.screenshot({ path: `${artifacts}activities-en.png`, fullPage: true });
  });

  it('says plainly when the API refuses a period', async () => {
    await page.goto(`${jalon.url}/activites?period=2023-Q9`);
    const alert = page.getByRole('alert');
    expect(await alert.innerText()).toContain('Les activités n’ont pas pu être chargées.');
    expect(await alert.innerText()).toContain('BAD_REQUEST');
  });

  it('reaches every module from the navigation, none of them a placeholder any more', async () => {
    await page.goto(`${jalon.url}/activites`);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Alerte précoce' })
      .click();
    await page.waitForURL(/\/alerte-precoce(\?|$)/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Alerte précoce');
    expect(await page.locator('main').innerText()).toContain('116');
    for (const path of [
      '/tableau-de-bord',
      '/indicateurs',
      '/subventions',
      '/score-institutionnel',
      '/rapports',
    ]) {
      await page.goto(`${jalon.url}${path}`);
      expect(await page.locator('main').innerText(), path).not.toContain(
        'arrive dans une prochaine version',
      );
    }
  });

  it('ran without errors in the browser', () => {
    // A refused period is explained inside the page (HTTP 200), so it logs nothing either.
    expect(pageErrors).toEqual([]);
  });
});
