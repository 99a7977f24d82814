import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  frenchPage,
  waitForHydration,
} from '../src/browser';

/**
 * Every role lands on a page it can read: the programme officer and UNDP's donor viewer open
 * Jalon on a dashboard of their own figures (not « Code : FORBIDDEN »), the programme officer's
 * early-warning page shows her register, and the donor is offered only the downloads the API
 * gives her, with the preview stating the period its status is judged on. Validators see what
 * awaits them: a count in the navigation and an « À valider » filter on the activities.
 */
describe.runIf(browserSuiteCanRun)('each role’s landing in Chromium', () => {
  const suite = chromiumSuite({ signInAs: demoAccounts.programmeOfficer });

  it('lands the programme officer on her programme’s figures, and her incident register', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/`);
    expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
    const main = page.locator('main');
    expect(await main.innerText()).not.toMatch(/FORBIDDEN|n’ont pas pu être chargées/);
    expect(await page.locator('[data-scope-note]').innerText()).toContain('Vos chiffres');
    expect(await page.locator('[data-figure="activities"]').innerText()).toMatch(
      /^\d+ activités?$/,
    );
    // The organisation's early warning is not hers to read: it is not shown, nor is it refused.
    expect(await page.locator('[data-figure="incidents"]').count()).toBe(0);
    await page.screenshot({ path: `${artifacts}landing-programme-officer.png`, fullPage: true });

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', {
        name: 'Alerte précoce',
      })
      .click();
    await page.waitForURL(/\/alerte-precoce/);
    expect(await main.innerText()).not.toMatch(/FORBIDDEN/);
    expect(await page.locator('[data-scope-note]').innerText()).toContain('registre');
  });

  it('lands the donor on her grant’s figures, with only the downloads she may have', async () => {
    const donor = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.donor);
    try {
      await donor.page.goto(`${suite.jalon.url}/`);
      expect(new URL(donor.page.url()).pathname).toBe('/tableau-de-bord');
      expect(await donor.page.locator('main').innerText()).not.toMatch(/FORBIDDEN/);
      expect(await donor.page.locator('[data-figure="activities"]').innerText()).toMatch(
        /^\d+ activités?$/,
      );

      await donor.page.goto(`${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`);
      await waitForHydration(donor.page);
      // Her grant's workbook and IATI file, not the organisation's bulletin (the API refuses it).
      expect(await donor.page.locator('a[data-download="xlsx"]').count()).toBe(1);
      expect(await donor.page.locator('a[data-download="bulletin-md"]').count()).toBe(0);
      expect(await donor.page.locator('a[data-download="bulletin-html"]').count()).toBe(0);
      const href = await donor.page.locator('a[data-download="xlsx"]').getAttribute('href');
      const res = await donor.page.context().request.get(new URL(href!, donor.page.url()).href);
      expect(res.status()).toBe(200);
      // The preview says which period its statuses judge: UNDP's fiscal year, as the workbook.
      expect(
        await donor.page.locator('[data-status-period]').getAttribute('data-status-period'),
      ).toBe('2023');
      expect(await donor.page.locator('[data-status-period]').innerText()).toContain('2023');
      await donor.page.screenshot({ path: `${artifacts}landing-donor.png`, fullPage: true });
      expect(donor.errors).toEqual([]);
    } finally {
      await donor.page.close();
    }
  });

  it('shows validators the approval queue: a count in the navigation and an « À valider » filter', async () => {
    // The programme officer submits an activity of hers (through the API, as the form does).
    const { page } = suite;
    const origin = { origin: suite.jalon.url };
    const api = page.context().request;
    const officerNav = page.getByRole('navigation', { name: 'Navigation principale' });
    await page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
    // She does not validate: no count for her.
    expect(await officerNav.innerText()).not.toContain('à valider');
    const first = page.locator('td[data-status]').first();
    expect(['Brouillon', 'Soumise', 'Validée']).toContain((await first.innerText()).trim());

    const manager = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.manager);
    try {
      await manager.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      const nav = manager.page.getByRole('navigation', { name: 'Navigation principale' });
      const before = (await nav.innerText()).match(/(\d+) à valider/)?.[1] ?? '0';
      // One more submission, by the officer.
      const created = await api.post(`${suite.jalon.url}/trpc/activity.create`, {
        headers: origin,
        data: await draftOf(manager.page),
      });
      expect(created.status()).toBe(200);
      const { activity } = (
        (await created.json()) as { result: { data: { activity: { id: string } } } }
      ).result.data;
      const submitted = await api.post(`${suite.jalon.url}/trpc/activity.submit`, {
        headers: origin,
        data: { id: activity.id, version: 1 },
      });
      expect(submitted.status()).toBe(200);

      await manager.page.goto(`${suite.jalon.url}/activites?period=2023-Q3`);
      expect(await nav.innerText()).toContain(`${Number(before) + 1} à valider`);
      await manager.page.getByLabel('Statut').selectOption('submitted');
      await manager.page.getByRole('button', { name: 'Afficher' }).click();
      await manager.page.waitForURL(/status=submitted/);
      const statuses = await manager.page.locator('td[data-status]').allInnerTexts();
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses.map((t) => t.trim()))).toEqual(new Set(['Soumise']));
      expect(await manager.page.locator('main').innerText()).toContain('Causerie de la file');
      await manager.page.screenshot({ path: `${artifacts}approval-queue.png`, fullPage: true });
      expect(manager.errors).toEqual([]);
    } finally {
      await manager.page.close();
    }
  });
});

/** A draft activity of the programme officer's programme (FPS), in Q3 2023. */
async function draftOf(page: Page) {
  const res = await page.context().request.get(`${new URL(page.url()).origin}/trpc/programme.list`);
  const programmes = (
    (await res.json()) as { result: { data: { items: { id: string; code: string }[] } } }
  ).result.data.items;
  return {
    programmeId: programmes.find((p) => p.code === 'FPS')?.id,
    title: 'Causerie de la file d’attente',
    type: 'awareness',
    startDate: '2023-08-10',
    endDate: '2023-08-10',
    grantIds: [],
    participants: { total: { value: 12, qualifier: 'exact' }, cells: [] },
  };
}
