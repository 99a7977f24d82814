import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  frenchPage,
  launchChromium,
  waitForHydration,
} from '../src/browser';
import { startJalon, type RunningJalon } from '../src/server';

/**
 * Recording an incident from the early-warning page, in a real browser on the real server with
 * the bulletin's demo data: a wrong number is refused in plain French with nothing lost, then
 * the incident counts in the quarter's totals and register.
 */

describe.runIf(browserSuiteCanRun)('incident entry in Chromium', () => {
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

  const figure = (name: string) => page.locator(`[data-figure="${name}"] .number`);
  const number = (text: string) => Number(text.replace(/\D/g, ''));
  const form = () => page.locator('details.incident-entry');

  it('refuses a number of dead that is not one, keeping what was typed', async () => {
    await page.goto(`${jalon.url}/alerte-precoce?period=2023-Q2`);
    await waitForHydration(page);
    expect(number(await figure('incidents').innerText())).toBe(116);
    await form().locator('summary').click();
    await page.getByLabel('Date de l’incident').fill('2023-05-02');
    await page.getByLabel('Domaine').selectOption('democracy-governance');
    await page.getByLabel('Morts').fill('trois');
    await page.getByLabel('Blessés').fill('5');
    await page.getByLabel('Lieu').selectOption({ label: 'Mopti' });
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await page.waitForLoadState();

    const summary = page.locator('[data-error-summary]');
    expect(await summary.innerText()).toContain(
      'Morts : « trois » n’est pas un nombre entier de personnes (0 si aucun).',
    );
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#incident-deaths');
    expect(await page.getByLabel('Morts').inputValue()).toBe('trois');
    expect(await page.getByLabel('Blessés').inputValue()).toBe('5');
    expect(await page.getByLabel('Date de l’incident').inputValue()).toBe('2023-05-02');
    expect(await page.getByLabel('Morts').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${artifacts}incident-entry-error.png`, fullPage: true });
  });

  it('records it: the quarter’s totals and register count it', async () => {
    await page.getByLabel('Morts').fill('2');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await page.waitForURL(/saved=/);
    const url = new URL(page.url());
    expect(url.searchParams.get('period')).toBe('2023-Q2');
    expect(await page.locator('[data-saved-incident]').innerText()).toContain('enregistré');
    expect(number(await figure('incidents').innerText())).toBe(117);
    expect(number(await figure('deaths').innerText())).toBe(155);
    expect(number(await figure('injuries').innerText())).toBe(241);
    expect(await page.locator('[data-count]').getAttribute('data-count')).toBe('117');
    await page.screenshot({ path: `${artifacts}incident-entry-saved.png`, fullPage: true });
  });

  it('ran without errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
