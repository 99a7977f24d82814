import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, waitForHydration } from '../src/browser';

/**
 * Values entered by hand imported from the browser, in French, as the M&E officer: a workbook
 * made like the page's template sets two quarters of a demo indicator; a second one corrects the
 * first quarter's qualifier alone (« environ 50 » → « plus de 50 »), keeps the second and adds a
 * third — the preview says each row with its qualifier, not `50 → 50`; once committed the
 * grant's page of values entered by hand shows them.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
describe.runIf(browserSuiteCanRun)('importing values entered by hand in Chromium', () => {
  const suite = chromiumSuite();
  const page = () => suite.page;
  /** A demo indicator of PROSMED-CCSC (calendar year), whose 2024 quarters nothing locks. */
  const INDICATOR = 'CCSC-SESSIONS';

  /** A workbook with the template's headers and one row per `[period, value]`. */
  async function workbook(rows: [string, string | number][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Valeurs saisies');
    sheet.addRow(['Indicateur', 'Période', 'Sexe', 'Tranche d’âge', 'Handicap', 'Valeur', 'Note']);
    for (const [period, value] of rows) sheet.addRow([INDICATOR, period, '', '', '', value, '']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function send(name: string, bytes: Buffer) {
    await page().goto(`${suite.jalon.url}/importer?type=values`);
    await waitForHydration(page());
    await page().getByLabel('Données à importer').selectOption('values');
    await page().getByLabel('Fichier (.xlsx ou .csv)').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await page().getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page().waitForURL(/\/importer\?lot=[0-9a-f-]{36}/);
  }

  async function commit() {
    await page().getByRole('button', { name: 'Importer le lot' }).click();
    await page().waitForURL(/fait=importe/);
    expect(await page().getByRole('status').first().innerText()).toBe('Le lot est importé.');
  }

  const counts = () =>
    Promise.all(
      ['create', 'update', 'unchanged', 'rejected'].map((c) =>
        page().locator(`[data-count="${c}"]`).innerText(),
      ),
    );

  /** Each row of the preview: its number, what it does, the value held, the file's. */
  const preview = () =>
    page()
      .locator('[data-table="import-changes"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-change-row'),
          tr.getAttribute('data-action'),
          tr.querySelector('[data-before]')?.textContent?.trim(),
          tr.querySelector('[data-after]')?.textContent?.trim(),
        ]),
      );

  it('imports two quarters, the first about fifty', async () => {
    await send(
      'valeurs-2024.xlsx',
      await workbook([
        ['2024-Q1', 'environ 50'],
        ['2024-Q2', 12],
      ]),
    );
    expect(await counts()).toEqual(['2', '0', '0', '0']);
    expect(await preview()).toEqual([
      ['2', 'create', '—', 'environ 50'],
      ['3', 'create', '—', '12'],
    ]);
    await commit();
  });

  it('says a change of qualifier alone in the preview: environ 50 → plus de 50', async () => {
    await send(
      'valeurs-2024-corrigees.xlsx',
      await workbook([
        ['2024-Q1', 'plus de 50'],
        ['2024-Q2', 12],
        ['2024-Q3', 7],
      ]),
    );
    expect(await counts()).toEqual(['1', '1', '1', '0']);
    expect(await preview()).toEqual([
      ['2', 'update', 'environ 50', 'plus de 50'],
      ['3', 'unchanged', '12', '12'],
      ['4', 'create', '—', '7'],
    ]);
    await page().screenshot({ path: `${artifacts}import-values-preview.png`, fullPage: true });
    await commit();
  });

  it('shows the values imported on the grant’s page of values entered by hand', async () => {
    await page().goto(`${suite.jalon.url}/parametres/subventions`);
    await page()
      .locator('tr[data-grant="PROSMED-CCSC"]')
      .getByRole('link', { name: /Cadre de résultats/ })
      .click();
    await page().waitForURL(/\/parametres\/subventions\/[0-9a-f-]{36}$/);
    await page().getByRole('link', { name: 'Valeurs saisies' }).click();
    await page().waitForURL(/\/valeurs$/);
    const value = (period: string) =>
      page().locator(`tr[data-value="${INDICATOR} ${period}"] td.num`).innerText();
    expect(await value('2024-Q1')).toBe('au moins 50');
    expect(await value('2024-Q2')).toBe('12');
    expect(await value('2024-Q3')).toBe('7');
  });
});
