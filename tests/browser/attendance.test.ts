import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  openActivityFromList,
  signIn,
  waitForHydration,
} from '../src/browser';

/**
 * Named participants of an activity, in a real browser on the real server with the
 * bulletin's demo data: the M&E officer opens a demo activity, adds two named participants
 * (« Ajouter une ligne » adds the second line) and sees them listed after the save; without
 * JavaScript the same button asks the server for one more line, and a line with a name but no
 * code is refused by the server, what was typed kept.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

/** The activity the officer names participants of. */
const TITLE = 'Causerie-débat sur les mutilations génitales';
/** An activity no test of this file saves names for: read, and refused without JavaScript. */
const UNNAMED = 'Gender Talk';

describe.runIf(browserSuiteCanRun)('named participants in Chromium', () => {
  const suite = chromiumSuite();

  const section = (target: Page) => target.locator('[data-attendance]');

  const openActivity = (title: string) => openActivityFromList(suite.page, suite.jalon.url, title);

  it('opens a demo activity: no named participant yet', async () => {
    await openActivity(UNNAMED);
    expect(
      await section(suite.page)
        .getByRole('heading', { name: 'Participants nommés', exact: true })
        .count(),
    ).toBe(1);
    expect(await section(suite.page).locator('[data-attendance-empty]').innerText()).toContain(
      'Aucun participant nommé',
    );
  });

  it('adds two named participants and lists them after the save', async () => {
    await openActivity(TITLE);
    await waitForHydration(suite.page);
    await suite.page.getByLabel('Code ou pseudonyme, ligne 1').fill('CAUS-001');
    await suite.page.getByLabel('Nom, ligne 1').fill('Awa Traoré');
    await suite.page.getByLabel('Sexe, ligne 1').selectOption('female');
    await suite.page.getByLabel('Tranche d’âge, ligne 1').selectOption('youth');
    await suite.page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    // Added in the page: the focus is in the new line's code, nothing was sent.
    await expect
      .poll(() => suite.page.evaluate('document.activeElement && document.activeElement.id'))
      .toBe('attendance-code-1');
    await suite.page.getByLabel('Code ou pseudonyme, ligne 2').fill('CAUS-002');
    await suite.page.getByLabel('Sexe, ligne 2').selectOption('male');
    await suite.page.getByLabel('Tranche d’âge, ligne 2').selectOption('adult');
    await suite.page.getByRole('button', { name: 'Enregistrer les participants' }).click();
    await suite.page.waitForURL(/participants=1/);

    expect(await section(suite.page).getByRole('status').innerText()).toContain(
      'Liste des participants nommés enregistrée.',
    );
    const list = section(suite.page).locator('[data-attendance-list]');
    expect(await list.locator('caption').innerText()).toBe('Participants nommés (2)');
    const awa = await list.locator('tr[data-person="CAUS-001"]').innerText();
    expect(awa).toContain('Awa Traoré');
    expect(awa).toContain('Femme');
    expect(awa).toContain('Jeune (18–35 ans)');
    expect(awa).toContain('9 mai 2023');
    const second = await list.locator('tr[data-person="CAUS-002"]').innerText();
    expect(second).toContain('Homme');
    expect(second).toContain('Adulte');
    // The form shows the list again, with an empty line to add one more.
    expect(await suite.page.getByLabel('Code ou pseudonyme, ligne 2').inputValue()).toBe(
      'CAUS-002',
    );
    expect(await suite.page.getByLabel('Code ou pseudonyme, ligne 3').inputValue()).toBe('');
    await suite.page.screenshot({
      path: `${artifacts}attendance-named-participants.png`,
      fullPage: true,
    });
    expect(suite.pageErrors).toEqual([]);
  });

  it('works without JavaScript: one more line from the server, a line without code refused', async () => {
    const activityUrl = await openActivity(UNNAMED);
    const context = await suite.browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const plain = await context.newPage();
    try {
      await signIn(plain, suite.jalon.url);
      await plain.goto(activityUrl);
      await plain.getByLabel('Nom, ligne 1').fill('Sans code');
      await plain.getByRole('button', { name: 'Ajouter une ligne' }).click();
      await plain.waitForLoadState();
      expect(await plain.getByLabel('Nom, ligne 1').inputValue()).toBe('Sans code');
      expect(await plain.getByLabel('Code ou pseudonyme, ligne 2').count()).toBe(1);
      await plain.getByRole('button', { name: 'Enregistrer les participants' }).click();
      await plain.waitForLoadState();
      const summary = plain.locator('[data-error-summary]');
      // Narrow no-break spaces (French typography) read as plain ones here.
      expect((await summary.innerText()).replace(/\u202f/g, ' ')).toContain(
        'Ligne 1 : indiquez le code (ou pseudonyme) de la personne.',
      );
      expect(await summary.getByRole('link').first().getAttribute('href')).toBe(
        '#attendance-code-0',
      );
      expect(await plain.getByLabel('Nom, ligne 1').inputValue()).toBe('Sans code');
      await plain.screenshot({
        path: `${artifacts}attendance-no-js-refused.png`,
        fullPage: true,
      });
    } finally {
      await context.close();
    }
    // Nothing was saved: still nobody named.
    await suite.page.goto(activityUrl);
    expect(await section(suite.page).locator('[data-attendance-empty]').innerText()).toContain(
      'Aucun participant nommé',
    );
  });
});
