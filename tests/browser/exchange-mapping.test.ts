import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  signedInPhone,
  waitForHydration,
} from '../src/browser';

/**
 * The DHIS2 / ADX mapping form of a grant, on a phone (390 px, touch) in Chromium: every
 * control a finger hits is 44 px high and nothing scrolls sideways; a refused save keeps every box
 * as typed and says why; a saved mapping comes back on reload and the DHIS2 download follows it,
 * naming what it still lacks.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
describe.runIf(browserSuiteCanRun)('the DHIS2 / ADX mapping form in Chromium', () => {
  const suite = chromiumSuite();

  it('at 390 px: typed, refused without losing a box, saved, read back by the export', async () => {
    const context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      const page = await context.newPage();
      const reports = `${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`;
      // No DHIS2 part stored yet: the reports page offers no dataValueSet to download.
      await page.goto(reports);
      await waitForHydration(page);
      expect(await page.locator('a[data-download="adx"]').count()).toBe(1);
      expect(await page.locator('a[data-download="dhis2"]').count()).toBe(0);
      await page.goto(`${suite.jalon.url}/parametres/subventions`);
      await page
        .getByRole('link', { name: /PROSMED-CCSC/ })
        .first()
        .click();
      await page.getByRole('link', { name: 'Échange DHIS2 / ADX' }).click();
      await page.waitForURL(/\/parametres\/subventions\/[0-9a-f-]+\/echange$/);
      await waitForHydration(page);
      expect(await page.locator('h1').innerText()).toBe(
        'Échange DHIS2 / ADX de «\u202fPROSMED-CCSC\u202f»',
      );
      // Nothing stored yet: Jalon's codes fill the boxes.
      expect(await page.getByLabel('Code du jeu de données').inputValue()).toBe('PROSMED-CCSC');

      const form = page.locator('form[data-exchange]');
      const sizes = (await page.evaluate(`(() => {
        const f = document.querySelector('form[data-exchange]');
        return {
          over: document.documentElement.scrollWidth - window.innerWidth,
          low: [...f.querySelectorAll('input:not([type=hidden]), select, button')]
            .map((e) => ({ name: e.getAttribute('name') ?? e.textContent, h: (e.type === 'radio' ? e.closest('label') : e).getBoundingClientRect().height }))
            .filter((x) => x.h < 44),
        };
      })()`)) as { over: number; low: { name: string; h: number }[] };
      expect(sizes.over).toBeLessThanOrEqual(0);
      expect(sizes.low).toEqual([]);

      // A code where a UID belongs: refused, every box as typed.
      await page.getByLabel('Org unit de l’organisation (ADX)').fill('WANEP-ML');
      await page.getByLabel('Org unit de l’organisation (DHIS2)').fill('ImspTQPwCqd');
      await page
        .getByLabel('Combinaison d’attributs de la subvention (facultatif)')
        .fill('Prosmed');
      const region = form.locator('fieldset[data-regions] input').first();
      await region.fill('OuMopti0001');
      await page.getByLabel('Code du jeu de données').fill('WANEP_QRPT');
      await page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
      await page.getByText('L’enregistrement a été refusé').waitFor();
      // The refusal names the box at fault, and only it, in French (never zod's English).
      const why = await page.locator('[data-error-summary]').innerText();
      expect(why).toContain('attributeOptionCombo');
      expect(why).toContain('Prosmed n’est pas un UID DHIS2');
      expect(why).not.toMatch(/Invalid|expected|not a DHIS2 UID/);
      expect(why).not.toContain('orgUnit');
      expect(await page.getByText('Ce que vous aviez saisi est conservé ci-dessous.').count()).toBe(
        1,
      );
      expect(await page.getByLabel('Org unit de l’organisation (DHIS2)').inputValue()).toBe(
        'ImspTQPwCqd',
      );
      expect(
        await page.getByLabel('Combinaison d’attributs de la subvention (facultatif)').inputValue(),
      ).toBe('Prosmed');
      expect(await region.inputValue()).toBe('OuMopti0001');
      expect(await page.getByLabel('Code du jeu de données').inputValue()).toBe('WANEP_QRPT');
      await page.screenshot({ path: `${artifacts}exchange-refused-phone-fr.png`, fullPage: true });

      // Corrected (codes rather than UIDs): saved, and there on reload.
      await page.getByLabel('CODE', { exact: true }).check();
      await page
        .getByLabel('Combinaison d’attributs de la subvention (facultatif)')
        .fill('AOC_PROSMED');
      await page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
      await page.getByText('Correspondance enregistrée.').waitFor();
      await page.reload();
      await waitForHydration(page);
      expect(await page.getByLabel('Code du jeu de données').inputValue()).toBe('WANEP_QRPT');
      expect(await page.getByLabel('CODE', { exact: true }).isChecked()).toBe(true);
      expect(await region.inputValue()).toBe('OuMopti0001');

      // The download follows the stored mapping: what it still lacks is named, in French.
      const res = await page.request.get(
        `${suite.jalon.url}/api/reports/dhis2?grant=PROSMED-CCSC&period=2023-Q2`,
      );
      const body = await res.text();
      if (res.status() === 200) {
        const json = JSON.parse(body) as { dataValues: { attributeOptionCombo?: string }[] };
        expect(json.dataValues.every((v) => v.attributeOptionCombo === 'AOC_PROSMED')).toBe(true);
      } else {
        expect(res.status()).toBe(400);
        expect(body).toMatch(/n’a pas d’org unit DHIS2|n’a pas de combinaison de catégories/);
      }
      await page.screenshot({ path: `${artifacts}exchange-saved-phone-fr.png`, fullPage: true });

      // Stored, the reports page offers the dataValueSet, through the same route.
      await page.goto(reports);
      await waitForHydration(page);
      expect(await page.locator('a[data-download="dhis2"]').getAttribute('href')).toBe(
        '/api/reports/dhis2?grant=PROSMED-CCSC&period=2023-Q2&lang=fr',
      );
    } finally {
      await context.close();
    }
  }, 120_000);

  it('two officers save the same mapping: the second is told, keeps what she typed, and chooses', async () => {
    const context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    const elsewhere = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      const first = await context.newPage();
      await first.goto(`${suite.jalon.url}/parametres/subventions`);
      await first
        .getByRole('link', { name: /PROSMED-CCSC/ })
        .first()
        .click();
      await first.getByRole('link', { name: 'Échange DHIS2 / ADX' }).click();
      await first.waitForURL(/\/parametres\/subventions\/[0-9a-f-]+\/echange$/);
      const url = first.url();
      const second = await context.newPage();
      await second.goto(url);
      await waitForHydration(first);
      await waitForHydration(second);
      const save = (page: typeof first) =>
        page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
      const dataSet = (page: typeof first) => page.getByLabel('Code du jeu de données');

      // Both read the same version; the first saves.
      await dataSet(first).fill('DS_PREMIERE');
      await save(first);
      await first.getByText('Correspondance enregistrée.').waitFor();
      // The second, from the version she read: refused, told so, her boxes as she typed them.
      await dataSet(second).fill('DS_SECONDE');
      await save(second);
      await second.locator('[data-conflict]').waitFor();
      expect(await second.locator('[data-conflict]').innerText()).toContain(
        'Quelqu’un a enregistré cette correspondance pendant que vous la modifiiez',
      );
      expect(await second.locator('[data-error-summary]').innerText()).toContain(
        'Quelqu’un a modifié cette correspondance d’échange ADX / DHIS2 entre-temps',
      );
      expect(await dataSet(second).inputValue()).toBe('DS_SECONDE');
      await second.screenshot({
        path: `${artifacts}exchange-conflict-phone-fr.png`,
        fullPage: true,
      });
      // Nothing of hers was written: the stored mapping is the first one's (read on another
      // device, where no draft of what she typed is kept).
      const check = await elsewhere.newPage();
      await check.goto(url);
      expect(await dataSet(check).inputValue()).toBe('DS_PREMIERE');
      // Told, she saves again: now on purpose, it replaces the first one's.
      await waitForHydration(second);
      await save(second);
      await second.getByText('Correspondance enregistrée.').waitFor();
      await check.reload();
      expect(await dataSet(check).inputValue()).toBe('DS_SECONDE');
      // The first, saving again from her stale page, is told in turn.
      await dataSet(first).fill('DS_TROISIEME');
      await save(first);
      await first.locator('[data-conflict]').waitFor();
      await check.reload();
      expect(await dataSet(check).inputValue()).toBe('DS_SECONDE');
    } finally {
      await elsewhere.close();
      await context.close();
    }
  }, 120_000);
});
