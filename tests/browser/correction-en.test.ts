import type { BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  recordActivity,
  signedInPhone,
  waitForHydration,
} from '../src/browser';

/**
 * The correction path in English, on a phone (390 px), against the real server: an activity's
 * and an incident's correction pages live under English addresses (`/en/activities/<id>/edit`,
 * `/en/early-warning/<id>`), every link of the path stays in English, the conflict box and the
 * outbox speak English, and a correction queued offline goes back to the English page's action.
 * A French officer at the office saves first, to make the conflicts.
 */
describe.runIf(browserSuiteCanRun)('the correction path in English, in Chromium', () => {
  const suite = chromiumSuite();
  let sql: postgres.Sql;
  let context: BrowserContext;
  const TITLE = 'Correction in English: Kayes workshop';

  beforeAll(async () => {
    sql = postgres(suite.jalon.databaseUrl, { max: 1, onnotice: () => {} });
    context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer, 'en-GB');
  });
  afterAll(async () => {
    await context?.close();
    await sql?.end();
  });

  async function open(path: string): Promise<Page> {
    await context.setOffline(false);
    const page = await context.newPage();
    page.on('pageerror', (error) => suite.pageErrors.push(error.message));
    await page.goto(`${suite.jalon.url}${path}`);
    await waitForHydration(page);
    return page;
  }

  /** No French word of the correction path on an English page (a label, a button, a message). */
  async function expectEnglish(page: Page) {
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const text = await page.locator('main').innerText();
    for (const french of [
      'Enregistrer',
      'Modifier',
      'Ma version',
      'Quelqu’un',
      'Garder',
      'en attente',
      'Retour',
      'Intitulé',
      'Nombre de',
      'Morts',
      'Blessés',
    ])
      expect(text, `« ${french} » on an English page`).not.toContain(french);
  }

  const activityRow = async (id: string) => {
    const [row] = await sql<{ title: string; sessions: number; version: number }[]>`
      select title, sessions, version from activity where id = ${id}`;
    return row;
  };

  it('an activity: English addresses, an English conflict box, an English outbox', async () => {
    const id = (await recordActivity(suite.page, suite.jalon.url, TITLE)).split('/').pop()!;

    // The activity's page links to its English edit and delete pages.
    const detail = await open(`/en/activities/${id}`);
    const edit = detail.getByRole('link', { name: 'Edit the activity' });
    expect(await edit.getAttribute('href')).toBe(`/en/activities/${id}/edit`);
    expect(await detail.getByRole('link', { name: 'Delete…' }).getAttribute('href')).toBe(
      `/en/activities/${id}/delete`,
    );
    await edit.click();
    await detail.waitForURL((url) => url.pathname === `/en/activities/${id}/edit`);
    await waitForHydration(detail);
    expect(await detail.getByRole('heading', { level: 1 }).innerText()).toBe('Edit the activity');
    expect(
      await detail.getByRole('link', { name: '← Back to the activity' }).getAttribute('href'),
    ).toBe(`/en/activities/${id}`);
    await expectEnglish(detail);

    // The office saves first (in French); the phone's save is refused and compared, in English.
    const a = suite.page;
    await a.goto(`${suite.jalon.url}/activites/${id}/modifier`);
    await waitForHydration(a);
    await a.getByLabel('Intitulé de l’activité').fill(`${TITLE} (office)`);
    await a.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await a.waitForURL(/\?saved=1/);

    await detail.getByLabel('Number of sessions').fill('3');
    await detail.getByRole('button', { name: 'Save the changes' }).click();
    const conflict = detail.locator('[data-conflict]');
    await conflict.waitFor();
    expect(await conflict.getByRole('heading').innerText()).toBe(
      'Someone saved this activity in the meantime',
    );
    expect(await conflict.locator('thead').innerText()).toMatch(/Field\s+My version\s+Server's/);
    expect(await conflict.locator('[data-conflict-field="title"] th').innerText()).not.toContain(
      'Intitulé',
    );
    await expectEnglish(detail);
    await detail.screenshot({ path: `${artifacts}correction-en-conflict.png`, fullPage: true });
    await conflict.getByRole('button', { name: 'Keep my version' }).click();
    await detail.waitForURL(
      (url) => url.pathname === `/en/activities/${id}` && url.searchParams.has('saved'),
    );
    expect(await activityRow(id)).toEqual({ title: TITLE, sessions: 3, version: 3 });

    // Offline: the correction waits in the outbox, said in English, posted to the English page.
    const page = await open(`/en/activities/${id}/edit`);
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await context.setOffline(true);
    await page.getByLabel('Number of sessions').fill('5');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await expect
      .poll(() => page.locator('[data-notice]').innerText())
      .toContain('waiting to be sent');
    const panel = page.locator('[data-outbox-entry="pending"]');
    await expect.poll(() => panel.count()).toBe(1);
    expect(await panel.innerText()).toContain('Activity correction');
    const actions = await page.evaluate<string[]>(`new Promise((resolve) => {
      const open = indexedDB.open('jalon-outbox');
      open.onsuccess = () => {
        const request = open.result.transaction('entries').objectStore('entries').getAll();
        request.onsuccess = () => { open.result.close(); resolve(request.result.map((e) => e.action + ' ' + e.editHref)); };
      };
    })`);
    expect(actions).toEqual([`/en/activities/${id}/edit /en/activities/${id}/edit`]);
    await expectEnglish(page);

    await context.setOffline(false);
    await expect
      .poll(() => activityRow(id), { timeout: 20_000 })
      .toEqual({ title: TITLE, sessions: 5, version: 4 });
    await expect.poll(() => page.locator('#outbox-status').innerText()).toContain('sent');
    await page.close();
    await detail.close();
  }, 240_000);

  it('an incident: corrected from the English register, compared in English', async () => {
    const description = 'Correction in English: Gao incident';
    const page = await open('/en/early-warning');
    const details = page.locator('details.incident-entry');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const form = page.locator('form').filter({ has: page.getByLabel('Date of the incident') });
    await form.getByLabel('Date of the incident').fill('2024-03-05');
    await form.getByLabel('Domain').selectOption('democracy-governance');
    await form.getByLabel('Place', { exact: true }).selectOption({ label: 'Gao' });
    await form.getByLabel('Dead', { exact: true }).fill('5');
    await form.getByLabel('Description (optional)').fill(description);
    await page.getByRole('button', { name: 'Save the incident' }).click();
    await page.waitForURL(/saved=/);
    expect(new URL(page.url()).pathname).toBe('/en/early-warning');
    const [row] = await sql<
      { id: string }[]
    >`select id from incident where description = ${description}`;
    const id = row!.id;

    // The register's « Correct » link is the English address of the incident's page.
    await page.goto(`${suite.jalon.url}/en/early-warning?period=2024-Q1#register`);
    const link = page.locator(`a[href$="${id}"]`).first();
    expect(await link.getAttribute('href')).toBe(`/en/early-warning/${id}`);

    const b = await open(`/en/early-warning/${id}`);
    expect(await b.getByRole('heading', { level: 1 }).innerText()).toBe('Correct an incident');
    expect(await b.getByRole('link', { name: '← Incident register' }).getAttribute('href')).toBe(
      '/en/early-warning#register',
    );
    await expectEnglish(b);

    // The office corrects the injuries first, in French.
    const a = suite.page;
    await a.goto(`${suite.jalon.url}/alerte-precoce/${id}`);
    await waitForHydration(a);
    await a.getByLabel('Blessés', { exact: true }).fill('9');
    await a.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await a.waitForURL(/\?saved=1/);

    await b.getByLabel('Dead', { exact: true }).fill('7');
    await b.getByRole('button', { name: 'Save the correction' }).click();
    const conflict = b.locator('[data-conflict]');
    await conflict.waitFor();
    expect(await conflict.getByRole('heading').innerText()).toBe(
      'Someone saved this incident in the meantime',
    );
    expect(await conflict.locator('[data-conflict-field="injuries"] th').innerText()).toBe(
      'Injured',
    );
    await expectEnglish(b);
    await conflict.getByRole('button', { name: 'Keep my version' }).click();
    await b.waitForURL(
      (url) => url.pathname === `/en/early-warning/${id}` && url.searchParams.has('saved'),
    );
    expect(await b.locator('[role="status"]').first().innerText()).toBe('Incident corrected.');
    const [now] = await sql<{ deaths: number; injuries: number; version: number }[]>`
      select deaths, injuries, version from incident where id = ${id}`;
    expect(now).toEqual({ deaths: 7, injuries: 0, version: 3 });
    await b.close();
    await page.close();
  }, 240_000);
});
