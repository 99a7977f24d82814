import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  frenchPage,
} from '../src/browser';

/**
 * Importing from the browser, in French, as the M&E officer: the template downloaded from the
 * page, a file shaped like it (its example row, which names the demo's own programme and place)
 * with one row whose programme does not exist — the dry run names the row, the column and why,
 * nothing is written; the corrected file then imports all or nothing, the activities are listed,
 * and the import is undone. A programme officer has no entry and gets a 403.
 *
 * One story: its steps run in order, each starting from what the one before wrote (the template
 * read by the first, the batches the dry run and the import leave); each opens its own page.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
describe.runIf(browserSuiteCanRun)('importing a file in Chromium', () => {
  const suite = chromiumSuite();
  const page = () => suite.page;
  const TITLES = [
    'Import : dialogue intercommunautaire de Gao',
    'Import : formation des relais de Ségou',
    'Import : causerie des femmes leaders',
  ];
  let template: string[] = [];

  /** The template's header and example row, and three activities of early 2024 shaped like it. */
  function fileOf(programmeOfThird: string | null): Buffer {
    const [header, example] = template;
    const cells = (example ?? '').split(';');
    const rows = TITLES.map((title, i) => {
      const row = [...cells];
      row[0] = `IMP-${i + 1}`;
      row[1] = title;
      row[4] = `1${i}/02/2024`;
      row[5] = `1${i}/02/2024`;
      row[7] = '1';
      if (i === 2 && programmeOfThird) row[3] = programmeOfThird;
      return row.join(';');
    });
    return Buffer.from(`\ufeff${[header, ...rows].join('\r\n')}\r\n`, 'utf8');
  }

  async function send(name: string, bytes: Buffer) {
    await page().getByLabel('Fichier (.xlsx ou .csv)').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: bytes,
    });
    await page().getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page().waitForURL(/\/importer\?lot=[0-9a-f-]{36}/);
  }

  const count = (what: string) => page().locator(`[data-count="${what}"]`).innerText();

  it('opens from the navigation, and gives the template of the kind chosen', async () => {
    await page().goto(`${suite.jalon.url}/tableau-de-bord`);
    await page()
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Importer' })
      .click();
    await page().waitForURL(/\/importer$/);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe(
      'Importer des données',
    );
    expect(await page().getByLabel('Données à importer').inputValue()).toBe('activities');
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      page().getByRole('link', { name: 'CSV (.csv)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('modele-import-activites.csv');
    const text = await readFile(await download.path(), 'utf8');
    template = text
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(template[0]).toMatch(/^Identifiant;Titre;Type;Programme;Date de début;/);
    expect(template).toHaveLength(2);
    // Targets and baselines are a kind of their own, with their template.
    await page().getByLabel('Données à importer').selectOption('targets');
    const [targets] = await Promise.all([
      page().waitForEvent('download'),
      page().getByRole('link', { name: 'CSV (.csv)' }).click(),
    ]);
    expect(targets.suggestedFilename()).toBe('modele-import-cibles.csv');
    expect(await readFile(await targets.path(), 'utf8')).toMatch(
      /^\ufeffNature;Indicateur;Subvention;Période;Valeur;/,
    );
    await page().getByLabel('Données à importer').selectOption('activities');
  });

  it('names the row that cannot be imported, its column and why; nothing is written', async () => {
    await page().goto(`${suite.jalon.url}/importer`);
    await send('activites-2024.csv', fileOf('Programme des étoiles'));
    expect(await count('create')).toBe('2');
    expect(await count('rejected')).toBe('1');
    // The header is row 1: the third activity is row 4 of the user's own file.
    const issue = page().locator('tr[data-issue-row="4"]');
    expect(await issue.count()).toBe(1);
    const text = await issue.innerText();
    expect(text).toContain('Programme');
    expect(text).toContain('Programme des étoiles');
    expect(await page().getByRole('button', { name: 'Importer le lot' }).count()).toBe(1);
    await page().screenshot({ path: `${artifacts}import-dry-run.png`, fullPage: true });
    await page().goto(`${suite.jalon.url}/activites?period=2024-Q1`);
    expect(await page().getByRole('row').filter({ hasText: 'Import :' }).count()).toBe(0);
  });

  it('imports the corrected file all or nothing, and lists its activities', async () => {
    await page().goto(`${suite.jalon.url}/importer`);
    await send('activites-2024-corrige.csv', fileOf(null));
    expect(await count('create')).toBe('3');
    expect(await count('rejected')).toBe('0');
    expect(await page().locator('tr[data-issue-row]').count()).toBe(0);
    // From the keyboard: the button takes the focus and Enter sends the form.
    await page().getByRole('button', { name: 'Importer le lot' }).focus();
    await page().keyboard.press('Enter');
    await page().waitForURL(/fait=importe/);
    expect(await page().getByRole('status').first().innerText()).toBe('Le lot est importé.');
    await page().goto(`${suite.jalon.url}/activites?period=2024-Q1`);
    for (const title of TITLES)
      expect(await page().getByRole('row').filter({ hasText: title }).count(), title).toBe(1);
  });

  it('undoes the import from the batch list: the activities are gone', async () => {
    await page().goto(`${suite.jalon.url}/importer`);
    const batch = page().locator('tr[data-status="committed"]');
    expect(await batch.count()).toBe(1);
    expect(await page().locator('tr[data-status="staged"]').count()).toBe(1);
    await batch
      .getByRole('button', { name: 'Annuler l’import de activites-2024-corrige.csv' })
      .click();
    await page().waitForURL(/fait=annule/);
    expect(await page().getByRole('status').first().innerText()).toContain('L’import est annulé');
    expect(await page().locator('tr[data-status="undone"]').count()).toBe(1);
    await page().goto(`${suite.jalon.url}/activites?period=2024-Q1`);
    expect(await page().getByRole('row').filter({ hasText: 'Import :' }).count()).toBe(0);
  });

  it('fits a 390 px screen, and speaks English under /en/import', async () => {
    await page().setViewportSize({ width: 390, height: 844 });
    try {
      await page().goto(`${suite.jalon.url}/en/import`);
      expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Import data');
      expect(await page().getByRole('button', { name: 'Check the file' }).count()).toBe(1);
      const overflow = await page().evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page().setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('offers a programme officer the kinds she enters by hand, not targets', async () => {
    const { page: officer } = await frenchPage(
      suite.browser,
      suite.jalon.url,
      demoAccounts.programmeOfficer,
    );
    try {
      await officer.goto(`${suite.jalon.url}/tableau-de-bord`);
      const nav = officer.getByRole('navigation', { name: 'Navigation principale' });
      await nav.getByRole('link', { name: 'Importer' }).click();
      await officer.waitForURL(/\/importer$/);
      const options = await officer.locator('#import-kind option').all();
      const kinds = await Promise.all(options.map((o) => o.getAttribute('value')));
      expect(kinds).toEqual(['activities', 'attendance', 'incidents', 'values']);
      // Asked by its address, the targets template is refused her (she may not enter targets).
      const targets = await officer.request.get(
        `${suite.jalon.url}/api/import/template/targets.xlsx`,
      );
      expect(targets.status()).toBe(403);
      const activities = await officer.request.get(
        `${suite.jalon.url}/api/import/template/activities.xlsx`,
      );
      expect(activities.status()).toBe(200);
    } finally {
      await officer.close();
    }
  });
});
