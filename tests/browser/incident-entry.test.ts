import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, waitForHydration } from '../src/browser';

/**
 * Recording an incident from the early-warning page, in a real browser on the real server with
 * the bulletin's demo data: a wrong number is refused in plain French with nothing lost, then
 * the incident counts in the quarter's totals and register.
 */

describe.runIf(browserSuiteCanRun)('incident entry in Chromium', () => {
  const suite = chromiumSuite();

  const figure = (name: string) => suite.page.locator(`[data-figure="${name}"] .number`);
  const number = (text: string) => Number(text.replace(/\D/g, ''));
  const form = () => suite.page.locator('details.incident-entry');

  /** The quarter's figures as the page shows them. */
  const figures = async () => ({
    incidents: number(await figure('incidents').innerText()),
    deaths: number(await figure('deaths').innerText()),
    injuries: number(await figure('injuries').innerText()),
  });

  /** Opens the early-warning page of Q2 2023 and fills the form, `deaths` as typed. */
  async function fillIncident(deaths: string) {
    await suite.page.goto(`${suite.jalon.url}/alerte-precoce?period=2023-Q2`);
    await waitForHydration(suite.page);
    const before = await figures();
    // Open unless a draft kept on the device (what an earlier refused save typed) opened it.
    if ((await form().getAttribute('open')) === null) await form().locator('summary').click();
    await suite.page.getByLabel('Date de l’incident').fill('2023-05-02');
    await suite.page.getByLabel('Domaine').selectOption('democracy-governance');
    await suite.page.getByLabel('Morts', { exact: true }).fill(deaths);
    await suite.page.getByLabel('Blessés', { exact: true }).fill('5');
    await suite.page.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Mopti' });
    return before;
  }

  it('refuses a number of dead that is not one, keeping what was typed', async () => {
    const before = await fillIncident('trois');
    await suite.page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await suite.page.waitForLoadState();

    const summary = suite.page.locator('[data-error-summary]');
    // Narrow no-break spaces (French typography) read as plain ones here.
    expect((await summary.innerText()).replace(/\u202f/g, ' ')).toContain(
      'Morts : « trois » n’est pas un nombre entier de personnes (0 si aucun).',
    );
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#incident-deaths');
    expect(await suite.page.getByLabel('Morts', { exact: true }).inputValue()).toBe('trois');
    expect(await suite.page.getByLabel('Blessés', { exact: true }).inputValue()).toBe('5');
    expect(await suite.page.getByLabel('Date de l’incident').inputValue()).toBe('2023-05-02');
    expect(await suite.page.getByLabel('Morts', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await figures()).toEqual(before);
    await suite.page.screenshot({ path: `${artifacts}incident-entry-error.png`, fullPage: true });
  });

  it('records it: the quarter’s totals and register count it', async () => {
    const before = await fillIncident('2');
    await suite.page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await suite.page.waitForURL(/saved=/);
    const url = new URL(suite.page.url());
    expect(url.searchParams.get('period')).toBe('2023-Q2');
    expect(await suite.page.locator('[data-saved-incident]').innerText()).toContain('enregistré');
    expect(await figures()).toEqual({
      incidents: before.incidents + 1,
      deaths: before.deaths + 2,
      injuries: before.injuries + 5,
    });
    expect(await suite.page.locator('[data-count]').getAttribute('data-count')).toBe(
      String(before.incidents + 1),
    );
    await suite.page.screenshot({ path: `${artifacts}incident-entry-saved.png`, fullPage: true });
  });
});
