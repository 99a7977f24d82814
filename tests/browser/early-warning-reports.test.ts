import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, waitForHydration } from '../src/browser';

/**
 * The early-warning and reports pages in a real browser, on the real server with the bulletin's
 * demo data: the NEWS programme's Q2 2023 incidents (116, 153 dead, 236 injured over three
 * months), the five donor templates, PROSMED's UNDP preview and its workbook download; the
 * register sorted by deaths and exported as sorted; an incident of a quarter locked by a submitted
 * report (CEDEAO-NEWS funds NEWS) refused deletion in words, and still there.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one. Without it the
 * suite fails in CI (or with JALON_REQUIRE_BROWSER) and is skipped, loudly, elsewhere.
 */
describe.runIf(browserSuiteCanRun)('the early-warning and reports pages in Chromium', () => {
  const suite = chromiumSuite();

  const figure = (name: string) => suite.page.locator(`[data-figure="${name}"]`);

  it('shows the incidents of Q2 2023: 116, 153 dead, 236 injured, over three months', async () => {
    await suite.page.goto(`${suite.jalon.url}/tableau-de-bord`);
    await suite.page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Alerte précoce' })
      .click();
    await suite.page.waitForURL(/\/alerte-precoce$/);
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Alerte précoce',
    );
    expect(await suite.page.getByLabel('Période').inputValue()).toBe('2023-Q2');

    expect(await figure('incidents').innerText()).toMatch(/^116\s+incidents majeurs$/);
    expect(await figure('deaths').innerText()).toMatch(/^153\s+morts$/);
    expect(await figure('injuries').innerText()).toMatch(/^236\s+blessés$/);

    // The month chart (SVG) and its data table: one row a month.
    const months = suite.page.locator('figure[data-chart="incidents-by-month"]');
    expect(await months.locator('svg').count()).toBe(1);
    expect(await months.locator('tbody tr').count()).toBe(3);
    expect(await months.innerText()).toMatch(/avril 2023[\s\S]*mai 2023[\s\S]*juin 2023/);

    const categories = suite.page.locator('table[data-table="categories"]');
    expect(await categories.innerText()).toContain('Criminalité organisée et extrémisme violent');
    expect(await categories.innerText()).toContain('Femmes, paix et sécurité');
    expect(await categories.locator('tfoot').innerText()).toMatch(/116\s+153\s+236/);

    // Only regions where something happened.
    const regions = suite.page.locator('table[data-table="regions"] tbody tr');
    expect(await regions.count()).toBeGreaterThan(0);
    for (const text of await regions.allInnerTexts()) expect(text).not.toMatch(/\s0\s+0\s+0$/);

    // The register: 116 incidents, 50 a page.
    expect(await suite.page.locator('[data-count]').getAttribute('data-count')).toBe('116');
    expect(await suite.page.locator('table[data-table="incidents"] tbody tr').count()).toBe(50);
    expect(await suite.page.getByRole('navigation', { name: 'Pages' }).innerText()).toContain(
      'Page 1 sur 3',
    );
    await suite.page.screenshot({ path: `${artifacts}early-warning-fr.png`, fullPage: true });
  });

  it('filters the register by category and pages through it', async () => {
    await suite.page.goto(`${suite.jalon.url}/alerte-precoce?period=2023-Q2`);
    await suite.page.getByLabel('Catégorie', { exact: true }).selectOption('women-peace-security');
    await suite.page.getByRole('button', { name: 'Afficher' }).click();
    await suite.page.waitForURL(/category=women-peace-security/);
    const rows = suite.page.locator('table[data-table="incidents"] tbody tr');
    await expect.poll(() => rows.first().innerText()).toContain('Femmes, paix et sécurité');
    for (const text of await rows.allInnerTexts())
      expect(text).toContain('Femmes, paix et sécurité');

    await suite.page.goto(`${suite.jalon.url}/alerte-precoce?period=2023-Q2&page=3`);
    expect(await suite.page.locator('table[data-table="incidents"] tbody tr').count()).toBe(16);
    expect(await suite.page.getByRole('link', { name: 'Page précédente' }).count()).toBe(1);
  });

  it('says it in English under /en/early-warning', async () => {
    await suite.page.goto(`${suite.jalon.url}/alerte-precoce`);
    await suite.page.getByRole('link', { name: 'English' }).click();
    await suite.page.waitForURL(/\/en\/early-warning/);
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Early warning');
    expect(await figure('deaths').innerText()).toMatch(/^153\s+deaths$/);
    expect(await suite.page.locator('table[data-table="categories"]').innerText()).toContain(
      'Organised crime and violent extremism',
    );
    await suite.page.screenshot({ path: `${artifacts}early-warning-en.png`, fullPage: true });
  });

  it('lists the five templates and previews PROSMED-CCSC on the UNDP template', async () => {
    await suite.page.goto(`${suite.jalon.url}/rapports`);
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapports');
    expect(await suite.page.locator('li[data-template]').count()).toBe(5);
    expect(await suite.page.getByLabel('Modèle', { exact: true }).locator('option').count()).toBe(
      5,
    );
    expect(await suite.page.getByRole('status').first().innerText()).toContain(
      'Choisissez une subvention',
    );

    await suite.page.getByLabel('Subvention', { exact: true }).selectOption('PROSMED-CCSC');
    await suite.page.getByLabel('Modèle', { exact: true }).selectOption('undp-quarterly');
    await suite.page.getByRole('button', { name: 'Voir l’aperçu' }).click();
    await suite.page.waitForURL(/grant=PROSMED-CCSC/);
    const preview = suite.page.locator('table[data-table="preview"]');
    await expect.poll(() => preview.count()).toBe(1);
    expect(await suite.page.getByRole('heading', { level: 2 }).first().textContent()).toContain(
      'PROSMED-CCSC',
    );
    const sessions = preview.locator('tr[data-indicator="CCSC-SESSIONS"]');
    expect(await sessions.locator('[data-cell="value"]').innerText()).toBe('13');
    expect(await sessions.locator('[data-cell="target"]').innerText()).toBe('12');
    // The year is judged to 30 June: the milestone to date, the whole year's target beside it.
    // (textContent: the headers are set in capitals by the style sheet, not in the words.)
    expect((await preview.locator('th[data-col="target"]').textContent())?.trim()).toBe(
      'Jalon à date',
    );
    expect((await preview.locator('th[data-col="whole-target"]').textContent())?.trim()).toBe(
      'Cible de toute la période (2023)',
    );
    // CCSC-SESSIONS is a running total: the whole year's target is Q4's, 24, beside the 12 of June.
    expect(await sessions.locator('[data-cell="whole-target"]').innerText()).toBe('24');
    expect(await suite.page.locator('[data-status-milestone]').innerText()).toContain(
      'jalon à date',
    );
    await suite.page.screenshot({ path: `${artifacts}reports-fr.png`, fullPage: true });
  });

  it('downloads a real workbook from the xlsx link', async () => {
    await suite.page.goto(
      `${suite.jalon.url}/rapports?grant=PROSMED-CCSC&template=undp-quarterly&period=2023-Q2`,
    );
    // Once the page runs, the link carries the reader's time zone for « Généré le ».
    await waitForHydration(suite.page);
    const link = suite.page.locator('a[data-download="xlsx"]');
    expect(await link.getAttribute('download')).not.toBeNull();
    const href = new URL((await link.getAttribute('href'))!, suite.page.url());
    expect(href.pathname).toBe('/api/reports/xlsx');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      grant: 'PROSMED-CCSC',
      period: '2023-Q2',
      template: 'undp-quarterly',
      lang: 'fr',
      tz: expect.any(String),
    });
    // Journey 4: the browser downloads the file (a real download, with the user's session), and
    // the workbook read back carries the quarter's figures.
    const [download] = await Promise.all([suite.page.waitForEvent('download'), link.click()]);
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
    // Both targets, each saying which it is.
    const headers = cells.flat();
    expect(headers).toContain('Cible annuelle');
    expect(headers).toContain('Jalon à date (30 juin)');
    expect(headers).toContain('Statut (par rapport au jalon)');
    await suite.page.screenshot({ path: `${artifacts}reports-download-fr.png`, fullPage: true });

    const request = suite.page.context().request;

    for (const kind of ['iati', 'bulletin-md']) {
      const other = new URL(
        (await suite.page.locator(`a[data-download="${kind}"]`).getAttribute('href'))!,
        suite.page.url(),
      );
      expect((await request.get(other.href)).status(), kind).toBe(200);
      // Without the session the same link is refused.
      expect((await fetch(other)).status, kind).toBe(401);
    }
  });

  it('says the reports page in English', async () => {
    await suite.page.goto(`${suite.jalon.url}/en/reports?grant=PROSMED-CCSC&period=2023-Q2`);
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Reports');
    // The grant's own template when none is asked for.
    expect(await suite.page.getByLabel('Template', { exact: true }).inputValue()).toBe(
      'undp-quarterly',
    );
    const href = await suite.page.locator('a[data-download="xlsx"]').getAttribute('href');
    expect(href).toContain('lang=en');
    await suite.page.screenshot({ path: `${artifacts}reports-en.png`, fullPage: true });
  });

  it('lists every data-quality remark the preview counts, each with its subject', async () => {
    await suite.page.goto(`${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`);
    const counted = await suite.page.locator('a[href="#data-quality"]').innerText();
    const n = Number(counted.match(/^(\d+) remarques?/)?.[1] ?? NaN);
    expect(n, counted).toBeGreaterThan(0);
    const listed = suite.page.locator('[data-quality] li');
    expect(await listed.count()).toBe(n);
    for (const text of await listed.allInnerTexts()) expect(text).toMatch(/\S — \S/);
  });

  // Last: it locks CEDEAO-NEWS's 2023-Q2 for the rest of the suite.
  it('sorts the register by deaths, exports it as sorted, and refuses to delete an incident of a locked quarter', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/alerte-precoce?period=2023-Q2`);
    await waitForHydration(page);
    await page.getByLabel('Trier par').selectOption('-deaths');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/sort=-deaths/);
    const rows = page.locator('table[data-table="incidents"] tbody tr');
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.getAttribute('data-incident')),
    );
    expect(shown.length).toBeGreaterThan(1);
    const href = await page.locator('[data-export="csv"]').first().getAttribute('href');
    const res = await page.context().request.get(new URL(href ?? '', page.url()).href);
    expect(res.status()).toBe(200);
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean)
      .slice(1)
      .map((l) => l.split(';'));
    // The register's 116 incidents, the page's first rows first, the deadliest first.
    expect(lines).toHaveLength(116);
    expect(lines.slice(0, shown.length).map((l) => l[0])).toEqual(shown);
    const deaths = lines.map((l) => Number(l[4]));
    expect(deaths.every((d) => Number.isInteger(d))).toBe(true);
    expect(deaths).toEqual([...deaths].sort((a, b) => b - a));

    // CEDEAO-NEWS's report for the quarter is submitted: its period is locked, incidents too.
    const submitted = await page.context().request.post(`${suite.jalon.url}/trpc/report.submit`, {
      headers: { origin: suite.jalon.url },
      data: { grant: 'CEDEAO-NEWS', period: '2023-Q2' },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);

    const code = shown[0] ?? '';
    // The router opens the incident in place (no new load): wait for its address.
    await page.locator(`a[data-edit="${code}"]`).click();
    await page.waitForURL(/\/alerte-precoce\/[0-9a-f-]{36}$/);
    await waitForHydration(page);
    const incident = page.url();
    await page.getByRole('checkbox', { name: 'Je confirme la suppression' }).check();
    await page.getByRole('button', { name: 'Supprimer l’incident' }).click();
    await page
      .getByText('La suppression a été refusée, rien n’a été supprimé')
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('body').innerText()).toContain(
      'La période 2023-Q2 de la subvention CEDEAO-NEWS est verrouillée',
    );
    // The refused form post is logged by the browser as a failed load: that one is expected.
    const logged = suite.pageErrors.splice(0);
    expect(logged.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    expect((await page.goto(incident))?.status()).toBe(200);
    await page.screenshot({ path: `${artifacts}incident-locked-delete.png`, fullPage: true });
  });
});
