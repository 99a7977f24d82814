import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, signIn } from '../src/browser';

/**
 * The dashboard, indicators, grants and institutional score pages in a real browser, on the real
 * server with the bulletin's demo data: the bulletin's Q2 2023 figures, PROSMED's indicators
 * against their targets, the WODI scorecard, in French and in English, and on a phone.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one. Without it the
 * suite fails in CI (or with JALON_REQUIRE_BROWSER) and is skipped, loudly, elsewhere.
 */

/** French puts a narrow no-break space before `%` (the domain's `formatPercent`). */
const NNBSP = '\u202f';

describe.runIf(browserSuiteCanRun)(
  'the dashboard, indicators, grants and scorecard in Chromium',
  () => {
    const suite = chromiumSuite();

    const figure = (name: string) => suite.page.locator(`[data-figure="${name}"]`);
    const programmeRow = (code: string) => suite.page.locator(`tr[data-programme="${code}"]`);
    const indicatorRow = (code: string) =>
      suite.page.locator(`tr[data-indicator="${code}"]`).first();

    it('opens on the dashboard with the bulletin’s figures for Q2 2023, in French', async () => {
      await suite.page.goto(`${suite.jalon.url}/`);
      expect(new URL(suite.page.url()).pathname).toBe('/tableau-de-bord');
      await expect.poll(() => suite.page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Tableau de bord',
      );
      expect(await suite.page.getByLabel('Période').inputValue()).toBe('2023-Q2');
      expect(await suite.page.title()).toContain('2e trimestre 2023');

      expect(await figure('incidents').innerText()).toBe('116 incidents majeurs');
      expect(await figure('deaths').innerText()).toBe('153 morts');
      expect(await figure('injuries').innerText()).toBe('236 blessés');
      expect(await figure('activities').innerText()).toBe('20 activités');
      const reports = suite.page.getByRole('article').filter({ hasText: 'Rapports produits' });
      expect(await reports.innerText()).toContain('12 rapports hebdomadaires');
      expect(await reports.innerText()).toContain('3 bulletins mensuels');

      // Participants as counted: a lower bound stays one, and its known parts are kept.
      const ccsc = programmeRow('CCS-C');
      // The Forum de Bamako panel counted nobody: at least 325, and it says why.
      expect(await ccsc.locator('td[data-label="Participants"]').innerText()).toBe(
        'au moins 325 (1 activité sans décompte)',
      );
      expect(await ccsc.locator('td[data-label="Femmes"]').innerText()).toContain('78');
      expect(await ccsc.locator('td[data-label="Jeunes"]').innerText()).toContain('117');
      expect(await ccsc.locator('td[data-label="Sessions"]').innerText()).toBe('14');

      // Activities nobody counted leave every figure open above: a minimum, never an interval
      // closed by guessing, with how many activities were not counted.
      expect(await figure('women').innerText()).toBe('au moins 179 femmes');
      expect(await figure('uncounted').innerText()).toBe('(13 activités sans décompte)');
      expect(await figure('participants').innerText()).toMatch(
        /^au moins environ \d+ participants$/,
      );
      const fps = programmeRow('FPS');
      expect(await fps.locator('td[data-label="Femmes"]').innerText()).toBe(
        'au moins 97 (2 activités sans décompte)',
      );
      expect(await fps.locator('td[data-label="Participants"]').innerText()).toBe(
        'au moins environ 215 (2 activités sans décompte)',
      );
      // Nothing counted is said so, not printed as zero.
      expect(
        await programmeRow('NEWS').locator('td[data-label="Participants"]').textContent(),
      ).toContain('Non renseigné');

      await suite.page.screenshot({ path: `${artifacts}dashboard-fr.png`, fullPage: true });
    });

    it('leads from a programme’s figures to its activities', async () => {
      await suite.page.goto(`${suite.jalon.url}/tableau-de-bord`);
      const link = programmeRow('CCS-C').getByRole('link');
      const href = new URL((await link.getAttribute('href'))!, suite.jalon.url);
      expect(href.pathname).toBe('/activites');
      expect(Object.fromEntries(href.searchParams)).toEqual({
        period: '2023-Q2',
        programme: 'CCS-C',
      });
      await link.click();
      await suite.page.waitForURL(/\/activites\?/);
      await expect
        .poll(() => suite.page.getByRole('table').locator('caption').textContent())
        .toContain('Renforcement de capacité');
      expect(
        await suite.page.getByRole('row').filter({ hasText: 'Comités consultatifs' }).innerText(),
      ).toContain('plus de 325 participants dont 78 femmes et 117 jeunes');
    });

    it('shows PROSMED’s indicators against their targets, with statuses in words', async () => {
      await suite.page.goto(`${suite.jalon.url}/tableau-de-bord`);
      await suite.page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Indicateurs' })
        .click();
      await suite.page.waitForURL(/\/indicateurs$/);
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Indicateurs');

      const sessions = indicatorRow('CCSC-SESSIONS');
      expect(await sessions.locator('[data-cell="value"]').innerText()).toBe('13');
      expect(await sessions.locator('[data-cell="target"]').innerText()).toBe('12');
      expect(await sessions.locator('[data-cell="achievement"]').innerText()).toBe(`108${NNBSP}%`);
      expect(await sessions.locator('[data-status]').getAttribute('data-status')).toBe('on-track');
      expect(await sessions.locator('[data-cell="status"]').innerText()).toContain('En bonne voie');

      const women = indicatorRow('CCSC-FEMMES');
      expect(await women.locator('[data-cell="status"]').innerText()).toContain('À surveiller');
      expect(await indicatorRow('CCSC-MEMBRES').locator('[data-cell="value"]').innerText()).toBe(
        'plus de 325',
      );
      // No target this quarter: said, not a 0 % achievement.
      expect(await indicatorRow('CCSC-PART-FEMMES').innerText()).toContain(
        'Pas de cible pour cette période',
      );

      // The breakdown: recorded cells, and bounds for the cells never recorded.
      const breakdown = suite.page.locator('table[data-breakdown="CCSC-MEMBRES"]');
      expect(
        await breakdown.getByRole('row').filter({ hasText: 'Hommes · Jeunes' }).innerText(),
      ).toContain('entre 39 et 117');
      const womenRow = breakdown
        .getByRole('row')
        .filter({ has: suite.page.getByRole('rowheader', { name: 'Femmes', exact: true }) });
      expect(await womenRow.innerText()).toContain('78');
      expect(await suite.page.locator('main').innerText()).toContain(
        `par tranche d’âge${NNBSP}: 117 ventilés`,
      );

      await suite.page.screenshot({ path: `${artifacts}indicators-fr.png`, fullPage: true });
    });

    it('recomputes the indicators for another period', async () => {
      await suite.page.goto(`${suite.jalon.url}/indicateurs`);
      await suite.page.getByLabel('Période').selectOption('2023');
      await suite.page.getByRole('button', { name: 'Afficher' }).click();
      await suite.page.waitForURL(/period=2023(&|$)/);
      await expect
        .poll(() => indicatorRow('CCSC-SESSIONS').locator('[data-cell="target"]').innerText())
        .toBe('24');
      expect(
        await indicatorRow('CCSC-SESSIONS').locator('[data-status]').getAttribute('data-status'),
      ).toBe('watch');
    });

    it('shows a grant’s results framework as a tree, with its indicators under each result', async () => {
      await suite.page.goto(`${suite.jalon.url}/subventions`);
      await suite.page
        .getByRole('link', { name: /Comités consultatifs de sécurité communaux/ })
        .click();
      await suite.page.waitForURL(/\/subventions\/[0-9a-f-]{36}$/);
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toContain(
        'PROSMED',
      );
      const main = suite.page.locator('main');
      expect(await main.innerText()).toContain('150\u202f000\u202f000 XOF');
      const output = suite.page.locator('li[data-node="P1.1"]');
      // impact → outcome → output
      expect(
        await suite.page
          .locator('li[data-node="I"] li[data-node="O1"] li[data-node="P1.1"]')
          .count(),
      ).toBe(1);
      expect(await output.locator('tr[data-indicator="CCSC-SESSIONS"]').innerText()).toContain(
        'En bonne voie',
      );
      await suite.page.screenshot({ path: `${artifacts}grant-fr.png`, fullPage: true });

      // A grant that does not exist is a 404 page that says so (on its own tab: Chromium logs
      // every 404 as a console error, which the last test counts).
      const other = await suite.browser.newPage({ locale: 'fr-FR' });
      await signIn(other, suite.jalon.url);
      try {
        const response = await other.goto(
          `${suite.jalon.url}/subventions/00000000-0000-4000-8000-000000000000`,
        );
        expect(response?.status()).toBe(404);
        expect(await other.locator('main').innerText()).toContain('Cette subvention n’existe pas');
      } finally {
        await other.close();
      }
    });

    it('shows the institutional score: 86,85 %, third among peers', async () => {
      await suite.page.goto(`${suite.jalon.url}/score-institutionnel`);
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Score institutionnel',
      );
      expect(await suite.page.locator('[data-stat="index"]').innerText()).toContain(
        `86,85${NNBSP}%`,
      );
      expect(await suite.page.locator('[data-stat="rank"]').innerText()).toContain('3e sur 7');
      expect(await suite.page.locator('[data-stat="change"]').innerText()).toContain(
        '+7,65 points',
      );
      const mali = suite.page.locator('tr[data-organisation="WANEP-ML"]');
      expect(await mali.getAttribute('aria-current')).toBe('true');
      expect(await mali.innerText()).toMatch(/3e\s+WANEP-Mali/);
      // The scorecard's figures (its bars and the charts beside them): one names the domains.
      expect(
        await suite.page.getByRole('figure').filter({ hasText: 'Gouvernance' }).count(),
      ).toBeGreaterThan(0);
      expect(await suite.page.locator('main').innerText()).toContain('Plan stratégique adopté');
      await suite.page.screenshot({ path: `${artifacts}scorecard-fr.png`, fullPage: true });

      await suite.page.goto(`${suite.jalon.url}/score-institutionnel?cycle=2019`);
      expect(await suite.page.getByRole('status').first().innerText()).toContain(
        'Aucune évaluation pour le cycle 2019',
      );
    });

    it('says it in English', async () => {
      await suite.page.goto(`${suite.jalon.url}/score-institutionnel`);
      await suite.page.getByRole('link', { name: 'English' }).click();
      await suite.page.waitForURL(/\/en\/institutional-score/);
      await expect.poll(() => suite.page.locator('html').getAttribute('lang')).toBe('en');
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Institutional score',
      );
      expect(await suite.page.locator('[data-stat="index"]').innerText()).toContain('86.85%');
      expect(await suite.page.locator('[data-stat="rank"]').innerText()).toContain('3rd of 7');
      expect(await suite.page.locator('main').innerText()).toContain('Adopted strategic plan');
      await suite.page.screenshot({ path: `${artifacts}scorecard-en.png`, fullPage: true });

      await suite.page.getByRole('link', { name: 'Dashboard' }).click();
      await suite.page.waitForURL(/\/en\/dashboard$/);
      expect(await suite.page.getByRole('heading', { level: 2 }).first().textContent()).toBe(
        'Key figures — Q2 2023',
      );
      expect(await figure('incidents').innerText()).toBe('116 major incidents');
      expect(await figure('deaths').innerText()).toBe('153 deaths');
      expect(await programmeRow('CCS-C').locator('td[data-label="Participants"]').innerText()).toBe(
        'at least 325 (1 activity not counted)',
      );
      expect(await suite.page.locator('main').innerText()).toContain('12 weekly reports');
      await suite.page.screenshot({ path: `${artifacts}dashboard-en.png`, fullPage: true });

      await suite.page.getByRole('link', { name: 'Indicators' }).click();
      await suite.page.waitForURL(/\/en\/indicators$/);
      expect(
        await indicatorRow('CCSC-SESSIONS').locator('[data-cell="status"]').innerText(),
      ).toContain('On track');
      expect(
        await indicatorRow('CCSC-SESSIONS').locator('[data-cell="achievement"]').innerText(),
      ).toBe('108%');
    });

    it('fits a phone', async () => {
      const phone = await suite.browser.newPage({
        viewport: { width: 390, height: 844 },
        locale: 'fr-FR',
        isMobile: true,
      });
      phone.on('pageerror', (error) => suite.pageErrors.push(error.message));
      await signIn(phone, suite.jalon.url);
      try {
        for (const [path, name] of [
          ['/tableau-de-bord', 'dashboard-phone'],
          ['/indicateurs', 'indicators-phone'],
        ] as const) {
          await phone.goto(`${suite.jalon.url}${path}`);
          // No sideways scrolling of the page itself (wide tables scroll inside their frame).
          // (A string, evaluated in the page: this package does not type the DOM.)
          const overflow = await phone.evaluate<number>(
            'document.documentElement.scrollWidth - window.innerWidth',
          );
          expect(overflow, path).toBeLessThanOrEqual(0);
          await phone.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
        }
      } finally {
        await phone.close();
      }
    });
  },
);
