import type { BrowserContext } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  phoneContext,
  signedInPhone,
} from '../src/browser';
import { caches, pagesKept, watchOffline as watch } from '../src/offline';

/**
 * The service worker in Chromium at 390 px, on the real server: the entry pages of the signed-in
 * account are kept, so that a page reloaded (or opened) without a connection still takes an
 * activity or an incident, which waits in the outbox and is recorded exactly once when the
 * connection comes back. The kept pages belong to one account and go at sign-out; caches are
 * named by build and the old ones deleted.
 */

describe.runIf(browserSuiteCanRun)('the service worker in Chromium at 390 px', () => {
  const suite = chromiumSuite({ signInAs: null });
  let sql: postgres.Sql;
  let context: BrowserContext;
  let organisationId: string;

  beforeAll(async () => {
    sql = postgres(suite.jalon.databaseUrl, { max: 1, onnotice: () => {} });
    const [org] = await sql<{ id: string }[]>`select id from organisation limit 1`;
    organisationId = org!.id;
    context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
  });
  afterAll(async () => {
    await context?.close();
    await sql?.end();
  });

  const count = async (like: string) => {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from activity where title like ${like}`;
    return row!.n;
  };

  it('keeps the entry pages of the account, reloads them offline and records what was typed once', async () => {
    await context.setOffline(false);
    const page = await context.newPage();
    const errors = watch(page);
    // Signed in, any page: the worker installs and prepares the entry pages (never opened yet).
    await page.goto(`${suite.jalon.url}/tableau-de-bord`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await expect
      .poll(() => pagesKept(page), { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/ \/activites\/nouvelle$/),
          expect.stringMatching(/ \/alerte-precoce$/),
        ]),
      );
    const kept = await pagesKept(page);
    // One account's cache, named by her organisation (and her user).
    expect(new Set(kept.map((line) => line.split(' ')[0])).size).toBe(1);
    expect(decodeURIComponent(kept[0]!)).toContain(organisationId);
    // The app's files are kept under the build's version; nothing else of Jalon's.
    const { version } = (await (
      await context.request.get(`${suite.jalon.url}/_app/version.json`)
    ).json()) as { version: string };
    const names = Object.keys(await caches(page));
    expect(names).toContain(`jalon-shell-${version}`);
    expect(names.every((n) => n.includes(version))).toBe(true);

    // The connection goes; the entry page is reloaded, served by the worker, and says so.
    await page.goto(`${suite.jalon.url}/activites/nouvelle`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    const status = page.locator('[data-offline]');
    await expect.poll(() => status.innerText()).toContain('Hors ligne');

    await page.getByLabel('Intitulé de l’activité').fill('Service worker : causerie à Djenné');
    await page.getByLabel('Type d’activité').selectOption('training');
    await page.getByLabel('Programme', { exact: true }).selectOption({
      label: 'Renforcement de capacité institutionnelle et relation État-citoyens (CCS-C)',
    });
    await page.getByLabel('Date de début').fill('2024-03-05');
    await page.getByLabel('Participants au total', { exact: true }).fill('22');
    await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await expect.poll(() => page.locator('[data-outbox-count]').innerText()).toBe('1');
    await page.screenshot({ path: `${artifacts}service-worker-offline.png`, fullPage: true });

    // The early-warning page, never opened on this device, opens offline with its form.
    const incidents = await context.newPage();
    const incidentErrors = watch(incidents);
    const opened = await incidents.goto(`${suite.jalon.url}/alerte-precoce`);
    expect(opened?.fromServiceWorker()).toBe(true);
    await incidents.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await incidents.getByRole('heading', { level: 1 }).innerText()).toBeTruthy();
    expect(await incidents.locator('details.incident-entry').count()).toBe(1);
    await incidents.close();

    // A page never kept says « Hors ligne », links to the entry pages, and is not the error page.
    const other = await context.newPage();
    await other.goto(`${suite.jalon.url}/indicateurs`);
    expect(await other.locator('h1').innerText()).toContain('Hors ligne');
    expect(await other.getByRole('link', { name: 'Nouvelle activité' }).count()).toBe(1);
    await other.close();

    expect(await count('Service worker%')).toBe(0);
    // Back online: sent by itself, exactly once, however often the page comes back.
    await context.setOffline(false);
    await expect.poll(() => count('Service worker%'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-outbox-count]').count()).toBe(0);
    await page.reload();
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await count('Service worker%')).toBe(1);
    expect(await page.locator('[data-offline]').count()).toBe(0);
    expect([...errors, ...incidentErrors]).toEqual([]);
    await page.close();
  });

  it('forgets the kept pages at sign-out, and keeps the next account’s apart', async () => {
    await context.setOffline(false);
    const page = await context.newPage();
    await page.goto(`${suite.jalon.url}/tableau-de-bord`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await expect.poll(() => pagesKept(page), { timeout: 30_000 }).not.toEqual([]);
    const before = (await pagesKept(page))[0]!.split(' ')[0];

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await expect.poll(() => pagesKept(page)).toEqual([]);
    // Offline now, the entry page is no longer there to show.
    await context.setOffline(true);
    await page.goto(`${suite.jalon.url}/activites/nouvelle`);
    expect(await page.locator('h1').innerText()).toContain('Hors ligne');
    expect(await page.getByLabel('Intitulé de l’activité').count()).toBe(0);
    await context.setOffline(false);

    // Another account (the programme officer) signs in through the sign-in page: her own pages,
    // under her own name.
    await page.goto(`${suite.jalon.url}/connexion`);
    await page.getByLabel('Adresse électronique').fill(demoAccounts.programmeOfficer);
    await page.getByLabel('Mot de passe').fill('jalon-demo-2023');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await expect.poll(() => pagesKept(page), { timeout: 30_000 }).not.toEqual([]);
    const after = (await pagesKept(page))[0]!.split(' ')[0];
    expect(after).not.toBe(before);
    expect(new Set((await pagesKept(page)).map((l) => l.split(' ')[0])).size).toBe(1);
    await page.close();
  });

  it('deletes the caches of other builds when its worker activates', async () => {
    // A device that ran an older build: its caches are there before this build's worker.
    const device = await phoneContext(suite.browser);
    try {
      const page = await device.newPage();
      await page.goto(`${suite.jalon.url}/_app/version.json`);
      await page.evaluate(`Promise.all([
        caches.open('jalon-shell-an-old-build'),
        caches.open('jalon-pages-an-old-build-someone'),
        caches.open('not-jalon'),
      ])`);
      await page.goto(`${suite.jalon.url}/connexion`);
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      await expect
        // Alone it takes about 4 s; late in a full run, once over 15 s (its activation waits for
        // the install's precache): the bound is a wait, not a timing assertion.
        .poll(async () => Object.keys(await caches(page)).filter((n) => n.includes('old-build')), {
          timeout: 45_000,
        })
        .toEqual([]);
      expect(Object.keys(await caches(page))).toEqual([expect.stringMatching(/^jalon-shell-/)]);
      expect(await page.evaluate(`caches.has('not-jalon')`)).toBe(true);
    } finally {
      await device.close();
    }
  });
});
