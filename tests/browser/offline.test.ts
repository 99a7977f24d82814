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
import { outbox, putOutbox } from '../src/offline';

/**
 * Field work on a bad connection, in Chromium at 390 px on the real server: what is typed
 * offline waits in the outbox (IndexedDB) and is recorded once when the connection comes back,
 * however many times it is sent; a save cut mid-request is neither lost nor doubled; a draft
 * survives a reload; a save the server refuses stays with its message until discarded.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

describe.runIf(browserSuiteCanRun)('field work offline in Chromium at 390 px', () => {
  const suite = chromiumSuite();
  let sql: postgres.Sql;
  let context: BrowserContext;

  beforeAll(async () => {
    sql = postgres(suite.jalon.databaseUrl, { max: 1, onnotice: () => {} });
    context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    // Counts the page's requests to keep its storage (the browser's own answer still given).
    await context.addInitScript(`(() => {
      const storage = navigator.storage;
      if (!storage || !storage.persist) return;
      const persist = storage.persist.bind(storage);
      window.__jalonPersistAsked = 0;
      storage.persist = () => { window.__jalonPersistAsked++; return persist(); };
    })()`);
  });
  afterAll(async () => {
    await context?.close();
    await sql?.end();
  });

  const count = async (table: 'activity' | 'incident', like: string) => {
    const column = table === 'activity' ? sql`title` : sql`description`;
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from ${sql(table)} where ${column} like ${like}`;
    return row!.n;
  };

  async function open(path: string): Promise<Page> {
    await context.setOffline(false);
    const page = await context.newPage();
    page.on('pageerror', (error) => suite.pageErrors.push(error.message));
    await page.goto(`${suite.jalon.url}${path}`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    return page;
  }

  async function typeActivity(page: Page, title: string, total: string) {
    await page.getByLabel('Intitulé de l’activité').fill(title);
    await page.getByLabel('Type d’activité').selectOption('training');
    await page.getByLabel('Programme', { exact: true }).selectOption({
      label: 'Renforcement de capacité institutionnelle et relation État-citoyens (CCS-C)',
    });
    await page.getByLabel('Date de début').fill('2024-02-10');
    await page.getByLabel('Participants au total', { exact: true }).fill(total);
  }

  async function typeIncident(page: Page, description: string) {
    const details = page.locator('details.incident-entry');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await page.getByLabel('Date de l’incident').fill('2024-02-11');
    await page.getByLabel('Domaine').selectOption('democracy-governance');
    await page.getByLabel('Morts', { exact: true }).fill('1');
    await page.getByLabel('Description (facultatif)').fill(description);
  }

  const badge = (page: Page) => page.locator('[data-outbox-count]');

  it('keeps three activities and an incident offline, across a reload, and records exactly those once', async () => {
    const activities = await open('/activites/nouvelle');
    const incidents = await open('/alerte-precoce');
    await context.setOffline(true);

    await typeActivity(activities, 'Hors ligne : causerie à Mopti', '30');
    await activities.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    const notice = activities.locator('[data-notice]');
    await expect.poll(() => notice.innerText()).toContain('en attente d’envoi');
    expect(await notice.innerText()).toContain('«\u202fHors ligne : causerie à Mopti\u202f»');
    expect(await badge(activities).innerText()).toBe('1');
    // A fresh form for the next record.
    expect(await activities.getByLabel('Intitulé de l’activité').inputValue()).toBe('');

    await typeActivity(activities, 'Hors ligne : dialogue à Ségou', 'environ 50');
    await activities.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await expect.poll(() => badge(activities).innerText()).toBe('2');

    await typeActivity(activities, 'Hors ligne : atelier à Gao', '12');
    await activities.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await expect.poll(() => badge(activities).innerText()).toBe('3');
    // The outbox asked the browser to keep its storage (navigator.storage.persist()).
    expect(await activities.evaluate<number>('window.__jalonPersistAsked')).toBeGreaterThan(0);

    await typeIncident(incidents, 'Hors ligne : incident de Kidal');
    await incidents.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await expect.poll(() => badge(incidents).innerText()).toBe('4');
    expect(await incidents.locator('[data-outbox]').innerText()).toContain('En attente d’envoi');
    await incidents.screenshot({ path: `${artifacts}offline-outbox.png`, fullPage: true });

    // Reloading while offline loses nothing: the outbox is on the device.
    await activities.reload().catch(() => undefined);
    const kept = await outbox(incidents);
    expect(kept.map((e) => e.label).sort()).toEqual([
      '2024-02-11 · Démocratie et gouvernance',
      'Hors ligne : atelier à Gao',
      'Hors ligne : causerie à Mopti',
      'Hors ligne : dialogue à Ségou',
    ]);
    expect(await count('activity', 'Hors ligne%')).toBe(0);
    expect(await count('incident', 'Hors ligne%')).toBe(0);

    // The connection comes back: sent by themselves.
    await context.setOffline(false);
    await expect.poll(() => count('activity', 'Hors ligne%'), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => count('incident', 'Hors ligne%'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => outbox(incidents)).toEqual([]);
    await expect.poll(() => badge(incidents).count()).toBe(0);
    expect(await incidents.locator('[data-outbox]').innerText()).toMatch(/envoyé/);

    // Replaying the same outbox twice (the entries put back, then « Synchroniser ») writes nothing.
    for (let round = 0; round < 2; round++) {
      await putOutbox(incidents, kept);
      await incidents.reload();
      // Sent on start, one after the other (a loaded machine may take a few seconds).
      await expect.poll(() => outbox(incidents), { timeout: 15_000 }).toEqual([]);
    }
    expect(await count('activity', 'Hors ligne%')).toBe(3);
    expect(await count('incident', 'Hors ligne%')).toBe(1);
    await activities.close();
    await incidents.close();
  });

  it('a save cut by the network mid-request is kept, said in French, and recorded once', async () => {
    const page = await open('/activites/nouvelle');
    // The request reaches the server (which records it), the answer never comes back.
    await page.route('**/activites/nouvelle', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('failed');
    });
    await typeActivity(page, 'Coupure : atelier de Gao', '12');
    await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    const notice = page.locator('[data-notice]');
    await expect.poll(() => notice.innerText()).toContain('en attente d’envoi');
    expect(await page.locator('body').innerText()).not.toContain('Failed to fetch');
    expect(await page.locator('body').innerText()).not.toContain('Erreur 500');
    expect(await count('activity', 'Coupure%')).toBe(1);

    await page.unroute('**/activites/nouvelle');
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await expect.poll(() => outbox(page)).toEqual([]);
    expect(await count('activity', 'Coupure%')).toBe(1);
    await page.close();
  });

  it('keeps a draft across a reload until it is discarded', async () => {
    const page = await open('/activites/nouvelle');
    await typeActivity(page, 'Brouillon : formation à Tombouctou', '25');
    await page.reload();
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await page.getByLabel('Intitulé de l’activité').inputValue()).toBe(
      'Brouillon : formation à Tombouctou',
    );
    expect(await page.getByLabel('Participants au total', { exact: true }).inputValue()).toBe('25');
    expect(await page.getByLabel('Date de début').inputValue()).toBe('2024-02-10');
    // The live read-back follows the restored boxes.
    await expect
      .poll(() => page.locator('[data-read-back]').innerText())
      .toContain('25 participants');
    const restored = page.locator('[data-draft-restored]');
    expect(await restored.innerText()).toContain('Brouillon repris');

    // The button reloads the page: wait for the new page's load, not the old one's.
    await Promise.all([
      page.waitForEvent('load'),
      restored.getByRole('button', { name: 'Effacer le brouillon' }).click(),
    ]);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await page.getByLabel('Intitulé de l’activité').inputValue()).toBe('');
    expect(await page.locator('[data-draft-restored]').count()).toBe(0);
    await page.close();
  });

  it('a save the server refuses stays with its message until discarded', async () => {
    const page = await open('/alerte-precoce');
    await context.setOffline(true);
    await typeIncident(page, 'Refusé : incident de Ménaka');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await expect.poll(() => badge(page).innerText()).toBe('1');
    // As if another device's clock had sent a date the server refuses.
    const [entry] = await outbox(page);
    const fields = entry!.fields.map(([k, v]) => [k, k === 'date' ? '2024-02-31' : v]);
    await putOutbox(page, [{ ...entry, fields }]);
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    const refused = page.locator('[data-outbox-entry="refused"]');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.innerText()).toContain('Refusé par le serveur');
    // With the server's reason, in French (never the API's English or a bare status).
    const reason = (await refused.locator('.state').innerText())
      .split(/\s:\s/)
      .slice(1)
      .join(' : ');
    expect(reason.trim().length).toBeGreaterThan(5);
    expect(reason).not.toMatch(/\b(invalid|expected|required|must|Failed|Error)\b/i);
    expect(await count('incident', 'Refusé%')).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await refused.getByRole('button', { name: 'Abandonner' }).click();
    await expect.poll(() => outbox(page)).toEqual([]);
    expect(await count('incident', 'Refusé%')).toBe(0);
    await page.close();
  });

  it('a refused save is taken up again in its form, corrected, and recorded once', async () => {
    const page = await open('/alerte-precoce');
    await context.setOffline(true);
    await typeIncident(page, 'Repris : incident de Niono');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await expect.poll(() => badge(page).innerText()).toBe('1');
    const [entry] = await outbox(page);
    const fields = entry!.fields.map(([k, v]) => [k, k === 'date' ? '2024-02-31' : v]);
    await putOutbox(page, [{ ...entry, fields }]);
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    const refused = page.locator('[data-outbox-entry="refused"]');
    await expect.poll(() => refused.count()).toBe(1);

    // « Reprendre »: the form again, with what was typed; the date corrected, then saved.
    // It writes the draft, then loads the form anew: wait for that load (the old page is loaded
    // already, so waiting for a load state would read the old form).
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      refused.getByRole('button', { name: 'Reprendre' }).click(),
    ]);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    const details = page.locator('details.incident-entry');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    expect(await page.getByLabel('Description (facultatif)').inputValue()).toBe(
      'Repris : incident de Niono',
    );
    expect(await page.getByLabel('Morts', { exact: true }).inputValue()).toBe('1');
    await page.getByLabel('Date de l’incident').fill('2024-02-12');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await expect.poll(() => count('incident', 'Repris%'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => outbox(page)).toEqual([]);
    expect(await count('incident', 'Repris%')).toBe(1);
    await page.close();
  });

  it('exports the outbox to a file, imported and sent from a second browser: recorded once', async () => {
    const page = await open('/alerte-precoce');
    await context.setOffline(true);
    await typeIncident(page, 'Clé USB : incident de Tessalit');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await expect.poll(() => badge(page).innerText()).toBe('1');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter dans un fichier' }).click(),
    ]);
    const file = await download.path();
    expect(download.suggestedFilename()).toMatch(
      /^jalon-envois-en-attente-\d{4}-\d{2}-\d{2}\.json$/,
    );

    // Another machine, with a connection, signed in as someone else of the organisation.
    const second = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.admin);
    try {
      const other = await second.newPage();
      await other.goto(`${suite.jalon.url}/tableau-de-bord`);
      await other.waitForSelector('html[data-hydrated]', { state: 'attached' });
      for (let round = 0; round < 2; round++) {
        await other
          .getByLabel('Importer des envois en attente (fichier d’un autre appareil)')
          .setInputFiles(file);
        // Read, stored and sent by the other page (a loaded machine may take a few seconds).
        await expect.poll(() => count('incident', 'Clé USB%'), { timeout: 20_000 }).toBe(1);
        await expect.poll(() => outbox(other), { timeout: 15_000 }).toEqual([]);
      }
      // Imported twice: still one record.
      expect(await count('incident', 'Clé USB%')).toBe(1);
    } finally {
      await second.close();
    }
    await page.close();
  });

  it('keeps what was typed in a set-up form when the request fails, until the server takes it', async () => {
    const page = await open('/parametres/bailleurs');
    const form = page.locator('form').filter({ has: page.getByLabel('Code', { exact: true }) });
    await form.getByLabel('Code', { exact: true }).fill('COUPURE');
    await form.getByLabel('Nom', { exact: true }).fill('Bailleur saisi pendant une coupure');
    // The connection drops as she posts: the browser shows its own error page.
    await context.setOffline(true);
    await form
      .getByRole('button', { name: 'Enregistrer' })
      .click()
      .catch(() => undefined);
    await page.waitForTimeout(500);
    await context.setOffline(false);
    const [before] = await sql<
      { n: number }[]
    >`select count(*)::int as n from donor where code = 'COUPURE'`;
    expect(before!.n).toBe(0);

    // Back on the page: what was typed is there, and said.
    await page.goto(`${suite.jalon.url}/parametres/bailleurs`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await page.getByLabel('Code', { exact: true }).inputValue()).toBe('COUPURE');
    expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe(
      'Bailleur saisi pendant une coupure',
    );
    expect(await page.locator('[data-draft-restored]').innerText()).toContain('Brouillon repris');

    // Sent again: recorded, and the draft goes (a reload shows the empty form).
    await page
      .locator('form')
      .filter({ has: page.getByLabel('Code', { exact: true }) })
      .getByRole('button', { name: 'Enregistrer' })
      .click();
    await page.waitForURL(/enregistre=COUPURE/);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    const [after] = await sql<
      { n: number }[]
    >`select count(*)::int as n from donor where code = 'COUPURE'`;
    expect(after!.n).toBe(1);
    await page.goto(`${suite.jalon.url}/parametres/bailleurs`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await page.getByLabel('Code', { exact: true }).inputValue()).toBe('');
    expect(await page.locator('[data-draft-restored]').count()).toBe(0);
    await page.close();
  });
});
