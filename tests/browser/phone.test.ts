import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  phoneContext,
  signedInPhone,
} from '../src/browser';
import { detailPages, pages } from '../src/pages';

/**
 * Jalon on a phone, in a real browser on the real server with the bulletin's demo data: no page
 * scrolls sideways at 390 px (an iPhone) nor at 360 px (a small Android), for any role, and the
 * phone menu is a button that opens the modules.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

/** The document's sideways overflow, and the widest elements that stick out (for the message). */
const overflowScript = `(() => {
  const width = document.documentElement.clientWidth;
  const over = document.documentElement.scrollWidth - width;
  const culprits = [];
  if (over > 0) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        const pr = el.parentElement ? el.parentElement.getBoundingClientRect() : null;
        const scrolled = pr !== null && pr.right > width + 1;
        if (!scrolled) culprits.push(el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).filter((c) => !c.startsWith('svelte-')).join('.') : '') + (el.closest('[class]') ? ' in ' + (el.parentElement?.className || '') : '') + ' +' + Math.round(r.right - width));
      }
    }
  }
  return { over, culprits: culprits.slice(0, 6) };
})()`;

/**
 * The controls a finger must hit that are smaller than 44 × 44 px, among `selector`: buttons,
 * fields, links, a folded section's summary; a check box counts by its label. Links inside
 * running text are not targets of their own (WCAG 2.5.5's inline exception).
 */
const smallTargets = (selector: string) => `(() => {
  const small = [];
  for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
    if (el.matches('a') && el.closest('p')) continue;
    const target = el.matches('input[type="checkbox"], input[type="radio"]') ? el.closest('label') ?? el : el;
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden')) continue;
    if (r.height < 44 || r.width < 44)
      small.push((el.getAttribute('name') || el.getAttribute('aria-label') || el.textContent || el.tagName).trim().replace(/\\s+/g, ' ').slice(0, 40) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
  }
  return small.slice(0, 12);
})()`;

/** On a list, its export links and correction links; on a correction page, every control. */
const listTargets = 'main [data-export], main [data-edit]';
const formTargets =
  'main button, main select, main textarea, main input:not([type="hidden"]), main summary, main a[href]';

async function phone(browser: Browser, baseUrl: string, email: string | null) {
  const context = email
    ? await signedInPhone(browser, baseUrl, email)
    : await phoneContext(browser);
  return { context, page: await context.newPage() };
}

describe.runIf(browserSuiteCanRun)('Jalon on a phone in Chromium', () => {
  const suite = chromiumSuite({ signInAs: null });

  it.each([
    ['the M&E officer', demoAccounts.meOfficer],
    ['the network admin', demoAccounts.admin],
    ['the programme officer', demoAccounts.programmeOfficer],
    ['the manager', demoAccounts.manager],
    ['the donor viewer', demoAccounts.donor],
    ['nobody signed in', null],
  ] as const)(
    'no page scrolls sideways at 390 px and 360 px for %s',
    async (_who, email) => {
      const { context, page } = await phone(suite.browser, suite.jalon.url, email);
      try {
        const paths = email
          ? [...pages, ...(await detailPages(page, suite.jalon.url))]
          : ['/connexion', '/en/sign-in'];
        const found: Record<string, unknown> = {};
        for (const path of paths) {
          for (const width of [390, 360]) {
            await page.setViewportSize({ width, height: 800 });
            if (width === 390) await page.goto(`${suite.jalon.url}${path}`);
            const { over, culprits } = await page.evaluate<{ over: number; culprits: string[] }>(
              overflowScript,
            );
            if (over > 0) found[`${path} at ${width} px`] = { over, culprits };
          }
        }
        expect(paths.length).toBeGreaterThan(1);
        expect(found).toEqual({});
      } finally {
        await context.close();
      }
    },
    // Every page of the role at two widths: some thirty page loads, slower on a busy machine.
    180_000,
  );

  it('export bars and correction pages: no sideways scroll and 44 px touch targets at 390 and 360 px', async () => {
    const { context, page } = await phone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      const paths = [
        '/activites?period=2023-Q2',
        '/alerte-precoce?period=2023-Q2',
        '/tableau-croise?period=2023-Q2',
        ...(await detailPages(page, suite.jalon.url)).filter((path) =>
          /^\/(activites\/[0-9a-f-]{36}\/(modifier|supprimer)|alerte-precoce\/[0-9a-f-]{36})$/.test(
            path,
          ),
        ),
      ];
      expect(paths.filter((path) => path.startsWith('/alerte-precoce/'))).toHaveLength(1);
      expect(paths.filter((path) => path.endsWith('/supprimer'))).toHaveLength(1);
      const found: Record<string, unknown> = {};
      for (const path of paths) {
        await page.goto(`${suite.jalon.url}${path}`);
        await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
        for (const width of [390, 360]) {
          await page.setViewportSize({ width, height: 800 });
          const { over, culprits } = await page.evaluate<{ over: number; culprits: string[] }>(
            overflowScript,
          );
          if (over > 0) found[`${path} at ${width} px: sideways`] = { over, culprits };
          const targets = path.includes('?') ? listTargets : formTargets;
          const small = await page.evaluate<string[]>(smallTargets(targets));
          if (small.length > 0) found[`${path} at ${width} px: small targets`] = small;
        }
      }
      expect(found).toEqual({});
      await page.goto(`${suite.jalon.url}${paths.find((p) => p.startsWith('/alerte-precoce/'))}`);
      await page.screenshot({
        path: `${artifacts}phone-incident-correction-360.png`,
        fullPage: true,
      });
    } finally {
      await context.close();
    }
  });

  it('the indicator builder with its preview computed: no sideways scroll at 390 and 360 px', async () => {
    const { context, page } = await phone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      await page.goto(`${suite.jalon.url}/parametres/indicateurs`);
      await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
      const form = page.locator('#formulaire');
      await form.getByLabel('Code', { exact: true }).fill('PHONE-APERCU');
      await form.getByLabel('Intitulé', { exact: true }).fill('Participants du trimestre');
      await form.getByLabel('Source', { exact: true }).selectOption({ label: 'Participation' });
      await form.getByLabel('Participants comptés').selectOption('participations');
      await form.getByLabel('Période de l’aperçu').fill('2023-Q2');
      await form.getByRole('button', { name: 'Calculer l’aperçu' }).click();
      await form.locator('[data-preview-value]').waitFor();
      const found: Record<string, unknown> = {};
      for (const width of [390, 360]) {
        await page.setViewportSize({ width, height: 800 });
        const { over, culprits } = await page.evaluate<{ over: number; culprits: string[] }>(
          overflowScript,
        );
        if (over > 0) found[`preview at ${width} px`] = { over, culprits };
      }
      expect(found).toEqual({});
    } finally {
      await context.close();
    }
  });

  it('turns the participant grid into one column on a phone: total, each dimension, the cells', async () => {
    const { context, page } = await phone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      await page.goto(`${suite.jalon.url}/activites/nouvelle`);
      await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
      const order = [
        'Participants au total',
        'Femmes',
        'Hommes',
        'Enfants (moins de 18 ans)',
        'Jeunes (18–35 ans)',
        'Adultes (plus de 35 ans)',
        'Femmes — Enfants (moins de 18 ans)',
        'Femmes — Jeunes (18–35 ans)',
      ];
      const boxes = [];
      for (const label of order) {
        const box = await page.getByLabel(label, { exact: true }).boundingBox();
        expect(box, label).not.toBeNull();
        if (box) boxes.push(box);
      }
      // One below the other, in that order, all in one column, each a finger's height.
      for (let i = 1; i < boxes.length; i++) {
        expect(boxes[i]!.y, order[i]).toBeGreaterThan(boxes[i - 1]!.y);
        expect(Math.abs(boxes[i]!.x - boxes[0]!.x), order[i]).toBeLessThan(2);
        expect(boxes[i]!.height).toBeGreaterThanOrEqual(44);
      }
      // The bounds show beside the box they concern.
      await page.getByLabel('Participants au total', { exact: true }).fill('40');
      await page.getByLabel('Femmes', { exact: true }).fill('18');
      await page.getByLabel('Jeunes (18–35 ans)', { exact: true }).fill('25');
      const youngWomen = page.locator('td').filter({
        has: page.getByLabel('Femmes — Jeunes (18–35 ans)', { exact: true }),
      });
      await expect.poll(() => youngWomen.innerText()).toContain('entre 3 et 18');
      await page.screenshot({ path: `${artifacts}phone-activity-entry.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('opens the modules from a menu button on a phone', async () => {
    const { context, page } = await phone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      await page.goto(`${suite.jalon.url}/tableau-de-bord`);
      await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      const activities = page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', {
          name: 'Activités',
        });
      expect(await activities.isVisible()).toBe(false);
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await activities.isVisible()).toBe(true);
      // A touch target a finger can hit.
      const box = await activities.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await activities.click();
      await page.waitForURL(/\/activites$/);
      // The menu closes once a module is chosen.
      expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe(
        'false',
      );
      // On a desktop the modules are always shown and there is no menu button.
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
      expect(await activities.isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
