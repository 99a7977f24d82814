import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  signIn,
  signedInPhone,
  waitForHydration,
} from '../src/browser';

/**
 * The DHIS2 / ADX mapping form of a grant, on a phone (390 px, touch) in Chromium: every
 * control a finger hits is 44 px high and nothing scrolls sideways; a refused save keeps every box
 * as typed and says why; a saved mapping comes back on reload and the DHIS2 download follows it,
 * naming what it still lacks. Two sessions saving the same mapping: the second is shown, field by
 * field, hers beside theirs (at 390 px and on a desktop) and keeps hers or takes theirs. The
 * « Hors de toute région » org unit is typed, saved and there on reload.
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

  it.each([
    ['phone', 390],
    ['desktop', 1280],
  ] as const)(
    'two officers save the same mapping (%s): the second sees mine beside theirs, field by field, and chooses',
    async (device, width) => {
      const open = async () => {
        const c =
          device === 'phone'
            ? await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer)
            : await suite.browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
        if (device === 'desktop') {
          const p = await c.newPage();
          await signIn(p, suite.jalon.url, demoAccounts.meOfficer);
          await p.close();
        }
        return c;
      };
      // Two sessions (two devices) of the same officer, and a third to read what is stored.
      const mine = await open();
      const theirs = await open();
      const elsewhere = await open();
      try {
        const first = await theirs.newPage();
        await first.goto(`${suite.jalon.url}/parametres/subventions`);
        await first
          .getByRole('link', { name: /PROSMED-CCSC/ })
          .first()
          .click();
        await first.getByRole('link', { name: 'Échange DHIS2 / ADX' }).click();
        await first.waitForURL(/\/parametres\/subventions\/[0-9a-f-]+\/echange$/);
        const url = first.url();
        const second = await mine.newPage();
        await second.goto(url);
        await waitForHydration(first);
        await waitForHydration(second);
        const save = (page: typeof first) =>
          page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
        const dataSet = (page: typeof first) => page.getByLabel('Code du jeu de données');
        const outside = (page: typeof first) => page.getByLabel('Hors de toute région');

        // Both read the same version; the first saves (a DHIS2 part in codes, for the outside box).
        await first.getByLabel('CODE', { exact: true }).check();
        await first.getByLabel('Org unit de l’organisation (ADX)').fill('WANEP-ML');
        await first.getByLabel('Org unit de l’organisation (DHIS2)').fill('OU_MALI');
        await dataSet(first).fill(`DS_PREMIERE_${device}`);
        await outside(first).fill('OU_HORS_1');
        await save(first);
        await first.getByText('Correspondance enregistrée.').waitFor();
        // The second, from the version she read: refused, shown what differs, her boxes kept.
        await second.getByLabel('CODE', { exact: true }).check();
        await second.getByLabel('Org unit de l’organisation (ADX)').fill('WANEP-ML');
        await second.getByLabel('Org unit de l’organisation (DHIS2)').fill('OU_MALI');
        await dataSet(second).fill(`DS_SECONDE_${device}`);
        await outside(second).fill('OU_HORS_2');
        await save(second);
        const box = second.locator('section[data-conflict]');
        await box.waitFor();
        expect(await box.locator('h2').innerText()).toBe(
          'Quelqu’un a enregistré cette correspondance entre-temps',
        );
        const row = (field: string) => box.locator(`[data-conflict-field="${field}"]`);
        expect(await row('dataSet').locator('th').innerText()).toBe(
          'Jeu de données (ADX) — Code du jeu de données',
        );
        expect(await row('dataSet').locator('.mine').innerText()).toBe(`DS_SECONDE_${device}`);
        expect(await row('dataSet').locator('.theirs').innerText()).toBe(`DS_PREMIERE_${device}`);
        expect(await row('dhis2:outside').locator('th').innerText()).toBe(
          'Org units des régions — Hors de toute région',
        );
        expect(await row('dhis2:outside').locator('.theirs').innerText()).toBe('OU_HORS_1');
        // Only what differs, and no « keep both » for a mapping (there is one per grant).
        expect(await box.locator('[data-conflict-field]').count()).toBe(2);
        expect(await box.getByRole('button', { name: 'Garder les deux' }).count()).toBe(0);
        expect(await dataSet(second).inputValue()).toBe(`DS_SECONDE_${device}`);
        const sizes = (await second.evaluate(`(() => ({
          over: document.documentElement.scrollWidth - window.innerWidth,
          low: [...document.querySelectorAll('section[data-conflict] button')]
            .map((e) => e.getBoundingClientRect().height).filter((h) => h < 44),
        }))()`)) as { over: number; low: number[] };
        expect(sizes.over).toBeLessThanOrEqual(0);
        expect(sizes.low).toEqual([]);
        await second.screenshot({
          path: `${artifacts}exchange-conflict-${device}-fr.png`,
          fullPage: true,
        });
        // Nothing of hers was written: the stored mapping is the first one's.
        const check = await elsewhere.newPage();
        await check.goto(url);
        expect(await dataSet(check).inputValue()).toBe(`DS_PREMIERE_${device}`);
        // She keeps hers: saved over theirs, on purpose.
        await waitForHydration(second);
        await Promise.all([
          second.waitForEvent('load'),
          box.getByRole('button', { name: 'Garder ma version' }).click(),
        ]);
        await second.getByText('Correspondance enregistrée.').waitFor();
        await check.reload();
        expect(await dataSet(check).inputValue()).toBe(`DS_SECONDE_${device}`);
        expect(await outside(check).inputValue()).toBe('OU_HORS_2');
        // The first, saving again from her stale page, is shown the comparison in turn.
        await dataSet(first).fill('DS_TROISIEME');
        await save(first);
        await first.locator('section[data-conflict]').waitFor();
        await check.reload();
        expect(await dataSet(check).inputValue()).toBe(`DS_SECONDE_${device}`);
        // She takes theirs: every box shows the stored mapping, the comparison goes, and she is
        // told her typing was not saved.
        await waitForHydration(first);
        await first
          .locator('section[data-conflict]')
          .getByRole('button', { name: 'Prendre la version du serveur' })
          .click();
        await first.locator('[data-took-theirs]').waitFor();
        expect(await dataSet(first).inputValue()).toBe(`DS_SECONDE_${device}`);
        expect(await outside(first).inputValue()).toBe('OU_HORS_2');
        expect(await first.locator('section[data-conflict]').count()).toBe(0);
        // Saving from there is an ordinary save over the version taken, not a conflict.
        await dataSet(first).fill(`DS_QUATRIEME_${device}`);
        await save(first);
        await first.getByText('Correspondance enregistrée.').waitFor();
        await check.reload();
        expect(await dataSet(check).inputValue()).toBe(`DS_QUATRIEME_${device}`);
        expect(await outside(check).inputValue()).toBe('OU_HORS_2');
      } finally {
        await elsewhere.close();
        await theirs.close();
        await mine.close();
      }
    },
    120_000,
  );

  it.each([
    ['phone', 390],
    ['desktop', 1280],
  ] as const)(
    'the « Hors de toute région » box (%s): filled, saved, there on reload',
    async (device, width) => {
      const context =
        device === 'phone'
          ? await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer)
          : await suite.browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
      try {
        const page = await context.newPage();
        if (device === 'desktop') await signIn(page, suite.jalon.url, demoAccounts.meOfficer);
        await page.goto(`${suite.jalon.url}/parametres/subventions`);
        await page
          .getByRole('link', { name: /PROSMED-CCSC/ })
          .first()
          .click();
        await page.getByRole('link', { name: 'Échange DHIS2 / ADX' }).click();
        await page.waitForURL(/\/parametres\/subventions\/[0-9a-f-]+\/echange$/);
        await waitForHydration(page);
        const box = page.getByLabel('Hors de toute région');
        // Within the regions' fieldset, with its hint.
        expect(
          await page.locator('fieldset[data-regions]').getByLabel('Hors de toute région').count(),
        ).toBe(1);
        expect(await page.locator('fieldset[data-regions]').innerText()).toContain(
          'Les activités sans région',
        );
        // A DHIS2 part is needed for the box to mean anything: an org unit of the organisation.
        await page.getByLabel('CODE', { exact: true }).check();
        await page.getByLabel('Org unit de l’organisation (ADX)').fill('WANEP-ML');
        await page.getByLabel('Org unit de l’organisation (DHIS2)').fill('OU_MALI');
        await box.fill(`OU_HORS_${device.toUpperCase()}`);
        // A finger's target on a phone.
        if (device === 'phone')
          expect((await box.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
        await page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
        await page.getByText('Correspondance enregistrée.').waitFor();
        await page.reload();
        await waitForHydration(page);
        expect(await page.getByLabel('Hors de toute région').inputValue()).toBe(
          `OU_HORS_${device.toUpperCase()}`,
        );
        await page.locator('fieldset[data-regions]').scrollIntoViewIfNeeded();
        await page.screenshot({
          path: `${artifacts}exchange-outside-${device}-fr.png`,
          fullPage: true,
        });
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
