import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuiteCanRun, chromiumSuite, demoAccounts, signIn } from '../src/browser';
import { detailPages, pages } from '../src/pages';

/**
 * axe-core (from node_modules, injected with playwright-core's addScriptTag, nothing downloaded)
 * on every page, for each role, at 1366 px and at 390 px: no serious or critical violation of
 * WCAG 2.1 A/AA or axe's best practices. The context bypasses the pages' CSP only so that the
 * injected script may run; the pages themselves are as served.
 */
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function audit(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"')))
    await page.addScriptTag({ path: axePath });
  const result = await page.evaluate<{ violations: Violation[] }>(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const viewports = [
  { name: '1366 px', viewport: { width: 1366, height: 900 }, isMobile: false },
  { name: '390 px', viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

describe.runIf(browserSuiteCanRun)('accessibility (axe-core) in Chromium', () => {
  const suite = chromiumSuite({ signInAs: null });

  it.each([
    ['the M&E officer', demoAccounts.meOfficer],
    ['the network admin', demoAccounts.admin],
    ['the programme officer', demoAccounts.programmeOfficer],
    ['the manager', demoAccounts.manager],
    ['the donor viewer', demoAccounts.donor],
    ['nobody signed in', null],
  ] as const)(
    'no serious or critical violation on any page for %s, at 1366 px and 390 px',
    async (_who, email) => {
      const found: Record<string, string[]> = {};
      let audited = 0;
      for (const { name, viewport, isMobile } of viewports) {
        const context = await suite.browser.newContext({
          viewport,
          isMobile,
          hasTouch: isMobile,
          locale: 'fr-FR',
          bypassCSP: true,
        });
        try {
          const page = await context.newPage();
          if (email) await signIn(page, suite.jalon.url, email);
          const paths = email
            ? [...pages, ...(await detailPages(page, suite.jalon.url))]
            : ['/connexion', '/en/sign-in'];
          for (const path of paths) {
            await page.goto(`${suite.jalon.url}${path}`);
            await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
            for (const v of await audit(page)) {
              found[`${path} at ${name}: ${v.id} (${v.impact})`] = v.nodes
                .slice(0, 4)
                .map(
                  (n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n')[1] ?? ''}`,
                );
            }
            audited++;
          }
        } finally {
          await context.close();
        }
      }
      console.info(
        `axe-core: ${audited} page views audited, ${Object.keys(found).length} serious or critical`,
      );
      expect(audited).toBeGreaterThan(2);
      expect(found).toEqual({});
    },
    // Every page of the role at two widths, each audited: some eighty page views, slow on a busy machine.
    600_000,
  );

  it('no serious or critical violation in the field states: offline, the outbox, places chosen', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'fr-FR',
      bypassCSP: true,
    });
    try {
      const page = await context.newPage();
      await signIn(page, suite.jalon.url, demoAccounts.meOfficer);
      await page.goto(`${suite.jalon.url}/activites/nouvelle`);
      await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
      await page.addScriptTag({ path: axePath });
      await context.setOffline(true);
      await page.getByLabel('Intitulé de l’activité').fill('Axe : causerie à Gao');
      await page.getByLabel('Type d’activité').selectOption('training');
      await page.getByLabel('Programme', { exact: true }).selectOption({ index: 1 });
      await page.getByLabel('Date de début').fill('2024-02-10');
      await page.getByLabel('Participants au total', { exact: true }).fill('9');
      await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
      await page.locator('[data-outbox-count]').waitFor();
      await page.locator('[data-offline]').waitFor();
      const search = page.getByRole('searchbox', { name: 'Chercher un lieu' });
      await search.fill('gao');
      await search.press('Enter');
      await search.fill('seg');
      expect(await audit(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('no serious or critical violation in the set-up states: the builder preview, an attendance draft put back', async () => {
    for (const { name, viewport, isMobile } of viewports) {
      const context = await suite.browser.newContext({
        viewport,
        isMobile,
        hasTouch: isMobile,
        locale: 'fr-FR',
        bypassCSP: true,
      });
      try {
        const page = await context.newPage();
        await signIn(page, suite.jalon.url, demoAccounts.meOfficer);
        await page.goto(`${suite.jalon.url}/parametres/indicateurs`);
        await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
        const form = page.locator('#formulaire');
        await form.getByLabel('Code', { exact: true }).fill('AXE-APERCU');
        await form.getByLabel('Intitulé', { exact: true }).fill('Participants du trimestre');
        await form.getByLabel('Source', { exact: true }).selectOption({ label: 'Participation' });
        await form.getByLabel('Participants comptés').selectOption('participations');
        await form.getByLabel('Période de l’aperçu').fill('2023-Q2');
        await form.getByRole('button', { name: 'Calculer l’aperçu' }).click();
        await form.locator('[data-preview-value]').waitFor();
        expect(await audit(page), `builder preview at ${name}`).toEqual([]);

        // A list of named participants typed, not sent, put back on the next visit.
        await page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
        const href = await page
          .getByRole('link', { name: 'Voir la fiche' })
          .first()
          .getAttribute('href');
        await page.goto(`${suite.jalon.url}${href}`);
        await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
        const code = page.getByLabel(/^Code ou pseudonyme, ligne \d+$/).last();
        await code.fill('AXE-001');
        await page.reload();
        await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
        await page.locator('[data-attendance-draft]').waitFor();
        expect(await audit(page), `attendance draft at ${name}`).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 240_000);
});
