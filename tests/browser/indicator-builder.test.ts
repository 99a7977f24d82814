import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite } from '../src/browser';

/**
 * The indicator builder (`/parametres/indicateurs`), in French, as the M&E officer: a cumulative
 * count of the young participants of the CCS-C trainings under output P1.1 of PROSMED-CCSC, a
 * formula over it whose unknown code is refused in the engine's words (what was typed kept),
 * then corrected; a target set for the new indicator, and its value beside it on /indicateurs.
 * At 390 px the page is usable too (axe covers it in axe.test.ts).
 *
 * One story: its steps run in order, each using the indicators the ones before defined
 * (BLD-JEUNES, BLD-PART-JEUNES); each opens its own page.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
describe.runIf(browserSuiteCanRun)('the indicator builder in Chromium', () => {
  const suite = chromiumSuite();
  const page = () => suite.page;
  const summary = () => page().locator('[data-error-summary]');
  const form = () => page().locator('#formulaire');
  /** The builder's page, hydrated. */
  const openBuilder = async () => {
    await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
    await page().waitForSelector('html[data-hydrated]', { state: 'attached' });
  };

  it('opens from the settings and defines a cumulative participation indicator under a node', async () => {
    await page().goto(`${suite.jalon.url}/parametres`);
    await page().getByRole('link', { name: 'Définition des indicateurs', exact: true }).click();
    await page().waitForURL(/\/parametres\/indicateurs$/);
    await page().waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await page().locator('tr[data-indicator="CCSC-MEMBRES"]').innerText()).toContain(
      'PROSMED-CCSC · Produit P1.1',
    );

    await form().getByLabel('Code', { exact: true }).fill('BLD-JEUNES');
    await form().getByLabel('Intitulé', { exact: true }).fill('Jeunes membres de CCS-C formés');
    await form()
      .getByLabel('Cadre de résultats')
      .selectOption({ label: 'Produit P1.1 — Les membres des CCS-C sont formés' });
    await form().getByLabel('Source', { exact: true }).selectOption({ label: 'Participation' });
    // Once the page runs, only the chosen source's part shows.
    expect(await form().getByLabel('Formule', { exact: true }).isVisible()).toBe(false);
    await form().getByLabel('Participants comptés').selectOption('participations');
    await form()
      .locator('fieldset')
      .filter({ hasText: 'Ne compter que' })
      .getByLabel('Jeunes')
      .check();
    const filters = form().locator('fieldset[data-filters]');
    await filters.getByLabel('CCS-C', { exact: true }).check();
    await filters.getByLabel('Formation', { exact: true }).check();
    await form().getByLabel('Cumulatif').check();
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=BLD-JEUNES/);
    const row = await page().locator('tr[data-indicator="BLD-JEUNES"]').innerText();
    expect(row).toContain('Jeunes membres de CCS-C formés');
    expect(row).toContain('Participation');
    expect(row).toContain('cumulatif');
    expect(row).toContain('PROSMED-CCSC · Produit P1.1');
  });

  it('refuses a formula naming an unknown code in the engine’s words, keeping it, then saves it', async () => {
    await openBuilder();
    await form().getByLabel('Code', { exact: true }).fill('BLD-PART-JEUNES');
    await form().getByLabel('Intitulé', { exact: true }).fill('Part des jeunes parmi les formés');
    await form().getByLabel('Unité').selectOption({ label: 'Pourcentage' });
    await form()
      .getByLabel('Cadre de résultats')
      .selectOption({ label: 'Produit P1.1 — Les membres des CCS-C sont formés' });
    await form().getByLabel('Cumulatif').check();
    await form()
      .getByLabel('Source', { exact: true })
      .selectOption({ label: 'Formule sur d’autres indicateurs' });
    const codes = form().locator('[data-formula] details');
    await codes.locator('summary').click();
    expect(await codes.locator('[data-codes]').innerText()).toContain('BLD-JEUNES');
    await form().getByLabel('Formule', { exact: true }).fill('{BLD-JEUNES} / {CCSC-TOUS} * 100');
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await summary().waitFor();
    expect(await summary().innerText()).toContain(
      'la formule utilise «\u202fCCSC-TOUS\u202f», inconnu(s) dans l’organisation.',
    );
    expect(suite.pageErrors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
    expect(await form().getByLabel('Formule', { exact: true }).inputValue()).toBe(
      '{BLD-JEUNES} / {CCSC-TOUS} * 100',
    );
    await form().getByLabel('Formule', { exact: true }).fill('{BLD-JEUNES} / {CCSC-MEMBRES} * 100');
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=BLD-PART-JEUNES/);
    expect(await page().locator('tr[data-indicator="BLD-PART-JEUNES"]').innerText()).toContain(
      'Formule',
    );
  });

  it('sets a target for the new indicator and sees its value beside it on /indicateurs', async () => {
    await openBuilder();
    await page()
      .locator('tr[data-indicator="BLD-JEUNES"]')
      .getByRole('link', { name: /Cibles/ })
      .click();
    await page().waitForURL(/\/cibles\?indicateur=/);
    const grid = page().locator('[data-targets]');
    await grid.getByLabel('2e trimestre 2023').fill('150');
    await grid.getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=1/);
    expect(await grid.getByLabel('2e trimestre 2023').inputValue()).toBe('150');

    await page().goto(`${suite.jalon.url}/indicateurs?period=2023-Q2`);
    const row = page().locator('tr[data-indicator="BLD-JEUNES"]');
    expect(await row.locator('[data-cell="target"]').innerText()).toContain('150');
    // The young people of the CCS-C trainings, as CCSC-MEMBRES's breakdown by age counts them.
    expect(await row.locator('[data-cell="value"]').innerText()).toBe('117');
    // The formula over it reads a share of the trained members, in percent.
    const share = await page()
      .locator('tr[data-indicator="BLD-PART-JEUNES"] [data-cell="value"]')
      .innerText();
    expect(share).toMatch(/\d.*%/);
    await page().screenshot({
      path: `${artifacts}indicator-builder-values-fr.png`,
      fullPage: true,
    });
  });

  it('measures its achievement by the rule chosen in the builder, said beside it on /indicateurs', async () => {
    await page().goto(`${suite.jalon.url}/indicateurs?period=2023-Q2`);
    const row = page().locator('tr[data-indicator="BLD-JEUNES"]');
    // By default, the template's rule for a higher-is-better indicator: 117 ÷ 150.
    expect(await row.locator('[data-cell="achievement"]').innerText()).toContain('78');
    expect(await row.locator('[data-achievement-rule]').count()).toBe(0);

    await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
    await page()
      .locator('tr[data-indicator="BLD-JEUNES"]')
      .getByRole('link', { name: /Modifier/ })
      .click();
    await page().waitForURL(/modifier=/);
    await page().waitForSelector('html[data-hydrated]', { state: 'attached' });
    const rule = form().getByLabel('Règle d’atteinte');
    expect(await rule.inputValue()).toBe('');
    await rule.selectOption({ label: 'Cible ÷ réalisé' });
    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=BLD-JEUNES/);

    await page().goto(`${suite.jalon.url}/indicateurs?period=2023-Q2`);
    // 150 ÷ 117, the rule said beside the indicator
    expect(await row.locator('[data-cell="achievement"]').innerText()).toContain('128');
    expect(await row.locator('[data-achievement-rule]').innerText()).toBe(
      'atteinte\u202f: Cible ÷ réalisé',
    );
    await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
    await page()
      .locator('tr[data-indicator="BLD-JEUNES"]')
      .getByRole('link', { name: /Modifier/ })
      .click();
    await page().waitForURL(/modifier=/);
    expect(await form().getByLabel('Règle d’atteinte').inputValue()).toBe('target-over-actual');
  });

  it('edits the indicator at 390 px: its code fixed, the frozen fields said', async () => {
    await page().setViewportSize({ width: 390, height: 844 });
    try {
      await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
      await page()
        .locator('tr[data-indicator="BLD-JEUNES"]')
        .getByRole('link', { name: /Modifier/ })
        .click();
      await page().waitForURL(/modifier=/);
      expect(await form().getByLabel('Code', { exact: true }).count()).toBe(0);
      expect(await page().locator('[data-frozen-note]').innerText()).toContain('figés');
      await form().getByLabel('Intitulé en anglais').fill('Young committee members trained');
      await form().getByRole('button', { name: 'Enregistrer' }).click();
      await page().waitForURL(/enregistre=BLD-JEUNES/);
      // The page is no wider than the phone; the form's parts that would be are named.
      const { width, wider } = await page().evaluate<{ width: number; wider: string[] }>(`({
        width: document.documentElement.scrollWidth,
        wider: [...document.querySelectorAll('#formulaire *')]
          .filter((e) => e.getBoundingClientRect().right > 391)
          .map((e) => e.tagName.toLowerCase() + '#' + e.id)
          .slice(0, 5),
      })`);
      expect(wider).toEqual([]);
      expect(width).toBeLessThanOrEqual(390);
      await page().screenshot({ path: `${artifacts}indicator-builder-390.png`, fullPage: true });
    } finally {
      await page().setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('previews the value a definition would have, keeping the form and saving nothing', async () => {
    await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
    await page().waitForSelector('html[data-hydrated]', { state: 'attached' });
    await form().getByLabel('Code', { exact: true }).fill('BLD-APERCU');
    await form().getByLabel('Intitulé', { exact: true }).fill('Participants du trimestre (aperçu)');
    await form().getByLabel('Source', { exact: true }).selectOption({ label: 'Participation' });
    await form().getByLabel('Participants comptés').selectOption('participations');
    await form().getByLabel('Période de l’aperçu').fill('2023-Q2');
    await form().getByRole('button', { name: 'Calculer l’aperçu' }).click();
    const said = form().locator('[data-preview-value]');
    await said.waitFor();
    const text = await said.innerText();
    // The quarter's participants as the dashboard says them (open above: activities not counted).
    expect(text).toMatch(/^2e trimestre 2023\u202f: .*\d/);
    expect(text).toContain('aperçu, rien n’est enregistré');
    // What was typed is still there; nothing was saved.
    expect(await form().getByLabel('Code', { exact: true }).inputValue()).toBe('BLD-APERCU');
    expect(await form().getByLabel('Période de l’aperçu').inputValue()).toBe('2023-Q2');
    expect(await page().locator('tr[data-indicator="BLD-APERCU"]').count()).toBe(0);
  });

  it('updates the preview as she changes a filter, without the button, and keeps the place chosen', async () => {
    await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
    await page().waitForSelector('html[data-hydrated]', { state: 'attached' });
    await form().getByLabel('Code', { exact: true }).fill('BLD-MOPTI');
    await form().getByLabel('Intitulé', { exact: true }).fill('Activités à Mopti');
    await form().getByLabel('Source', { exact: true }).selectOption({ label: 'Activités' });
    await form().getByLabel('Activités comptées').selectOption('count');
    await form().getByLabel('Période de l’aperçu').fill('2023-Q2');
    // No button pressed: the page asks as she types.
    const said = form().locator('[data-preview-value]');
    const shown = async () => ((await said.count()) > 0 ? said.innerText() : '');
    await expect.poll(shown, { timeout: 15_000 }).toContain('2e trimestre 2023');
    const everywhere = await said.innerText();
    expect(everywhere).toMatch(/^2e trimestre 2023\u202f: .*\d/);

    // A place, found by its name without its accent, taken with Enter: the region and what it holds.
    const places = form().locator('[data-filter-places]');
    await places.getByLabel('Chercher un lieu').fill('mopti');
    await places.getByLabel('Chercher un lieu').press('Enter');
    expect(await places.getByRole('button', { name: 'Retirer Mopti (Mali)' }).count()).toBe(1);
    await expect.poll(shown, { timeout: 15_000 }).not.toBe(everywhere);
    const inMopti = await said.innerText();
    expect(inMopti).not.toBe(everywhere);
    expect(inMopti).toContain('2e trimestre 2023');

    await form().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=BLD-MOPTI/);
    expect(await page().locator('tr[data-indicator="BLD-MOPTI"]').innerText()).toContain(
      'lieux\u202f: Mopti (Mali)',
    );
  });

  it('refuses to remove an indicator others depend on, saying what, then removes a free one', async () => {
    await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
    await page().waitForSelector('html[data-hydrated]', { state: 'attached' });
    await page()
      .locator('tr[data-indicator="BLD-JEUNES"]')
      .getByRole('button', { name: /Supprimer/ })
      .click();
    await summary().waitFor();
    const said = await summary().innerText();
    // its target of the second quarter and the formula of BLD-PART-JEUNES
    expect(said).toContain('1 cible');
    expect(said).toContain('1 indicateur dont la formule le nomme');
    expect(suite.pageErrors.splice(0)).toEqual([expect.stringContaining('status of 409')]);
    expect(await page().locator('tr[data-indicator="BLD-JEUNES"]').count()).toBe(1);

    await page()
      .locator('tr[data-indicator="BLD-PART-JEUNES"]')
      .getByRole('button', { name: /Supprimer/ })
      .click();
    await page().waitForURL(/supprime=1/);
    expect(await page().getByText('La suppression est faite.').count()).toBe(1);
    expect(await page().locator('tr[data-indicator="BLD-PART-JEUNES"]').count()).toBe(0);
  });
});
