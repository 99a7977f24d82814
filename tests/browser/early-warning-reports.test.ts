import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, frenchPage, launchChromium } from '../src/browser';
import { startJalon, type RunningJalon } from '../src/server';

/**
 * The early-warning and reports pages in a real browser, on the real server with the bulletin's
 * demo data: the NEWS programme's Q2 2023 incidents (116, 153 dead, 236 injured over three
 * months), the five donor templates, PROSMED's UNDP preview and its workbook download.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one. Without it the
 * suite fails in CI (or with JALON_REQUIRE_BROWSER) and is skipped, loudly, elsewhere.
 */
describe.runIf(browserSuiteCanRun)('the early-warning and reports pages in Chromium', () => {
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

  const figure = (name: string) => page.locator(`[data-figure="${name}"]`);

  it('shows the incidents of Q2 2023: 116, 153 dead, 236 injured, over three months', async () => {
    await page.goto(`${jalon.url}/tableau-de-bord`);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Alerte précoce' })
      .click();
    await page.waitForURL(/\/alerte-precoce$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Alerte précoce');
    expect(await page.getByLabel('Période').inputValue()).toBe('2023-Q2');

    expect(await figure('incidents').innerText()).toMatch(/^116\s+incidents majeurs$/);
    expect(await figure('deaths').innerText()).toMatch(/^153\s+morts$/);
    expect(await figure('injuries').innerText()).toMatch(/^236\s+blessés$/);

    const months = page.getByRole('figure').filter({ hasText: 'Incidents par mois' });
    const bars = months.getByRole('listitem');
    expect(await bars.count()).toBe(3);
    expect(await months.innerText()).toMatch(/avril 2023[\s\S]*mai 2023[\s\S]*juin 2023/);

    const categories = page.locator('table[data-table="categories"]');
    expect(await categories.innerText()).toContain('Criminalité organisée et extrémisme violent');
    expect(await categories.innerText()).toContain('Femmes, paix et sécurité');
    expect(await categories.locator('tfoot').innerText()).toMatch(/116\s+153\s+236/);

    // Only regions where something happened.
    const regions = page.locator('table[data-table="regions"] tbody tr');
    expect(await regions.count()).toBeGreaterThan(0);
    for (const text of await regions.allInnerTexts()) expect(text).not.toMatch(/\s0\s+0\s+0$/);

    // The register: 116 incidents, 50 a page.
    expect(await page.locator('[data-count]').getAttribute('data-count')).toBe('116');
    expect(await page.locator('table[data-table="incidents"] tbody tr').count()).toBe(50);
    expect(await page.getByRole('navigation', { name: 'Pages' }).innerText()).toContain(
      'Page 1 sur 3',
    );
    await page.screenshot({ path: `${artifacts}early-warning-fr.png`, fullPage: true });
  });

  it('filters the register by category and pages through it', async () => {
    await page.getByLabel('Catégorie', { exact: true }).selectOption('women-peace-security');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/category=women-peace-security/);
    const rows = page.locator('table[data-table="incidents"] tbody tr');
    await expect.poll(() => rows.first().innerText()).toContain('Femmes, paix et sécurité');
    for (const text of await rows.allInnerTexts())
      expect(text).toContain('Femmes, paix et sécurité');

    await page.goto(`${jalon.url}/alerte-precoce?period=2023-Q2&page=3`);
    expect(await page.locator('table[data-table="incidents"] tbody tr').count()).toBe(16);
    expect(await page.getByRole('link', { name: 'Page précédente' }).count()).toBe(1);
  });

  it('says it in English under /en/early-warning', async () => {
    await page.goto(`${jalon.url}/alerte-precoce`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/en\/early-warning/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Early warning');
    expect(await figure('deaths').innerText()).toMatch(/^153\s+deaths$/);
    expect(await page.locator('table[data-table="categories"]').innerText()).toContain(
      'Organised crime and violent extremism',
    );
    await page.screenshot({ path: `${artifacts}early-warning-en.png`, fullPage: true });
  });

  it('lists the five templates and previews PROSMED-CCSC on the UNDP template', async () => {
    await page.goto(`${jalon.url}/rapports`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapports');
    expect(await page.locator('li[data-template]').count()).toBe(5);
    expect(await page.getByLabel('Modèle', { exact: true }).locator('option').count()).toBe(5);
    expect(await page.getByRole('status').first().innerText()).toContain(
      'Choisissez une subvention',
    );

    await page.getByLabel('Subvention', { exact: true }).selectOption('PROSMED-CCSC');
    await page.getByLabel('Modèle', { exact: true }).selectOption('undp-quarterly');
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click();
    await page.waitForURL(/grant=PROSMED-CCSC/);
    const preview = page.locator('table[data-table="preview"]');
    await expect.poll(() => preview.count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain(
      'PROSMED-CCSC',
    );
    const sessions = preview.locator('tr[data-indicator="CCSC-SESSIONS"]');
    expect(await sessions.locator('[data-cell="value"]').innerText()).toBe('13');
    expect(await sessions.locator('[data-cell="target"]').innerText()).toBe('12');
    await page.screenshot({ path: `${artifacts}reports-fr.png`, fullPage: true });
  });

  it('downloads a real workbook from the xlsx link', async () => {
    const link = page.locator('a[data-download="xlsx"]');
    expect(await link.getAttribute('download')).not.toBeNull();
    const href = new URL((await link.getAttribute('href'))!, page.url());
    expect(href.pathname).toBe('/api/reports/xlsx');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
      lang: 'fr',
    });
    // Journey 4: the browser downloads the file (a real download, with the user's session), and
    // the workbook read back carries the quarter's figures.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('PROSMED-CCSC_2023-Q2_undp-quarterly_fr.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('Avancement des produits')!;
    const cells: string[][] = [];
    sheet.eachRow((row) => {
      const values: string[] = [];
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        const plain = v && typeof v === 'object' && 'result' in v ? v.result : v;
        values.push(String(plain));
      });
      cells.push(values);
    });
    const sessions = cells.find((r) => r.some((v) => v.includes('CCSC-SESSIONS')));
    expect(sessions, 'the CCSC-SESSIONS row').toBeDefined();
    expect(sessions).toContain('13');
    await page.screenshot({ path: `${artifacts}reports-download-fr.png`, fullPage: true });

    const request = page.context().request;

    for (const kind of ['iati', 'bulletin-md']) {
      const other = new URL(
        (await page.locator(`a[data-download="${kind}"]`).getAttribute('href'))!,
        page.url(),
      );
      expect((await request.get(other.href)).status(), kind).toBe(200);
      // Without the session the same link is refused.
      expect((await fetch(other)).status, kind).toBe(401);
    }
  });

  it('says the reports page in English', async () => {
    await page.goto(`${jalon.url}/en/reports?grant=PROSMED-CCSC&period=2023-Q2`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Reports');
    // The grant's own template when none is asked for.
    expect(await page.getByLabel('Template', { exact: true }).inputValue()).toBe('undp-quarterly');
    const href = await page.locator('a[data-download="xlsx"]').getAttribute('href');
    expect(href).toContain('lang=en');
    await page.screenshot({ path: `${artifacts}reports-en.png`, fullPage: true });
  });

  it('ran without errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
