import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, waitForHydration } from '../src/browser';

/**
 * The Activités page in a real browser, on the real server with the bulletin's demo data:
 * what a programme officer sees, in French and in English.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one. Without it the
 * suite fails in CI (or with JALON_REQUIRE_BROWSER) and is skipped, loudly, elsewhere.
 */

describe.runIf(browserSuiteCanRun)('the Activités page in Chromium', () => {
  const suite = chromiumSuite();

  const row = (text: string) => suite.page.getByRole('row').filter({ hasText: text });

  it('opens on the activities of the bulletin quarter, in French', async () => {
    // `/` opens the dashboard (tests/browser/dashboard.test.ts); the activities have their own path.
    await suite.page.goto(`${suite.jalon.url}/activites`);
    expect(new URL(suite.page.url()).pathname).toBe('/activites');
    await expect.poll(() => suite.page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Activités');
    expect(await suite.page.getByLabel('Période').inputValue()).toBe('2023-Q2');
    expect(await suite.page.getByRole('status').first().textContent()).toContain('20 activités');
    expect(await suite.page.title()).toContain('2e trimestre 2023');
  });

  it('shows the participants as they were counted', async () => {
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
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

    await suite.page.screenshot({ path: `${artifacts}activities-fr.png`, fullPage: true });
  });

  it('filters by programme', async () => {
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
    // The filter bar's selects are bound once the page hydrates: choose after it.
    await waitForHydration(suite.page);
    await suite.page.getByLabel('Programme').selectOption('JF');
    await suite.page.getByRole('button', { name: 'Afficher' }).click();
    await suite.page.waitForURL(/programme=JF/);
    await expect
      .poll(() => suite.page.getByRole('table').locator('caption').textContent())
      .toContain('Just Future');
    const programmes = await suite.page.locator('tbody td[data-label="Programme"]').allInnerTexts();
    expect(programmes.length).toBeGreaterThan(0);
    expect(new Set(programmes)).toEqual(new Set(['Just Future (Avenir juste)']));
    expect(await row('Lobbying').innerText()).toContain('17 participants dont 4 femmes');
  });

  it('switches to English, filters kept', async () => {
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q2&programme=JF`);
    await suite.page.getByRole('link', { name: 'English' }).click();
    await suite.page.waitForURL(/\/en\/activities\?/);
    expect(new URL(suite.page.url()).searchParams.get('programme')).toBe('JF');
    await expect.poll(() => suite.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Activities');
    expect(await suite.page.getByRole('columnheader').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/places/i),
        expect.stringMatching(/participants/i),
      ]),
    );
    expect(await row('Lobbying').innerText()).toContain('17 participants, including 4 women');

    await suite.page.getByLabel('Programme').selectOption('');
    await suite.page.getByRole('button', { name: 'Show' }).click();
    await suite.page.waitForURL((url) => !url.searchParams.get('programme'));
    await expect
      .poll(() => suite.page.getByRole('status').first().textContent())
      .toContain('20 activities');

    const causerie = await row('Causerie-débat').innerText();
    expect(causerie).toContain('9 May 2023');
    expect(causerie).toContain('150 participants, including 97 women and 109 young people');
    expect(causerie).toContain('Awareness-raising');
    expect(await row('Gender Talk').innerText()).toContain('about 50 participants');
    expect(await row('Comités consultatifs').innerText()).toContain(
      'more than 325 participants, including 78 women and 117 young people',
    );
    const nav = suite.page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Dashboard',
      'Activities',
      'Indicators',
      'Grants',
      'Early warning',
      'Institutional score',
      'Reports',
      'Audit trail',
      'Import',
      'Settings',
    ]);

    await suite.page.screenshot({ path: `${artifacts}activities-en.png`, fullPage: true });
  });

  it('says plainly when the API refuses a period', async () => {
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q9`);
    const alert = suite.page.getByRole('alert');
    expect(await alert.innerText()).toContain('Les activités n’ont pas pu être chargées.');
    expect(await alert.innerText()).toContain('BAD_REQUEST');
    // Explained inside the page (HTTP 200): the browser logs no error (checked after each test).
  });

  it('reaches every module from the navigation, none of them a placeholder any more', async () => {
    await suite.page.goto(`${suite.jalon.url}/activites`);
    await suite.page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Alerte précoce' })
      .click();
    await suite.page.waitForURL(/\/alerte-precoce(\?|$)/);
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Alerte précoce',
    );
    expect(await suite.page.locator('main').innerText()).toContain('116');
    for (const path of [
      '/tableau-de-bord',
      '/indicateurs',
      '/subventions',
      '/score-institutionnel',
      '/rapports',
    ]) {
      await suite.page.goto(`${suite.jalon.url}${path}`);
      expect(await suite.page.locator('main').innerText(), path).not.toContain(
        'arrive dans une prochaine version',
      );
    }
  });
});
