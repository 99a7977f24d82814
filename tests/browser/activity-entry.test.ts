import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  frenchPage,
  signIn,
  waitForHydration,
} from '../src/browser';

/**
 * Entering activities from the web, in a real browser on the real server with the bulletin's
 * demo data:
 * - journey 2: an officer records a CCS-C training of Q2 2023 with a total of 40, of whom 18
 *   women and 25 young people; the activity shows the young women as the interval they must lie
 *   in (« entre 3 et 18 », never a guess), and the dashboard's and the indicators' values move;
 * - journey 3: 30 women out of 20 participants is refused in plain French, before the save with
 *   JavaScript and by the server without it, and nothing is saved.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

describe.runIf(browserSuiteCanRun)('activity entry in Chromium', () => {
  const suite = chromiumSuite();

  const figure = (name: string) => suite.page.locator(`[data-figure="${name}"]`);
  const programmeCell = (code: string, column: string) =>
    suite.page.locator(`tr[data-programme="${code}"] td[data-label="${column}"]`);
  const indicatorValue = (code: string) =>
    suite.page.locator(`tr[data-indicator="${code}"]`).first().locator('[data-cell="value"]');
  // (Page scripts are strings: this package does not type the DOM.)
  const number = (text: string) => Number(text.replace(/\D/g, ''));

  /** The API's own count of Q2 2023 activities, through the browser's session. */
  async function apiActivityCount(): Promise<number> {
    const input = encodeURIComponent(JSON.stringify({ period: '2023-Q2', limit: 1 }));
    const response = await suite.page.request.get(
      `${suite.jalon.url}/trpc/activity.list?input=${input}`,
    );
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { result: { data: { total: number } } };
    return body.result.data.total;
  }

  async function listCount(): Promise<number> {
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
    return number(await suite.page.getByRole('status').first().innerText());
  }

  async function fillBasics(target: Page, title: string) {
    await target.getByLabel('Intitulé de l’activité').fill(title);
    await target.getByLabel('Type d’activité').selectOption('training');
    await target.getByLabel('Programme', { exact: true }).selectOption({
      label: 'Renforcement de capacité institutionnelle et relation État-citoyens (CCS-C)',
    });
    await target.getByLabel('Date de début').fill('2023-05-10');
  }

  const box = (target: Page, label: string) => target.getByLabel(label, { exact: true });

  describe('journey 2: a total with women and young people', () => {
    // One journey, one test: each step reads what the step before it saved (the figures before
    // the save, the activity recorded, then edited), so they are steps of one test, in order.
    it('records a training of 40, 18 women, 25 young people: read back, entre 3 et 18, counted, editable', async () => {
      const before = { activities: 0, participants: '', sessions: 0, members: '' };
      // Step: reads the dashboard and the indicators first.
      await suite.page.goto(`${suite.jalon.url}/tableau-de-bord?period=2023-Q2`);
      before.activities = number(await figure('activities').innerText());
      before.participants = await programmeCell('CCS-C', 'Participants').innerText();
      expect(before.activities).toBe(20);
      // The Forum de Bamako panel counted nobody: the programme's total is open above.
      expect(before.participants).toBe('au moins 325 (1 activité sans décompte)');

      await suite.page.goto(`${suite.jalon.url}/indicateurs?period=2023-Q2`);
      before.sessions = number(await indicatorValue('CCSC-SESSIONS').innerText());
      before.members = await indicatorValue('CCSC-MEMBRES').innerText();
      expect(before.sessions).toBeGreaterThan(0);
      expect(before.members).toBe('plus de 325');

      // Step: records the activity, the grid reading back what was entered.
      await suite.page.goto(`${suite.jalon.url}/activites/nouvelle`);
      await waitForHydration(suite.page);
      await fillBasics(suite.page, 'Formation des membres du CCS-C de Bamako');
      await suite.page.getByLabel(/PROSMED-CCSC/).check();
      await suite.page.getByRole('checkbox', { name: 'Bamako' }).check();

      await box(suite.page, 'Participants au total').fill('40');
      await box(suite.page, 'Femmes').fill('18');
      await box(suite.page, 'Jeunes (18–35 ans)').fill('25');
      // Live, before any save: the read-back and the honest interval of the young women.
      const readBack = suite.page.locator('[data-read-back]');
      await expect
        .poll(() => readBack.innerText())
        .toContain('Vous déclarez\u202f: 40 participants dont 18 femmes et 25 jeunes');
      expect(await readBack.innerText()).toContain('forcément entre 3 et 18');
      expect(await box(suite.page, 'Femmes — Jeunes (18–35 ans)').getAttribute('placeholder')).toBe(
        'entre 3 et 18',
      );
      expect(await box(suite.page, 'Hommes').getAttribute('placeholder')).toBe('22');
      expect(await suite.page.locator('[data-error-summary]').count()).toBe(0);

      await suite.page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
      await suite.page.waitForURL(/\/activites\/[0-9a-f-]{36}\?saved=1$/);
      expect(
        await suite.page.getByRole('status').filter({ hasText: 'Activité enregistrée' }).count(),
      ).toBe(1);
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Formation des membres du CCS-C de Bamako',
      );

      // Step: shows the young women as the interval they must lie in, « entre 3 et 18 ».
      expect(await suite.page.locator('[data-participants]').innerText()).toBe(
        '40 participants dont 18 femmes et 25 jeunes',
      );
      const matrix = suite.page.locator('[data-breakdown-matrix]');
      const cell = (key: string) => matrix.locator(`td[data-cell="${key}"]`);
      expect(await cell('').innerText()).toBe('40');
      expect(await cell('sex=female').innerText()).toBe('18');
      expect(await cell('age=youth').innerText()).toBe('25');
      expect(await cell('age=youth;sex=female').innerText()).toContain('entre 3 et 18');
      expect(await cell('age=youth;sex=male').innerText()).toContain('entre 7 et 22');
      expect(await cell('sex=male').innerText()).toContain('22');
      expect(await suite.page.locator('dd[data-status]').innerText()).toBe('Brouillon');
      await suite.page.screenshot({
        path: `${artifacts}activity-entry-journey2.png`,
        fullPage: true,
      });

      // Step: moves the dashboard and the indicators.
      await suite.page.goto(`${suite.jalon.url}/tableau-de-bord?period=2023-Q2`);
      expect(number(await figure('activities').innerText())).toBe(before.activities + 1);
      expect(await programmeCell('CCS-C', 'Participants').innerText()).toBe(
        'au moins 365 (1 activité sans décompte)',
      );

      await suite.page.goto(`${suite.jalon.url}/indicateurs?period=2023-Q2`);
      expect(number(await indicatorValue('CCSC-SESSIONS').innerText())).toBe(before.sessions + 1);
      expect(await indicatorValue('CCSC-MEMBRES').innerText()).toBe('plus de 365');

      // Step: is in the list, linked to its page, and can be edited from there.
      expect(await listCount()).toBe(21);
      await suite.page
        .getByRole('row')
        .filter({ hasText: 'Formation des membres du CCS-C de Bamako' })
        .getByRole('link', { name: 'Voir la fiche' })
        .click();
      await suite.page.waitForURL(/\/activites\/[0-9a-f-]{36}$/);
      await suite.page.getByRole('link', { name: 'Modifier l’activité' }).click();
      await suite.page.waitForURL(/\/activites\/[0-9a-f-]{36}\/modifier$/);
      // Everything comes back as recorded.
      expect(await box(suite.page, 'Participants au total').inputValue()).toBe('40');
      expect(await box(suite.page, 'Femmes').inputValue()).toBe('18');
      expect(await suite.page.getByRole('checkbox', { name: 'Bamako' }).isChecked()).toBe(true);
      expect(await suite.page.getByLabel(/PROSMED-CCSC/).isChecked()).toBe(true);

      // The full cross-tab this time: the young women are now known.
      await box(suite.page, 'Femmes — Jeunes (18–35 ans)').fill('10');
      await suite.page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await suite.page.waitForURL(/\?saved=1$/);
      expect(await matrix.locator('td[data-cell="age=youth;sex=female"]').innerText()).toBe('10');
      expect(await matrix.locator('td[data-cell="age=youth;sex=male"]').innerText()).toContain(
        '15',
      );
      expect(await listCount()).toBe(21);
    });

    it('opens the form from the list', async () => {
      await suite.page.goto(`${suite.jalon.url}/activites`);
      await suite.page.getByRole('link', { name: 'Nouvelle activité' }).click();
      await suite.page.waitForURL(/\/activites\/nouvelle$/);
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Nouvelle activité',
      );
    });

    it('has the same pages in English', async () => {
      await suite.page.goto(`${suite.jalon.url}/en/activities/new`);
      await waitForHydration(suite.page);
      await expect.poll(() => suite.page.locator('html').getAttribute('lang')).toBe('en');
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'New activity',
      );
      await box(suite.page, 'Participants in total').fill('about 50');
      await expect
        .poll(() => suite.page.locator('[data-read-back]').innerText())
        .toContain('about 50 participants');
    });
  });

  describe('journey 3: more women than participants', () => {
    const title = 'Causerie sur la cohésion sociale à Mopti';

    /** The activities of Q2 2023 as the list and the API count them. */
    const counts = async () => ({ list: await listCount(), api: await apiActivityCount() });

    /** A new activity with 30 women out of 20 participants, typed in the page. */
    async function typeTooManyWomen() {
      await suite.page.goto(`${suite.jalon.url}/activites/nouvelle`);
      await waitForHydration(suite.page);
      await fillBasics(suite.page, title);
      await box(suite.page, 'Participants au total').fill('20');
      await box(suite.page, 'Femmes').fill('30');
    }

    it('says what is wrong in plain French as it is typed, before any save', async () => {
      await typeTooManyWomen();
      const message =
        '30 femmes pour 20 participants au total : une partie ne peut pas dépasser le total.';
      await expect.poll(() => suite.page.locator('#participants').innerText()).toContain(message);
      expect(await box(suite.page, 'Femmes').getAttribute('aria-invalid')).toBe('true');
      expect(await box(suite.page, 'Participants au total').getAttribute('aria-invalid')).toBe(
        'true',
      );
    });

    it('refuses the save: a summary linked to the field takes the focus, nothing is lost', async () => {
      const before = await counts();
      await typeTooManyWomen();
      await suite.page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
      const summary = suite.page.locator('[data-error-summary]');
      await expect.poll(() => summary.count()).toBe(1);
      expect(await summary.innerText()).toContain(
        'L’activité n’a pas été enregistrée\u202f: un problème à corriger',
      );
      await expect
        .poll(() =>
          suite.page.evaluate<boolean>(
            "document.activeElement?.hasAttribute('data-error-summary') ?? false",
          ),
        )
        .toBe(true);
      expect(new URL(suite.page.url()).pathname).toBe('/activites/nouvelle');
      expect(await box(suite.page, 'Femmes').inputValue()).toBe('30');
      expect(await suite.page.getByLabel('Intitulé de l’activité').inputValue()).toBe(title);

      // The summary's line leads to the box to correct, from the keyboard.
      await suite.page.keyboard.press('Tab');
      await suite.page.keyboard.press('Enter');
      await expect
        .poll(() =>
          suite.page.evaluate<string | null>(
            "document.activeElement?.getAttribute('name') ?? null",
          ),
        )
        .toBe('n_female');
      await suite.page.screenshot({
        path: `${artifacts}activity-entry-journey3.png`,
        fullPage: true,
      });
      expect(await counts()).toEqual(before);
    });

    it('refuses it the same way without JavaScript, through the server', async () => {
      const before = await counts();
      const context = await suite.browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
      const plain = await context.newPage();
      try {
        await signIn(plain, suite.jalon.url);
        await plain.goto(`${suite.jalon.url}/activites/nouvelle`);
        await fillBasics(plain, title);
        await box(plain, 'Participants au total').fill('20');
        await box(plain, 'Femmes').fill('30');
        await plain.getByRole('button', { name: 'Enregistrer l’activité' }).click();
        await plain.waitForLoadState();
        const summary = plain.locator('[data-error-summary]');
        expect(await summary.innerText()).toContain(
          '30 femmes pour 20 participants au total : une partie ne peut pas dépasser le total.',
        );
        expect(await summary.getByRole('link').first().getAttribute('href')).toBe(
          '#field-n_female',
        );
        expect(await box(plain, 'Femmes').inputValue()).toBe('30');
        expect(await plain.getByLabel('Intitulé de l’activité').inputValue()).toBe(title);
        await plain.screenshot({
          path: `${artifacts}activity-entry-journey3-no-js.png`,
          fullPage: true,
        });
      } finally {
        await context.close();
      }
      expect(await counts()).toEqual(before);
    });

    it('saved nothing: no such activity, and the list and the API agree', async () => {
      const { list, api } = await counts();
      expect(list).toBe(api);
      expect(await suite.page.getByRole('row').filter({ hasText: title }).count()).toBe(0);
    });
  });

  describe('journey 4: a grant whose indicators will not count it', () => {
    it('warns before saving a conference for PROSMED-CCSC, names the indicators that leave it out and why, saves once confirmed', async () => {
      // A page of its own: journey 3's draft (more women than participants) stays in the suite's.
      const { page, errors } = await frenchPage(suite.browser, suite.jalon.url);
      await page.goto(`${suite.jalon.url}/activites/nouvelle`);
      await waitForHydration(page);
      await fillBasics(page, 'Conférence de presse sur les CCS-C');
      await page.getByLabel('Type d’activité').selectOption('conference');
      await page.getByLabel(/PROSMED-CCSC/).check();
      await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
      const warning = page.locator('[data-warning="grant-not-counted"]');
      await expect.poll(() => warning.count(), { timeout: 15_000 }).toBe(1);
      expect(await warning.innerText()).toContain(
        'Les indicateurs de la subvention PROSMED-CCSC ne compteront pas cette activité\u202f: ' +
          'CCSC-FEMMES, CCSC-MEMBRES et CCSC-SESSIONS ne comptent que le type formation.',
      );
      // Nothing saved yet: still the entry page, what was typed kept.
      expect(new URL(page.url()).pathname).toBe('/activites/nouvelle');
      expect(await page.getByLabel('Intitulé de l’activité').inputValue()).toBe(
        'Conférence de presse sur les CCS-C',
      );
      await page.screenshot({
        path: `${artifacts}activity-entry-grant-not-counted.png`,
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Enregistrer quand même' }).click();
      await page.waitForURL(/\/activites\/[0-9a-f-]{36}\?saved=1$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Conférence de presse sur les CCS-C',
      );
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
