import type { BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  signedInPhone,
} from '../src/browser';

/**
 * Two officers edit the same activity: the second save is refused (the version she read is
 * stale) and shown side by side, mine beside the server's, field by field; she keeps hers (sent
 * again at the new version), takes theirs, or keeps both (hers becomes a new activity). Nothing
 * typed is lost, nothing is overwritten without her choosing it. The second officer is on a
 * phone (390 px).
 */
describe.runIf(browserSuiteCanRun)('an edit conflict, side by side, in Chromium', () => {
  const suite = chromiumSuite();
  let sql: postgres.Sql;
  let phone: BrowserContext;
  let activityUrl: string;
  const TITLE = 'Conflit : atelier à Kayes';

  beforeAll(async () => {
    sql = postgres(suite.jalon.databaseUrl, { max: 1, onnotice: () => {} });
    phone = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);

    // The activity both will edit.
    const a = suite.page;
    await a.goto(`${suite.jalon.url}/activites/nouvelle`);
    await a.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await a.getByLabel('Intitulé de l’activité').fill(TITLE);
    await a.getByLabel('Type d’activité').selectOption('training');
    await a.getByLabel('Programme', { exact: true }).selectOption({
      label: 'Renforcement de capacité institutionnelle et relation État-citoyens (CCS-C)',
    });
    await a.getByLabel('Date de début').fill('2024-05-06');
    await a.getByLabel('Participants au total', { exact: true }).fill('20');
    await a.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await a.waitForURL(/\/activites\/[0-9a-f-]{36}/);
    activityUrl = a.url().split('?')[0]!;
  });
  afterAll(async () => {
    await phone?.close();
    await sql?.end();
  });

  const rows = () =>
    sql<{ title: string; sessions: number; version: number }[]>`
      select title, sessions, version from activity where title like ${'Conflit%'} order by created_at`;

  async function openEdit(page: Page) {
    await page.goto(`${activityUrl}/modifier`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  }

  /** The desktop officer saves a change first. */
  async function firstSaves(title: string) {
    const a = suite.page;
    await openEdit(a);
    await a.getByLabel('Intitulé de l’activité').fill(title);
    await a.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await a.waitForURL(/\/activites\/[0-9a-f-]{36}\?saved=1/);
  }

  /** The phone officer, on the page she opened before, saves hers: refused, shown side by side. */
  async function secondIsRefused(b: Page, sessions: string) {
    await b.getByLabel('Nombre de sessions').fill(sessions);
    await b.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const conflict = b.locator('[data-conflict]');
    await conflict.waitFor();
    expect(await conflict.getByRole('heading').innerText()).toBe(
      'Quelqu’un a enregistré cette activité entre-temps',
    );
    return conflict;
  }

  it('keeps both: hers becomes a new activity, the other save stays', async () => {
    const b = await phone.newPage();
    await openEdit(b);
    await firstSaves(`${TITLE} (corrigé)`);
    const conflict = await secondIsRefused(b, '2');
    // Field by field: the title the other saved, the sessions she typed.
    const title = conflict.locator('[data-conflict-field="title"]');
    expect(await title.innerText()).toContain(TITLE);
    expect(await title.locator('.theirs').innerText()).toBe(`${TITLE} (corrigé)`);
    const sessions = conflict.locator('[data-conflict-field="sessions"]');
    expect(await sessions.locator('.mine').innerText()).toBe('2');
    expect(await sessions.locator('.theirs').innerText()).toBe('1');
    expect(await conflict.locator('[data-conflict-field]').count()).toBe(2);
    // What she typed is still in the form.
    expect(await b.getByLabel('Nombre de sessions').inputValue()).toBe('2');
    expect(
      await b.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBe(0);
    await b.screenshot({ path: `${artifacts}conflict-390.png`, fullPage: true });

    await conflict.getByRole('button', { name: 'Garder les deux' }).click();
    await b.waitForURL(
      (url) =>
        /\/activites\/[0-9a-f-]{36}$/.test(url.pathname) && !url.href.startsWith(activityUrl),
    );
    // What she typed lives in the new activity now: the edit page does not offer it again.
    expect(await b.evaluate('JSON.stringify(Object.keys(localStorage))')).not.toContain(
      activityUrl.split('/').pop(),
    );
    expect(await rows()).toEqual([
      { title: `${TITLE} (corrigé)`, sessions: 1, version: 2 },
      { title: TITLE, sessions: 2, version: 1 },
    ]);
    await b.close();
  });

  it('keeps mine: sent again at the server’s version, once', async () => {
    const b = await phone.newPage();
    await openEdit(b);
    await firstSaves(`${TITLE} (v3)`);
    const conflict = await secondIsRefused(b, '3');
    await conflict.getByRole('button', { name: 'Garder ma version' }).click();
    await b.waitForURL(/\?saved=1/);
    const [original] = await rows();
    // Hers, over the server's (the title she had read comes back: she chose it, seeing both).
    expect(original).toEqual({ title: `${TITLE} (corrigé)`, sessions: 3, version: 4 });
    await b.close();
  });

  it('takes theirs: the form shows the server’s record, the next save goes at its version', async () => {
    const b = await phone.newPage();
    await openEdit(b);
    await firstSaves(`${TITLE} (v5)`);
    const conflict = await secondIsRefused(b, '9');
    await conflict.getByRole('button', { name: 'Prendre la version du serveur' }).click();
    expect(await b.locator('[data-conflict]').count()).toBe(0);
    expect(await b.getByLabel('Intitulé de l’activité').inputValue()).toBe(`${TITLE} (v5)`);
    expect(await b.getByLabel('Nombre de sessions').inputValue()).toBe('3');
    await b.getByLabel('Nombre de sessions').fill('4');
    await b.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await b.waitForURL(/\?saved=1/);
    const [original] = await rows();
    expect(original).toEqual({ title: `${TITLE} (v5)`, sessions: 4, version: 6 });
    await b.close();
  });
});
