import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, waitForHydration } from '../src/browser';

/**
 * The daily lists, in a real browser on the real server with the bulletin's demo data: the M&E
 * officer finds an activity by searching the list (accents and case ignored), corrects its title,
 * finds the change in the journal by searching it (before → after), exports the filtered list and
 * reads it back (CSV and xlsx); the indicators page states each grant's report status and exports
 * it. Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
const TITLE = 'Forum de Bamako, 23e édition : panel sur l’approche sécuritaire et la prévention';
const CORRECTED = 'Forum de Bamako, 23e édition (corrigé)';

describe.runIf(browserSuiteCanRun)('daily lists in Chromium', () => {
  const suite = chromiumSuite();

  /** A file the page links to, fetched with the page's own session. */
  const fetchLink = async (selector: string) => {
    const href = await suite.page.locator(selector).first().getAttribute('href');
    if (!href) throw new Error(`no link ${selector}`);
    const res = await suite.page.context().request.get(`${suite.jalon.url}${href}`);
    expect(res.status(), href).toBe(200);
    return { href, body: await res.body() };
  };

  it('finds an activity by search, corrects it, sees the journal’s before → after, exports the list and reads it back', async () => {
    // Step: the list searched with neither accents nor case: « forum BAMAKO ».
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
    await waitForHydration(suite.page);
    await suite.page.getByLabel('Rechercher').fill('forum BAMAKO');
    await suite.page.getByRole('button', { name: 'Afficher' }).click();
    await suite.page.waitForURL(/q=forum\+BAMAKO/);
    const rows = suite.page.locator('main table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Forum de Bamako, 23e édition');

    // Step: opens it and corrects its title.
    await rows.first().getByRole('link', { name: 'Voir la fiche' }).click();
    await suite.page.waitForURL(/\/activites\/[0-9a-f-]{36}$/);
    await suite.page.getByRole('link', { name: 'Modifier l’activité' }).click();
    await suite.page.waitForURL(/\/modifier$/);
    await waitForHydration(suite.page);
    await suite.page.getByLabel('Intitulé de l’activité').fill(CORRECTED);
    await suite.page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const anyway = suite.page.getByRole('button', { name: 'Enregistrer quand même' });
    await expect
      .poll(async () => /saved=1/.test(suite.page.url()) || (await anyway.count()) > 0, {
        timeout: 30_000,
      })
      .toBe(true);
    if (!/saved=1/.test(suite.page.url())) {
      await anyway.click();
      await suite.page.waitForURL(/saved=1/);
    }
    expect(await suite.page.getByRole('heading', { level: 1 }).innerText()).toContain('(corrigé)');

    // Step: the journal, searched in the values (« corrige » finds « corrigé »), says before → after.
    await suite.page.goto(`${suite.jalon.url}/journal`);
    await waitForHydration(suite.page);
    await suite.page.getByLabel('Rechercher').fill('corrige');
    await suite.page.getByRole('button', { name: 'Filtrer' }).click();
    await suite.page.waitForURL(/q=corrige/);
    const entry = suite.page.locator('[data-table="audit"] tbody tr').first();
    expect(await entry.getAttribute('data-action')).toBe('update');
    expect((await entry.locator('del').allInnerTexts()).join(' ')).toContain('23e édition');
    expect((await entry.locator('del').allInnerTexts()).join(' ')).toContain('panel');
    expect(await entry.locator('ins').allInnerTexts()).toContain(CORRECTED);
    const journal = (await fetchLink('[data-export="csv"]')).body.toString('utf8');
    expect(journal).toContain('suivi@wanep-mali.demo');
    // one line per changed field, named in words, the corrected title after it
    const titleLine = journal.split('\r\n').find((line) => line.includes(';Intitulé;'));
    expect(titleLine).toContain(CORRECTED);
    expect(journal).not.toContain('{"');

    // Step: the list filtered on the corrected word, exported as shown, read back.
    await suite.page.goto(`${suite.jalon.url}/activites?period=2023-Q2&q=corrige`);
    await expect.poll(() => rows.count()).toBe(1);
    const csv = await fetchLink('[data-export="csv"]');
    expect(csv.href).toContain('q=corrige');
    const lines = csv.body
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.split(';')[3]).toBe(CORRECTED);
    expect(TITLE).not.toBe(CORRECTED);
    const xlsx = await fetchLink('[data-export="xlsx"]');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(4).value).toBe(CORRECTED);
    await suite.page.screenshot({ path: `${artifacts}daily-lists.png`, fullPage: true });
  }, 240_000);

  it('states each grant’s report status on the indicators page, searched and exported', async () => {
    await suite.page.goto(`${suite.jalon.url}/indicateurs?period=2023-Q2&q=femmes`);
    // PROSMED-CCSC's UNDP report judges the fiscal year to date: the page says so.
    expect(await suite.page.locator('[data-status-period="2023"]').first().innerText()).toContain(
      '2023 à date (30 juin)',
    );
    const row = suite.page.locator('tr[data-indicator="CCSC-FEMMES"]');
    expect(await row.locator('[data-cell="status-target"]').innerText()).toBe('90');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('watch');
    const rowsShown = await suite.page.locator('tr[data-indicator]').count();
    const csv = (await fetchLink('[data-export="csv"]')).body.toString('utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines.length - 1).toBe(rowsShown);
    const women = lines.find((l) => l.startsWith('CCSC-FEMMES;'))?.split(';');
    expect(women?.[7]).toBe('90');
    expect(women?.[9]).toBe('À surveiller');
  }, 120_000);
});
